"""Write a query's result as a table on screen, CSV, Parquet or Excel."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.access.arguments import FORMATS

BINARY_FORMATS = ("parquet", "xlsx")
TABLE_ROWS = 50


class OutputError(ValueError):
    pass


def check_output_path(output: Path, warehouse: Path, published: Path, overwrite: bool) -> None:
    """Refuse to write over SIIE's own databases, whatever symlink leads there, and, without
    --sobrescribir, over any file that already exists."""
    target, warehouse = output.resolve(), warehouse.resolve()
    ours = target.is_relative_to(published.resolve()) or (
        target.parent == warehouse.parent and target.name.startswith(warehouse.name))  # the .wal too
    if ours:
        raise OutputError(f"--output {output} apunta a {target}, que es parte del almacén o de las "
                          "publicaciones de SIIE; escriba el resultado en otra carpeta")
    if output.exists() and not overwrite:
        raise OutputError(f"--output {output} ya existe; use --sobrescribir para reemplazarlo")


def render_table(frame: pl.DataFrame, max_rows: int = TABLE_ROWS) -> str:
    with pl.Config(tbl_rows=max_rows, tbl_cols=-1, tbl_width_chars=250, fmt_str_lengths=80,
                   tbl_hide_dataframe_shape=True):
        text = str(frame)
    shown = min(frame.height, max_rows)
    more = f"; se muestran {shown} (use --format csv para todos)" if frame.height > max_rows else ""
    return f"{text}\n{frame.height} renglones{more}"


def _excel_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel has no decimal type: amounts and ratios go as floating point numbers."""
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    return frame.with_columns(pl.col(decimals).cast(pl.Float64)) if decimals else frame


def write_result(table: pa.Table, fmt: str, output: Path | None) -> str | None:
    """Write the result; return the text for the screen, if any."""
    if fmt in BINARY_FORMATS and output is None:
        raise OutputError(f"--format {fmt} necesita --output ARCHIVO")
    frame = pl.from_arrow(table)
    if fmt == "table":
        text = render_table(frame)
        if output is None:
            return text
        output.write_text(text + "\n", encoding="utf-8")
    elif fmt == "csv":
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
