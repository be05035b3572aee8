"""Keyed pseudonyms for direct identifiers (HMAC-SHA256); masks for what is logged are in
identifiers.py.

The key comes from SIIE_PSEUDONYM_KEY or, when that is unset, from a key file created once under
SIIE_HOME with mode 0600. The same key must be kept for the life of the warehouse: a new key gives
every student and employee a new pseudonym.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import polars as pl

from pipelines.core.config import Settings


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


SHA256_BLOCK = 64  # bytes: HMAC pads (or first hashes) the key to this size (RFC 2104)


def pseudonymise(values: pl.Series, key: bytes) -> pl.Series:
    """HMAC-SHA256 (hex) of each value, computed once per distinct value.

    HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)): the two padded keys are hashed once and each
    value continues copies of those states — the digests of `hmac.new(key, m, sha256)`, in a
    third of its time (a period of students is a million values at five times IPN's size).
    """
    padded = (hashlib.sha256(key).digest() if len(key) > SHA256_BLOCK else key).ljust(
        SHA256_BLOCK, b"\0"
    )
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))

    def digest(value: str) -> str:
        first = inner.copy()
        first.update(value.encode("utf-8"))
        second = outer.copy()
        second.update(first.digest())
        return second.hexdigest()

    distinct = values.drop_nulls().unique()
    return values.replace_strict(
        distinct,
        pl.Series(map(digest, distinct), dtype=pl.String),
        default=None,
        return_dtype=pl.String,
    )
