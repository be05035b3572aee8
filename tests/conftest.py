"""Fixtures shared by the whole suite: a private SIIE home per test and small real extract files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.core.config import Settings, load_settings
from pipelines.instance import prepare_environment

TEST_KEY = "clave-de-prueba-no-usar-en-produccion"

pytest_plugins = ["tests.built_warehouse"]


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
