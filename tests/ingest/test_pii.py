"""No direct identifier (boleta, CURP, RFC, employee number) reaches any table of the warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import load

pytestmark = pytest.mark.integration

PII_COLUMNS = ("boleta", "curp", "rfc", "num_empleado")


def all_text_in_warehouse(path) -> set[str]:
    found: set[str] = set()
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "WHERE data_type = 'VARCHAR'"
        ).fetchall()
        for schema, table, column in columns:
            values = con.execute(f'SELECT DISTINCT "{column}" FROM "{schema}"."{table}"').fetchall()
            found.update(v for (v,) in values if v is not None)
    return found


def files_holding(planted: tuple[str, ...], *roots: Path, skip: Path | None = None) -> dict:
    """Every file under `roots` (but `skip`, the landing folder) whose bytes hold one of the
    planted identifiers, as UTF-8: a database page, a Parquet page, a log line, a JSON document —
    searched as bytes, whatever the format, without SIIE's own masking code."""
    needles = {identifier: identifier.encode("utf-8") for identifier in planted}
    found: dict[str, list[str]] = {}
    for root in roots:
        for path in root.rglob("*"):
            if not path.is_file() or path.is_symlink() or (skip and path.is_relative_to(skip)):
                continue
            content = path.read_bytes()
            hits = [identifier for identifier, needle in needles.items() if needle in content]
            if hits:
                found[str(path)] = hits
    return found


def test_no_identifier_is_stored_even_in_rejections(settings):
    written = {}
    for kind in ("matricula", "trayectoria", "plantilla"):
        rows = valid_rows(kind, 40)
        # a rejected row carries PII too
        rows[2]["sexo" if kind != "trayectoria" else "tipo_evento"] = "?"
        write_extract(settings.landing_for(kind) / f"{kind}.csv", rows)
        written[kind] = rows
    load(settings, "matricula", "trayectoria", "plantilla")

    stored = all_text_in_warehouse(settings.warehouse_path)
    identifiers = {
        row[c] for rows in written.values() for row in rows for c in PII_COLUMNS if c in row
    }
    assert identifiers and not any(
        identifier in text for identifier in identifiers for text in stored
    ), "a direct identifier was found in the warehouse"


def test_pseudonyms_are_stable_and_keyed(settings):
    import polars as pl

    from pipelines.ingest.pseudonyms import pseudonymise

    values = pl.Series(["2024630001", "2024630002", "2024630001"])
    first = pseudonymise(values, b"k1")
    assert first[0] == first[2] != first[1]
    assert len(first[0]) == 64
    assert pseudonymise(values, b"k2")[0] != first[0]


def test_pseudonyms_are_the_hmac_of_the_standard_library():
    import hashlib
    import hmac

    import polars as pl

    from pipelines.ingest.pseudonyms import pseudonymise

    values = pl.Series(["2024630001", "Peña-Ñ 7", None, "", "2024630001", "x" * 300])
    for key in (b"k", b"a" * 37, b"b" * 64, b"c" * 65, "llave ñ".encode()):
        expected = [
            None if v is None else hmac.new(key, v.encode(), hashlib.sha256).hexdigest()
            for v in values.to_list()
        ]
        assert pseudonymise(values, key).to_list() == expected


def test_one_load_pseudonyms_every_value_as_the_standard_library_does_across_files():
    """A load remembers the pseudonyms it computed (a student is in every period's file), also
    after its memory fills and starts over."""
    import hashlib
    import hmac

    import polars as pl

    from pipelines.ingest.pseudonyms import Pseudonyms

    key = b"llave de una carga"
    files = [
        pl.Series("boleta", ["2024630001", "2024630002", None, "2024630001"]),
        pl.Series("boleta", ["2024630002", "2024630003", "Peña-Ñ 7", None]),
        pl.Series("num_empleado", ["2024630003", "E-1", "2024630001", ""]),
        pl.Series("boleta", [None, None]),
    ]
    for memory_bytes in (2**20, 1):  # 1 byte: every file starts the memory over
        pseudonyms = Pseudonyms(key, memory_bytes=memory_bytes)
        for values in files:
            expected = [
                None if v is None else hmac.new(key, v.encode(), hashlib.sha256).hexdigest()
                for v in values.to_list()
            ]
            got = pseudonyms.of(values)
            assert got.to_list() == expected
            assert got.name == values.name


def test_the_key_file_is_created_once_with_mode_0600(settings):
    import dataclasses
    import stat

    from pipelines.ingest.pseudonyms import pseudonym_key

    without_env = dataclasses.replace(settings, pseudonym_key=None)
    key = pseudonym_key(without_env)
    assert stat.S_IMODE(without_env.key_file.stat().st_mode) == 0o600
    assert pseudonym_key(without_env) == key
