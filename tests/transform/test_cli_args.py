"""The dbt command line is built by a pure function."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.transform.cli_args import dbt_build_args

pytestmark = pytest.mark.unit


def test_build_points_dbt_at_the_warehouse_home(tmp_path: Path):
    args = dbt_build_args(tmp_path / "home")
    assert args[0] == "build"
    assert json.loads(args[args.index("--vars") + 1]) == {"siie_home": str(tmp_path / "home")}
    assert "--full-refresh" not in args


def test_a_relative_home_is_made_absolute(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = dbt_build_args(Path("datos"))
    assert json.loads(args[args.index("--vars") + 1])["siie_home"] == str(tmp_path / "datos")


def test_full_refresh_is_asked_for_explicitly(tmp_path: Path):
    assert dbt_build_args(tmp_path, full_refresh=True)[-1] == "--full-refresh"
    assert "--select" not in dbt_build_args(tmp_path)


def test_other_commands_and_a_selection(tmp_path: Path):
    args = dbt_build_args(tmp_path, command="docs generate", select=["marts", "staging"])
    assert args[:2] == ["docs", "generate"]
    assert args[-3:] == ["--select", "marts", "staging"]


def test_a_load_leaves_the_unit_tests_to_make_test(tmp_path: Path):
    args = dbt_build_args(tmp_path)
    assert args[args.index("--exclude-resource-type") + 1] == "unit_test"
    assert "--exclude-resource-type" not in dbt_build_args(tmp_path, unit_tests=True)
    assert "--exclude-resource-type" not in dbt_build_args(tmp_path, command="test")
