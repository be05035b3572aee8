"""What is waiting in the landing folder: each file's sha256 and the partition it belongs to, both
learnt from one read of its bytes.

The planner (planning.py) asks this for `siie run` and for the landing sensor. A file is read and
checked exactly as the loader will (same reader, same checks, same period rule), so the two cannot
disagree about it; what was learnt is remembered by sha256 (plan_cache.py), so an unchanged file
is hashed but not read again by the next plan, and `siie run` hands the read to its load
(kept_reads.py). A file whose period cannot be told — unreadable, two periods, anything that goes
wrong — has no partition, and `why` says which of those; the next ingestion run of its kind logs
it with its reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.core.config import Settings
from pipelines.ingest import kept_reads
from pipelines.ingest.checks import CheckedRows, check_rows
from pipelines.ingest.errors import ExtractError
from pipelines.ingest.file_identity import why_unreadable
from pipelines.ingest.file_period import single_period
from pipelines.ingest.landing import landed_files
from pipelines.ingest.landing_hashes import LandingHashes
from pipelines.ingest.partition_keys import (
    MONTHLY_KINDS,
    SCHOOL_PERIOD_KINDS,
    outside_partitions,
    partition_key,
)
from pipelines.ingest.plan_cache import PlanCache, Planned, fingerprint
from pipelines.ingest.reading import Extract, read_extract
from pipelines.specs.catalogs import Catalogs, read_catalogs
from pipelines.specs.contracts import load_contract

PARTITIONED_KINDS = (*SCHOOL_PERIOD_KINDS, *MONTHLY_KINDS)

# Why a file has no partition (codes: they are also what plan_cache.py stores).
UNREADABLE = "ilegible"  # it cannot be opened, or is a link out of landing: no sha256
NOT_CHECKED = "no_se_pudo_revisar"  # reading or checking it failed; its load says why
NO_PERIOD = "sin_periodo"  # read and checked: no row carries a valid period
OUT_OF_RANGE = "fuera_de_particiones"  # its period is not one of its kind's partitions (yet)


@dataclass(frozen=True)
class LandedFile:
    kind: str
    path: Path
    sha256: str | None  # None: the file cannot be read
    partition: str | None  # None: the file's period cannot be told (or it has none: anuies)
    known: bool = False  # the same bytes were processed before (not read to learn a period)
    why: str | None = None  # why a file of a partitioned kind has no partition


@dataclass(frozen=True)
class PeriodRead:
    """A file read and checked to learn its period."""

    planned: Planned
    remembered: bool  # the outcome follows from the bytes alone (not a failing disk or memory)
    extract: Extract | None = None
    checked: CheckedRows | None = None


@cache
def _catalogs() -> Catalogs:
    return read_catalogs()


def read_period(path: Path, kind: str, data: bytes, catalogs: Catalogs) -> PeriodRead:
    """The partition of the file whose bytes are `data`, as its load will find it."""
    contract = load_contract(kind)
    try:
        extract = read_extract(path, contract, data)
        checked = check_rows(extract, contract, catalogs)
        partition = partition_key(kind, single_period(checked, contract, path))
    except ExtractError:
        return PeriodRead(Planned(None, NOT_CHECKED), remembered=True)
    except Exception:
        return PeriodRead(Planned(None, NOT_CHECKED), remembered=False)
    planned = Planned(partition, None if partition else NO_PERIOD)
    return PeriodRead(planned, remembered=True, extract=extract, checked=checked)


def file_partition(path: Path, kind: str) -> str | None:
    """The partition of one file, read now (no cache)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return read_period(path, kind, data, _catalogs()).planned.partition


def never(_: LandedFile) -> bool:
    return False


