"""Load one extract file into raw.*: read → check → pseudonymise → write, all or nothing.

Every row read ends in raw.<kind> or in raw.rechazos, and every attempt at a file has one line
in raw.cargas; a file already seen (same sha256) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines.core.config import Settings
from pipelines.core.failures import is_disk_full
from pipelines.core.warehouse_lock import is_lock_error
from pipelines.ingest import kept_reads
from pipelines.ingest.checks import CheckedRows, check_rows
from pipelines.ingest.errors import ExtractError
from pipelines.ingest.file_identity import file_sha256, last_change, why_unreadable
from pipelines.ingest.file_names import landing_name, printable_text
from pipelines.ingest.file_period import period_label, single_period
from pipelines.ingest.identifiers import scrub_message, scrub_value
from pipelines.ingest.landing_hashes import LandingHashes
from pipelines.ingest.load_record import LoadRecord
from pipelines.ingest.partition_keys import outside_partitions, partition_key
from pipelines.ingest.pseudonyms import Pseudonyms
from pipelines.ingest.reading import ROW_NUMBER, read_extract
from pipelines.ingest.rejections import rejections_of
from pipelines.ingest.warehouse import (
    FileLoad,
    already_seen,
    logged_unreadable_since,
    write_file_load,
)
from pipelines.specs.catalogs import Catalogs
from pipelines.specs.contracts import Contract


@dataclass
class LoadContext:
    con: duckdb.DuckDBPyConnection
    settings: Settings
    catalogs: Catalogs
    key: bytes
    partitions: frozenset[str] | None = None  # load only files of these partitions (None: all)
    hashes: LandingHashes | None = None  # sha256 the planner remembered (landing_hashes.py)
    pseudonyms: Pseudonyms = field(init=False)  # one per load: a value is hashed once

    def __post_init__(self) -> None:
        self.pseudonyms = Pseudonyms(self.key)


class OtherPartition(Exception):
    """The file belongs to a partition this run does not load; it is left for its own run."""


# Reads the file and fills in its record (estado, periodo, counts); returns what to write.
Preparer = Callable[[Path, LoadRecord], FileLoad]


def load_file(path: Path, contract: Contract, ctx: LoadContext) -> LoadRecord:
    """Load an extract that has a contract in models/contracts/."""
    return run_file_load(
        path, contract.kind, ctx, lambda p, record: _prepare(p, contract, ctx, record)
    )


def run_file_load(path: Path, kind: str, ctx: LoadContext, prepare: Preparer) -> LoadRecord:
    """The frame every file's load shares: skip bytes already seen, log the attempt, write or log
    the error. Whatever goes wrong with one file is that file's ERROR line; the run goes on."""
    archivo = landing_name(path, ctx.settings.landing_dir)
    problem = why_unreadable(path, ctx.settings.landing_dir)
    try:
        sha256 = "" if problem else _sha256(path, ctx)  # "": no bytes could be read to hash
    except OSError as error:
        problem, sha256 = f"no se pudo leer el archivo ({error.strerror})", ""
    seen = (
        already_seen(ctx.con, kind, sha256)
        if sha256
        else logged_unreadable_since(ctx.con, kind, archivo, last_change(path))
    )
    if seen:
        return LoadRecord(
            kind,
            archivo,
            sha256,
            "OMITIDO",
            seen["periodo"],
            mensaje=f"ya procesado en la carga {seen['carga_id']} ({seen['estado']})",
        )
    record = LoadRecord(
        kind,
        archivo,
        sha256,
        tamano_bytes=_size(path),
        formato=printable_text(path.suffix.lower().lstrip(".")),
        iniciado_en=datetime.now(),
    )
    try:
        if problem:
            raise ExtractError(path, problem)
        load = prepare(path, record)
    except OtherPartition as other:
        return LoadRecord(kind, archivo, sha256, "OTRA_PARTICION", str(other))
    except ExtractError as error:
        load = _failed(record, error)
    except Exception as error:
        if is_disk_full(error):
            raise
        load = _failed(record, ExtractError(path, _unexpected(error)))
    record.terminado_en = datetime.now()
    # a net: what quotes the file is scrubbed already
    if record.mensaje:
        record.mensaje = scrub_message(record.mensaje)
    if record.advertencias:
        record.advertencias = scrub_message(record.advertencias)
    _write(ctx, kind, load)
    return record


def _write(ctx: LoadContext, kind: str, load: FileLoad) -> None:
    """Write the load; if the warehouse refuses this file's rows (not a lock or a full disk,
    which concern the whole run), log the file as an error instead, and go on."""
    try:
        write_file_load(ctx.con, kind, load)
    except Exception as error:
        if is_lock_error(error) or is_disk_full(error) or load.record.estado == "ERROR":
            raise
        failed = _failed(
            load.record,
            ExtractError(
                load.record.archivo,
                f"el almacén no aceptó sus filas ({type(error).__name__}: "
                f"{scrub_value(printable_text(str(error)))[:300]}); ninguna fila se cargó",
            ),
        )
        write_file_load(ctx.con, kind, failed)


def _sha256(path: Path, ctx: LoadContext) -> str:
    """The file's sha256: remembered if the file is as it was when hashed, else from its bytes
    (a run over a period hashes every file of its kinds, most of them loaded long ago)."""
    remembered = ctx.hashes.get(path, path.stat()) if ctx.hashes else None
    return remembered or file_sha256(path)


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _failed(record: LoadRecord, error: ExtractError) -> FileLoad:
    """The file is an ERROR: only its line in the load log is written."""
    record.failed(str(error))
    return FileLoad(record)


