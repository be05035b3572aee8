"""The portal's charts: Vega-Lite specifications written with Altair, embedded in the page as JSON
and drawn by the reader's browser with Vega-Embed, from the one script the site serves itself
(`chart_library.py`; docs/PORTAL.md says why in the browser and not at build time).

A specification is written without Altair's schema validation (the same few shapes every time;
validating thousands of data values costs more than all the rest), and the data go in as plain
values.

A chart's data are only the figures the publication shows: a hidden figure is not a point, it is a
gap. The JSON in the page therefore holds shown figures only, the same ones as the table beside it.
The drawn SVG is hidden from screen readers; the page gives each chart a text alternative and the
same figures in a table, which is all a reader without JavaScript sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

PALETTE = ["#1f4e79", "#b3541e", "#3c7a3c", "#7a4e9c", "#8c6d1f", "#2a8c8c", "#9c2a4e"]
FACET_COLUMNS = 3
Spec = dict[str, Any]


def _spec(chart: alt.TopLevelMixin, values: list[dict]) -> Spec:
    spec = chart.to_dict(validate=False)
    spec["data"] = {"values": values}
    return spec


def spec_json(spec: Spec) -> Markup:
    """The specification as JSON for a `<script type="application/json">` element: nothing in it
    can close the element, whatever a name holds (Jinja's `tojson`: <, >, & and ' as escapes)."""
    return htmlsafe_json_dumps(spec, ensure_ascii=False, separators=(",", ":"))


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
    their colours, the same on every sheet; one chart for the sheet."""
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
