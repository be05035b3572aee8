"""dbt's unit tests (the models' SQL on fixed inputs), which a load's `dbt build` leaves out."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.transform.project import siie_dbt_project
from tests.transform.conftest import BuiltWarehouse
from tests.transform.dbt_runner import run_dbt


def _unit_tests_in_project() -> set[str]:
    manifest = json.loads((Path(siie_dbt_project.project_dir) / "target" / "manifest.json").read_text())
    return {node["name"] for node in manifest.get("unit_tests", {}).values()}


def test_every_unit_test_runs_and_passes(built: BuiltWarehouse, tmp_path: Path):
    results = run_dbt(built.settings.home, tmp_path, command="test", select=["test_type:unit"])["results"]
    ran = {r["unique_id"].split(".")[-1]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert set(ran) == _unit_tests_in_project(), set(ran) ^ _unit_tests_in_project()
    assert len(ran) >= 10
    assert set(ran.values()) == {"pass"}

