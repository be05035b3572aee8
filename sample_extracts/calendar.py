"""The school periods the sample spans, as a small table indexed by position (0 = first)."""

from __future__ import annotations

import polars as pl

from pipelines.core.periods import parse_period, period_end, period_start, shift_period


def period_table(first_period: str, start: int, stop: int) -> pl.DataFrame:
    """Periods at offsets start…stop-1 from `first_period` (negative offsets are older).

    Columns: t (offset), periodo, half (1/2), inicio, fin (dates), anio_inicio (calendar year of
    the first day, the entry year printed in a boleta).
    """
    rows = []
    for t in range(start, stop):
        periodo = shift_period(first_period, t)
        rows.append(
            {
                "t": t,
                "periodo": periodo,
                "half": parse_period(periodo)[1],
                "inicio": period_start(periodo),
                "fin": period_end(periodo),
            }
        )
    table = pl.DataFrame(
        rows,
        schema={
            "t": pl.Int32,
            "periodo": pl.String,
            "half": pl.Int8,
            "inicio": pl.Date,
            "fin": pl.Date,
        },
    )
    return table.with_columns(pl.col("inicio").dt.year().cast(pl.Int32).alias("anio_inicio"))
