"""Disclosure control (INDICATORS.md): small cells and their parts are hidden where they must be,
and nowhere else."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from pipelines.publish.disclosure import published_plantilla_sql
from pipelines.transform.indicator_catalog import load_catalog

KEY = "clave_indicador, periodo, ambito, clave_ambito"


def _must_hide(ambito: str, rule: str, valor, denominador) -> bool:
    """The rule, written again independently of the SQL that applies it."""
    if ambito not in ("UNIDAD", "PROGRAMA"):
        return False
    if rule == "conteo":
        return valor is not None and 0 < valor < 5
    if rule == "razón":
        return denominador is not None and 0 < denominador < 10
    return False


def test_small_counts_and_ratios_over_few_are_hidden_with_their_numerator_and_denominator(published):
    rules = {i.clave: i.supresion for i in load_catalog().indicadores}
    working = published.query(f"SELECT {KEY}, valor, numerador, denominador FROM marts.indicadores")
    shown = {row[:4]: row[4:] for row in published.published(
        f"SELECT {KEY}, valor, numerador, denominador, suprimido FROM indicadores")}
    assert len(shown) == len(working)
    primary = {tuple(key) for *key, valor, _n, den in working if _must_hide(key[2], rules[key[0]], valor, den)}
    hidden_kinds = set()
    for *key, valor, numerador, denominador in working:
        students = ("MATRICULA_TOTAL", *key[1:])
        hide = tuple(key) in primary or (key[0] == "ALUMNOS_POR_DOCENTE" and students in primary)
        if hide:
            hidden_kinds.add(rules[key[0]])
            assert shown[tuple(key)] == (None, None, None, True), key
        else:
            assert shown[tuple(key)] == (valor, numerador, denominador, False), key
    assert hidden_kinds == {"conteo", "razón"}  # the sample has both kinds of small cells


def test_ipn_nivel_and_budget_figures_are_never_hidden(published):
    [(hidden,)] = published.published(
        "SELECT count(*) FROM indicadores JOIN dim_indicador USING (clave_indicador) "
        "WHERE suprimido AND (ambito IN ('IPN', 'NIVEL') OR familia = 'presupuesto')")
    assert hidden == 0


def test_fact_cells_of_one_to_four_students_show_no_counts(published):
    working = {(p, u, pr, s, se, t): n for p, u, pr, s, se, t, n in published.query(
        "SELECT periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso, alumnos FROM marts.fct_matricula")}
    cells = published.published(
        "SELECT periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso, alumnos, suprimido FROM fct_matricula")
    assert len(cells) == len(working)
    assert {hidden for *_, hidden in cells} == {True, False}
    for *key, alumnos, hidden in cells:
        small = 1 <= working[tuple(key)] <= 4
        assert (hidden, alumnos) == ((True, None) if small else (False, working[tuple(key)]))


def test_staff_cells_hide_small_counts_and_show_salaries_only_over_ten_people():
    cells = [(3, 3, 120, "90000.00"), (7, 8, 280, "210000.00"), (12, 14, 480, "400000.00")]
    with duckdb.connect() as con:
        con.execute("CREATE TABLE fct (periodo VARCHAR, fecha_corte DATE, cve_unidad VARCHAR, tipo_personal VARCHAR, "
                    "tiempo_dedicacion VARCHAR, grado_maximo VARCHAR, sexo VARCHAR, personas BIGINT, plazas BIGINT, "
                    "horas_semana BIGINT, sueldo_mensual_total DECIMAL(38, 2), carga_id VARCHAR)")
        for n, (personas, plazas, horas, sueldos) in enumerate(cells):
            con.execute("INSERT INTO fct VALUES ('25/1', DATE '2024-10-15', ?, 'DOCENTE', 'TC', 'MAESTRIA', 'M', "
                        "?, ?, ?, ?, 'c')", [f"U{n}", personas, plazas, horas, sueldos])
        shown = con.execute("SELECT personas, plazas, horas_semana, sueldo_mensual_total, suprimido FROM ("
                            f"{published_plantilla_sql('fct')}) ORDER BY cve_unidad").fetchall()
    assert shown == [
        (None, None, None, None, True),
        (7, 8, 280, None, False),
        (12, 14, 480, Decimal("400000.00"), False),
    ]


def test_a_ratio_does_not_reveal_a_suppressed_count_as_its_numerator(published):
    leaks = published.published("""
        SELECT count(*) FROM indicadores AS ratio JOIN indicadores AS matricula
          ON matricula.clave_indicador = 'MATRICULA_TOTAL' AND matricula.periodo = ratio.periodo
         AND matricula.ambito = ratio.ambito AND matricula.clave_ambito = ratio.clave_ambito
        WHERE ratio.clave_indicador = 'ALUMNOS_POR_DOCENTE' AND matricula.suprimido AND ratio.numerador IS NOT NULL""")
    assert leaks == [(0,)]
