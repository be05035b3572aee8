"""A last guard before a publication is switched in: no direct identifier, no pseudonym, no salary
row.

Names come from the contracts (PII columns, their pseudonyms, confidential columns); values are
scanned for the shape of a pseudonym (64 hex digits) outside the files' own sha256 columns.
"""

from __future__ import annotations

import re

import duckdb

from pipelines.specs.contracts import all_contracts

PSEUDONYM_VALUE = r"^[0-9a-f]{64}$"
HASH_COLUMNS = ("sha256",)


class PIIFound(RuntimeError):
    pass


def forbidden_columns() -> set[str]:
    names = set()
    for contract in all_contracts().values():
        for column in contract.columns:
            if column.pii:
                names.add(column.name)
            if column.pseudonym:
                names.add(column.pseudonym)
            if column.confidential:
                names.add(column.name)
    return names


def _columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()


def assert_no_pii(con: duckdb.DuckDBPyConnection) -> None:
    """Raise PIIFound naming the table and column if the open publication holds any identifier."""
    columns = _columns(con)
    forbidden = forbidden_columns()
    named = [f"{t}.{c}" for t, c, _ in columns if c in forbidden]
    if named:
        raise PIIFound(
            "la publicación tendría columnas con datos "
            f"personales o confidenciales: {', '.join(named)}"
        )
    for table, column, data_type in columns:
        if data_type != "VARCHAR" or column in HASH_COLUMNS or not re.fullmatch(r"\w+", column):
            continue
        [(found,)] = con.execute(
            f"SELECT count(*) FROM {table} WHERE regexp_full_match({column}, '{PSEUDONYM_VALUE}')"
        ).fetchall()
        if found:
            raise PIIFound(
                f"{table}.{column} tiene {found} valores con forma de seudónimo (64 hex)"
            )
