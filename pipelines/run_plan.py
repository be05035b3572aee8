"""Which ingestion runs the files waiting in landing call for: school periods, budget months, the
yearbook. Shared by `siie run` and the landing sensor."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from pipelines.core.config import SOURCE_KINDS, Settings
from pipelines.ingest.discovery import LandedFile, discover
from pipelines.ingest.partition_keys import MONTHLY_KINDS, SCHOOL_PERIOD_KINDS


@dataclass
class IngestionPlan:
    school_periods: set[str] = field(default_factory=set)
    budget_months: set[str] = field(default_factory=set)
    yearbook: bool = False
    unassigned: dict[str, list[LandedFile]] = field(default_factory=lambda: defaultdict(list))
    files: list[LandedFile] = field(default_factory=list)
    notices: list[str] = field(
        default_factory=list
    )  # files in landing that will not be loaded, and why

    @property
    def empty(self) -> bool:
        return not self.files


def known_files(settings: Settings) -> set[str]:
    """sha256 of every file already processed (loaded, rejected or in error)."""
    return set(_known_loads(settings))


def _known_loads(settings: Settings) -> dict[str, tuple[str, str]]:
    """sha256 → (estado, what replaced it) of the latest load of each file already processed."""
    if not settings.warehouse_path.exists():
        return {}
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        tables = con.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'raw' AND table_name = 'cargas'"
        ).fetchone()[0]
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


def plan_ingestion(settings: Settings, only_periods: set[str] | None = None) -> IngestionPlan:
    known = _known_loads(settings)
    plan = IngestionPlan()
    for kind in SOURCE_KINDS:
        for landed in discover(settings, kind, set(known)):
            if landed.known:
                plan.notices.extend(_replaced(landed, settings, *known[landed.sha256]))
                continue
            if only_periods is not None and landed.partition not in only_periods:
                continue
            plan.files.append(landed)
            assign(plan, landed)
    return plan


def _replaced(landed: LandedFile, settings: Settings, estado: str, current: str) -> list[str]:
    if estado != "REEMPLAZADO":
        return []
    name = landed.path.absolute().relative_to(settings.landing_dir.absolute())
    return [
        f"{name}: ya fue reemplazado por {current or 'otro archivo'}; "
        "los mismos bytes no se cargan dos veces"
    ]


def assign(plan: IngestionPlan, landed: LandedFile) -> None:
    if landed.kind == "anuies":
        plan.yearbook = True
    elif landed.partition is None:
        plan.unassigned[landed.kind].append(landed)
    elif landed.kind in SCHOOL_PERIOD_KINDS:
        plan.school_periods.add(landed.partition)
    elif landed.kind in MONTHLY_KINDS:
        plan.budget_months.add(landed.partition)


@dataclass(frozen=True)
class IngestionRequest:
    """One ingestion run: a job and the partitions it loads (one key, or a range first..last)."""

    job_name: str
    first: str | None = None
    last: str | None = None

    @property
    def single(self) -> bool:
        return self.first == self.last


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
        requests.append(IngestionRequest("ingesta_presupuesto", months[0], months[-1]))
    if plan.yearbook:
        requests.append(IngestionRequest("ingesta_anuies"))
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
                "ingesta_escolar", school_keys[positions[0]], school_keys[positions[-1]]
            )
        ]
    return [IngestionRequest("ingesta_escolar", school_keys[p], school_keys[p]) for p in positions]
