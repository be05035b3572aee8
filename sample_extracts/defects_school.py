"""Defects planted in the school extracts (matricula and trayectoria).

Unknown units are not planted here: an unknown cve_unidad would also leave the program "not
taught at that unit" (two defects in one row); plantilla and presupuesto carry them instead.
A repeated EGRESO/TITULACION within a file is both a repeated event and a repeated key; it is
recorded as `evento_repetido` on tipo_evento, as ingestion's once-per-student rule reports it,
while a repeated BAJA_DEFINITIVA is a plain `clave_duplicada` on the key.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from sample_extracts.defects import (
    Context,
    Overrides,
    Variant,
    as_text,
    bad_curp,
    bad_date,
    exact_copy,
    fresh,
    key_column,
    native,
    new_student,
    period_starts,
    program_elsewhere,
    text,
    unknown_program,
)


def _matricula_program_elsewhere(
    rows: pl.DataFrame, ctx: Context
) -> tuple[pl.DataFrame, Overrides]:
    moved = program_elsewhere(new_student(rows, ctx), ctx)
    return moved.with_columns(
        pl.lit(1, pl.Int32).alias("semestre"), pl.lit("NUEVO_INGRESO").alias("tipo_ingreso")
    ), {}


def _semestre_past_duration(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    rows = new_student(rows, ctx)
    duration = rows.join(ctx.programs, on="cve_programa", how="left", maintain_order="left")[
        "duracion_semestres"
    ]
    extra = pl.Series(ctx.rng.integers(5, 8, rows.height))
    return rows.with_columns((duration + extra).cast(pl.Int32).alias("semestre")), {}


def _age_out_of_range(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Born 9 or 95 years (and some weeks) before the period starts, with a matching CURP."""
    ages = pl.Series("edad", np.where(ctx.rng.random(rows.height) < 0.5, 9, 95))
    weeks = pl.Series("semanas", ctx.rng.integers(1, 40, rows.height))
    birth = (
        pl.DataFrame({"inicio": period_starts(rows["periodo"]), "edad": ages, "semanas": weeks})
        .select(
            pl.col("inicio").dt.offset_by(pl.format("-{}y", "edad"))
            - pl.duration(weeks=pl.col("semanas"))
        )
        .to_series()
    )
    return new_student(rows.with_columns(birth.alias("fecha_nacimiento")), ctx), {}


def _short_boleta(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    rows = new_student(rows, ctx)
    return rows, {"boleta": pl.col("boleta").str.slice(0, 9)}


def _duplicate_enrolment(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Same periodo and boleta as an earlier row; the turno differs (the first row loads)."""
    other_shift = {"M": "V", "V": "M", "MX": "M"}
    return rows.with_columns(pl.col("turno").replace_strict(other_shift)), {}


def matricula_variants() -> list[Variant]:
    key = key_column("matricula")
    return [
        Variant("tipo_invalido", "semestre", fresh(as_text(semestre="tres"))),
        Variant("tipo_invalido", "fecha_nacimiento", fresh(bad_date("fecha_nacimiento"))),
        Variant("vacio_requerido", "sexo", fresh(as_text(sexo=None))),
        Variant("vacio_requerido", "tipo_ingreso", fresh(as_text(tipo_ingreso=None))),
        Variant("valor_no_permitido", "sexo", fresh(native(sexo="X"))),
        Variant("valor_no_permitido", "turno", fresh(native(turno="N"))),
        Variant(
            "valor_no_permitido", "entidad_procedencia", fresh(native(entidad_procedencia="33"))
        ),
        Variant("fuera_de_rango", "semestre", fresh(native(semestre=0))),
        Variant("semestre_excede_duracion", "semestre", _semestre_past_duration),
        Variant("edad_fuera_de_rango", "fecha_nacimiento", _age_out_of_range),
        Variant("boleta_invalida", "boleta", _short_boleta),
        Variant("curp_invalida", "curp", fresh(bad_curp)),
        Variant("fuera_de_catalogo", "cve_programa", fresh(unknown_program)),
        Variant("programa_no_en_unidad", "cve_programa", _matricula_program_elsewhere),
        Variant("clave_duplicada", key, _duplicate_enrolment, duplicate=True),
        Variant("tipo_invalido", "semestre", fresh(as_text(semestre="2.5"))),
        Variant("valor_no_permitido", "modalidad", fresh(native(modalidad="A_DISTANCIA"))),
    ]


def _event(tipo: str, opcion: str | None = None, promedio: str | None = None):
    """Turn the (fresh) row into an event of type `tipo` with the given extras."""

    def build(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
        return rows.with_columns(
            pl.lit(tipo).alias("tipo_evento"),
            pl.lit(opcion, pl.String).alias("opcion_titulacion"),
            pl.lit(promedio, pl.String).cast(pl.Decimal(18, 2)).alias("promedio"),
        )

    return build


def _event_then(tipo: str, opcion: str | None, promedio: str | None, texts: dict | None = None):
    """A fresh student's event of type `tipo`, then literal text in some cells."""
    make = _event(tipo, opcion, promedio)

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return make(rows, ctx), {column: text(value) for column, value in (texts or {}).items()}

    return fresh(build)


def _trayectoria_program_elsewhere(
    rows: pl.DataFrame, ctx: Context
) -> tuple[pl.DataFrame, Overrides]:
    return program_elsewhere(new_student(rows, ctx), ctx), {}


def _before_period(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    start = period_starts(rows["periodo"])
    days = pl.Series(ctx.rng.integers(1, 60, rows.height))
    return rows.with_columns((start - pl.duration(days=days)).alias("fecha_evento")), {}


def trayectoria_variants() -> list[Variant]:
    key = key_column("trayectoria")
    baja = pl.col("tipo_evento") == "BAJA_DEFINITIVA"
    degree_or_exit = pl.col("tipo_evento").is_in(["EGRESO", "TITULACION"])
    return [
        Variant("tipo_invalido", "fecha_evento", fresh(bad_date("fecha_evento"))),
        Variant(
            "tipo_invalido", "promedio", _event_then("EGRESO", None, None, {"promedio": "ocho"})
        ),
        Variant("vacio_requerido", "curp", fresh(as_text(curp=None))),
        Variant("vacio_requerido", "fecha_evento", fresh(as_text(fecha_evento=None))),
        Variant("valor_no_permitido", "tipo_evento", _event_then("REVALIDACION", None, None)),
        Variant(
            "valor_no_permitido", "opcion_titulacion", _event_then("TITULACION", "TESINA", None)
        ),
        Variant("fuera_de_rango", "promedio", _event_then("EGRESO", None, "11.00")),
        Variant("boleta_invalida", "boleta", _short_boleta),
        Variant("curp_invalida", "curp", fresh(bad_curp)),
        Variant("fuera_de_catalogo", "cve_programa", fresh(unknown_program)),
        Variant("programa_no_en_unidad", "cve_programa", _trayectoria_program_elsewhere),
        Variant("clave_duplicada", key, exact_copy, donors=baja, duplicate=True),
        Variant(
            "evento_repetido", "tipo_evento", exact_copy, donors=degree_or_exit, duplicate=True
        ),
        Variant("fecha_antes_del_periodo", "fecha_evento", fresh(_before_period)),
        Variant("no_aplica_al_evento", "opcion_titulacion", _event_then("EGRESO", "TESIS", "8.50")),
        Variant("no_aplica_al_evento", "promedio", _event_then("BAJA_DEFINITIVA", None, "7.25")),
        Variant("fuera_de_rango", "promedio", _event_then("EGRESO", None, "5.40")),
    ]
