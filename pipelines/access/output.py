"""Write a query's result as a table on screen, CSV, Parquet or Excel."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.access.arguments import FORMATS
from pipelines.access.spreadsheet import csv_text, write_csv_for_excel, write_xlsx
from pipelines.access.table_text import render_table
from pipelines.core.output_pipe import print_to_pipe

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
            f"--salida {output} apunta a {target}, que es parte del almacén o de las "
            "publicaciones de SIIE; escriba el resultado en otra carpeta"
        )
    if output.exists() and not overwrite:
        raise OutputError(f"--salida {output} ya existe; use --sobrescribir para reemplazarlo")


def output_format(requested: str | None, output: Path | None) -> str:
    """The format to write: --formato if given, else the extension of --salida, else a table on
    screen. A table is for the screen only: in a file it would be cut and unreadable by any
    program."""
    if output is None:
        return requested or "tabla"
    by_extension = EXTENSIONS.get(output.suffix.lower())
    if requested == "tabla":
        raise OutputError(
            "--formato tabla es sólo para la pantalla; "
            f"para {output.name} use .csv, .parquet o .xlsx"
        )
    if by_extension is None:
        if requested is not None:
            return requested
        raise OutputError(
            f"no se sabe en qué formato escribir {output.name}: use la extensión .csv, .parquet "
            "o .xlsx, o indique --formato"
        )
    if requested is not None and by_extension not in (None, requested):
        raise OutputError(f"--formato {requested} no coincide con la extensión de {output.name}")
    return requested or by_extension


def write_result(table: pa.Table, fmt: str, output: Path | None) -> str | None:
    """Write the result; return the text for the screen, if any."""
    if fmt in BINARY_FORMATS and output is None:
        raise OutputError(f"--formato {fmt} necesita --salida ARCHIVO")
    frame = pl.DataFrame(pl.from_arrow(table))
    if fmt == "tabla":
        return render_table(frame)
    if fmt == "csv" and output is None:
        return csv_text(frame)
    if fmt not in EXTENSIONS.values() or output is None:
        raise OutputError(f"formato desconocido {fmt!r}; use uno de {', '.join(FORMATS)}")
    if fmt == "csv":
        write_csv_for_excel(frame, output)
    elif fmt == "parquet":
        pq.write_table(table, output)
    else:
        write_xlsx(frame, output)
    return None


def echo(text: str | None) -> None:
    if text:
        print_to_pipe(text.removesuffix("\n"))
