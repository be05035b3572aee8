"""Text → the contract's types. Each function returns the typed value, null where the text is not
a valid value of the type (the caller tells an empty cell from an invalid one)."""

from __future__ import annotations

import polars as pl

from pipelines.specs.contracts import Column

THOUSANDS = r"^-?\d{1,3}(,\d{3})+(\.\d+)?$"
PLAIN_NUMBER = r"^-?\d+(\.\d+)?$"
EXCEL_EPOCH = pl.date(1899, 12, 30)

TYPE_NAMES = {
    "integer": "un número entero",
    "decimal": "un número decimal (1234567.89 o 1,234,567.89)",
    "date": "una fecha AAAA-MM-DD o DD/MM/AAAA",
    "text": "texto",
}


def _number_text(text: pl.Expr) -> pl.Expr:
    """The text of a plain or thousands-separated number, without separators; null otherwise."""
    valid = text.str.contains(PLAIN_NUMBER) | text.str.contains(THOUSANDS)
    return pl.when(valid).then(text.str.replace_all(",", "", literal=True))


def to_integer(text: pl.Expr) -> pl.Expr:
    number = _number_text(text).cast(pl.Float64, strict=False)
    return pl.when(number == number.floor()).then(number).cast(pl.Int64, strict=False)


def to_decimal(text: pl.Expr, scale: int) -> pl.Expr:
    return _number_text(text).cast(pl.Decimal(18, scale), strict=False)


def to_date(text: pl.Expr, from_spreadsheet: bool) -> pl.Expr:
    iso = text.str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    iso = pl.when(text.str.contains(r"^\d{4}-\d{2}-\d{2}([ T][\d:.]+)?$")).then(iso)
    dmy = pl.when(text.str.contains(r"^\d{2}/\d{2}/\d{4}$")).then(
        text.str.strptime(pl.Date, "%d/%m/%Y", strict=False)
    )
    candidates: list[pl.Expr] = [iso, dmy]
    if from_spreadsheet:
        # a date cell in a column that also holds text arrives as its serial number
        serial = pl.when(text.str.contains(r"^\d{5}$")).then(text.cast(pl.Int64, strict=False))
        candidates.append(EXCEL_EPOCH + pl.duration(days=serial))
    return pl.coalesce(candidates)


def cast_column(column: Column, from_spreadsheet: bool = False) -> pl.Expr:
    text = pl.col(column.name)
    if column.type == "integer":
        typed = to_integer(text).cast(pl.Int32, strict=False)
    elif column.type == "decimal":
        typed = to_decimal(text, column.scale or 2)
    elif column.type == "date":
        typed = to_date(text, from_spreadsheet)
    else:
        typed = text
    return typed.alias(column.name)
