"""Each published table as plain CSV (tablas/<tabla>.csv): UTF-8, comma, a header, `.` as the
decimal point, an empty field for a null (so a hidden figure is empty)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def write_table_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    con.execute(
        f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{_sql_path(path)}' "
        "(FORMAT csv, HEADER, DELIMITER ',', NULLSTR '', DATEFORMAT '%Y-%m-%d', "
        "TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%f')"
    )
