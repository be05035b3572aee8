"""The raw schema of the working DuckDB file: DDL and the writes of one file's load.

Everything one file changes (its rows, its rejections, its line in the load log, the period it
replaces) is written in one transaction, so a crash leaves the warehouse as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import polars as pl

from pipelines.ingest.anuies.tables import ANUIES_TABLES
from pipelines.ingest.load_record import LoadRecord
from pipelines.specs.contracts import all_contracts
from pipelines.specs.load_log import CARGAS_COLUMNS, RECHAZOS_COLUMNS

OTHER_RAW_TABLES = ANUIES_TABLES


@dataclass
class FileLoad:
    """What one file's load writes: its line in the load log (`record`), the rows that replace
    its period in each raw table it feeds (`replaced`, table → rows) and rows simply added
    (`appended`)."""

    record: LoadRecord
    replaced: dict[str, pl.DataFrame] = field(default_factory=dict)
    appended: dict[str, pl.DataFrame] = field(default_factory=dict)
    period_filter: dict[str, object] | None = None
    replaces_file: bool = False  # replace the earlier rows of the same file name, not a period


def _create_table(name: str, columns: tuple[tuple[str, str], ...]) -> str:
    body = ", ".join(f"{column} {sql_type}" for column, sql_type in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} ({body})"


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute(_create_table("raw.cargas", CARGAS_COLUMNS))
    con.execute(_create_table("raw.rechazos", RECHAZOS_COLUMNS))
    for kind, contract in all_contracts().items():
        con.execute(_create_table(f"raw.{kind}", contract.stored_columns))
    for table, columns in OTHER_RAW_TABLES.items():
        con.execute(_create_table(f"raw.{table}", columns))


def already_seen(con: duckdb.DuckDBPyConnection, kind: str, sha256: str) -> dict | None:
    """The load log line of an earlier attempt at the same bytes, if any."""
    row = con.execute(
        "SELECT carga_id, estado, periodo, archivo FROM raw.cargas WHERE tipo = ? AND sha256 = ? "
        "ORDER BY iniciado_en DESC LIMIT 1",
        [kind, sha256],
    ).fetchone()
    return (
        dict(zip(("carga_id", "estado", "periodo", "archivo"), row, strict=True)) if row else None
    )


def logged_unreadable_since(
    con: duckdb.DuckDBPyConnection, kind: str, archivo: str, since: datetime
) -> dict | None:
    """The load-log line of an entry that could not be read (no bytes, no sha256), written after
    `since` (the entry's last change): the same broken link or folder is logged once, not at
    every run."""
    row = con.execute(
        "SELECT carga_id, estado, periodo FROM raw.cargas WHERE tipo = ? AND archivo = ? "
        "AND sha256 = '' AND iniciado_en >= ? ORDER BY iniciado_en DESC LIMIT 1",
        [kind, archivo, since],
    ).fetchone()
    return dict(zip(("carga_id", "estado", "periodo"), row, strict=True)) if row else None


def write_file_load(con: duckdb.DuckDBPyConnection, kind: str, load: FileLoad) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        if load.replaced and load.replaces_file:
            _replace_file(con, kind, load)
        elif load.replaced:
            _replace_period(con, kind, load)
        for table, rows in load.appended.items():
            _insert(con, table, rows)
        line = load.record.row()
        placeholders = ", ".join("?" for _ in line)
        con.execute(
            f"INSERT INTO raw.cargas ({', '.join(line)}) VALUES ({placeholders})",
            list(line.values()),
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame) -> None:
    if rows.is_empty():
        return
    con.register("_filas", rows.to_arrow())
    names = ", ".join(rows.columns)
    con.execute(f"INSERT INTO raw.{table} ({names}) SELECT {names} FROM _filas")
    con.unregister("_filas")


def _replace_file(con: duckdb.DuckDBPyConnection, kind: str, load: FileLoad) -> None:
    """A file of an extract not partitioned by period (metas) replaces only its own earlier rows:
    those loaded from the same name under landing."""
    archivo = load.record.archivo
    con.execute(
        "UPDATE raw.cargas SET estado = 'REEMPLAZADO' "
        "WHERE tipo = ? AND archivo = ? AND estado = 'CARGADO'",
        [kind, archivo],
    )
    for table, rows in load.replaced.items():
        con.execute(f"DELETE FROM raw.{table} WHERE _archivo = ?", [archivo])
        _insert(con, table, rows)


def _replace_period(con: duckdb.DuckDBPyConnection, kind: str, load: FileLoad) -> None:
    if not load.period_filter:
        raise ValueError(f"{load.record.archivo}: reemplaza filas sin decir de qué periodo")
    where = " AND ".join(f"{column} = ?" for column in load.period_filter)
    values = list(load.period_filter.values())
    con.execute(
        "UPDATE raw.cargas SET estado = 'REEMPLAZADO' "
        "WHERE tipo = ? AND periodo = ? AND estado = 'CARGADO'",
        [kind, load.record.periodo],
    )
    for table, rows in load.replaced.items():
        con.execute(f"DELETE FROM raw.{table} WHERE {where}", values)
        _insert(con, table, rows)