def _unexpected(error: Exception) -> str:
    return (
        f"no se pudo leer o revisar el archivo ({type(error).__name__}: "
        f"{scrub_value(printable_text(str(error)))[:300]}); ninguna fila se cargó. "
        "Si el archivo parece correcto, repórtelo al equipo de datos"
    )


def _prepare(path: Path, contract: Contract, ctx: LoadContext, record: LoadRecord) -> FileLoad:
    kept = kept_reads.find(path, record.sha256)  # the planner's read of these bytes, if kept
    extract = kept.extract if kept else read_extract(path, contract)
    checked = kept.checked() if kept else check_rows(extract, contract, ctx.catalogs)
    period = single_period(checked, contract, path)
    partition = partition_key(contract.kind, period)
    outside = partition and outside_partitions(contract.kind, partition)
    if outside:
        raise ExtractError(path, outside)
    if ctx.partitions is not None and partition is not None and partition not in ctx.partitions:
        raise OtherPartition(partition)
    if kept:
        kept_reads.release(path, record.sha256)
    if contract.rules_named("once_per_student_and_program") and period:
        checked = _reject_events_already_loaded(checked, contract, ctx, period)
    rejections = rejections_of(extract.rows, checked.failures, contract, record)
    read, rejected = extract.rows.height, rejections.height
    record.codificacion = extract.encoding
    record.periodo = period_label(period)
    record.advertencias = "; ".join(extract.warnings) or None
    record.estado, record.filas_leidas = "CARGADO", read
    record.filas_cargadas, record.filas_rechazadas = read - rejected, rejected
    record.motivos = _reason_counts(rejections)
    if rejected / read > ctx.settings.max_reject_share:
        record.rejected_whole(
            f"{record.archivo}: {rejected} de {read} filas "
            f"({rejected / read:.1%}) no cumplen el contrato, más que el umbral "
            f"de {ctx.settings.max_reject_share:.0%}: no se cargó ninguna fila"
        )
        return FileLoad(record, appended={"rechazos": rejections})
    rows = _stored_rows(checked.valid, contract, ctx.pseudonyms, record)
    record.filas_cargadas = rows.height
    return FileLoad(
        record,
        replaced={contract.kind: rows},
        appended={"rechazos": rejections},
        period_filter=period,
        replaces_file=contract.replaced_by_file,
    )


def _reject_events_already_loaded(
    checked: CheckedRows, contract: Contract, ctx: LoadContext, period: dict[str, object]
) -> CheckedRows:
    """EGRESO and TITULACION happen once per student and program, across every loaded period."""
    events = contract.rules_named("once_per_student_and_program")[0]["tipo_evento"]
    loaded = ctx.con.sql(
        "SELECT DISTINCT id_alumno, cve_programa, tipo_evento, periodo AS periodo_cargado "
        f"FROM raw.{contract.kind} WHERE periodo <> ? "
        f"AND tipo_evento IN ({', '.join('?' for _ in events)})",
        params=[period["periodo"], *events],
    ).pl()
    if loaded.is_empty():
        return checked
    candidates = checked.valid.with_columns(
        id_alumno=ctx.pseudonyms.of(checked.valid.get_column("boleta"))
    )
    repeated = (
        candidates.join(loaded, on=["id_alumno", "cve_programa", "tipo_evento"])
        .select(
            pl.col(ROW_NUMBER),
            pl.lit("tipo_evento").alias("columna"),
            pl.format(
                "el alumno ya tiene un evento {} en este programa, cargado en el periodo {}",
                pl.col("tipo_evento"),
                pl.col("periodo_cargado"),
            ).alias("motivo"),
        )
        .unique(ROW_NUMBER, keep="first")
    )
    failures = pl.concat([checked.failures, repeated])
    valid = checked.valid.join(repeated.select(ROW_NUMBER), on=ROW_NUMBER, how="anti")
    return CheckedRows(typed=checked.typed, valid=valid, failures=failures)


def _stored_rows(
    valid: pl.DataFrame, contract: Contract, pseudonyms: Pseudonyms, record: LoadRecord
) -> pl.DataFrame:
    rows = valid
    for column in contract.pii_columns:
        if column.pii == "pseudonymise":
            assert column.pseudonym, "contracts.py requires a pseudonym for pseudonymise"
            rows = rows.with_columns(
                pseudonyms.of(rows.get_column(column.name)).alias(column.pseudonym)
            )
    rows = rows.with_columns(
        pl.lit(record.carga_id).alias("_carga_id"),
        pl.lit(record.archivo).alias("_archivo"),
        pl.lit(record.sha256).alias("_sha256"),
        pl.col(ROW_NUMBER).alias("_fila"),
        pl.lit(record.iniciado_en).cast(pl.Datetime("us")).alias("_cargado_en"),
    )
    return rows.select(name for name, _ in contract.stored_columns)


def _reason_counts(rejections: pl.DataFrame) -> dict[str, int]:
    counts = rejections.group_by("columna", "motivo").len().sort("len", descending=True)
    return {f"{c}: {m}": n for c, m, n in counts.iter_rows()}
