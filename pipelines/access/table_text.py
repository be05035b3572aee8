"""One way to draw a result on screen, for `siie sql` and `siie status`: numbers right-aligned with
thousands separators, whole numbers without decimals, text folded to the terminal's width."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from decimal import Decimal

import polars as pl
from rich import box
from rich.console import Console
from rich.table import Table

from pipelines.core.wording import count, number

SCREEN_ROWS = 50


def render_table(frame: pl.DataFrame, max_rows: int = SCREEN_ROWS, width: int | None = None) -> str:
    width = width or shutil.get_terminal_size((160, 40)).columns
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for name, dtype in frame.schema.items():
        table.add_column(name, justify="right" if dtype.is_numeric() else "left", overflow="fold")
    for row in frame.head(max_rows).iter_rows():
        table.add_row(*(_cell(value) for value in row))
    console = Console(
        file=io.StringIO(), width=width, color_system=None, highlight=False, soft_wrap=False
    )
    console.print(table)
    shown = min(frame.height, max_rows)
    more = (
        f"; se muestran {shown} (para todos, use --salida ARCHIVO.csv, .parquet o .xlsx)"
        if frame.height > max_rows
        else ""
    )
    lines = [line.rstrip() for line in console.file.getvalue().rstrip().splitlines()]
    return "\n".join(lines) + f"\n{count(frame.height, 'renglón', 'renglones')}{more}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, int | float | Decimal):
        return number(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
