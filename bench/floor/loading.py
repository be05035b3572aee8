"""Landing files → the raw tables the dbt models read, one file at a time, in SIIE's order.

What SIIE does per file and the floor does too, because the answer depends on it: drop the rows
SIIE rejects, reject a whole file over SIIE_MAX_REJECT_SHARE, refuse a file with two periods,
let a newer file of a period replace the older one, and reject an EGRESO/TITULACION the student
already has in another loaded period. What the floor skips: sha256, pseudonyms (id_alumno and
id_empleado keep the plain boleta and employee number: the same person is the same key, so the
counts are equal), rejection records, encodings beyond what DuckDB reads, and transactions.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bench.floor.contract_sql import CATALOGS, checked_rows_sql, literal, quote
from bench.floor.reading import read_file
from pipelines.core.config import SEEDS_DIR
from pipelines.ingest.warehouse import ensure_raw_schema
from pipelines.specs.contracts import Contract, load_contract

# SIIE's ingestion run of a school period loads these assets in this order, then the budget.
LOAD_ORDER = ("matricula", "plantilla", "trayectoria", "presupuesto")
IGNORED_PREFIXES = (".", "~$")
TYPED_CATALOGS = {  # what the contract checks compare with (pipelines/specs/catalogs.py)
    "cat_unidades": "CAST(cve_unidad AS VARCHAR) AS cve_unidad",
    "cat_programas": (
        "CAST(cve_programa AS VARCHAR) AS cve_programa, CAST(cve_unidad AS VARCHAR) "
        "AS cve_unidad, CAST(duracion_semestres AS INTEGER) AS duracion_semestres"
    ),
    "cat_partidas": "CAST(partida AS INTEGER) AS partida",
}


@dataclass
class FileOutcome:
    kind: str
    archivo: str
    estado: str
    periodo: str | None
    leidas: int
    rechazadas: int


def prepare_database(con: duckdb.DuckDBPyConnection, seeds_dir: Path = SEEDS_DIR) -> None:
    """SIIE's empty raw tables (its own DDL, so that the models read the same types), the seeds
    as dbt loads them (text; the models cast), the unit snapshot as a first snapshot leaves it,
    and the typed catalogs of the checks."""
    ensure_raw_schema(con)
    for schema in ("catalogos", "snapshots", CATALOGS):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for seed, typed in TYPED_CATALOGS.items():
        source = str(seeds_dir / f"{seed}.csv")
        con.execute(
            f"CREATE OR REPLACE TABLE catalogos.{seed} AS "
            "SELECT * FROM read_csv(?, all_varchar = true)",
            [source],
        )
        con.execute(
            f"CREATE OR REPLACE TABLE {CATALOGS}.{seed} AS SELECT {typed} FROM catalogos.{seed}"
        )
    con.execute("""
        CREATE OR REPLACE TABLE snapshots.snp_unidades AS
        SELECT *, md5(cve_unidad) AS dbt_scd_id, now()::TIMESTAMP AS dbt_updated_at,
               now()::TIMESTAMP AS dbt_valid_from, CAST(NULL AS TIMESTAMP) AS dbt_valid_to
        FROM catalogos.cat_unidades""")


def landed_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(IGNORED_PREFIXES)
    )


def load_landing(con: duckdb.DuckDBPyConnection, landing: Path) -> list[FileOutcome]:
    share = float(os.environ.get("SIIE_MAX_REJECT_SHARE", "0.05"))
    return [
        load_file(con, path, load_contract(kind), share)
        for kind in LOAD_ORDER
        for path in landed_files(landing / kind)
    ]


def _period_label(contract: Contract, period: tuple) -> str:
    values = dict(zip(contract.period_columns, period, strict=True))
    if "mes" in values:
        return f"{values['ejercicio']}-{int(values['mes']):02d}"
    return str(next(iter(values.values())))


def _log(
    con, kind: str, path: Path, estado: str, period: str | None, read: int, rejected: int
) -> FileOutcome:
    con.execute(
        "INSERT INTO raw.cargas (carga_id, tipo, archivo, sha256, periodo, filas_leidas, "
        "filas_cargadas, filas_rechazadas, estado) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)",
        [
            uuid.uuid4().hex,
            kind,
            path.name,
            period,
            read,
            read - rejected if estado == "CARGADO" else 0,
            rejected,
            estado,
        ],
    )
    return FileOutcome(kind, path.name, estado, period, read, rejected)


def load_file(
    con: duckdb.DuckDBPyConnection, path: Path, contract: Contract, share: float
) -> FileOutcome:
    spreadsheet = read_file(con, path, contract)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE revisado AS "
        f"{checked_rows_sql(contract, spreadsheet, 'archivo')}"
    )
    columns = ", ".join(quote(c) for c in contract.period_columns)
    periods = con.execute(f"SELECT DISTINCT {columns} FROM revisado WHERE _periodo_ok").fetchall()
    if len(periods) > 1:
        return _log(con, contract.kind, path, "ERROR", None, 0, 0)
    period = periods[0] if periods else None
    if period is not None:
        _reject_events_already_loaded(con, contract, period)
    read, rejected = con.execute(
        "SELECT count(*), count(*) FILTER (_falla) FROM revisado"
    ).fetchone()
    label = _period_label(contract, period) if period else None
    if rejected / read > share:
        return _log(con, contract.kind, path, "RECHAZADO", label, read, read)
    if period is not None:
        _replace_period(con, contract, period, label)
    _insert_rows(con, contract, path)
    return _log(con, contract.kind, path, "CARGADO", label, read, rejected)


def _reject_events_already_loaded(con, contract: Contract, period: tuple) -> None:
    rules = contract.rules_named("once_per_student_and_program")
    if not rules:
        return
    events = ", ".join(literal(e) for e in rules[0]["tipo_evento"])
    con.execute(
        f"""
        UPDATE revisado SET _falla = true
        FROM (SELECT DISTINCT id_alumno, cve_programa, tipo_evento FROM raw.{contract.kind}
              WHERE periodo <> ? AND tipo_evento IN ({events})) AS cargados
        WHERE NOT revisado._falla AND revisado.boleta = cargados.id_alumno
          AND revisado.cve_programa = cargados.cve_programa
              AND revisado.tipo_evento = cargados.tipo_evento
        """,
        [period[0]],
    )


def _replace_period(con, contract: Contract, period: tuple, label: str) -> None:
    con.execute(
        "UPDATE raw.cargas SET estado = 'REEMPLAZADO' "
        "WHERE tipo = ? AND periodo = ? AND estado = 'CARGADO'",
        [contract.kind, label],
    )
    where = " AND ".join(f"{quote(c)} = ?" for c in contract.period_columns)
    con.execute(f"DELETE FROM raw.{contract.kind} WHERE {where}", list(period))


def _insert_rows(con, contract: Contract, path: Path) -> None:
    source_of = {c.pseudonym: c.name for c in contract.pii_columns if c.pii == "pseudonymise"}
    lineage = {
        "_carga_id": "NULL",
        "_archivo": literal(path.name),
        "_sha256": "NULL",
        "_fila": "_fila",
        "_cargado_en": "now()::TIMESTAMP",
    }
    names = [name for name, _ in contract.stored_columns]
    values = [lineage.get(n) or quote(source_of.get(n, n)) for n in names]
    con.execute(
        f"INSERT INTO raw.{contract.kind} ({', '.join(map(quote, names))}) "
        f"SELECT {', '.join(values)} FROM revisado WHERE NOT _falla"
    )
