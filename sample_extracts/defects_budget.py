"""Defects planted in the monthly presupuesto files."""

from __future__ import annotations

import polars as pl

from sample_extracts.defects import (
    Context,
    Overrides,
    Variant,
    as_text,
    exact_copy,
    fresh,
    key_column,
    native,
    pick,
    unknown_unit,
)


def _unknown_partida(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """A 5-digit partida absent from cat_partidas, with a capítulo and concepto that agree."""
    partida = pick(ctx, ctx.unknown_partidas, rows.height).cast(pl.Int32)
    return rows.with_columns(
        partida.alias("partida"),
        (partida // 10000 * 1000).alias("capitulo"),
        (partida // 1000 * 100).alias("concepto"),
    ), {}


def _wrong_chapter(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    chapter = (pl.col("partida") // 10000 % 9 + 1) * 1000  # the next capítulo (9000 → 1000)
    return rows.with_columns(chapter.cast(pl.Int32).alias("capitulo")), {}


def _wrong_concept(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    first = pl.col("partida") // 10000
    second = pl.col("partida") // 1000 % 10
    concept = first * 1000 + (second + 1) % 10 * 100
    return rows.with_columns(concept.cast(pl.Int32).alias("concepto")), {}


def _paid_over_exercised(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    extra = pl.lit(1_000).cast(pl.Decimal(18, 2))
    return rows.with_columns(
        (pl.col("ejercido") + extra).cast(pl.Decimal(18, 2)).alias("pagado")
    ), {}


def _accrued_over_committed(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    short = pl.lit(1_000).cast(pl.Decimal(18, 2))
    committed = pl.max_horizontal(pl.col("devengado") - short, pl.lit(0).cast(pl.Decimal(18, 2)))
    devengado = pl.max_horizontal(pl.col("devengado"), short)  # keeps devengado > comprometido
    return rows.with_columns(
        committed.cast(pl.Decimal(18, 2)).alias("comprometido"),
        devengado.cast(pl.Decimal(18, 2)).alias("devengado"),
        pl.min_horizontal(pl.col("ejercido"), devengado).cast(pl.Decimal(18, 2)).alias("ejercido"),
        pl.min_horizontal(pl.col("pagado"), pl.col("ejercido"), devengado)
        .cast(pl.Decimal(18, 2))
        .alias("pagado"),
    ), {}


def _negative(column: str):
    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        value = pl.max_horizontal(pl.col(column), pl.lit(100).cast(pl.Decimal(18, 2)))
        return rows.with_columns((-value).cast(pl.Decimal(18, 2)).alias(column)), {}

    return build


def _badly_grouped(column: str):
    """`1,2345,678.00`: thousands separators in the wrong places (never a valid number)."""

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        digits = (pl.col(column).cast(pl.Int64).abs() + 1_000_000).cast(pl.String)
        grouped = (
            digits.str.head(1) + "," + digits.str.slice(1, 4) + "," + digits.str.slice(5) + ".00"
        )
        return rows, {column: grouped}

    return build


def presupuesto_variants() -> list[Variant]:
    key = key_column("presupuesto")
    return [
        Variant("tipo_invalido", "aprobado", fresh(_badly_grouped("aprobado"))),
        Variant("tipo_invalido", "modificado", fresh(as_text(modificado="sin dato"))),
        Variant("vacio_requerido", "aprobado", fresh(as_text(aprobado=None))),
        Variant(
            "valor_no_permitido",
            "fuente_financiamiento",
            fresh(native(fuente_financiamiento="OTROS")),
        ),
        Variant("fuera_de_rango", "aprobado", fresh(_negative("aprobado"))),
        Variant(
            "formato_invalido",
            "programa_presupuestario",
            fresh(native(programa_presupuestario="E10")),
        ),
        Variant("fuera_de_catalogo", "cve_unidad", fresh(unknown_unit)),
        Variant("fuera_de_catalogo", "partida", fresh(_unknown_partida)),
        Variant("partida_inconsistente", "capitulo", fresh(_wrong_chapter)),
        Variant("partida_inconsistente", "concepto", fresh(_wrong_concept)),
        Variant("montos_desordenados", "pagado", fresh(_paid_over_exercised)),
        Variant("montos_desordenados", "devengado", fresh(_accrued_over_committed)),
        Variant("clave_duplicada", key, exact_copy, duplicate=True),
        Variant("fuera_de_rango", "modificado", fresh(_negative("modificado"))),
    ]
