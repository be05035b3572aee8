"""Fixture of the ANUIES tests: the real 2017-2018 yearbook and a small generated sample, loaded
and built once per session through Dagster, as in tests/transform."""

from __future__ import annotations

import shutil

import pytest
from dagster import materialize

from pipelines.definitions import resources
from pipelines.ingest import load_landing
from pipelines.transform.assets import siie_dbt_assets
from sample_extracts.reference_samples import SAMPLES_DIR
from tests.transform.conftest import BuiltWarehouse, private_settings, siie_resource

REAL_YEARBOOK = SAMPLES_DIR / "anuies" / "anuario_licenciatura_2017-2018.xlsx"
SCALE = 0.002  # the school, staff and budget indicators beside the national reference


@pytest.fixture(scope="session")
def built_anuies(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    """Real yearbook + generated extracts → ingestion (load_landing) → the dbt assets
    materialised by Dagster (every model and test)."""
    from sample_extracts import build_sample, write_sample

    assert REAL_YEARBOOK.exists(), f"se espera el anuario real en {REAL_YEARBOOK}"
    settings = private_settings(tmp_path_factory.mktemp("anuies"))
    sample = build_sample(scale=SCALE)
    write_sample(sample, settings.landing_dir)
    landed = settings.landing_for("anuies") / REAL_YEARBOOK.name
    landed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REAL_YEARBOOK, landed)
    load_landing(settings)
    result = materialize(
        [siie_dbt_assets],
        resources=resources(siie_resource(settings)),
        raise_on_error=False,
    )
    return BuiltWarehouse(settings, sample, result)
