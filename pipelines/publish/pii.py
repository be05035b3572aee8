"""A last guard before a publication is switched in: no direct identifier, no pseudonym, no salary
row.

Names come from the contracts (PII columns, their pseudonyms, confidential columns); every text
value is searched for the forms of the contracts' identifiers (boleta, CURP, RFC: the search of
pipelines/ingest/identifiers.py, inside the value) and for the shape of a pseudonym (64 hex
digits) outside the files' own sha256 columns; the text files written beside the database
(manifest.json, diccionario.md) are searched the same way before they are written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import duckdb

from pipelines.ingest.identifiers import has_identifier, scrub_message
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
        _refuse_identifiers(con, table, column)
        [(found,)] = con.execute(
            f"SELECT count(*) FROM {table} WHERE regexp_full_match({column}, '{PSEUDONYM_VALUE}')"
        ).fetchall()
        if found:
            raise PIIFound(
                f"{table}.{column} tiene {found} valores con forma de seudónimo (64 hex)"
            )


def _refuse_identifiers(con: duckdb.DuckDBPyConnection, table: str, column: str) -> None:
    values = con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL")
    found = [value for (value,) in values.fetchall() if any(map(has_identifier, _texts(value)))]
    if found:
        raise PIIFound(
            f"{table}.{column} tiene {len(found)} valores con forma de identificador personal "
            f"(boleta, CURP o RFC), p. ej. {scrub_message(found[0])[:120]!r}"
        )


def _texts(value: str) -> Iterator[str]:
    """The text of a value; of a JSON document, its strings (a JSON number is a count or an
    amount, never an identifier: an identifier arrives as text)."""
    try:
        document = json.loads(value) if value.lstrip()[:1] in ("{", "[") else None
    except ValueError:
        document = None
    if document is None:
        yield value
        return
    pending = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from (str(key) for key in item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def assert_no_identifier_in_text(text: str, name: str) -> None:
    """Raise PIIFound if a text file about to be published holds a boleta, CURP or RFC form."""
    if any(map(has_identifier, _texts(text))):
        raise PIIFound(
            f"{name} tendría un valor con forma de identificador personal (boleta, CURP o RFC)"
        )
