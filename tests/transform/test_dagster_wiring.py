"""The dbt project in Dagster: asset graph, groups, checks, and a CLI resource with no network."""

from __future__ import annotations

import importlib.metadata

import pytest
from dagster import AssetKey

from pipelines.transform.assets import siie_dbt_assets
from pipelines.transform.project import manifest_is_current, siie_dbt_project
from pipelines.transform.resource import OfflineDbtCliResource, dbt_resource

pytestmark = pytest.mark.unit

INGESTION = [
    AssetKey(f"raw_{k}")
    for k in ("matricula", "trayectoria", "plantilla", "presupuesto", "anuies", "metas")
]


@pytest.fixture(scope="module")
def specs():
    return {spec.key: spec for spec in siie_dbt_assets.specs}


def _deps(spec) -> set[AssetKey]:
    return {dep.asset_key for dep in spec.deps}


def test_the_manifest_was_prepared_and_is_current():
    assert manifest_is_current(siie_dbt_project)


def test_staging_reads_the_ingestion_assets(specs):
    for kind in ("matricula", "trayectoria", "plantilla", "presupuesto", "metas"):
        assert _deps(specs[AssetKey(["staging", f"stg_raw__{kind}"])]) == {AssetKey(f"raw_{kind}")}


def test_the_load_log_depends_on_every_ingestion_asset(specs):
    assert _deps(specs[AssetKey(["staging", "stg_raw__cargas"])]) == set(INGESTION)
    every_dep = set().union(*(_deps(s) for s in specs.values()))
    assert not any(key.path[0] == "raw" for key in every_dep)  # no stray source assets


def test_groups_follow_the_layers(specs):
    groups = {key: spec.group_name for key, spec in specs.items()}
    assert groups[AssetKey(["staging", "stg_raw__matricula"])] == "staging"
    assert groups[AssetKey(["intermediate", "int_escolar__abandono"])] == "intermediate"
    assert groups[AssetKey(["marts", "indicadores"])] == "marts"
    assert groups[AssetKey(["catalogos", "cat_unidades"])] == "seeds"
    assert groups[AssetKey(["snapshots", "snp_unidades"])] == "snapshots"
    assert set(groups.values()) == {"staging", "intermediate", "marts", "seeds", "snapshots"}


def test_every_mart_is_an_asset_with_dbt_tests_as_checks(specs):
    marts = {key for key in specs if key.path[0] == "marts"}
    assert {k.path[-1] for k in marts} == {
        "dim_unidad",
        "dim_programa",
        "dim_periodo",
        "dim_indicador",
        "fct_matricula",
        "fct_plantilla",
        "fct_presupuesto",
        "indicadores",
        "fct_anuies_programas",
        "cmp_programas_ipn_nacional",
        "metas_vigentes",
    }
    checked = {check.asset_key for check in siie_dbt_assets.check_specs}
    assert marts <= checked
    names = {
        c.name
        for c in siie_dbt_assets.check_specs
        if c.asset_key == AssetKey(["marts", "indicadores"])
    }
    assert any(name.startswith("combinacion_unica_indicadores") for name in names)


def test_the_cli_version_comes_from_the_installed_package_not_from_running_dbt():
    # /bin/false as the executable: `dbt --version` would fail if it were run at all.
    resource = OfflineDbtCliResource(project_dir=siie_dbt_project, dbt_executable="/bin/false")
    assert str(resource._cli_version) == importlib.metadata.version("dbt-core")


def test_the_resource_uses_the_dbt_of_this_virtualenv_through_siie_dbt():
    import subprocess
    import sys
    from pathlib import Path

    executable = Path(dbt_resource().dbt_executable)
    assert executable == Path(sys.executable).with_name("siie-dbt")
    # siie-dbt becomes the virtualenv's dbt: dbt's own parse of its arguments answers
    done = subprocess.run([executable, "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Usage: dbt" in done.stdout
