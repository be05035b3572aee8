"""Keyed pseudonyms for direct identifiers (HMAC-SHA256); masks for what is logged are in identifiers.py.

The key comes from SIIE_PSEUDONYM_KEY or, when that is unset, from a key file created once under
SIIE_HOME with mode 0600. The same key must be kept for the life of the warehouse: a new key gives
every student and employee a new pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import polars as pl

from pipelines.config import Settings


def pseudonym_key(settings: Settings) -> bytes:
    if settings.pseudonym_key:
        return settings.pseudonym_key.encode("utf-8")
    return _key_from_file(settings.key_file)


def _key_from_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")


def pseudonymise(values: pl.Series, key: bytes) -> pl.Series:
    """HMAC-SHA256 (hex) of each value; computed once per distinct value."""
    distinct = values.drop_nulls().unique().to_list()
    digests = {v: hmac.new(key, v.encode("utf-8"), hashlib.sha256).hexdigest() for v in distinct}
    return values.replace_strict(digests, default=None, return_dtype=pl.String)
