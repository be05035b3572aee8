"""`siie explain`: one published cell traced to its files, rows, checks, models and version —
checked against the publication and the landed files themselves, never against the explainer's own
queries."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from pipelines.cli import main as siie
from pipelines.explain.explanation import explain_cell

pytestmark = pytest.mark.integration

CURP = re.compile(r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{5}[0-9A-Z]\d")
BOLETA = re.compile(r"\b20\d{8}\b")


def _one(home, where: str) -> tuple:
    rows = home.published(
        "SELECT clave_indicador, periodo, ambito, clave_ambito, valor, numerador, denominador "
        f"FROM indicadores WHERE {where} ORDER BY periodo, clave_ambito LIMIT 1"
    )
    assert rows, where
    return rows[0]


def _loaded_in_scope(explanation: dict, kind: str) -> list[int]:
    return [f["en_el_ambito"]["cargadas"] for f in explanation["archivos"] if f["tipo"] == kind]


def test_a_count_equals_the_rows_of_its_file_in_that_unit(user):
    clave, periodo, ambito, unidad, valor, _, _ = _one(
        user,
        "clave_indicador = 'MATRICULA_TOTAL' "
        "AND ambito = 'UNIDAD' AND NOT suprimido AND valor >= 5",
    )
    explanation = explain_cell(user.settings, clave, periodo, ambito, unidad)
    assert explanation["celda"]["valor"] == float(valor)
    [file] = explanation["archivos"]
    assert file["tipo"] == "matricula" and file["periodo"] == periodo
    assert file["en_el_ambito"]["cargadas"] == valor
    landed = user.settings.landing_dir / file["archivo"]
    assert hashlib.sha256(landed.read_bytes()).hexdigest() == file["sha256"]


def test_a_ratio_names_its_terms_and_its_denominator_is_the_level_enrollment(user):
    _, periodo, _, nivel, _, numerador, denominador = _one(
        user, "clave_indicador = 'PCT_MUJERES' AND ambito = 'NIVEL' AND NOT suprimido"
    )
    explanation = explain_cell(user.settings, "PCT_MUJERES", periodo, "NIVEL", nivel)
    assert explanation["indicador"]["numerador"].startswith("Alumnas")
    assert explanation["celda"]["numerador"] == float(numerador)
    assert _loaded_in_scope(explanation, "matricula") == [denominador]


def test_spending_per_student_reads_december_and_two_enrollments(user):
    _, ejercicio, _, _, _, _, denominador = _one(
        user, "clave_indicador = 'GASTO_POR_ALUMNO' AND ambito = 'IPN'"
    )
    explanation = explain_cell(user.settings, "GASTO_POR_ALUMNO", ejercicio, "IPN")
    months = [f["periodo"] for f in explanation["archivos"] if f["tipo"] == "presupuesto"]
    assert months == [f"{ejercicio}-12"]
    yy = int(ejercicio) % 100
    assert sorted(f["periodo"] for f in explanation["archivos"] if f["tipo"] == "matricula") == [
        f"{yy:02d}/2",
        f"{yy + 1:02d}/1",
    ]
    assert sum(_loaded_in_scope(explanation, "matricula")) / 2 == denominador


def test_a_suppressed_cell_gives_no_count_that_would_reveal_it(user, capsys):
    clave, periodo, ambito, clave_ambito, *_ = _one(user, "estado_confidencialidad = 'C'")
    assert siie(["explain", clave, periodo, ambito, clave_ambito, "--format", "json"]) == 0
    explanation = json.loads(capsys.readouterr().out)
    cell = explanation["celda"]
    assert (
        cell["suprimido"]
        and cell["valor"] is None
        and cell["numerador"] is None
        and cell["denominador"] is None
    )
    assert explanation["confidencialidad"]["estado"] == "C"
    assert explanation["archivos"] and all(
        f["en_el_ambito"] is None for f in explanation["archivos"]
    )


def test_small_counts_in_scope_are_shown_as_under_five(user):
    explanation = explain_cell(
        user.settings,
        *_one(user, "clave_indicador = 'MATRICULA_TOTAL' AND ambito = 'IPN'")[:3],
    )
    for file in explanation["archivos"]:
        for reason in file["en_el_ambito"]["motivos"]:
            assert reason["filas"] == "<5" or reason["filas"] >= 5


def test_the_text_names_checks_models_and_version_and_no_identifier(user, capsys):
    clave, periodo, ambito, clave_ambito, *_ = _one(
        user, "clave_indicador = 'TASA_ABANDONO' AND ambito = 'UNIDAD'"
    )
    assert siie(["explain", clave, periodo, ambito, clave_ambito]) == 0
    text = capsys.readouterr().out
    [(version, run_id)] = user.published("SELECT version, run_id FROM manifest")
    assert f"versión {version}" in text and run_id in text
    assert "raw_matricula · contrato_gx" in text and "marts/indicadores · valores_validos" in text
    assert "stg_raw__matricula" in text and "int_escolar__abandono" in text
    shown = {f for f in re.findall(r"(matricula/\S+)\s+sha256", text)}
    assert len(shown) == 2  # MAT(p) and MAT(p+1)
    assert not CURP.search(text) and not BOLETA.search(text)


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["MATRICULA_TOTL", "24/1", "IPN"], "¿Quiso decir MATRICULA_TOTAL?"),
        (["MATRICULA_TOTAL", "99/1", "IPN"], "Periodos publicados"),
        (
            ["DOCENTES", "__PERIOD__", "PROGRAMA", "X"],
            "Ámbitos de este indicador: IPN, NIVEL, UNIDAD",
        ),
    ],
)
def test_a_cell_that_does_not_exist_is_named_with_a_hint(user, capsys, argv, hint):
    period = user.published(
        "SELECT max(periodo) FROM indicadores WHERE clave_indicador = 'DOCENTES'"
    )[0][0]
    assert siie(["explain", *[period if a == "__PERIOD__" else a for a in argv]]) == 2
    assert hint in capsys.readouterr().err
