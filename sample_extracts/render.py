"""How a source system prints values and headers: the text of every cell of a file.

A file's style fixes its encoding, date format (ISO or DD/MM/YYYY), whether amounts carry
thousands separators, and how its header spells the contract's names (case, accents,
surrounding spaces, aliases) — always something ingestion must map back to the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipelines.specs.contracts import load_contract

ISO = "%Y-%m-%d"
DMY = "%d/%m/%Y"
HEADER_STYLES = ("contrato", "mayusculas", "titulo", "espacios", "alias")
ACCENTED_HEADER_STYLES = ("mayusculas", "titulo", "alias")

# Accented spellings a person would type in a header.
ACCENTED_WORDS = {
    "periodo": "período",
    "categoria": "categoría",
    "capitulo": "capítulo",
    "maximo": "máximo",
    "dedicacion": "dedicación",
    "opcion": "opción",
    "titulacion": "titulación",
    "indigena": "indígena",
}


@dataclass(frozen=True)
class FileStyle:
    format: str = "csv"  # csv | xlsx
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | cp1252 (ignored for xlsx)
    date_format: str = ISO
    thousands: bool = False
    header: str = "contrato"
    line_terminator: str = "\n"


def _accented(name: str) -> str:
    return "_".join(ACCENTED_WORDS.get(word, word) for word in name.split("_"))


def header_names(kind: str, style: FileStyle) -> list[str]:
    """The header the file shows for each contract column, in contract order."""
    names = []
    for position, column in enumerate(load_contract(kind).columns):
        name = column.name
        if style.header == "mayusculas":
            name = _accented(name).upper()
        elif style.header == "titulo":
            name = "_".join(word.capitalize() for word in _accented(name).split("_"))
        elif style.header == "espacios":
            name = f" {name.capitalize()}" if position % 2 == 0 else f"{name.upper()} "
        elif style.header == "alias":
            name = column.aliases[-1].capitalize() if column.aliases else _accented(name)
        names.append(name)
    return names


def with_thousands(plain: pl.Expr) -> pl.Expr:
    """`-1234567.89` → `-1,234,567.89` (text in, text out)."""
    sign = pl.when(plain.str.starts_with("-")).then(pl.lit("-")).otherwise(pl.lit(""))
    digits = plain.str.strip_chars_start("-")
    whole = digits.str.split_exact(".", 1).struct.field("field_0")
    fraction = digits.str.split_exact(".", 1).struct.field("field_1")
    grouped = whole.str.reverse().str.extract_all(r"\d{1,3}").list.join(",").str.reverse()
    return pl.concat_str(
        [
            sign,
            grouped,
            pl.when(fraction.is_not_null()).then(pl.lit(".") + fraction).otherwise(pl.lit("")),
        ]
    )


def render_rows(frame: pl.DataFrame, kind: str, style: FileStyle) -> pl.DataFrame:
    """Every contract column as the text the file will hold (null = empty cell)."""
    expressions = []
    for column in load_contract(kind).columns:
        value = pl.col(column.name)
        if column.type == "date":
            text = value.dt.strftime(style.date_format)
        elif column.type == "decimal":
            text = value.cast(pl.String)
            if style.thousands:
                text = with_thousands(text)
        else:
            text = value.cast(pl.String)
        expressions.append(text.alias(column.name))
    return frame.select(expressions)


def impossible_date(year: pl.Expr, style: FileStyle) -> pl.Expr:
    """A 31 February of `year`, spelled in the file's date format (never a valid date)."""
    year_text = year.cast(pl.String).str.zfill(4)
    if style.date_format == ISO:
        return year_text + pl.lit("-02-31")
    return pl.lit("31/02/") + year_text
