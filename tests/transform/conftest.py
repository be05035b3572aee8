"""Fixtures of the transformation tests: a generated sample, loaded and built once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipelines.core.config import Settings, load_settings
from pipelines.core.resources import SiieResource
from pipelines.definitions import resources
from pipelines.ingest import load_landing
from pipelines.transform.assets import siie_dbt_assets
from tests.conftest import TEST_KEY

SCALE = 0.003  # a few thousand rows: every indicator has data, and the session stays fast


@dataclass
class BuiltWarehouse:
    settings: Settings
    sample: object  # sample_extracts.Sample
    result: object  # the Dagster run of the dbt assets

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.settings.warehouse_path), read_only=True) as con:
            return con.execute(sql).fetchall()

    def frame(self, sql: str):
        with duckdb.connect(str(self.settings.warehouse_path), read_only=True) as con:
            return con.execute(sql).pl()


def private_settings(root: Path) -> Settings:
    return load_settings(
        {
            "SIIE_HOME": str(root / "home"),
            "SIIE_LANDING_DIR": str(root / "landing"),
            "SIIE_PSEUDONYM_KEY": TEST_KEY,
        }
    )


def siie_resource(settings: Settings) -> SiieResource:
    return SiieResource(home=str(settings.home), landing_dir=str(settings.landing_dir))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    """Generated extracts → ingestion (load_landing) → the dbt assets materialised by Dagster
    (dbt build: every model, snapshot, seed and test; unit tests run in test_dbt_build.py)."""
    from sample_extracts import build_sample, write_sample

    settings = private_settings(tmp_path_factory.mktemp("e2e"))
    sample = build_sample(scale=SCALE)
    write_sample(sample, settings.landing_dir)
    load_landing(settings)
    result = materialize(
        [siie_dbt_assets],
        resources=resources(siie_resource(settings)),
        raise_on_error=False,
    )
    return BuiltWarehouse(settings, sample, result)
