"""Defects planted in the plantilla snapshots."""

from __future__ import annotations

import polars as pl

from sample_extracts.defects import (
    Context,
    Overrides,
    Variant,
    as_text,
    bad_curp,
    bad_date,
    fresh,
    key_column,
    native,
    unknown_unit,
)


def _hired_too_young(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Hired at 8–13 years of age."""
    years = pl.Series("_anios", ctx.rng.integers(8, 14, rows.height))
    hired = pl.col("fecha_nacimiento").dt.offset_by(pl.format("{}y", "_anios"))
    return rows.with_columns(years).with_columns(hired.alias("fecha_ingreso")).drop("_anios"), {}


def _hired_after_cut(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    days = pl.Series(ctx.rng.integers(1, 90, rows.height))
    return rows.with_columns(
        (pl.col("fecha_corte") + pl.duration(days=days)).alias("fecha_ingreso")
    ), {}


def _hours_not_matching(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    full_time = pl.Series(ctx.rng.random(rows.height) < 0.5)
    return rows.with_columns(
        pl.when(full_time).then(pl.lit("TC")).otherwise(pl.lit("MT")).alias("tiempo_dedicacion"),
        pl.when(full_time)
        .then(pl.lit(30))
        .otherwise(pl.lit(40))
        .cast(pl.Int32)
        .alias("horas_semana"),
    ), {}


def _too_many_hours(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns(
        pl.lit("ASIGNATURA").alias("tiempo_dedicacion"), pl.lit(45, pl.Int32).alias("horas_semana")
    ), {}


def _negative_salary(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns((-pl.col("sueldo_mensual")).alias("sueldo_mensual")), {}


def _short_rfc(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows, {"rfc": pl.col("rfc").str.slice(0, 12)}


def _duplicate_plaza(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Same (fecha_corte, num_empleado, cve_unidad, categoria) as an earlier row, other pay."""
    bump = pl.lit(150).cast(pl.Decimal(18, 2))
    return rows.with_columns((pl.col("sueldo_mensual") + bump).cast(pl.Decimal(18, 2))), {}


def plantilla_variants() -> list[Variant]:
    key = key_column("plantilla")
    return [
        Variant("tipo_invalido", "horas_semana", fresh(as_text(horas_semana="veinte"))),
        Variant("tipo_invalido", "fecha_nacimiento", fresh(bad_date("fecha_nacimiento"))),
        Variant("tipo_invalido", "sueldo_mensual", fresh(as_text(sueldo_mensual="doce mil"))),
        Variant("vacio_requerido", "sexo", fresh(as_text(sexo=None))),
        Variant("vacio_requerido", "grado_maximo", fresh(as_text(grado_maximo=None))),
        Variant("valor_no_permitido", "sexo", fresh(native(sexo="X"))),
        Variant("valor_no_permitido", "tipo_personal", fresh(native(tipo_personal="EVENTUAL"))),
        Variant("valor_no_permitido", "nivel_snii", fresh(native(nivel_snii="IV"))),
        Variant("fuera_de_rango", "horas_semana", fresh(_too_many_hours)),
        Variant("fuera_de_rango", "sueldo_mensual", fresh(_negative_salary)),
        Variant("formato_invalido", "num_empleado", fresh(as_text(num_empleado="123"))),
        Variant("rfc_invalido", "rfc", fresh(_short_rfc)),
        Variant("curp_invalida", "curp", fresh(bad_curp)),
        Variant("fuera_de_catalogo", "cve_unidad", fresh(unknown_unit)),
        Variant("clave_duplicada", key, _duplicate_plaza, duplicate=True),
        Variant("fecha_ingreso_implausible", "fecha_ingreso", fresh(_hired_too_young)),
        Variant("fecha_ingreso_implausible", "fecha_ingreso", fresh(_hired_after_cut)),
        Variant("horas_no_corresponden", "horas_semana", fresh(_hours_not_matching)),
        Variant("vacio_requerido", "tipo_nombramiento", fresh(as_text(tipo_nombramiento=None))),
    ]