class LandingLook:
    """One look at landing by the planner: the plan cache and the landing hashes are read when it
    starts and written by `close` with what it learnt; `read` counts the files whose content was
    read for a period. `rehash`: every file's sha256 is computed again from its bytes."""

    def __init__(self, settings: Settings, rehash: bool = False):
        self.settings = settings
        self.cache = PlanCache.open(settings)
        self.hashes = LandingHashes.open(settings, trusted=not rehash)
        self._fingerprints: dict[str, str] = {}
        self.read = 0

    def fingerprint(self, kind: str) -> str:
        if kind not in self._fingerprints:
            self._fingerprints[kind] = fingerprint(load_contract(kind), _catalogs())
        return self._fingerprints[kind]

    def file(
        self,
        kind: str,
        path: Path,
        skip: Container[str] = frozenset(),
        keep: Callable[[LandedFile], bool] = never,
    ) -> LandedFile:
        """`path` as the planner sees it. Bytes whose sha256 is in `skip` are `known` and not read
        further; a file read to learn its period whose LandedFile passes `keep` leaves that read
        for its load (kept_reads)."""
        if why_unreadable(path, self.settings.landing_dir):
            return LandedFile(kind, path, None, None, why=UNREADABLE)
        try:
            stat = path.stat()
            remembered = self.hashes.get(path, stat)
            if remembered is not None:
                unread = self._without_reading(kind, path, remembered, skip)
                if unread is not None:
                    return unread
            data = path.read_bytes()
        except OSError:
            return LandedFile(kind, path, None, None, why=UNREADABLE)
        sha256 = hashlib.sha256(data).hexdigest()
        self.hashes.put(path, stat, len(data), sha256)
        if sha256 in skip:
            return LandedFile(kind, path, sha256, None, known=True)
        if kind not in PARTITIONED_KINDS:
            return LandedFile(kind, path, sha256, None)
        planned = self.cache.get(kind, path, sha256, self.fingerprint(kind))
        if planned is not None:
            return _within_partitions(
                LandedFile(kind, path, sha256, planned.partition, why=planned.why)
            )
        read = read_period(path, kind, data, _catalogs())
        self.read += 1
        if read.remembered:
            self.cache.put(kind, path, sha256, self.fingerprint(kind), read.planned)
        landed = _within_partitions(
            LandedFile(kind, path, sha256, read.planned.partition, why=read.planned.why)
        )
        if read.extract and read.checked and stat.st_size == len(data) and keep(landed):
            kept_reads.keep(path, sha256, stat, read.extract, read.checked)
        return landed

    def _without_reading(
        self, kind: str, path: Path, sha256: str, skip: Container[str]
    ) -> LandedFile | None:
        """The file whose unchanged bytes hash to `sha256`, when no read is needed: its bytes
        processed before, not partitioned, or their partition remembered."""
        if sha256 in skip:
            return LandedFile(kind, path, sha256, None, known=True)
        if kind not in PARTITIONED_KINDS:
            return LandedFile(kind, path, sha256, None)
        planned = self.cache.get(kind, path, sha256, self.fingerprint(kind))
        if planned is None:
            return None
        return _within_partitions(
            LandedFile(kind, path, sha256, planned.partition, why=planned.why)
        )

    def close(self, known: Container[str] = frozenset(), complete: bool = False) -> None:
        """`complete`: this look saw every landing folder (the hashes of files gone are dropped)."""
        if self.cache.changed:
            self.cache.save({kind: self.fingerprint(kind) for kind in PARTITIONED_KINDS}, known)
        self.hashes.save(complete)


def _within_partitions(landed: LandedFile) -> LandedFile:
    """A file whose period is not a partition of its kind (a budget year before the first month)
    has none: the next ingestion run of its kind logs it as an error, with the reason."""
    if landed.partition and outside_partitions(landed.kind, landed.partition):
        return LandedFile(landed.kind, landed.path, landed.sha256, None, why=OUT_OF_RANGE)
    return landed


def discover(
    settings: Settings, kind: str, known_sha256: Container[str] = frozenset()
) -> list[LandedFile]:
    """Every file of `kind` in landing; those whose bytes are not among `known_sha256` with their
    partition, the known ones with `known` set and no partition (they are not read again)."""
    look = LandingLook(settings)
    found = [look.file(kind, p, known_sha256) for p in landed_files(settings.landing_for(kind))]
    look.close(known_sha256)
    return found
