from pathlib import Path

import pytest

from pipelines.ingest.discovery import LandedFile
from pipelines.ingest.planning import IngestionPlan, IngestionRequest, ingestion_requests

pytestmark = pytest.mark.unit

KEYS = ["22/1", "22/2", "23/1", "23/2"]


def _plan(school=(), months=(), yearbook=False, unassigned=()) -> IngestionPlan:
    plan = IngestionPlan(school_periods=set(school), budget_months=set(months), yearbook=yearbook)
    for kind in unassigned:
        plan.unassigned[kind].append(LandedFile(kind, Path("x.csv"), "0" * 64, None))
    return plan


def test_contiguous_periods_load_in_one_run_over_their_range():
    assert ingestion_requests(_plan(school={"22/2", "23/1"}), KEYS, "2026-11") == [
        IngestionRequest("ingesta_escolar", "22/2", "23/1")
    ]


def test_scattered_periods_load_one_run_each():
    assert ingestion_requests(_plan(school={"22/1", "23/2"}), KEYS, "2026-11") == [
        IngestionRequest("ingesta_escolar", "22/1", "22/1"),
        IngestionRequest("ingesta_escolar", "23/2", "23/2"),
    ]


def test_budget_months_and_the_yearbook():
    requests = ingestion_requests(
        _plan(months={"2024-03", "2023-01"}, yearbook=True), KEYS, "2026-11"
    )
    assert requests == [
        IngestionRequest("ingesta_presupuesto", "2023-01", "2024-03"),
        IngestionRequest("ingesta_anuies"),
    ]


def test_files_without_a_readable_period_still_get_a_run_to_log_them():
    requests = ingestion_requests(_plan(unassigned=("matricula", "presupuesto")), KEYS, "2026-11")
    assert requests == [
        IngestionRequest("ingesta_escolar", "23/2", "23/2"),
        IngestionRequest("ingesta_presupuesto", "2026-11", "2026-11"),
    ]


def test_nothing_new_means_no_run():
    assert ingestion_requests(_plan(), KEYS, "2026-11") == []


def test_a_targets_file_has_no_period_and_one_run_loads_them_all():
    plan = IngestionPlan()
    for name in ("pdi.csv", "poa.xlsx"):
        plan.add(LandedFile("metas", Path(name), "0" * 64, None))
    assert plan.targets and not plan.unassigned
    assert ingestion_requests(plan, KEYS, "2026-11") == [IngestionRequest("ingesta_metas")]
