"""The ANUIES tables in Dagster and in the data dictionary: both raw tables belong to the
raw_anuies ingestion asset, and every column of the ANUIES marts is described in Spanish."""

from __future__ import annotations

import json

import pytest
from dagster import AssetKey

from pipelines.ingest.anuies.tables import ANUIES_TABLES
from pipelines.transform.assets import siie_dbt_assets
from pipelines.transform.dbt_sources import sources_document
from pipelines.transform.project import siie_dbt_project

pytestmark = pytest.mark.unit

MARTS = ("fct_anuies_programas", "cmp_programas_ipn_nacional")


def test_both_anuies_sources_are_read_through_raw_anuies():
    deps = {spec.key: {d.asset_key for d in spec.deps} for spec in siie_dbt_assets.specs}
    for model in ("stg_raw__anuies", "stg_raw__anuies_conciliacion"):
        assert deps[AssetKey(["staging", model])] == {AssetKey("raw_anuies")}, model


def test_the_sources_have_the_columns_ingestion_writes():
    tables = {t["name"]: t for t in sources_document()["sources"][0]["tables"]}
    for name, columns in ANUIES_TABLES.items():
        described = [(c["name"], c["data_type"]) for c in tables[name]["columns"]]
        assert described == [(n, t.lower()) for n, t in columns], name
        assert all(c["description"] for c in tables[name]["columns"]), name


def test_every_column_of_the_anuies_marts_is_described():
    manifest = json.loads(siie_dbt_project.manifest_path.read_text(encoding="utf-8"))
    for model in MARTS:
        node = manifest["nodes"][f"model.siie.{model}"]
        assert node["config"]["contract"]["enforced"], model
        assert node["description"].strip(), model
        undescribed = [c for c, v in node["columns"].items() if not v["description"].strip()]
        assert undescribed == [], model
