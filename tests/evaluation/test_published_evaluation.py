"""`evaluacion` and `comparacion_unidades` of the published sample against the independent
reference (tests/evaluation/reference.py), and what they may never show."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from tests.evaluation.reference import (
    KEY,
    reference_comparison,
    reference_evaluation,
    targets_in_force,
)

EVALUATED = (
    "instrumento", "meta", "meta_original", "linea_base", "sentido", "valor",
    "estado_confidencialidad", "cumplimiento", "semaforo", "valor_anterior", "variacion",
)  # fmt: skip


def _published_rows(published, table: str) -> list[dict]:
    with duckdb.connect(
        str(published.settings.published_dir / "current.duckdb"), read_only=True
    ) as con:
        cursor = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def evaluacion(published) -> dict[tuple, dict]:
    return {tuple(r[k] for k in KEY): r for r in _published_rows(published, "evaluacion")}


@pytest.fixture(scope="module")
def comparacion(published) -> dict[tuple, dict]:
    rows = _published_rows(published, "comparacion_unidades")
    return {(r["clave_indicador"], r["periodo"], r["cve_unidad"]): r for r in rows}


def _publication(published):
    return published.settings.published_dir / "current.duckdb"


def test_every_target_in_force_has_its_row_as_the_reference_computes_it(published, evaluacion):
    expected = reference_evaluation(published.settings.warehouse_path, _publication(published))
    assert set(evaluacion) == set(expected)
    for key, row in expected.items():
        got = {c: evaluacion[key][c] for c in EVALUATED}
        assert got == {c: row[c] for c in EVALUATED}, key


def test_the_sample_has_every_semaforo_both_senses_and_a_revision(evaluacion):
    semaforos = {r["semaforo"] for r in evaluacion.values()}
    assert semaforos == {"VERDE", "AMARILLO", "ROJO", "CONFIDENCIAL", "PENDIENTE", "SIN_DATO"}
    judged = {r["sentido"] for r in evaluacion.values() if r["cumplimiento"] is not None}
    assert judged == {"ascendente", "descendente"}
    revised = [r for r in evaluacion.values() if r["meta"] != r["meta_original"]]
    assert len(revised) == 4


def test_a_revision_resolves_to_the_latest_registration_whatever_the_file(published, evaluacion):
    in_force = targets_in_force(published.settings.warehouse_path)
    revised = {k: t for k, t in in_force.items() if t["revisiones"]}
    assert revised
    with duckdb.connect(str(published.settings.warehouse_path), read_only=True) as con:
        for key, target in revised.items():
            rows = con.execute(
                "SELECT meta, fecha_registro, _archivo FROM raw.metas WHERE clave_instrumento = ? "
                "AND clave_indicador = ? AND ambito = ? AND clave_ambito = ? AND periodo = ? "
                "ORDER BY fecha_registro",
                list(key),
            ).fetchall()
            assert len(rows) == 2 and "revision" in rows[-1][2]
            assert evaluacion[key]["meta"] == rows[-1][0] == target["meta"]
            assert evaluacion[key]["meta_original"] == rows[0][0]


def test_each_unit_among_its_peers_as_the_reference_computes_it(published, comparacion):
    expected = reference_comparison(_publication(published))
    assert set(comparacion) == set(expected)
    for key, row in expected.items():
        got = comparacion[key]
        for column in ("nivel", "valor", "n_pares", "posicion", "valor_ipn"):
            assert got[column] == row[column], (key, column)
        assert abs(Decimal(got["mediana_pares"]) - Decimal(row["mediana_pares"])) <= Decimal(
            "0.0001"
        ), key


def test_a_target_on_a_suppressed_figure_says_confidencial_and_nothing_else(
    published, evaluacion, comparacion
):
    confidential = [r for r in evaluacion.values() if r["semaforo"] == "CONFIDENCIAL"]
    assert confidential
    for row in confidential:
        assert row["estado_confidencialidad"] != "F"
        assert (row["valor"], row["cumplimiento"], row["valor_anterior"], row["variacion"]) == (
            None,
            None,
            None,
            None,
        )
        unit = (row["clave_indicador"], row["periodo"], row["clave_ambito"])
        if row["ambito"] == "UNIDAD":
            assert unit not in comparacion  # not compared, not counted among its peers


def test_no_value_in_either_table_is_one_that_indicadores_hides(published):
    with duckdb.connect(str(_publication(published)), read_only=True) as con:
        shown = set(
            con.execute(
                "SELECT clave_indicador, periodo, ambito, clave_ambito, valor FROM indicadores "
                "WHERE estado_confidencialidad = 'F' AND NOT suprimido AND valor IS NOT NULL"
            ).fetchall()
        )
        values = con.execute(
            "SELECT clave_indicador, periodo, ambito, clave_ambito, valor FROM evaluacion "
            "WHERE valor IS NOT NULL UNION ALL "
            "SELECT clave_indicador, periodo, 'UNIDAD', cve_unidad, valor FROM comparacion_unidades"
        ).fetchall()
        hidden_cells = con.execute(
            "SELECT count(*) FROM comparacion_unidades c JOIN indicadores i "
            "ON i.clave_indicador = c.clave_indicador AND i.periodo = c.periodo "
            "AND i.ambito = 'UNIDAD' AND i.clave_ambito = c.cve_unidad "
            "WHERE i.estado_confidencialidad <> 'F'"
        ).fetchone()
    assert values and set(values) <= shown
    assert hidden_cells == (0,)
