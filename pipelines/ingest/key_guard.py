"""The warehouse remembers which key made its pseudonyms, and refuses another.

HMAC pseudonyms tie a student's periods together only while the key stays the same: with another
key, every continuing student looks new and every indicator over time breaks silently. The
warehouse therefore records a fingerprint of the key — the HMAC of a fixed label, from which the
key cannot be recovered — in its first load, and every later load (and `siie run`, before it
writes anything) compares the configured key's fingerprint with it.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

import duckdb

from pipelines.core.config import Settings
from pipelines.ingest.pseudonyms import existing_pseudonym_key

FINGERPRINT_LABEL = b"SIIE: huella de la clave de seudonimos, v1"
FINGERPRINT_CHARS = 16  # hex: enough to tell two keys apart, never the shape of a pseudonym
TABLE = "raw.clave_seudonimos"


class KeyMismatch(Exception):
    """The configured pseudonym key is not the one the warehouse's pseudonyms were made with."""


def key_fingerprint(key: bytes) -> str:
    return hmac.new(key, FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:FINGERPRINT_CHARS]


def recorded_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    [(exists,)] = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'raw' AND table_name = 'clave_seudonimos'"
    ).fetchall()
    if not exists:
        return None
    row = con.execute(f"SELECT huella FROM {TABLE} ORDER BY registrada_en DESC LIMIT 1").fetchone()
    return row[0] if row else None


def record_fingerprint(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (huella VARCHAR, registrada_en TIMESTAMP)")
    con.execute(f"INSERT INTO {TABLE} VALUES (?, ?)", [key_fingerprint(key), datetime.now()])


def mismatch_message(settings: Settings, recorded: str, configured: str | None) -> str:
    which = "SIIE_PSEUDONYM_KEY" if settings.pseudonym_key else f"el archivo {settings.key_file}"
    given = (
        f"la huella de la configurada ({which}) es {configured}"
        if configured
        else (f"no hay clave configurada (ni SIIE_PSEUDONYM_KEY ni {settings.key_file})")
    )
    return (
        f"La clave de seudónimos no es la del almacén {settings.warehouse_path}: su huella "
        f"registrada es {recorded} y {given}. Con otra clave cada alumno y cada empleado "
        "recibiría otro seudónimo y se perdería la continuidad entre periodos; no se escribió "
        "nada. Use la clave original o, para cambiarla a propósito, `siie clave rotar`."
    )


def guard_key(con: duckdb.DuckDBPyConnection, settings: Settings, key: bytes) -> None:
    """Inside a load's writing connection: record the key's fingerprint in a warehouse that has
    none, refuse a key whose fingerprint differs from the recorded one."""
    recorded = recorded_fingerprint(con)
    if recorded is None:
        record_fingerprint(con, key)
    elif recorded != key_fingerprint(key):
        raise KeyMismatch(mismatch_message(settings, recorded, key_fingerprint(key)))


def check_key(settings: Settings) -> None:
    """Before a run writes anything: open the warehouse read-only and compare fingerprints."""
    if not settings.warehouse_path.exists():
        return
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        recorded = recorded_fingerprint(con)
    if recorded is None:
        return
    key = existing_pseudonym_key(settings)
    configured = key_fingerprint(key) if key is not None else None
    if configured != recorded:
        raise KeyMismatch(mismatch_message(settings, recorded, configured))
