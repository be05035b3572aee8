"""The one planner of ingestion, for `siie run` and for the landing sensor: which landed files are
new (their bytes, by sha256, were never processed), which partition each goes to, which have none
and why, and the ingestion runs that load them.

`siie run` plans everything in landing at once (`plan_ingestion`). The sensor plans, tick by tick,
the files that have stopped changing (`watch_landing`): a file is ready when its size and
modification time are the same as at the previous look (a file still being copied waits for the
next one), and is new when its bytes were neither requested before nor processed, so the same file
dropped twice, under any name, is loaded once. Both look at each file through discovery.py, so
both assign it the same partition, read from its content once and then remembered by its sha256.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.core.config import SOURCE_KINDS, Settings
from pipelines.core.periods import parse_period
from pipelines.core.queries import one_row
from pipelines.ingest.discovery import UNREADABLE, LandedFile, LandingLook, never
from pipelines.ingest.file_identity import last_change
from pipelines.ingest.file_names import landing_name, name_bytes, readable_landing_name
from pipelines.ingest.identifiers import masked_name_notice
from pipelines.ingest.landing import landed_files
from pipelines.ingest.partition_keys import MONTHLY_KINDS, SCHOOL_PERIOD_KINDS
from pipelines.ingest.warehouse import logged_unreadable_since
from pipelines.specs.job_names import (
    BUDGET_INGESTION_JOB,
    SCHOOL_INGESTION_JOB,
    TARGETS_INGESTION_JOB,
    YEARBOOK_INGESTION_JOB,
)


@dataclass
class IngestionPlan:
    school_periods: set[str] = field(default_factory=set)
    budget_months: set[str] = field(default_factory=set)
    yearbook: bool = False
    targets: bool = False  # files of metas (not partitioned: one run loads them all)
    unassigned: dict[str, list[LandedFile]] = field(default_factory=lambda: defaultdict(list))
    files: list[LandedFile] = field(default_factory=list)  # every file to load
    notices: list[str] = field(default_factory=list)  # files in landing not loaded, and why
    files_read: int = 0  # files whose content was read to learn their period (not remembered)
    files_hashed: int = 0  # files whose bytes were hashed (their sha256 not remembered)

    @property
    def empty(self) -> bool:
        return not self.files

    def add(self, landed: LandedFile) -> None:
        self.files.append(landed)
        if landed.kind == "anuies":
            self.yearbook = True
        elif landed.kind == "metas":
            self.targets = True
        elif landed.partition is None:
            self.unassigned[landed.kind].append(landed)
        elif landed.kind in SCHOOL_PERIOD_KINDS:
            self.school_periods.add(landed.partition)
        elif landed.kind in MONTHLY_KINDS:
            self.budget_months.add(landed.partition)


def known_files(settings: Settings) -> set[str]:
    """sha256 of every file already processed (loaded, rejected or in error)."""
    return set(_known_loads(settings))


def _known_loads(settings: Settings) -> dict[str, tuple[str, str]]:
    """sha256 → (estado, what replaced it) of the latest load of each file already processed."""
    if not settings.warehouse_path.exists():
        return {}
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        [tables] = one_row(
            con.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'raw' AND table_name = 'cargas'"
            )
        )
        if not tables:
            return {}
        rows = con.execute("""
            SELECT c.sha256, c.estado,
                   (SELECT max(v.archivo) FROM raw.cargas v
                    WHERE v.tipo = c.tipo AND v.periodo = c.periodo AND v.estado = 'CARGADO')
            FROM raw.cargas c
            WHERE c.sha256 <> ''
            QUALIFY row_number() OVER (PARTITION BY c.sha256 ORDER BY c.iniciado_en DESC) = 1
        """).fetchall()
    return {sha: (estado, current) for sha, estado, current in rows}


def logged_since(settings: Settings, since: datetime) -> tuple[set[tuple[str, str]], set[str]]:
    """(kind, name) of every load-log line written since `since`, and every sha256 ever logged."""
    if not settings.warehouse_path.exists():
        return set(), set()
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        lines = con.execute(
            "SELECT tipo, archivo FROM raw.cargas WHERE iniciado_en >= ?", [since]
        ).fetchall()
        hashes = con.execute("SELECT DISTINCT sha256 FROM raw.cargas WHERE sha256 <> ''")
        return {(kind, name) for kind, name in lines}, {sha for (sha,) in hashes.fetchall()}


def _landed(settings: Settings) -> Iterator[tuple[str, Path]]:
    for kind in SOURCE_KINDS:
        for path in landed_files(settings.landing_for(kind)):
            yield kind, path


def plan_ingestion(
    settings: Settings,
    only_periods: set[str] | None = None,
    keep_reads: bool = False,
    rehash: bool = False,
) -> IngestionPlan:
    """Every new file in landing (`siie run`). With `only_periods`, only the files of those
    partitions. `keep_reads`: the loads will run in this process, so each file read here leaves
    its read for its load (kept_reads.py; the caller forgets them when its runs end). `rehash`:
    every file is hashed from its bytes, whatever landing_hashes.py remembers."""
    known = _known_loads(settings)

    def wanted(landed: LandedFile) -> bool:
        return only_periods is None or landed.partition in only_periods

    plan = IngestionPlan()
    look = LandingLook(settings, rehash=rehash)
    for kind, path in _landed(settings):
        landed = look.file(kind, path, known, keep=wanted if keep_reads else never)
        if landed.why == UNREADABLE and _logged_unreadable(settings, kind, path):
            continue  # its error is in the load log already, since it last changed
        if landed.known:
            plan.notices.extend(_replaced(landed, settings, *known[landed.sha256 or ""]))
        elif wanted(landed):
            plan.add(landed)
            plan.notices.extend(_masked_name(landed, settings))
    look.close(known, complete=True)
    plan.files_read, plan.files_hashed = look.read, look.hashes.hashed
    return plan


def _masked_name(landed: LandedFile, settings: Settings) -> list[str]:
    notice = masked_name_notice(
        readable_landing_name(landed.path, settings.landing_dir), landed.sha256
    )
    return [notice] if notice else []


def _logged_unreadable(settings: Settings, kind: str, path: Path) -> bool:
    if not settings.warehouse_path.exists():
        return False
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        try:
            line = logged_unreadable_since(
                con, kind, landing_name(path, settings.landing_dir), last_change(path)
            )
        except duckdb.CatalogException:  # no load log yet
            return False
    return line is not None


def _replaced(landed: LandedFile, settings: Settings, estado: str, current: str) -> list[str]:
    if estado != "REEMPLAZADO":
        return []
    name = landing_name(landed.path, settings.landing_dir)
    return [
        f"{name}: ya fue reemplazado por {current or 'otro archivo'}; "
        "los mismos bytes no se cargan dos veces"
    ]


@dataclass
class WatchState:
    """The sensor's cursor: what each path looked like last time, and every sha256 already
    requested."""

    # short hash of the path → [size, mtime_ns]
    observed: dict[str, list[int]] = field(default_factory=dict)
    requested: set[str] = field(default_factory=set)

    def to_cursor(self) -> str:
        return json.dumps(
            {"observed": self.observed, "requested": sorted(self.requested)}, separators=(",", ":")
        )

    @classmethod
    def from_cursor(cls, cursor: str | None) -> WatchState:
        if not cursor:
            return cls()
        data = json.loads(cursor)
        return cls(observed=data["observed"], requested=set(data["requested"]))


def watch_landing(
    settings: Settings, state: WatchState, known: set[str]
) -> tuple[WatchState, IngestionPlan]:
    """The sensor's next state and the plan of the files that are ready and new (not requested,
    not in the warehouse)."""
    observed: dict[str, list[int]] = {}
    requested = set(state.requested)
    plan = IngestionPlan()
    look = LandingLook(settings)
    for kind, path in _landed(settings):
        signature = _signature(path)
        key = _short_hash(name_bytes(path))
        observed[key] = signature
        if state.observed.get(key) != signature:
            continue  # new or still changing: look again next time
        landed = look.file(kind, path, _Either(requested, known))
        # an unreadable file has no sha256: it is requested once per appearance
        request = landed.sha256 or _short_hash(name_bytes(path) + f"@{signature}".encode())
        if request in requested or request in known:
            continue
        requested.add(request)
        plan.add(landed)
    look.close(known, complete=True)
    plan.files_read = look.read
    return WatchState(observed=observed, requested=requested), plan


@dataclass(frozen=True)
class _Either:
    first: set[str]
    second: set[str]

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second


def _signature(path: Path) -> list[int]:
    """Size and modification time; of the link itself when it leads nowhere (broken, a loop)."""
    try:
        stat = path.stat()
    except (OSError, RuntimeError):
        stat = path.lstat()
    return [stat.st_size, stat.st_mtime_ns]


def _short_hash(name: bytes) -> str:
    """A path in the cursor, compact: the cursor is stored with every tick of the sensor."""
    return hashlib.sha256(name).hexdigest()[:16]


@dataclass(frozen=True)
class IngestionRequest:
    """One ingestion run: a job and the partitions it loads (one key, or a range first..last)."""

    job_name: str
    first: str | None = None
    last: str | None = None

    @property
    def single(self) -> bool:
        return self.first == self.last

    def range_tags(self) -> dict[str, str]:
        """The tags of a run over a range of partitions; none for one key or no partition."""
        if self.first is None or self.last is None or self.single:
            return {}
        from dagster._core.storage.tags import (  # only a run needs Dagster: not a plan
            ASSET_PARTITION_RANGE_END_TAG,
            ASSET_PARTITION_RANGE_START_TAG,
        )

        return {
            ASSET_PARTITION_RANGE_START_TAG: self.first,
            ASSET_PARTITION_RANGE_END_TAG: self.last,
        }


def new_school_periods(plan: IngestionPlan, existing: list[str]) -> list[str]:
    """The planned school periods the instance does not know yet, oldest first."""
    return sorted(plan.school_periods - set(existing), key=parse_period)


def ingestion_requests(
    plan: IngestionPlan, school_keys: list[str], last_month: str
) -> list[IngestionRequest]:
    """The runs that load `plan`. `school_keys` are the school-period partitions in the order the
    instance knows them (every planned period among them); `last_month` the newest budget month."""
    requests = _school_requests(plan, school_keys)
    months = sorted(plan.budget_months) or (
        [last_month] if plan.unassigned.get("presupuesto") else []
    )
    if months:
        requests.append(IngestionRequest(BUDGET_INGESTION_JOB, months[0], months[-1]))
    if plan.yearbook:
        requests.append(IngestionRequest(YEARBOOK_INGESTION_JOB))
    if plan.targets:
        requests.append(IngestionRequest(TARGETS_INGESTION_JOB))
    return requests


def _school_requests(plan: IngestionPlan, school_keys: list[str]) -> list[IngestionRequest]:
    wanted = plan.school_periods
    if (
        not wanted
        and any(plan.unassigned.get(kind) for kind in SCHOOL_PERIOD_KINDS)
        and school_keys
    ):
        wanted = {school_keys[-1]}  # a run of any period logs the files whose period cannot be read
    positions = sorted(school_keys.index(key) for key in wanted)
    if not positions:
        return []
    if positions[-1] - positions[0] + 1 == len(positions):  # contiguous: one run over the range
        return [
            IngestionRequest(
                SCHOOL_INGESTION_JOB, school_keys[positions[0]], school_keys[positions[-1]]
            )
        ]
    return [
        IngestionRequest(SCHOOL_INGESTION_JOB, school_keys[p], school_keys[p]) for p in positions
    ]
