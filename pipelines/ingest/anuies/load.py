"""Load an ANUIES yearbook into raw.anuies (program rows) and raw.anuies_conciliacion.

A total row that does not match the programs beneath it is a warning for the auditors; a grand
total that does not reconcile rejects the file, since the yearbook then contradicts itself.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.ingest.anuies.ipn import mark_ipn
from pipelines.ingest.anuies.reading import read_yearbook
from pipelines.ingest.anuies.reconcile import grand_total_reconciles, reconcile
from pipelines.ingest.anuies.tables import ANUIES_TABLES
from pipelines.ingest.loader import LoadContext, LoadResult, run_file_load
from pipelines.ingest.warehouse import FileLoad

KIND = "anuies"


def load_yearbook_file(path: Path, ctx: LoadContext) -> LoadResult:
    return run_file_load(path, KIND, ctx, _prepare)


def _prepare(path: Path, carga: dict) -> tuple[FileLoad, LoadResult]:
    yearbook = read_yearbook(path)
    programs = _program_rows(mark_ipn(yearbook.programas), yearbook.ciclo, carga)
    reconciliation = _reconciliation_rows(reconcile(yearbook), yearbook.ciclo, carga)
    mismatches = reconciliation.filter(~pl.col("concilia")).height
    warnings = list(yearbook.advertencias)
    if mismatches:
        warnings.append(
            f"{mismatches} comparaciones de totales no concilian (ver raw.anuies_conciliacion)"
        )
    read = programs.height
    carga.update(
        codificacion=yearbook.codificacion or yearbook.formato,
        periodo=yearbook.ciclo,
        filas_leidas=read,
        advertencias="; ".join(warnings) or None,
    )
    result = LoadResult(
        KIND, carga["archivo"], carga["sha256"], "CARGADO", yearbook.ciclo, read, read, 0
    )
    if not grand_total_reconciles(reconciliation):
        message = (
            f"{carga['archivo']}: el total general no concilia con la suma de los programas; "
            "no se cargó el anuario (detalle en raw.anuies_conciliacion)"
        )
        carga.update(estado="RECHAZADO", mensaje=message, filas_cargadas=0, filas_rechazadas=read)
        result.estado, result.mensaje, result.filas_cargadas, result.filas_rechazadas = (
            "RECHAZADO",
            message,
            0,
            read,
        )
        return FileLoad(carga, appended={"anuies_conciliacion": reconciliation}), result
    carga.update(estado="CARGADO", filas_cargadas=read, filas_rechazadas=0)
    tables = {"anuies": programs, "anuies_conciliacion": reconciliation}
    return FileLoad(carga, replaced=tables, period_filter={"ciclo": yearbook.ciclo}), result


def _program_rows(programas: pl.DataFrame, ciclo: str, carga: dict) -> pl.DataFrame:
    rows = programas.with_columns(
        pl.lit(ciclo).alias("ciclo"),
        pl.lit(carga["carga_id"]).alias("_carga_id"),
        pl.lit(carga["archivo"]).alias("_archivo"),
        pl.lit(carga["sha256"]).alias("_sha256"),
        pl.col("fila").alias("_fila"),
        pl.lit(carga["iniciado_en"]).cast(pl.Datetime("us")).alias("_cargado_en"),
    )
    return rows.select(name for name, _ in ANUIES_TABLES["anuies"])


def _reconciliation_rows(reconciliation: pl.DataFrame, ciclo: str, carga: dict) -> pl.DataFrame:
    rows = reconciliation.with_columns(
        pl.lit(ciclo).alias("ciclo"),
        pl.lit(carga["carga_id"]).alias("_carga_id"),
        pl.lit(carga["archivo"]).alias("_archivo"),
    )
    return rows.select(name for name, _ in ANUIES_TABLES["anuies_conciliacion"])
