"""The ANUIES yearbook through the load flow: raw.anuies, its reconciliation, the load log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sample_extracts.reference_samples import ANUIES_YEARBOOK_2017_2018
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration

REAL_YEARBOOK = ANUIES_YEARBOOK_2017_2018


@pytest.fixture
def landed_yearbook(settings) -> Path:
    assert REAL_YEARBOOK.exists(), f"the real ANUIES yearbook is expected at {REAL_YEARBOOK}"
    target = settings.landing_for("anuies") / REAL_YEARBOOK.name
    target.parent.mkdir(parents=True)
    shutil.copy(REAL_YEARBOOK, target)
    return target


def test_the_real_yearbook_loads_with_its_reconciliation(settings, landed_yearbook):
    [result] = load(settings, "anuies")

    assert (result.estado, result.periodo, result.filas_cargadas) == ("CARGADO", "2017-2018", 22370)
    assert query(settings, "SELECT count(*), sum(matricula_total) FROM raw.anuies") == [
        (22370, 3946882)
    ]
    assert query(settings, "SELECT sum(matricula_total) FROM raw.anuies WHERE es_ipn") == [
        (108412,)
    ]
    assert query(
        settings,
        "SELECT count(*) FILTER (NOT concilia), "
        "count(DISTINCT nivel_total) FROM raw.anuies_conciliacion",
    ) == [(0, 4)]
    assert load(settings, "anuies")[0].estado == "OMITIDO"


def test_a_file_that_is_not_a_yearbook_is_logged_as_an_error(settings):
    path = settings.landing_for("anuies") / "no_es_anuario.csv"
    path.parent.mkdir(parents=True)
    path.write_text("periodo,boleta\n25/1,2024630001\n", encoding="utf-8")
    [result] = load(settings, "anuies")
    assert result.estado == "ERROR"
    assert "no_es_anuario.csv" in result.mensaje and "ENTIDAD FEDERATIVA" in result.mensaje
    assert query(settings, "SELECT count(*) FROM raw.anuies") == [(0,)]
