"""Ingestion + dbt build on generated data: every indicator at IPN and NIVEL equals an independent
computation from the generator's clean frames (tests/transform/reference.py)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from pipelines.core.config import SEEDS_DIR
from pipelines.core.periods import period_range
from pipelines.specs.indicator_catalog import load_catalog
from tests.transform.dbt_runner import run_dbt
from tests.transform.reference import Reference

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.xdist_group("transformacion")]

PENDING_FAMILIES = {"anuies"}  # PARTICIPACION_NACIONAL_LIC, TITULADOS_NACIONAL_LIC: another model


def _seed(name: str) -> pl.DataFrame:
    return pl.read_csv(SEEDS_DIR / f"{name}.csv", infer_schema=False)


def test_the_run_succeeds_and_every_dbt_test_passes(built):
    assert built.result.success
    checks = built.result.get_asset_check_evaluations()
    assert checks, "los tests de dbt deben llegar a Dagster como asset checks"
    assert [c.check_name for c in checks if not c.passed] == []


def test_every_sample_period_is_loaded(built):
    """Precondition of the reference: both school files of every period loaded."""
    loaded = built.query(
        "select periodo, count(distinct tipo) from raw.cargas where estado = 'CARGADO' "
        "and tipo in ('matricula', 'trayectoria') group by periodo order by periodo"
    )
    assert dict(loaded) == {p: 2 for p in period_range("22/1", 8)}


def test_indicators_at_ipn_and_nivel_match_an_independent_computation(built):
    loaded = set(period_range("22/1", 8))
    expected = Reference(built.sample, _seed("cat_programas"), _seed("cat_unidades"), loaded).rows()
    actual = built.query(
        "select clave_indicador, periodo, ambito, clave_ambito, valor, numerador, denominador "
        "from marts.indicadores where ambito in ('IPN', 'NIVEL')"
    )
    assert len(expected) == len({r[:4] for r in expected}) > 300
    assert sorted(actual, key=_key) == sorted(expected, key=_key)


def test_every_indicator_of_the_catalog_is_published(built):
    published = {
        code for (code,) in built.query("select distinct clave_indicador from marts.indicadores")
    }
    catalog = {i.clave for i in load_catalog().indicadores if i.familia not in PENDING_FAMILIES}
    assert published == catalog


def test_every_indicator_is_published_at_each_of_its_ambitos(built):
    published = set(built.query("select distinct clave_indicador, ambito from marts.indicadores"))
    for indicator in load_catalog().indicadores:
        if indicator.familia not in PENDING_FAMILIES:
            assert {(indicator.clave, a) for a in indicator.ambitos} <= published


def test_facts_hold_no_student_or_employee_rows(built):
    columns = {
        c
        for (c,) in built.query(
            "select column_name from information_schema.columns where table_schema = 'marts'"
        )
    }
    assert not columns & {"id_alumno", "id_empleado", "boleta", "num_empleado", "curp", "rfc"}
    total = built.query("select sum(alumnos) from marts.fct_matricula")[0][0]
    assert total == built.sample.matricula.height


def test_no_salary_in_a_cell_of_fewer_than_ten_people(built):
    assert built.query(
        "select count(*) from marts.fct_plantilla where "
        "sueldo_mensual_total is not null and personas < 10"
    ) == [(0,)]


def test_docs_generate_works_on_the_built_warehouse(built, tmp_path):
    run_dbt(built.settings.home, tmp_path, command="docs generate")
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    tables = {node["metadata"]["name"] for node in catalog["nodes"].values()}
    assert {"indicadores", "fct_matricula", "dim_unidad"} <= tables
    assert (tmp_path / "target" / "index.html").exists()


def _key(row: tuple) -> tuple:
    return tuple(str(v) for v in row[:4])
