"""The portal's charts: Vega-Lite specifications written with Altair and rendered at build time to
inline SVG by vl-convert (the same libraries as the evaluation report; docs/PORTAL.md says why).

For build time: a specification is written without its data and without Altair's schema validation
(the same few shapes every time; validating thousands of data values costs more than rendering),
the data go in as plain values, and all the SVGs of a build render together on a few threads
(vl-convert runs each conversion outside Python's lock).

A chart's data are only the figures the publication shows: a hidden figure is not a point, it is a
gap. The SVG carries the drawn marks, not the data, and is hidden from screen readers; the page
gives each chart a text alternative and the same figures in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final

import altair as alt
import vl_convert

PALETTE = ["#1f4e79", "#b3541e", "#3c7a3c", "#7a4e9c", "#8c6d1f", "#2a8c8c", "#9c2a4e"]
LOCALE: Final = "es-MX"
FACET_COLUMNS = 3
RENDER_THREADS = 4
Spec = dict[str, Any]


def _spec(chart: alt.TopLevelMixin, values: list[dict]) -> Spec:
    spec = chart.to_dict(validate=False)
    spec["data"] = {"values": values}
    return spec


def render_svgs(specs: Sequence[Spec]) -> list[str]:
    """Every chart's SVG, in the order given."""

    def render(spec: Spec) -> str:
        return vl_convert.vegalite_to_svg(spec, format_locale=LOCALE)

    with ThreadPoolExecutor(RENDER_THREADS) as pool:
        return list(pool.map(render, specs))


def _number(value: object) -> float:
    return float(str(value))


def series_chart(
    points: Sequence[tuple[str, str, object]], periods: Sequence[str], unit: str
) -> Spec:
    """One line per series (IPN, each level) over the periods: points are (serie, periodo, valor)
    of shown figures only."""
    values = [{"serie": s, "periodo": p, "valor": _number(v)} for s, p, v in points]
    series = list(dict.fromkeys(s for s, _, _ in points))
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_line(point=True)
        .encode(
            x=alt.X("periodo:O", sort=list(periods), title="Periodo", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("valor:Q", title=unit),
            color=alt.Color(
                "serie:N",
                title="Serie",
                legend=alt.Legend(labelLimit=280),
                sort=series,
                scale=alt.Scale(domain=series, range=PALETTE[: len(series)] or PALETTE),
            ),
        )
        .properties(width=560, height=240)
    )
    return _spec(chart, values)


def unit_panels(
    points: Sequence[tuple[str, str, str, object]], periods: Sequence[str], series: Sequence[str]
) -> Spec:
    """Small multiples, one panel per indicator: the unit, its level's median and IPN over time.
    points are (indicador, serie, periodo, valor) of shown figures only; `series` in the order of
    their colours, the same on every sheet; one SVG for the sheet."""
    values = [
        {"indicador": i, "serie": s, "periodo": p, "valor": _number(v)} for i, s, p, v in points
    ]
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "periodo:O",
                sort=list(periods),
                title=None,
                axis=alt.Axis(labelAngle=0, labelOverlap=True),
            ),
            y=alt.Y("valor:Q", title=None),
            color=alt.Color(
                "serie:N",
                title="Serie",
                legend=alt.Legend(labelLimit=280),
                sort=list(series),
                scale=alt.Scale(domain=list(series), range=PALETTE[: len(series)]),
            ),
        )
        .properties(width=200, height=110)
        .facet(facet=alt.Facet("indicador:N", title=None), columns=FACET_COLUMNS)
        .resolve_scale(x="independent", y="independent")
    )
    return _spec(chart, values)
