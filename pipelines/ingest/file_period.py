"""The one period an extract file belongs to, told from its checked rows: rows whose period
columns broke the contract are left out, so a stray line cannot give a file a second period.
Discovery and loading both ask this, so they cannot disagree about a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from pipelines.ingest.checks import CheckedRows
from pipelines.ingest.errors import ExtractError
from pipelines.ingest.reading import ROW_NUMBER
from pipelines.specs.contracts import Contract


def single_period(checked: CheckedRows, contract: Contract, path: Path) -> dict[str, object] | None:
    """The file's period (e.g. {'periodo': '25/1'}); a file with rows of two periods is rejected
    whole."""
    columns = list(contract.period_columns)
    if not columns:
        return None  # an extract not partitioned by period (metas)
    bad = checked.failures.filter(pl.col("columna").is_in(columns)).select(ROW_NUMBER)
    periods = (
        checked.typed.join(bad, on=ROW_NUMBER, how="anti")
        .group_by(columns)
        .agg(pl.len().alias("filas"), pl.col(ROW_NUMBER).min().alias("primera"))
        .drop_nulls(columns)
        .sort("primera")
    )
    if periods.height > 1:
        listed = "; ".join(
            f"{period_label(dict(zip(columns, r[:-2], strict=True)))} en "
            f"{r[-2]} filas (primera: fila {r[-1]})"
            for r in periods.iter_rows()
        )
        raise ExtractError(
            path,
            f"el archivo trae {periods.height} periodos ({listed}); "
            "cada archivo debe traer un solo periodo",
        )
    return dict(zip(columns, periods.row(0)[:-2], strict=True)) if periods.height else None


def period_label(period: dict[str, Any] | None) -> str | None:
    if not period:
        return None
    if "mes" in period:
        return f"{period['ejercicio']}-{int(period['mes']):02d}"
    return str(next(iter(period.values())))
