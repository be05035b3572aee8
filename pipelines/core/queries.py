"""Small helpers for DuckDB queries that every stage writes the same way."""

from __future__ import annotations

from typing import Any

import duckdb


def one_row(cursor: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The row of a query that always returns exactly one (an aggregate without GROUP BY, a
    `LIMIT 1` over a table known not to be empty)."""
    row = cursor.fetchone()
    if row is None:
        raise LookupError("la consulta no devolvió ningún renglón")
    return row
