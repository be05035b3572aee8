"""Idempotent reloads and the replacement of a period by a corrected file."""

from __future__ import annotations

import pytest

from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration

TABLES = ("raw.matricula", "raw.cargas", "raw.rechazos")


def _snapshot(settings):
    return {t: query(settings, f"SELECT * FROM {t} ORDER BY ALL") for t in TABLES}


def test_the_same_file_twice_changes_nothing(settings):
    rows = valid_rows("matricula", 30)
    rows[3]["sexo"] = "?"
    write_extract(settings.landing_for("matricula") / "m.csv", rows)
    load(settings, "matricula")
    before = _snapshot(settings)

    [again] = load(settings, "matricula")
    # same bytes, another name
    write_extract(settings.landing_for("matricula") / "copia_de_m.csv", rows)
    results = load(settings, "matricula")

    assert again.estado == "OMITIDO"
    assert [r.estado for r in results] == ["OMITIDO", "OMITIDO"]
    assert _snapshot(settings) == before


def test_a_corrected_file_replaces_its_period_and_leaves_the_others(settings):
    folder = settings.landing_for("matricula")
    write_extract(folder / "m_25-1.csv", valid_rows("matricula", 30))
    write_extract(folder / "m_25-2.csv", valid_rows("matricula", 20, periodo="25/2"))
    load(settings, "matricula")
    other_period = query(
        settings, "SELECT * FROM raw.matricula WHERE periodo = '25/2' ORDER BY ALL"
    )

    write_extract(folder / "m_25-1_corregido.csv", valid_rows("matricula", 25, sexo="M"))
    results = load(settings, "matricula")

    assert sorted(r.estado for r in results) == ["CARGADO", "OMITIDO", "OMITIDO"]
    assert query(
        settings,
        "SELECT count(*), min(sexo), max(_archivo) FROM raw.matricula WHERE periodo = '25/1'",
    ) == [(25, "M", "matricula/m_25-1_corregido.csv")]
    assert (
        query(settings, "SELECT * FROM raw.matricula WHERE periodo = '25/2' ORDER BY ALL")
        == other_period
    )
    assert query(
        settings,
        "SELECT archivo, estado FROM raw.cargas WHERE periodo = '25/1' ORDER BY iniciado_en",
    ) == [
        ("matricula/m_25-1.csv", "REEMPLAZADO"),
        ("matricula/m_25-1_corregido.csv", "CARGADO"),
    ]


def test_a_rejected_corrected_file_leaves_the_loaded_period_in_place(settings):
    folder = settings.landing_for("matricula")
    write_extract(folder / "a.csv", valid_rows("matricula", 30))
    load(settings, "matricula")
    broken = valid_rows("matricula", 30, sexo="?")
    write_extract(folder / "b.csv", broken)
    load(settings, "matricula")
    assert query(settings, "SELECT count(*) FROM raw.matricula") == [(30,)]
    assert query(settings, "SELECT estado FROM raw.cargas ORDER BY iniciado_en") == [
        ("CARGADO",),
        ("RECHAZADO",),
    ]


def test_a_replaced_file_dropped_back_is_reported_not_ignored(settings):
    from pipelines.ingest.planning import plan_ingestion

    folder = settings.landing_for("matricula")
    old = write_extract(folder / "m_25-1.csv", valid_rows("matricula", 30))
    kept = old.read_bytes()
    load(settings, "matricula")
    old.unlink()
    write_extract(folder / "m_25-1_corregido.csv", valid_rows("matricula", 25, sexo="M"))
    load(settings, "matricula")
    (folder / "de_vuelta.csv").write_bytes(kept)  # the first file again, under another name

    plan = plan_ingestion(settings)

    assert plan.files == []
    assert plan.notices == [
        (
            "matricula/de_vuelta.csv: ya fue reemplazado por matricula/m_25-1_corregido.csv; "
            "los mismos bytes no se cargan dos veces"
        )
    ]
