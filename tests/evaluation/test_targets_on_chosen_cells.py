"""Targets the sample did not plant, written here on cells chosen from a real publication: a
suppressed unit, a descending rate whose compliance falls on a half, a target revised by a file
loaded before the original. Loaded, built with dbt and published like a run does."""

from __future__ import annotations

import csv
from decimal import Decimal

import duckdb
import pytest

from pipelines.ingest.landing import load_kind
from tests.evaluation.reference import compliance, reference_evaluation
from tests.publish.helpers import audit_and_publish
from tests.quality.built import Home, _dbt_build, copy_of_published, settings_at

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HEADER = (
    "instrumento", "clave_instrumento", "clave_indicador", "ambito", "clave_ambito", "periodo",
    "meta", "linea_base", "fecha_registro",
)  # fmt: skip


def _write(path, rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _one(home: Home, sql: str) -> tuple:
    rows = home.published(sql)
    assert rows, sql
    return rows[0]


@pytest.fixture(scope="module")
def chosen(published, tmp_path_factory):
    """A copy of the session's publication to choose cells from, then with the targets written
    here loaded, built and published again."""
    root = tmp_path_factory.mktemp("metas_elegidas")
    first = copy_of_published(published, root)
    hidden = _one(
        first,
        "SELECT clave_ambito, periodo FROM indicadores WHERE clave_indicador = 'MATRICULA_TOTAL' "
        "AND ambito = 'UNIDAD' AND estado_confidencialidad <> 'F' ORDER BY periodo, clave_ambito",
    )
    rate = _one(
        first,
        "SELECT periodo, valor FROM indicadores WHERE clave_indicador = 'TASA_ABANDONO' "
        "AND ambito = 'IPN' AND estado_confidencialidad = 'F' AND valor IS NOT NULL "
        "AND (valor * 100) % 2 = 1 ORDER BY periodo",
    )  # odd hundredths: 100 × (2 × 8 − valor) / 8 ends in 5 thousandths, a half to round
    home = Home(settings_at(root, landing=root / "mis_metas"))
    folder = home.settings.landing_for("metas")
    targets = [
        ("POA", "POA-2025-PRUEBA", "MATRICULA_TOTAL", "UNIDAD", hidden[0], hidden[1], "1", "",
         "2025-01-10"),
        ("PDI", "PDI-PRUEBA-2030", "TASA_ABANDONO", "IPN", "IPN", rate[0], "7.5", "9.5",
         "2022-03-15"),
    ]  # fmt: skip
    _write(folder / "b_original.csv", targets)
    _write(folder / "a_revision.csv", [(*targets[1][:6], "8", "9", "2024-07-01")])
    with duckdb.connect(str(home.settings.warehouse_path)) as con:
        results = load_kind(
            con, "metas", home.settings, files=sorted(folder.iterdir())
        )  # the revision is loaded first
    assert [r.estado for r in results] == ["CARGADO", "CARGADO"]
    _dbt_build(home.settings, root / "dbt")
    assert audit_and_publish(home, "con-metas").publicada
    return home, hidden, rate


def test_a_target_on_a_suppressed_unit_says_confidencial_and_nothing_else(chosen):
    home, (unit, periodo), _ = chosen
    [row] = home.published(
        "SELECT semaforo, estado_confidencialidad, valor, cumplimiento, valor_anterior, variacion "
        f"FROM evaluacion WHERE clave_instrumento = 'POA-2025-PRUEBA' AND periodo = '{periodo}'"
    )
    assert row[0] == "CONFIDENCIAL" and row[1] != "F"
    assert row[2:] == (None, None, None, None)
    assert not home.published(
        "SELECT * FROM comparacion_unidades WHERE clave_indicador = 'MATRICULA_TOTAL' "
        f"AND periodo = '{periodo}' AND cve_unidad = '{unit}'"
    )


def test_a_descending_target_rounds_its_half_away_from_zero_and_takes_the_latest_revision(chosen):
    home, _, (periodo, valor) = chosen
    [row] = home.published(
        "SELECT meta, meta_original, linea_base, sentido, valor, cumplimiento, semaforo "
        "FROM evaluacion WHERE clave_instrumento = 'PDI-PRUEBA-2030' "
        f"AND clave_indicador = 'TASA_ABANDONO' AND ambito = 'IPN' AND periodo = '{periodo}'"
    )
    exact = Decimal(100) * (2 * 8 - valor) / 8
    assert exact * 100 % 1 == Decimal("0.5")  # a half of a hundredth: to be rounded
    assert row[:5] == (Decimal("8.00"), Decimal("7.50"), Decimal("9.00"), "descendente", valor)
    assert row[5] == exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert row[5] == compliance(valor, Decimal(8), "descendente")
    assert row[5] > exact  # away from zero


def test_the_whole_table_still_matches_the_reference(chosen):
    home, _, _ = chosen
    expected = reference_evaluation(
        home.settings.warehouse_path, home.settings.published_dir / "current.duckdb"
    )
    rows = home.published(
        "SELECT clave_instrumento, clave_indicador, ambito, clave_ambito, periodo, meta, "
        "meta_original, valor, cumplimiento, semaforo, valor_anterior, variacion FROM evaluacion"
    )
    assert len(rows) == len(expected)
    for r in rows:
        e = expected[r[:5]]
        assert r[5:] == (
            e["meta"], e["meta_original"], e["valor"], e["cumplimiento"], e["semaforo"],
            e["valor_anterior"], e["variacion"],
        )  # fmt: skip
