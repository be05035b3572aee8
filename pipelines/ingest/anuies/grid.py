"""A yearbook file (XLSX or CSV) as a grid of text cells, exactly where a person sees them.

Row i of the grid is spreadsheet row i + 1 and column j is column letter j + 1, so every
message can name the cell. openpyxl is used for XLSX because it keeps leading empty rows and
columns in place (fastexcel drops leading empty columns, which would shift the letters).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from pipelines.ingest.anuies.spec import YearbookError
from pipelines.ingest.reading import MIXED, UTF16_MESSAGE, detect_encoding, is_utf16

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"

Row = list[str | None]


@dataclass
class Grid:
    rows: list[Row]
    formato: str  # xlsx | csv
    codificacion: str | None  # CSV only: utf-8, utf-8-sig, cp1252


def column_letter(index: int) -> str:
    return get_column_letter(index + 1)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise YearbookError(path, f"no se pudo abrir el archivo: {error.strerror}") from None
    if not data.strip():
        raise YearbookError(
            path, "el archivo está vacío; se esperaba un anuario ANUIES (XLSX o CSV)"
        )
    if data.startswith(XLS_MAGIC):
        raise YearbookError(
            path, "es un libro de Excel 97-2003 (.xls); se esperaba XLSX o CSV: guárdelo como .xlsx"
        )
    if data.startswith(XLSX_MAGIC):
        return Grid(_xlsx_rows(path, sheet), "xlsx", None)
    if is_utf16(data):
        raise YearbookError(path, UTF16_MESSAGE)
    if b"\x00" in data[:4096]:
        raise YearbookError(path, "no es un libro XLSX ni un texto CSV (contiene bytes nulos)")
    encoding = detect_encoding(data, path)
    if encoding == MIXED:
        raise YearbookError(
            path,
            "codificación mezclada: unas filas están en UTF-8 y otras no; "
            "guarde el anuario entero como CSV UTF-8",
        )
    return Grid(_csv_rows(data.decode(encoding)), "csv", encoding)


def _xlsx_rows(path: Path, sheet: str | None) -> list[Row]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise YearbookError(path, f"no se pudo leer como libro XLSX ({error})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise YearbookError(
                path, f"no tiene la hoja {sheet!r}; hojas encontradas: {', '.join(book.sheetnames)}"
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        worksheet.reset_dimensions()  # some writers record a wrong used range
        return [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(text: str) -> list[Row]:
    return [
        [_cell_text(v) for v in record] for record in csv.reader(io.StringIO(text.lstrip("\ufeff")))
    ]


def _cell_text(value: object) -> str | None:
    """Every cell as stripped text; integral floats as integers (Excel stores 45644 as 45644.0)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).replace("\u00a0", " ").strip()
    return text or None
