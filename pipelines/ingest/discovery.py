"""What is waiting in the landing folder: each file's sha256 and the partition it belongs to.

The sensor and `siie run` ask this before a run, to know which partitions to run. A file is read
and checked exactly as the loader will (same reader, same checks, same period rule), so the two
cannot disagree about it. A file whose period cannot be told — unreadable, two periods, anything
that goes wrong — has no partition; the next ingestion run of its kind logs it with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.core.config import Settings
from pipelines.ingest.checks import check_rows
from pipelines.ingest.file_identity import readable_sha256
from pipelines.ingest.file_period import single_period
from pipelines.ingest.landing import landed_files
from pipelines.ingest.partition_keys import MONTHLY_KINDS, SCHOOL_PERIOD_KINDS, partition_key
from pipelines.ingest.reading import read_extract
from pipelines.specs.catalogs import Catalogs, read_catalogs
from pipelines.specs.contracts import load_contract

PARTITIONED_KINDS = (*SCHOOL_PERIOD_KINDS, *MONTHLY_KINDS)


@dataclass(frozen=True)
class LandedFile:
    kind: str
    path: Path
    sha256: str | None  # None: the file cannot be read
    partition: str | None  # None: the file's period cannot be told
    known: bool = False  # the same bytes were processed before


@cache
def _catalogs() -> Catalogs:
    return read_catalogs()


def file_partition(path: Path, kind: str) -> str | None:
    contract = load_contract(kind)
    try:
        checked = check_rows(read_extract(path, contract), contract, _catalogs())
        return partition_key(kind, single_period(checked, contract, path))
    except Exception:
        return None


def discover(
    settings: Settings, kind: str, known_sha256: set[str] = frozenset()
) -> list[LandedFile]:
    """Every file of `kind` in landing; those whose bytes are not among `known_sha256` with their
    partition, the known ones with `known` set and no partition (they are not read again)."""
    found = []
    for path in landed_files(settings.landing_for(kind)):
        sha256 = readable_sha256(path, settings.landing_dir)
        known = sha256 in known_sha256
        new = not known and sha256 is not None and kind in PARTITIONED_KINDS
        found.append(
            LandedFile(kind, path, sha256, file_partition(path, kind) if new else None, known)
        )
    return found
