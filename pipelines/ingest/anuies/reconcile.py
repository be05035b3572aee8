"""Does each total row of the yearbook equal the sum of the program rows beneath it?

"Beneath" is by position, as a reader of the sheet sees it: a state, municipality, institution
(or school) total row owns the program rows that follow it up to the next total row of the same
or an outer level; the grand total (NACIONAL) owns every program row. Matching by position rather
than by name keeps two groups that happen to share a name apart.
A mismatch is a warning for the auditors; only a grand total that does not reconcile is fatal.
NULL counts (`--`, empty) add as 0 on both sides; `valor_archivo` keeps the NULL.
"""

from __future__ import annotations

import polars as pl

from pipelines.ingest.anuies.yearbook import Yearbook

NACIONAL = "NACIONAL"
PROGRAMA = "PROGRAMA"
LEVELS = ("ENTIDAD", "MUNICIPIO", "INSTITUCION", "ESCUELA")  # outermost first
BOUNDARY = -1  # marks a row of an outer level, where ownership by an inner total stops
REC_COLUMNS = [
    "nivel_total",
    "entidad",
    "municipio",
    "institucion",
    "escuela",
    "medida",
    "valor_archivo",
    "suma_programas",
    "diferencia",
    "concilia",
    "fila",
    "n_programas",
]


def reconcile(yearbook: Yearbook) -> pl.DataFrame:
    """One row per total row and measure: nivel_total, entidad, municipio, institucion, escuela,
    medida, valor_archivo, suma_programas, diferencia (archivo − suma), concilia, fila,
    n_programas."""
    measures = list(yearbook.medidas)
    owners = _owners(yearbook.totales, yearbook.programas)
    sums = pl.concat(
        [_sums_by_owner(owners, yearbook.programas, level, measures) for level in LEVELS]
        + [_national_sums(yearbook.programas, yearbook.totales, measures)]
    ).unpivot(
        index=["fila", "n_programas"],
        on=measures,
        variable_name="medida",
        value_name="suma_programas",
    )
    labels = ["fila", "nivel_total", "entidad", "municipio", "institucion", "escuela"]
    return (
        yearbook.totales.unpivot(
            index=labels, on=measures, variable_name="medida", value_name="valor_archivo"
        )
        .join(sums, on=["fila", "medida"], how="left")
        .with_columns(pl.col("suma_programas", "n_programas").fill_null(0))
        .with_columns(diferencia=pl.col("valor_archivo").fill_null(0) - pl.col("suma_programas"))
        .with_columns(concilia=pl.col("diferencia") == 0)
        .sort("fila", pl.col("medida").cast(pl.Enum(measures)))
        .select(REC_COLUMNS)
    )


def grand_total_reconciles(rec: pl.DataFrame) -> bool:
    """True when the file has a grand total and every measure of it equals the sum of all
    programs."""
    national = rec.filter(pl.col("nivel_total") == NACIONAL)
    return national.height > 0 and bool(national["concilia"].all())


def mismatches(rec: pl.DataFrame) -> pl.DataFrame:
    return rec.filter(~pl.col("concilia"))


def _owners(totales: pl.DataFrame, programas: pl.DataFrame) -> pl.DataFrame:
    """Each program row's owning total row (its fila) at every level, by position."""
    rows = pl.concat(
        [
            totales.select("fila", "nivel_total"),
            programas.select("fila", nivel_total=pl.lit(PROGRAMA)),
        ]
    ).sort("fila")
    owner_columns = []
    for depth, level in enumerate(LEVELS):
        outer = [*LEVELS[:depth], NACIONAL]
        owner = (
            pl.when(pl.col("nivel_total") == level)
            .then(pl.col("fila"))
            .when(pl.col("nivel_total").is_in(outer))
            .then(pl.lit(BOUNDARY))
            .forward_fill()
        )
        owner_columns.append(pl.when(owner != BOUNDARY).then(owner).alias(level))
    return (
        rows.with_columns(owner_columns)
        .filter(pl.col("nivel_total") == PROGRAMA)
        .drop("nivel_total")
    )


def _sums_by_owner(
    owners: pl.DataFrame, programas: pl.DataFrame, level: str, measures: list[str]
) -> pl.DataFrame:
    return (
        owners.select("fila", pl.col(level).alias("owner"))
        .join(programas.select("fila", *measures), on="fila")
        .filter(pl.col("owner").is_not_null())
        .group_by("owner")
        .agg(pl.len().alias("n_programas"), *[pl.col(m).sum() for m in measures])
        .rename({"owner": "fila"})
        .with_columns(pl.col("fila").cast(pl.Int32), pl.col("n_programas").cast(pl.Int64))
    )


def _national_sums(
    programas: pl.DataFrame, totales: pl.DataFrame, measures: list[str]
) -> pl.DataFrame:
    national = totales.filter(pl.col("nivel_total") == NACIONAL).select("fila")
    sums = programas.select(
        pl.len().cast(pl.Int64).alias("n_programas"), *[pl.col(m).sum() for m in measures]
    )
    return national.join(sums, how="cross")
