"""Results as a person opens them in Excel (docs/EXPORTACIONES.md says why each rule).

* Counts are whole numbers: a decimal column whose every value is whole (a count published in a
  long table beside ratios, `valor` of MATRICULA_TOTAL) is written as an integer, `3822`, never
  `3822.0000`; other decimals keep their scale.
* CSV starts with a UTF-8 byte order mark, so that Excel, which otherwise reads a CSV in the
  Windows code page, shows `Matrícula` and not `MatrÃ­cula`.
* A text cell that Excel would take for a formula (it starts with =, +, -, @, a tab or a carriage
  return) gets a leading single quote, as OWASP recommends against CSV injection; numbers are
  numbers and are never touched, so a negative amount stays a negative number.
* In .xlsx every column has the number format of its kind: integers `#,##0`, decimals
  `#,##0.00…` with their scale.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"
INTEGER_FORMAT = "#,##0"


def whole_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """Decimal columns whose every value is whole, as 64-bit integers."""
    whole = [
        name
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Decimal) and _all_whole(frame[name])
    ]
    return frame.with_columns(pl.col(whole).cast(pl.Int64)) if whole else frame


def _all_whole(values: pl.Series) -> bool:
    present = values.drop_nulls()
    if present.is_empty():
        return False
    limit = 2**63 - 1
    fits = bool((present.abs() <= limit).all())
    return fits and bool((present.round(0) == present).all())


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with a single quote."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )


def write_csv_for_excel(frame: pl.DataFrame, output: Path) -> None:
    neutralised(whole_counts(frame)).write_csv(output, include_bom=True)


def csv_text(frame: pl.DataFrame) -> str:
    """CSV on standard output (for a pipe, so no byte order mark), with the same rules."""
    return neutralised(whole_counts(frame)).write_csv()


def _number_format(dtype: pl.DataType) -> str | None:
    if dtype.is_integer():
        return INTEGER_FORMAT
    if isinstance(dtype, pl.Decimal):
        scale = dtype.scale or 0
        return INTEGER_FORMAT + ("." + "0" * scale if scale else "")
    return None


def write_xlsx(frame: pl.DataFrame, output: Path, worksheet: str = "resultado") -> None:
    frame = whole_counts(frame)
    formats = {
        name: number_format
        for name, dtype in frame.schema.items()
        if (number_format := _number_format(dtype)) is not None
    }
    # Excel has no decimal type: amounts and ratios go as floating point numbers, shown with
    # their scale by the column's format.
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    frame = frame.with_columns(pl.col(decimals).cast(pl.Float64)) if decimals else frame
    frame.write_excel(output, worksheet=worksheet, autofit=True, column_formats=formats)  # type: ignore[arg-type]
