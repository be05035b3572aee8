"""Read an extract file into a frame of text columns named as in its contract.

Values stay text here; casting and row rules come later (checks.py). What this module decides
is everything about the file as a whole: its format, its encoding, and its header.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl
import pyarrow as pa

from pipelines.ingest.errors import ExtractError
from pipelines.ingest.identifiers import scrub_value
from pipelines.specs.contracts import Contract

# the line a row starts on, as an editor shows it: header = 1, first data row = 2
ROW_NUMBER = "_fila"
BLANK_LINE = re.compile(rb"\n[ \t]*\n")
# an overlong value is a row-level problem (checks.py), not a crash
csv.field_size_limit(sys.maxsize)


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


UTF16_MESSAGE = (
    "está codificado en UTF-16 (el «texto Unicode» de Excel); SIIE acepta CSV en UTF-8 o "
    "Windows-1252: guárdelo como «CSV UTF-8 (delimitado por comas)»"
)


def is_utf16(data: bytes) -> bool:
    """A byte-order mark, or text whose every other byte is zero (UTF-16 without a mark)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[: 4096 - 4096 % 2]
    if head.count(0) < len(head) // 4:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and sum(ch.isprintable() or ch in "\r\n\t" for ch in text) > 0.95 * len(text):
            return True
    return False


# A file whose non-ASCII bytes are partly UTF-8 and partly not (rows pasted from a Windows-1252
# export into a UTF-8 one) is UTF-8: a valid multi-byte UTF-8 sequence almost never occurs by
# chance in Windows-1252 Spanish text, while a byte that breaks UTF-8 never occurs in UTF-8. It is
# read as UTF-8 with the bytes that are not left as U+FFFD, and checks.py rejects the rows that
# hold one, naming row and column; read as Windows-1252 it would store 'ENSEÃ‘ANZA'.
MIXED = "utf-8 con filas en otra codificación"
# A multi-byte UTF-8 sequence: a lead byte in a range and as many continuation bytes as it says
# (the regex [\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}).
UTF8_LEADS = ((0xC2, 0xDF, 1), (0xE0, 0xEF, 2), (0xF0, 0xF4, 3))  # first, last, continuations


def has_utf8_sequence(data: bytes) -> bool:
    """Whether a valid multi-byte UTF-8 sequence occurs anywhere in `data`, judged over every
    byte at once (Python's regex engine took a quarter of a second per file of 20 MB)."""
    codes = pl.from_arrow(pa.Array.from_buffers(pa.uint8(), len(data), [None, pa.py_buffer(data)]))
    byte = pl.col("byte")
    sequences = [
        byte.is_between(first, last)
        & pl.all_horizontal(byte.shift(-n).is_between(0x80, 0xBF) for n in range(1, follow + 1))
        for first, last, follow in UTF8_LEADS
    ]
    found = pl.DataFrame({"byte": codes}).select(pl.any_horizontal(sequences).any())
    return bool(found.item())


def detect_encoding(data: bytes, path: Path) -> str:
    if is_utf16(data):
        raise ExtractError(path, UTF16_MESSAGE)
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if has_utf8_sequence(data):
        return MIXED
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError as error:
        raise ExtractError(
            path,
            f"bytes que no son UTF-8 ni Windows-1252 (byte {data[error.start]:#04x} "
            f"en la posición {error.start}); exporte el archivo como CSV UTF-8",
        ) from None


def _decoded(data: bytes, encoding: str) -> str:
    return data.decode("utf-8", "replace") if encoding == MIXED else data.decode(encoding)


