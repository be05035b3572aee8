"""Keyed pseudonyms for direct identifiers (HMAC-SHA256); masks for what is logged are in
identifiers.py.

The key comes from SIIE_PSEUDONYM_KEY or, when that is unset, from a key file created once under
SIIE_HOME with mode 0600. The same key must be kept for the life of the warehouse: a new key gives
every student and employee a new pseudonym, so the warehouse records the key's fingerprint and
refuses another key (key_guard.py; `siie clave rotar` changes it, docs/PRIVACY.md).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import polars as pl

from pipelines.core.config import Settings, SettingsError, key_weakness


def pseudonym_key(settings: Settings) -> bytes:
    """The key to pseudonymise with; the key file is created the first time it is needed."""
    if not settings.pseudonym_key and not settings.key_file.exists():
        write_key_file(settings.key_file, new_key())
    key = existing_pseudonym_key(settings)
    assert key is not None
    return key


def existing_pseudonym_key(settings: Settings) -> bytes | None:
    """The configured key, without creating a key file (None when there is none yet)."""
    if settings.pseudonym_key:
        return settings.pseudonym_key.encode("utf-8")
    if not settings.key_file.exists():
        return None
    key = settings.key_file.read_text().strip()
    if weakness := key_weakness(key):
        raise SettingsError(f"{settings.key_file}: {weakness}")
    return key.encode("utf-8")


def new_key() -> str:
    return secrets.token_hex(32)


def write_key_file(path: Path, key: str, replace: bool = False) -> None:
    """Write the key file with mode 0600. A first key never replaces one another process has just
    written; `replace` (rotation) swaps the file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.with_name(f".{path.name}.nueva") if replace else path
    if replace:
        target.unlink(missing_ok=True)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process created the first key at the same moment: it is the key
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    if replace:
        os.replace(target, path)


SHA256_BLOCK = 64  # bytes: HMAC pads (or first hashes) the key to this size (RFC 2104)
# What a load remembers of the pseudonyms it computed (values and digests, both text), at most:
# past it, the memory starts over. At IPN's size the 8 periods of matrícula remember some 400 000
# students, about 40 MiB.
MEMORY_BYTES = 256 * 2**20


def pseudonymise(values: pl.Series, key: bytes) -> pl.Series:
    """HMAC-SHA256 (hex) of each value, computed once per distinct value."""
    return Pseudonyms(key).of(values)


class Pseudonyms:
    """The pseudonyms of one load: each distinct value is hashed once, whatever file or column
    it comes from (a student is in every period's matrícula and in trayectoria).

    The values are held in memory only, for the life of the load, and never written anywhere.
    """

    def __init__(self, key: bytes, memory_bytes: int = MEMORY_BYTES) -> None:
        self._digests = _hmac_sha256(key)
        self._memory_bytes = memory_bytes
        self._known = pl.DataFrame(schema={"valor": pl.String, "seudonimo": pl.String})

    def of(self, values: pl.Series) -> pl.Series:
        values = values.cast(pl.String)  # a column left empty in a file arrives as Null
        found = (
            values.rename("valor")
            .to_frame()
            .join(self._known, on="valor", how="left", maintain_order="left")
        )
        pseudonyms = found.get_column("seudonimo")
        new = found.get_column("valor").filter(pseudonyms.is_null()).drop_nulls().unique()
        if new.len():
            computed = self._remember(new, found.get_column("valor"))
            pseudonyms = pseudonyms.fill_null(
                found.get_column("valor").replace_strict(
                    computed.get_column("valor"),
                    computed.get_column("seudonimo"),
                    default=None,
                    return_dtype=pl.String,
                )
            )
        return pseudonyms.rename(values.name)

    def _remember(self, new: pl.Series, wanted: pl.Series) -> pl.DataFrame:
        digests = pl.Series(self._digests(new.cast(pl.Binary).to_list()), dtype=pl.String)
        computed = pl.DataFrame({"valor": new, "seudonimo": digests})
        known = self._known
        if known.estimated_size() + computed.estimated_size() > self._memory_bytes:
            known = known.filter(pl.col("valor").is_in(wanted.implode()))  # start over
        self._known = pl.concat([known, computed])
        return computed


def _hmac_sha256(key: bytes) -> Callable[[list[bytes]], list[str]]:
    """HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)): the two padded keys are hashed once and each
    value continues copies of those states — the digests of `hmac.new(key, m, sha256)`, in a
    third of its time (a period of students is a million values at five times IPN's size)."""
    padded = (hashlib.sha256(key).digest() if len(key) > SHA256_BLOCK else key).ljust(
        SHA256_BLOCK, b"\0"
    )
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded)).copy
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded)).copy

    def digest(value: bytes) -> str:
        first = inner()
        first.update(value)
        second = outer()
        second.update(first.digest())
        return second.hexdigest()

    return lambda values: [digest(value) for value in values]
