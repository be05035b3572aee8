"""`siie estado`: the latest loads in the load log, read-only."""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.access.table_text import render_table
from pipelines.core.config import load_settings
from pipelines.core.output_pipe import print_to_pipe


def print_status(limit: int = 20) -> int:
    settings = load_settings()
    if not settings.warehouse_path.exists():
        print(f"Aún no hay almacén en {settings.warehouse_path}; ejecute `siie ejecutar`.")
        return 0
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        loads = con.sql(
            "SELECT iniciado_en::TIMESTAMP(0) AS inicio, tipo, archivo, periodo, estado, "
            "filas_leidas AS leidas, filas_cargadas AS cargadas, filas_rechazadas "
            "AS rechazadas, mensaje FROM raw.cargas ORDER BY iniciado_en DESC LIMIT $limite",
            params={"limite": int(limit)},
        ).to_arrow_table()
    return print_to_pipe(render_table(pl.DataFrame(pl.from_arrow(loads)), max_rows=limit))