def read_extract(path: Path, contract: Contract, data: bytes | None = None) -> Extract:
    """`data`: the file's bytes when the caller has read them already (to hash them: the planner),
    so that what is parsed is exactly what was hashed."""
    file_format = path.suffix.lower().lstrip(".")
    if file_format not in contract.formats:
        accepted = ", ".join(f".{f}" for f in contract.formats)
        raise ExtractError(
            path, f"formato .{file_format} no aceptado para {contract.kind}; se esperaba {accepted}"
        )
    if (path.stat().st_size if data is None else len(data)) == 0:
        raise ExtractError(path, "el archivo está vacío (0 bytes)")
    if file_format == "xlsx":
        frame, encoding = _read_xlsx(path, data), "xlsx"
    else:
        frame, encoding = _read_csv(path, contract, data)
    rows, warnings = _match_header(frame, contract, path)
    if encoding == MIXED:
        warnings.append(
            "codificación mezclada: el archivo es UTF-8 pero algunas filas no; se rechazan esas "
            "filas (raw.rechazos dice cuáles)"
        )
    if rows.height == 0:
        raise ExtractError(path, "el archivo sólo tiene encabezado, sin filas de datos")
    return Extract(path=path, format=file_format, encoding=encoding, rows=rows, warnings=warnings)


def _read_csv(path: Path, contract: Contract, data: bytes | None) -> tuple[pl.DataFrame, str]:
    data = path.read_bytes() if data is None else data
    encoding = detect_encoding(data, path)
    body = _utf8_with_unix_lines(data, encoding)
    if b"\x00" in body:
        raise ExtractError(path, "no es un archivo de texto CSV (contiene bytes nulos)")
    _check_header(body.partition(b"\n")[0].decode("utf-8"), contract, path)
    if not BLANK_LINE.search(body):
        frame = _read_csv_quickly(body)
        if frame is not None:
            return frame, encoding
    return _read_csv_carefully(body.decode("utf-8"), path), encoding


def _utf8_with_unix_lines(data: bytes, encoding: str) -> bytes:
    """The file as UTF-8 without a byte-order mark, Windows (CRLF) and old Mac (CR) line ends read
    as Unix ones. A UTF-8 file with Unix line ends — the usual one — is used as read, uncopied."""
    if encoding == "utf-8-sig":
        data = data[len(codecs.BOM_UTF8) :]
    elif encoding != "utf-8":
        data = _decoded(data, encoding).encode("utf-8")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data


def _check_header(text: str, contract: Contract, path: Path) -> None:
    """A contract column named twice (Polars would quietly load the second as
    `sexo_duplicated_0`)."""
    header = next(csv.reader(io.StringIO(text.partition("\n")[0])), [])
    known = {normalise_header(n): c.name for c in contract.columns for n in (c.name, *c.aliases)}
    seen: dict[str | None, str] = {}
    for name in header:
        key = known.get(normalise_header(name))
        if key and key in seen:
            raise ExtractError(
                path,
                f"el encabezado repite la columna {_quoted(name)} "
                f"(como {_quoted(seen[key])}); cada columna debe aparecer una vez",
            )
        seen[key] = name


