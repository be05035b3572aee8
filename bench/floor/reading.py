"""One landing file → a DuckDB table `archivo` of text columns named as in the contract, plus
_fila (the row a person sees: header = 1). CSV through DuckDB's read_csv, XLSX through Polars
read_excel (fastexcel), as SIIE reads it. Header spellings are matched with the contract's
names and aliases, ignoring case, spaces and accents, as pipelines/ingest/reading.py does."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import duckdb
import polars as pl

from bench.floor.contract_sql import quote, text_value
from pipelines.specs.contracts import Contract

BOM = b"\xef\xbb\xbf"


def normalise_header(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").strip())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", "_", plain.lower())


def _header_map(headers: list[str], contract: Contract) -> dict[str, str | None]:
    """Contract column → the file's header for it (None: an optional column that is absent)."""
    wanted = {normalise_header(n): c.name for c in contract.columns for n in (c.name, *c.aliases)}
    found = {wanted[normalise_header(h)]: h for h in headers if normalise_header(h) in wanted}
    missing = [c.name for c in contract.columns if c.required and c.name not in found]
    if missing:
        raise ValueError(f"faltan columnas {missing} en el encabezado {headers}")
    return {c.name: found.get(c.name) for c in contract.columns}


def _csv_encoding(path: Path) -> str:
    """UTF-8 unless the header line is not (SIIE's cp1252 files carry accented headers); a
    Windows-1252 file whose header is plain ASCII is caught when DuckDB meets its bytes."""
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        first.removeprefix(BOM).decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, encoding: str) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE crudo AS SELECT * FROM read_csv(?, header = true, "
        "all_varchar = true, delim = ',', quote = '\"', escape = '\"', encoding = ?)",
        [str(path), encoding],
    )


def _load_csv(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    encoding = _csv_encoding(path)
    try:
        _read_csv(con, path, encoding)
    except duckdb.InvalidInputException:
        if encoding != "utf-8":
            raise
        _read_csv(con, path, "latin-1")
    # rowid follows the file's order (read_csv → CREATE TABLE preserves insertion order).
    return "CAST(rowid + 2 AS INTEGER)"


def _load_xlsx(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    frame = pl.read_excel(path, sheet_id=1, drop_empty_rows=False, infer_schema_length=None)
    frame = frame.with_columns(pl.all().cast(pl.String)).with_row_index("_fila", offset=2)
    data = [c for c in frame.columns if c != "_fila"]
    frame = frame.filter(pl.any_horizontal(pl.col(data).is_not_null())).with_columns(
        pl.col("_fila").cast(pl.Int32)
    )
    con.register("hoja", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE crudo AS SELECT * FROM hoja")
    con.unregister("hoja")
    return "_fila"


def read_file(con: duckdb.DuckDBPyConnection, path: Path, contract: Contract) -> bool:
    """TEMP VIEW `archivo` over the file's rows; returns whether the file is a spreadsheet."""
    spreadsheet = path.suffix.lower() == ".xlsx"
    row_number = (_load_xlsx if spreadsheet else _load_csv)(con, path)
    headers = [h for h in con.table("crudo").columns if h != "_fila"]
    mapping = _header_map(headers, contract)
    columns = ", ".join(
        f"{text_value(source)} AS {quote(name)}" for name, source in mapping.items()
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW archivo AS SELECT {row_number} AS _fila, {columns} FROM crudo"
    )
    return spreadsheet
