"""Read an extract file into a frame of text columns named as in its contract.

Values stay text here; casting and row rules come later (checks.py). What this module decides
is everything about the file as a whole: its format, its encoding, and its header.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from pipelines.contracts import Contract
from pipelines.ingest.errors import ExtractError

ROW_NUMBER = "_fila"  # the row a person sees: header = 1, first data row = 2
BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


@dataclass
class Extract:
    """A file read as text, its columns renamed to the contract's names."""

    path: Path
    format: str
    encoding: str
    rows: pl.DataFrame  # one String column per contract column, plus _fila
    warnings: list[str] = field(default_factory=list)


def normalise_header(name: str) -> str:
    """`' Categoría '` → `categoria`: case, surrounding spaces and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").strip())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", "_", plain.lower())


def detect_encoding(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError as error:
        raise ExtractError(
            path,
            f"bytes que no son UTF-8 ni Windows-1252 (byte {data[error.start]:#04x} "
            f"en la posición {error.start}); exporte el archivo como CSV UTF-8",
        ) from None


def read_extract(path: Path, contract: Contract) -> Extract:
    file_format = path.suffix.lower().lstrip(".")
    if file_format not in contract.formats:
        accepted = ", ".join(f".{f}" for f in contract.formats)
        raise ExtractError(path, f"formato .{file_format} no aceptado para {contract.kind}; se esperaba {accepted}")
    if path.stat().st_size == 0:
        raise ExtractError(path, "el archivo está vacío (0 bytes)")
    if file_format == "xlsx":
        frame, encoding = _read_xlsx(path), "xlsx"
    else:
        frame, encoding = _read_csv(path)
    rows, warnings = _match_header(frame, contract, path)
    if rows.height == 0:
        raise ExtractError(path, "el archivo sólo tiene encabezado, sin filas de datos")
    return Extract(path=path, format=file_format, encoding=encoding, rows=rows, warnings=warnings)


def _read_csv(path: Path) -> tuple[pl.DataFrame, str]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ExtractError(path, "no es un archivo de texto CSV (contiene bytes nulos)")
    encoding = detect_encoding(data, path)
    text = data.decode(encoding).lstrip("\ufeff")
    if not BLANK_LINE.search(text):
        try:
            frame = pl.read_csv(io.StringIO(text), infer_schema=False, raise_if_empty=False)
            return frame.with_row_index(ROW_NUMBER, offset=2).with_columns(pl.col(ROW_NUMBER).cast(pl.Int32)), encoding
        except pl.exceptions.PolarsError:
            pass  # ragged or oddly quoted: the careful reader below says where
    return _read_csv_carefully(text, path), encoding


def _read_csv_carefully(text: str, path: Path) -> pl.DataFrame:
    """Row by row, so that blank lines keep their row number and a row with extra fields is named."""
    records = list(csv.reader(io.StringIO(text)))
    if not records:
        raise ExtractError(path, "el archivo no tiene encabezado")
    header, width = records[0], len(records[0])
    rows, numbers = [], []
    for index, record in enumerate(records[1:], start=2):
        if not record or all(not value.strip() for value in record):
            continue
        if len(record) > width:
            raise ExtractError(
                path, f"fila {index}: tiene {len(record)} campos y el encabezado {width}; "
                "revise separadores y comillas",
            )
        rows.append(record + [""] * (width - len(record)))  # a short row: its missing cells are empty
        numbers.append(index)
    columns = list(zip(*rows)) if rows else [[] for _ in header]
    frame = pl.DataFrame({name: list(values) for name, values in zip(header, columns)}, schema={h: pl.String for h in header})
    return frame.with_columns(pl.Series(ROW_NUMBER, numbers, dtype=pl.Int32)).select(ROW_NUMBER, *header)


def _read_xlsx(path: Path) -> pl.DataFrame:
    try:
        frame = pl.read_excel(path, sheet_id=1, drop_empty_rows=False, infer_schema_length=None)
    except (fastexcel.FastExcelError, pl.exceptions.PolarsError, OSError, ValueError) as error:
        raise ExtractError(path, f"no se pudo leer como libro XLSX: {error}") from None
    frame = frame.with_columns(pl.all().cast(pl.String))
    frame = frame.with_row_index(ROW_NUMBER, offset=2).with_columns(pl.col(ROW_NUMBER).cast(pl.Int32))
    data_columns = [c for c in frame.columns if c != ROW_NUMBER]
    return frame.filter(pl.any_horizontal(pl.col(data_columns).is_not_null()))


def _match_header(frame: pl.DataFrame, contract: Contract, path: Path) -> tuple[pl.DataFrame, list[str]]:
    wanted = {}
    for column in contract.columns:
        for name in (column.name, *column.aliases):
            wanted[normalise_header(name)] = column.name
    found: dict[str, str] = {}
    warnings = []
    for header in frame.columns:
        if header == ROW_NUMBER:
            continue
        name = wanted.get(normalise_header(header))
        if name is None:
            warnings.append(f"columna desconocida {header.strip()!r} ignorada")
        elif name in found:
            raise ExtractError(path, f"la columna {name} aparece dos veces en el encabezado ({found[name]!r} y {header!r})")
        else:
            found[name] = header
    missing = [c.name for c in contract.columns if c.name not in found and c.required]
    if missing:
        raise ExtractError(
            path, f"faltan columnas obligatorias: {', '.join(missing)} "
            f"(encabezado encontrado: {', '.join(h.strip() for h in frame.columns if h != ROW_NUMBER)})",
        )
    selected = [pl.col(ROW_NUMBER)]
    for column in contract.columns:
        if column.name in found:
            selected.append(pl.col(found[column.name]).str.strip_chars().replace("", None).alias(column.name))
        else:
            warnings.append(f"columna opcional {column.name} ausente; se toma vacía")
            selected.append(pl.lit(None, dtype=pl.String).alias(column.name))
    # One chunk: polars 2.1 panics in some expressions (pl.format after a filter) on multi-chunk frames.
    return frame.select(selected).rechunk(), warnings
