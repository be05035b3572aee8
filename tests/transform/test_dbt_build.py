"""What a load's `dbt build` leaves for later: the unit tests (the models' SQL on fixed inputs,
run here instead), and the parse of the project (kept for the next build of the same warehouse)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.transform.project import siie_dbt_project
from tests.transform.conftest import BuiltWarehouse
from tests.transform.dbt_runner import run_dbt

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.xdist_group("transformacion")]


def _unit_tests_in_project() -> set[str]:
    manifest = json.loads(
        (Path(siie_dbt_project.project_dir) / "target" / "manifest.json").read_text()
    )
    return {node["name"] for node in manifest.get("unit_tests", {}).values()}


def test_every_unit_test_runs_and_passes(built: BuiltWarehouse, tmp_path: Path):
    results = run_dbt(built.settings.home, tmp_path, command="test", select=["test_type:unit"])[
        "results"
    ]
    ran = {
        r["unique_id"].split(".")[-1]: r["status"]
        for r in results
        if r["unique_id"].startswith("unit_test.")
    }
    assert set(ran) == _unit_tests_in_project(), set(ran) ^ _unit_tests_in_project()
    assert len(ran) >= 10
    assert set(ran.values()) == {"pass"}


def test_the_next_build_of_the_same_warehouse_parses_only_what_changed(built: BuiltWarehouse):
    from pipelines.transform.cli_args import dbt_build_args
    from pipelines.transform.resource import dbt_resource

    target = built.settings.dbt_target_dir
    assert (target / "partial_parse.msgpack").exists()
    args = dbt_build_args(built.settings.home, command="parse")
    dbt_resource().cli(args, target_path=target).wait()
    log = (target / "dbt.log").read_text(encoding="utf-8")
    last_parse = log[log.rindex("Running with dbt=") :]
    assert "Unable to do partial parsing" not in last_parse and "Partial parsing" in last_parse
