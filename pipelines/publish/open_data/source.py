"""The published version the package is written from, opened read-only (never the warehouse)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


@contextmanager
def published_file(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(database), read_only=True) as con:
        yield con


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY table_name"
    ).fetchall()
    return [name for (name,) in rows]


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, str]]:
    """(column, DuckDB type, Spanish comment) of a published table, in order."""
    return con.execute(
        "SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()


def table_comment(con: duckdb.DuckDBPyConnection, table: str) -> str:
    row = con.execute(
        "SELECT coalesce(comment, '') FROM duckdb_tables() "
        "WHERE database_name = current_database() AND table_name = ?",
        [table],
    ).fetchone()
    return row[0] if row else ""
