"""The evaluation report's charts: each evaluated indicator of a cell over time, its published
figure as a line and the plan's targets as points, drawn with Altair (Vega-Lite) and rendered to
inline SVG by vl-convert, offline (docs/EVALUATION.md says why these libraries)."""

from __future__ import annotations

import altair as alt
import vl_convert

from pipelines.specs.evaluation import CONFIDENTIAL, GREEN, NO_DATA, PENDING, RED, YELLOW

SEMAFORO_COLOURS = {
    GREEN: "#4c8c4a",
    YELLOW: "#c4892b",
    RED: "#b3261e",
    CONFIDENTIAL: "#5b6770",
    PENDING: "#8a5fa8",
    NO_DATA: "#9e9e9e",
}
FIGURE_COLOUR = "#1f6f8b"


def _number(value: object) -> float | None:
    return None if value is None else float(str(value))


def target_chart(title: str, unit: str, series: list[dict], targets: list[dict]) -> str:
    """SVG of one cell: published values (a gap where a figure is suppressed) and its targets,
    coloured by semáforo."""
    periods = sorted({r["periodo"] for r in series} | {t["periodo"] for t in targets})
    values = [
        {"periodo": r["periodo"], "valor": _number(r["valor"]), "serie": "Cifra publicada"}
        for r in series
    ]
    points = [
        {
            "periodo": t["periodo"],
            "meta": _number(t["meta"]),
            "semaforo": t["semaforo"],
            "instrumento": t["clave_instrumento"],
        }
        for t in targets
    ]
    x = alt.X("periodo:O", sort=periods, title="Periodo", axis=alt.Axis(labelAngle=0))
    line = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True, color=FIGURE_COLOUR)
        .encode(x=x, y=alt.Y("valor:Q", title=unit))
    )
    goal = (
        alt.Chart(alt.Data(values=points))
        .mark_point(shape="diamond", size=110, filled=True)
        .encode(
            x=x,
            y=alt.Y("meta:Q"),
            color=alt.Color(
                "semaforo:N",
                title="Meta (semáforo)",
                scale=alt.Scale(
                    domain=list(SEMAFORO_COLOURS), range=list(SEMAFORO_COLOURS.values())
                ),
            ),
        )
    )
    chart = alt.layer(line, goal).properties(title=title, width=360, height=140)
    return vl_convert.vegalite_to_svg(chart.to_json())
