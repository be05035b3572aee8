"""A yearbook as read: its program rows, its total rows and how the file was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl


@dataclass
class Yearbook:
    archivo: Path
    ciclo: str  # 2017-2018
    programas: pl.DataFrame  # one row per program row, with `fila` (spreadsheet row)
    totales: pl.DataFrame  # one row per total row: nivel_total, labels, measures as written, fila
    advertencias: list[str] = field(default_factory=list)
    formato: str = "xlsx"
    codificacion: str | None = None  # CSV only
    fila_encabezado: int = 1
    medidas: tuple[str, ...] = ()  # measure columns present, the six totals first
