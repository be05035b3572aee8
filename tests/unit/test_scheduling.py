"""The suite's scheduler reads each module's `xdist_group` from its marks, so the modules that read
one session fixture built in the test process run on one worker and build it once."""

from __future__ import annotations

import re

import pytest

from pipelines.core.config import PROJECT_ROOT
from tests.scheduling import _group_of

pytestmark = pytest.mark.unit

TESTS = PROJECT_ROOT / "tests"


def _modules_using(fixture: str) -> set[str]:
    pattern = re.compile(rf"\bdef \w+\([^)]*\b{fixture}\b")
    return {
        str(path.relative_to(PROJECT_ROOT))
        for path in TESTS.rglob("test_*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    }


@pytest.mark.parametrize(("fixture", "group"), [("siie_runs", "corridas")])
def test_the_modules_of_one_session_fixture_share_one_group(fixture, group):
    modules = _modules_using(fixture)
    assert len(modules) >= 2
    assert {module: _group_of(PROJECT_ROOT / module) for module in modules} == dict.fromkeys(
        modules, group
    )


def test_a_module_without_a_group_is_scheduled_by_its_file():
    assert _group_of(TESTS / "pipeline" / "test_kill.py") is None
    assert _group_of(TESTS / "pipeline" / "test_siie_run.py") == "corridas"
    assert _group_of(TESTS / "transform" / "test_dbt_build.py") == "transformacion"
