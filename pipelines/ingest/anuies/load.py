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
from pipelines.ingest.load_record import LoadRecord
from pipelines.ingest.loader import LoadContext, run_file_load
from pipelines.ingest.warehouse import FileLoad

KIND = "anuies"


def load_yearbook_file(path: Path, ctx: LoadContext) -> LoadRecord:
    return run_file_load(path, KIND, ctx, _prepare)


def _prepare(path: Path, record: LoadRecord) -> FileLoad:
    yearbook = read_yearbook(path)
    programs = _program_rows(mark_ipn(yearbook.programas), yearbook.ciclo, record)
    reconciliation = _reconciliation_rows(reconcile(yearbook), yearbook.ciclo, record)
    mismatches = reconciliation.filter(~pl.col("concilia")).height
    warnings = list(yearbook.advertencias)
    if mismatches:
        warnings.append(
            f"{mismatches} comparaciones de totales no concilian (ver raw.anuies_conciliacion)"
        )
    read = programs.height
    record.codificacion = yearbook.codificacion or yearbook.formato
    record.periodo = yearbook.ciclo
    record.advertencias = "; ".join(warnings) or None
    record.estado, record.filas_leidas, record.filas_cargadas = "CARGADO", read, read
    if not grand_total_reconciles(reconciliation):
        record.rejected_whole(
            f"{record.archivo}: el total general no concilia con la suma de los programas; "
            "no se cargó el anuario (detalle en raw.anuies_conciliacion)"
        )
        return FileLoad(record, appended={"anuies_conciliacion": reconciliation})
    tables = {"anuies": programs, "anuies_conciliacion": reconciliation}
    return FileLoad(record, replaced=tables, period_filter={"ciclo": yearbook.ciclo})


def _program_rows(programas: pl.DataFrame, ciclo: str, record: LoadRecord) -> pl.DataFrame:
    rows = programas.with_columns(
        pl.lit(ciclo).alias("ciclo"),
        pl.lit(record.carga_id).alias("_carga_id"),
        pl.lit(record.archivo).alias("_archivo"),
        pl.lit(record.sha256).alias("_sha256"),
        pl.col("fila").alias("_fila"),
        pl.lit(record.iniciado_en).cast(pl.Datetime("us")).alias("_cargado_en"),
    )
    return rows.select(name for name, _ in ANUIES_TABLES["anuies"])


def _reconciliation_rows(
    reconciliation: pl.DataFrame, ciclo: str, record: LoadRecord
) -> pl.DataFrame:
    rows = reconciliation.with_columns(
        pl.lit(ciclo).alias("ciclo"),
        pl.lit(record.carga_id).alias("_carga_id"),
        pl.lit(record.archivo).alias("_archivo"),
    )
    return rows.select(name for name, _ in ANUIES_TABLES["anuies_conciliacion"])
