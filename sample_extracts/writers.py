"""Bytes on disk: CSV in the file's encoding and line ends, or an XLSX workbook.

Both are byte-deterministic: CSV trivially, XLSX because the workbook's creation time is fixed
(xlsxwriter then also stamps its zip entries with a fixed date).
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import polars as pl
import xlsxwriter

from pipelines.specs.contracts import load_contract
from sample_extracts.bad_rows import SampleFile
from sample_extracts.render import header_names

FIXED_CREATION_TIME = datetime(2026, 1, 1)
NUMERIC_TYPES = ("integer", "decimal")
PLAIN_NUMBER = r"^-?\d+(\.\d+)?$"  # what a finance system stores as a number cell


def csv_bytes(file: SampleFile) -> bytes:
    headers = header_names(file.kind, file.style)
    frame = file.rows.rename(dict(zip(file.rows.columns, headers, strict=False)))
    text = frame.write_csv(
        None, line_terminator=file.style.line_terminator, quote_style="necessary"
    )
    return text.encode(file.style.encoding)


def _cells(text: pl.Series, numeric: bool, integer: bool) -> list:
    """Cell values: numbers where a numeric column holds a number, else the text (None = blank)."""
    if not numeric:
        return text.to_list()
    plain = pl.select(pl.when(text.str.contains(PLAIN_NUMBER)).then(text)).to_series()
    number = plain.cast(pl.Int64 if integer else pl.Float64, strict=False)
    return [
        n if n is not None else t for n, t in zip(number.to_list(), text.to_list(), strict=True)
    ]


def xlsx_bytes(file: SampleFile) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": FIXED_CREATION_TIME, "author": "SIIE", "company": "IPN"})
    sheet = workbook.add_worksheet("Avance")
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    contract = load_contract(file.kind)
    for position, (column, header) in enumerate(
        zip(contract.columns, header_names(file.kind, file.style), strict=True)
    ):
        sheet.write_string(0, position, header, bold)
        numeric = column.type in NUMERIC_TYPES
        cells = _cells(file.rows[column.name], numeric, column.type == "integer")
        sheet.write_column(1, position, cells, money if column.type == "decimal" else None)
    workbook.close()
    return buffer.getvalue()


def write_file(file: SampleFile, landing_dir: Path) -> Path:
    folder = Path(landing_dir) / file.kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file.name
    data = xlsx_bytes(file) if file.style.format == "xlsx" else csv_bytes(file)
    path.write_bytes(data)
    return path
