"""dim_unidad keeps the history of the unit catalog (snapshot, SCD type 2): a renamed unit has
two versions, a unit that leaves the catalog keeps its last version, closed."""

from __future__ import annotations

import shutil

import duckdb
import polars as pl
import pytest

from pipelines.core.config import DBT_PROJECT_DIR
from tests.transform.dbt_runner import run_dbt

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NODES = ["cat_unidades", "snp_unidades", "dim_unidad"]


def _copy_project(destination):
    shutil.copytree(DBT_PROJECT_DIR, destination, ignore=shutil.ignore_patterns("target", "logs"))
    return destination


def test_a_renamed_or_removed_unit_keeps_its_history(tmp_path):
    project = _copy_project(tmp_path / "dbt_project")
    seed = project / "seeds" / "cat_unidades.csv"
    home = tmp_path / "home"
    home.mkdir()
    run_dbt(
        home,
        tmp_path / "first",
        project_dir=project,
        command="build --indirect-selection cautious",
        select=NODES,
    )

    units = pl.read_csv(seed, infer_schema=False)
    renamed, removed = units["cve_unidad"][0], units["cve_unidad"][1]
    units = units.with_columns(
        pl.when(pl.col("cve_unidad") == renamed)
        .then(pl.lit("Nombre nuevo"))
        .otherwise("nombre")
        .alias("nombre")
    ).filter(pl.col("cve_unidad") != removed)
    units.write_csv(seed)
    run_dbt(
        home,
        tmp_path / "second",
        project_dir=project,
        command="build --indirect-selection cautious",
        select=NODES,
    )

    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        versions = con.execute(
            "select cve_unidad, nombre, es_actual, version_hasta is not null from marts.dim_unidad "
            "order by cve_unidad, version_desde"
        ).fetchall()
    of = {}
    for cve, nombre, actual, closed in versions:
        of.setdefault(cve, []).append((nombre, actual, closed))
    assert [v[1:] for v in of[renamed]] == [(False, True), (True, False)]
    assert of[renamed][1][0] == "Nombre nuevo" and of[renamed][0][0] != "Nombre nuevo"
    assert [v[1:] for v in of[removed]] == [(False, True)]
    assert len(of) == units.height + 1
    assert all(len(v) == 1 for cve, v in of.items() if cve != renamed)