def _read_csv_quickly(body: bytes) -> pl.DataFrame | None:
    """Polars' reader, trusted only when every line is one row: a quoted newline or a quote left
    open makes rows and lines disagree, and the careful reader then says what happened."""
    try:
        frame = pl.read_csv(body, infer_schema=False, raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None  # ragged or oddly quoted: the careful reader says where
    lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if frame.height + 1 != lines:
        return None
    return frame.with_row_index(ROW_NUMBER, offset=2).with_columns(
        pl.col(ROW_NUMBER).cast(pl.Int32)
    )


def _read_csv_carefully(text: str, path: Path) -> pl.DataFrame:
    """Record by record, so that each row keeps the line it starts on (blank lines and quoted
    newlines included), a row with extra fields is named, and a quote left open is caught."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise ExtractError(path, "el archivo no tiene encabezado")
    width, rows, numbers = len(header), [], []
    first_line = reader.line_num + 1
    for record in reader:
        line, first_line = first_line, reader.line_num + 1
        if not record or all(not value.strip() for value in record):
            continue
        if len(record) > width:
            raise ExtractError(
                path,
                f"fila {line}: tiene {len(record)} campos y el encabezado {width}; "
                "revise separadores y comillas",
            )
        _refuse_swallowed_rows(record, header, line, path)
        rows.append(record + [""] * (width - len(record)))  # a short row: missing cells are empty
        numbers.append(line)
    columns: list[Sequence[str]] = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
    frame = pl.DataFrame(
        {name: list(values) for name, values in zip(header, columns, strict=True)},
        schema={h: pl.String for h in header},
    )
    return frame.with_columns(pl.Series(ROW_NUMBER, numbers, dtype=pl.Int32)).select(
        ROW_NUMBER, *header
    )


def _refuse_swallowed_rows(record: list[str], header: list[str], line: int, path: Path) -> None:
    """A quote opened and never closed turns the following rows into one value: a value holding a
    line with as many separators as a row has is that, not a legitimate multi-line text."""
    for name, value in zip(header, record, strict=False):
        swallowed = [part for part in value.split("\n")[1:] if part.count(",") >= len(header) - 2]
        if swallowed:
            raise ExtractError(
                path,
                f"fila {line}, columna {name.strip()}: unas comillas "
                f"abiertas no se cierran y el valor se traga {len(swallowed)} "
                "renglones siguientes; revise las comillas de esa fila",
            )


def _read_xlsx(path: Path, data: bytes | None) -> pl.DataFrame:
    try:
        frame = pl.read_excel(
            path if data is None else data,
            sheet_id=1,
            drop_empty_rows=False,
            infer_schema_length=None,
        )
    except (fastexcel.FastExcelError, pl.exceptions.PolarsError, OSError, ValueError) as error:
        raise ExtractError(
            path, f"no se pudo leer como libro XLSX: {scrub_value(str(error))}"
        ) from None
    frame = frame.with_columns(pl.all().cast(pl.String))
    frame = frame.with_row_index(ROW_NUMBER, offset=2).with_columns(
        pl.col(ROW_NUMBER).cast(pl.Int32)
    )
    data_columns = [c for c in frame.columns if c != ROW_NUMBER]
    return frame.filter(pl.any_horizontal(pl.col(data_columns).is_not_null()))


def _match_header(
    frame: pl.DataFrame, contract: Contract, path: Path
) -> tuple[pl.DataFrame, list[str]]:
    wanted = {}
    for column in contract.columns:
        for name in (column.name, *column.aliases):
            wanted[normalise_header(name)] = column.name
    found: dict[str, str] = {}
    warnings = []
    for header in frame.columns:
        if header == ROW_NUMBER:
            continue
        target = wanted.get(normalise_header(header))
        if target is None:
            warnings.append(f"columna desconocida {_quoted(header)} ignorada")
        elif target in found:
            raise ExtractError(
                path,
                f"la columna {target} aparece dos veces en el encabezado "
                f"({_quoted(found[target])} y {_quoted(header)})",
            )
        else:
            found[target] = header
    missing = [c.name for c in contract.columns if c.name not in found and c.required]
    if missing:
        raise ExtractError(
            path,
            f"faltan columnas obligatorias: {', '.join(missing)} "
            "(encabezado encontrado: "
            f"{', '.join(_quoted(h) for h in frame.columns if h != ROW_NUMBER)})",
        )
    selected = [pl.col(ROW_NUMBER)]
    for column in contract.columns:
        if column.name in found:
            selected.append(
                pl.col(found[column.name]).str.strip_chars().replace("", None).alias(column.name)
            )
        else:
            warnings.append(f"columna opcional {column.name} ausente; se toma vacía")
            selected.append(pl.lit(None, dtype=pl.String).alias(column.name))
    # One chunk: polars 2.1 panics in some expressions (pl.format after a filter) on multi-chunk
    # frames.
    return frame.select(selected).rechunk(), warnings


def _quoted(header: str) -> str:
    """A header name as a message shows it: a file without its header has data there."""
    return repr(scrub_value(header.strip()))
