"""Fixtures shared by the whole suite: a private SIIE home per test and small real extract files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.core.config import Settings, load_settings
from pipelines.instance import prepare_environment
from tests.browser import chromium

TEST_KEY = "clave-de-prueba-no-usar-en-produccion"

pytest_plugins = ["tests.built_warehouse", "tests.scheduling"]

LAYERS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a test that does not name exactly one layer (`pytestmark` of its module), so that
    `make test-fast` (-m unit) never misses or mislabels one silently."""
    wrong = sorted(
        {
            f"{item.nodeid.split('::')[0]}: {', '.join(names) or 'ninguna'}"
            for item in items
            if len(names := [m.name for m in item.iter_markers() if m.name in LAYERS]) != 1
        }
    )
    if wrong:
        raise pytest.UsageError(
            "cada módulo de pruebas declara exactamente una capa (pytestmark = "
            f"pytest.mark.unit, integration o e2e): {'; '.join(wrong)}"
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A page is checked in a real Chromium: without it a browser test fails, it is not skipped."""
    if item.get_closest_marker("browser") and chromium() is None:
        pytest.fail(
            "Chromium no está instalado: `make browser` lo instala; "
            "`pytest -m 'not browser'` corre las demás pruebas"
        )


@pytest.fixture(autouse=True, scope="session")
def _quiet_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["DAGSTER_HOME"] = str(tmp_path_factory.mktemp("dagster_home"))
    prepare_environment()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        {
            "SIIE_HOME": str(tmp_path / "home"),
            "SIIE_LANDING_DIR": str(tmp_path / "landing"),
            "SIIE_PSEUDONYM_KEY": TEST_KEY,
        }
    )
