"""How a figure reads on the portal: Mexican Spanish digits (1,234.5), the unit's sign, and the
mark `C` — never a number — for a figure the publication hides."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from pipelines.portal.data import Figure

MARK = "C"
MARK_TITLE = "Confidencial (vea la nota bajo la tabla)"
NO_FIGURE = "—"
UNIT_SIGNS = {"porcentaje": " %", "pesos": ""}


def number_text(value: Decimal | float | int) -> str:
    """All the significant decimals of a published figure (at most 4), thousands with commas."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    text = f"{number:,.4f}".rstrip("0").rstrip(".")
    return text


def figure_text(value: Decimal | float | int | None, unit: str = "") -> str:
    if value is None:
        return NO_FIGURE
    prefix = "$" if unit == "pesos" else ""
    return f"{prefix}{number_text(value)}{UNIT_SIGNS.get(unit, '')}"


def figure_cell(figure: Figure | None, unit: str = "") -> Markup:
    """A table cell: the figure with its sort key, the mark with its explanation, or a dash."""
    if figure is not None and figure.oculta:
        return Markup(
            '<td class="oculta" data-order="" data-estado="C">'
            f'<abbr title="{MARK_TITLE}">{MARK}</abbr></td>'
        )
    if figure is None or figure.valor is None:
        return Markup(f'<td class="num" data-order="">{NO_FIGURE}</td>')
    return value_cell(figure.valor, unit)


def value_cell(value: Decimal | float | int | None, unit: str = "") -> Markup:
    if value is None:
        return Markup(f'<td class="num" data-order="">{NO_FIGURE}</td>')
    order, text = Decimal(str(value)), escape(figure_text(value, unit))
    return Markup(f'<td class="num" data-order="{order}">{text}</td>')


def change_text(latest: Figure | None, previous: Figure | None, unit: str) -> str:
    """The change from the previous period, when both figures are shown."""
    if not latest or not previous or latest.valor is None or previous.valor is None:
        return NO_FIGURE
    difference = latest.valor - previous.valor
    sign = "+" if difference > 0 else ""
    if unit == "porcentaje":  # a change of a percentage is in percentage points
        return f"{sign}{number_text(difference)} pp"
    text = f"{sign}{figure_text(difference, unit)}"
    if previous.valor:
        percent = (difference / previous.valor * 100).quantize(Decimal("0.1"))
        text += f" ({'+' if percent > 0 else ''}{number_text(percent)} %)"
    return text
