"""Write a query's result as a table on screen, CSV, Parquet or Excel."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.access.arguments import FORMATS
from pipelines.access.table_text import render_table

BINARY_FORMATS = ("parquet", "xlsx")
EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".xlsx": "xlsx"}


class OutputError(ValueError):
    pass


def check_output_path(output: Path, warehouse: Path, published: Path, overwrite: bool) -> None:
    """Refuse to write over SIIE's own databases, whatever symlink leads there, and, without
    --sobrescribir, over any file that already exists."""
    target, warehouse = output.resolve(), warehouse.resolve()
    # the .wal too
    ours = target.is_relative_to(published.resolve()) or (
        target.parent == warehouse.parent and target.name.startswith(warehouse.name)
    )
    if ours:
        raise OutputError(
            f"--output {output} apunta a {target}, que es parte del almacén o de las "
            "publicaciones de SIIE; escriba el resultado en otra carpeta"
        )
    if output.exists() and not overwrite:
        raise OutputError(f"--output {output} ya existe; use --sobrescribir para reemplazarlo")


def output_format(requested: str | None, output: Path | None) -> str:
    """The format to write: --format if given, else the extension of --output, else a table on
    screen. A table is for the screen only: in a file it would be cut and unreadable by any
    program."""
    if output is None:
        return requested or "table"
    by_extension = EXTENSIONS.get(output.suffix.lower())
    if requested == "table":
        raise OutputError(
            "--format table es sólo para la pantalla; "
            f"para {output.name} use .csv, .parquet o .xlsx"
        )
    if by_extension is None:
        if requested is not None:
            return requested
        raise OutputError(
            f"no se sabe en qué formato escribir {output.name}: use la extensión .csv, .parquet "
            "o .xlsx, o indique --format"
        )
    if requested is not None and by_extension not in (None, requested):
        raise OutputError(f"--format {requested} no coincide con la extensión de {output.name}")
    return requested or by_extension


def _excel_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel has no decimal type: amounts and ratios go as floating point numbers."""
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    return frame.with_columns(pl.col(decimals).cast(pl.Float64)) if decimals else frame


def write_result(table: pa.Table, fmt: str, output: Path | None) -> str | None:
    """Write the result; return the text for the screen, if any."""
    if fmt in BINARY_FORMATS and output is None:
        raise OutputError(f"--format {fmt} necesita --output ARCHIVO")
    frame = pl.DataFrame(pl.from_arrow(table))
    if fmt == "table":
        return render_table(frame)
    if fmt == "csv":
        if output is None:
            return frame.write_csv()
        frame.write_csv(output)
    elif fmt == "parquet":
        pq.write_table(table, output)
    elif fmt == "xlsx":
        _excel_frame(frame).write_excel(output, worksheet="resultado", autofit=True)
    else:
        raise OutputError(f"formato desconocido {fmt!r}; use uno de {', '.join(FORMATS)}")
    return None


def echo(text: str | None) -> None:
    if text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
