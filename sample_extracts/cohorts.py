"""How many students enter each program in each period (the cohorts), scaled to IPN's size."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from sample_extracts.catalogs import Catalogs
from sample_extracts.rng import stream
from sample_extracts.study_models import (
    LEVEL_SHARE,
    MODELS,
    STUDENTS_PER_PERIOD_AT_SCALE_1,
    expected_enrolled_periods,
)


def program_targets(
    catalogs: Catalogs, scale: float, seed: int, window_start: date, window_end: date
) -> pl.DataFrame:
    """Programs that can take students, each with its target enrollment per period.

    A program qualifies when its unit is in the unit catalog and not closed before the end of
    the sample; within a level, programs get random log-normal weights (big and small careers).
    The level's share of IPN is spread over the programs open when the sample starts, so the
    first period holds the target and units opened later add their students on top.
    """
    units = catalogs.unidades.filter(
        pl.col("vigente_hasta").is_null() | (pl.col("vigente_hasta") >= window_end)
    ).select("cve_unidad", "vigente_desde", pl.col("nivel").alias("nivel_unidad"), "entidad")
    programs = (
        catalogs.programas.filter(pl.col("nivel_estudios").is_in(list(MODELS)))
        .join(units, on="cve_unidad", how="inner")
        .sort("cve_programa")
    )
    expected = [
        expected_enrolled_periods(MODELS[level], duration)
        for level, duration in programs.select("nivel_estudios", "duracion_semestres").iter_rows()
    ]
    rng = stream(seed, "program_weights")
    weight = rng.lognormal(0.0, 0.6, size=programs.height)
    weight *= np.where(programs["modalidad"].to_numpy() == "ESCOLARIZADA", 1.0, 0.4)
    female = rng.uniform(size=programs.height)
    programs = programs.with_columns(
        pl.Series("peso", weight),
        pl.Series("u_mujeres", female),
        pl.Series("periodos_esperados", expected, dtype=pl.Float64),
    )
    total = STUDENTS_PER_PERIOD_AT_SCALE_1 * scale
    share = pl.col("nivel").replace_strict(LEVEL_SHARE, return_dtype=pl.Float64)
    open_at_start = pl.col("vigente_desde") <= window_start
    level_weight = pl.coalesce(
        pl.col("peso").filter(open_at_start).sum().over("nivel"), pl.col("peso").sum().over("nivel")
    )
    return programs.with_columns(
        (total * share * pl.col("peso") / level_weight).alias("objetivo")
    ).with_columns(
        # Entrants per school year so that the steady state holds `objetivo` students a period.
        (2 * pl.col("objetivo") / pl.col("periodos_esperados")).alias("ingreso_anual")
    )


def cohort_sizes(programs: pl.DataFrame, cohorts: pl.DataFrame, seed: int) -> pl.DataFrame:
    """Entrants per (cohort period t, program): Poisson around the target, at least one per
    NMS/NS unit in each cohort so that every school unit has students even at tiny scales."""
    second_half = pl.col("nivel_estudios").replace_strict(
        {k: m.second_half_entry for k, m in MODELS.items()}, return_dtype=pl.Float64
    )
    grid = (
        cohorts.select("t", "half", "inicio")
        .join(programs, how="cross")
        .filter(pl.col("vigente_desde") <= pl.col("inicio"))
        .with_columns(
            (
                pl.col("ingreso_anual")
                * pl.when(pl.col("half") == 1).then(1 - second_half).otherwise(second_half)
            ).alias("lam")
        )
        .sort("t", "cve_programa")
    )
    counts = stream(seed, "cohort_sizes").poisson(grid["lam"].to_numpy())
    grid = grid.with_columns(pl.Series("n", counts, dtype=pl.Int64))
    return _ensure_every_school_unit(grid).select("t", "cve_programa", "n")


def _ensure_every_school_unit(grid: pl.DataFrame) -> pl.DataFrame:
    in_school_unit = pl.col("nivel_unidad").is_in(["NMS", "NS"])
    unit_total = pl.col("n").sum().over("t", "cve_unidad")
    own_level = pl.col("nivel") == pl.col("nivel_unidad")
    main_program = own_level & (
        pl.col("peso") == pl.col("peso").filter(own_level).max().over("t", "cve_unidad")
    )
    return grid.with_columns(
        pl.when(in_school_unit & (unit_total == 0) & main_program)
        .then(1)
        .otherwise(pl.col("n"))
        .alias("n")
    )
