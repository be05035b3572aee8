"""What the planner read and checked, kept for the load of the same bytes in the same process.

`siie run` plans and then loads in one process (its Dagster runs execute in-process): to learn a
new file's period the planner reads it and checks its rows exactly as the loader does, and keeps
that work here so that the load does not do it again. A kept read is found only for the same path
with the same sha256, size and modification time, and is let go once its load used it; `siie run`
drops whatever is left when its ingestion runs end. The memory held is bounded (`BUDGET_BYTES`):
a file past the budget is read again by its load, as before. The landing sensor keeps nothing (its
runs execute in other processes).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.ingest.checks import CheckedRows, with_valid_rows
from pipelines.ingest.reading import Extract

BUDGET_BYTES = 768 * 2**20  # scale 1 (IPN size) fits whole; at scale 5, about a third of a load

Key = tuple[str, str, int, int]  # absolute path, sha256, size, mtime_ns


@dataclass(frozen=True)
class KeptRead:
    extract: Extract
    typed: pl.DataFrame  # the valid rows are rebuilt from these two: half the memory
    failures: pl.DataFrame

    @property
    def size(self) -> int:
        return sum(int(f.estimated_size()) for f in (self.extract.rows, self.typed, self.failures))

    def checked(self) -> CheckedRows:
        return with_valid_rows(self.typed, self.failures)


_lock = threading.Lock()
_kept: dict[Key, KeptRead] = {}


def _key(path: Path, sha256: str, stat: os.stat_result) -> Key:
    return (str(path.absolute()), sha256, stat.st_size, stat.st_mtime_ns)


def keep(
    path: Path, sha256: str, stat: os.stat_result, extract: Extract, checked: CheckedRows
) -> bool:
    """Keep a read whose bytes had `sha256` and the file then `stat`; False when past the budget."""
    read = KeptRead(extract, checked.typed, checked.failures)
    with _lock:
        if sum(k.size for k in _kept.values()) + read.size > BUDGET_BYTES:
            return False
        _kept[_key(path, sha256, stat)] = read
        return True


def find(path: Path, sha256: str) -> KeptRead | None:
    """The kept read of these bytes at this path, if the file is still as it was read."""
    try:
        key = _key(path, sha256, path.stat())
    except OSError:
        return None
    with _lock:
        return _kept.get(key)


def release(path: Path, sha256: str) -> None:
    """The load used it: the memory goes back."""
    with _lock:
        for key in [k for k in _kept if k[:2] == (str(path.absolute()), sha256)]:
            del _kept[key]


def forget() -> None:
    with _lock:
        _kept.clear()


def held() -> int:
    """How many reads are kept (for tests and measurements)."""
    with _lock:
        return len(_kept)
