"""The gate on a built warehouse: it passes on the sample and catches what is broken on purpose."""

from __future__ import annotations

import html

import pytest

from pipelines.quality.data_docs import build_data_docs
from pipelines.quality.gate import run_gate
from pipelines.quality.registry import suites_of_gate

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _gate(home, gate: str, **kw):
    return run_gate(home.settings, gate, f"prueba-{gate}", **kw)


def _failed(result, asset: str, check: str):
    outcome = result.check(asset, check)
    return outcome, {e.descripcion: e for e in outcome.fallidas}


def test_the_sample_passes_every_blocking_check(home):
    for gate in ("raw", "marts"):
        result = _gate(home, gate)
        assert [f"{c.asset} · {c.check}" for c in result.bloqueadas] == []
        assert {(c.asset, c.check) for c in result.verificaciones} == {
            (s.asset, s.check) for s in suites_of_gate(gate)
        }
        assert all(c.lotes >= 1 and c.filas > 0 for c in result.verificaciones)


def test_rows_that_break_the_contract_fail_the_raw_check_with_their_count_and_period(home):
    home.execute(
        "UPDATE raw.matricula SET sexo = 'X' WHERE rowid IN (SELECT rowid FROM raw.matricula "
        "WHERE periodo = '24/1' LIMIT 3)"
    )
    home.execute(
        "UPDATE raw.presupuesto SET programa_presupuestario = 'e10' WHERE rowid IN "
        "(SELECT rowid FROM raw.presupuesto LIMIT 1)"
    )
    result = _gate(home, "raw")
    matricula, failures = _failed(result, "raw_matricula", "contrato_gx")
    assert not matricula.aprobada and matricula.bloquea and matricula.severidad == "ERROR"
    [sexo] = [e for e in failures.values() if e.columna == "sexo"]
    assert (sexo.inesperadas, sexo.lotes_fallidos, sexo.ejemplos[:1]) == (3, ["24/1"], ["X"])
    _budget, failures = _failed(result, "raw_presupuesto", "contrato_gx")
    assert [
        e.inesperadas for e in failures.values() if e.tipo == "expect_column_values_to_match_regex"
    ] == [1]
    assert not result.aprobada


def test_a_percentage_above_100_in_a_mart_blocks(home):
    home.execute(
        "UPDATE marts.indicadores SET valor = 150 WHERE rowid = (SELECT min(rowid) "
        "FROM marts.indicadores WHERE clave_indicador = 'PCT_MUJERES' AND ambito = 'UNIDAD')"
    )
    result = _gate(home, "marts")
    outcome, failures = _failed(result, "marts/indicadores", "valores_validos")
    assert outcome.bloquea
    assert failures["los porcentajes están entre 0 y 100"].inesperadas == 1
    assert failures["los porcentajes están entre 0 y 100"].ejemplos == ["150.0"]


def test_students_lost_between_layers_break_the_reconciliation(home):
    [(periodo, lost)] = home.query(
        "SELECT periodo, alumnos FROM marts.fct_matricula ORDER BY alumnos DESC LIMIT 1"
    )
    home.execute(
        f"DELETE FROM marts.fct_matricula WHERE rowid = (SELECT rowid FROM marts.fct_matricula "
        f"WHERE periodo = '{periodo}' ORDER BY alumnos DESC LIMIT 1)"
    )
    result = _gate(home, "marts")
    outcome, failures = _failed(result, "marts/indicadores", "conciliacion_matricula")
    assert outcome.bloquea and list(failures) == [
        "alumnos en raw.matricula = Σ alumnos de fct_matricula"
    ]
    [row] = [r for r in result.conciliaciones["conciliacion_matricula"] if r["periodo"] == periodo]
    assert float(row["alumnos_raw"]) - float(row["alumnos_fct_matricula"]) == lost


def test_a_budget_key_whose_devengado_fell_is_a_warning_that_does_not_block(home, tmp_path):
    [(rowid, year, month, unit, program, source, item)] = home.query("""
        SELECT max(p.rowid), arg_max(ejercicio, p.rowid), arg_max(mes, p.rowid),
            arg_max(cve_unidad, p.rowid), arg_max(programa_presupuestario, p.rowid),
            arg_max(fuente_financiamiento, p.rowid), arg_max(partida, p.rowid)
        FROM raw.presupuesto AS p WHERE p.devengado > 0 AND p.mes > 1
            AND p.mes = (SELECT max(mes) FROM raw.presupuesto WHERE ejercicio = p.ejercicio)""")
    [(before_month, before)] = home.query(
        "SELECT mes, devengado FROM raw.presupuesto WHERE ejercicio = ? AND cve_unidad = ? "
        "AND programa_presupuestario = ? AND fuente_financiamiento = ? AND partida = ? "
        "AND mes < ? ORDER BY mes DESC LIMIT 1",
        [year, unit, program, source, item, month],
    )
    home.execute(
        f"UPDATE raw.presupuesto SET devengado = 0, ejercido = 0, pagado = 0 WHERE rowid = {rowid}"
    )
    result = _gate(home, "raw")
    outcome = result.check("raw_presupuesto", "devengado_acumulado_no_decrece")
    assert not outcome.aprobada and outcome.severidad == "WARN" and not outcome.bloquea
    assert outcome.inesperadas >= 1
    assert result.aprobada

    # The warning names the key, the unit and the two months with their amounts, and says it
    # is a warning.
    [failed] = outcome.fallidas
    assert failed.descripcion.startswith("aviso: ") and "bajó" in failed.descripcion
    case = (
        f"unidad {unit} · programa {program} · fuente {source} · partida {item}: "
        f"{before:,.2f} pesos en {year}-{before_month:02d}, 0.00 pesos en {year}-{month:02d}"
    )
    assert case in failed.ejemplos, failed.ejemplos

    # GX's Data Docs show the case whole (its two amounts apart), not two numbers run together.
    site = build_data_docs(home.settings, ["prueba-raw"], tmp_path / "data_docs")
    pages = "".join(p.read_text(encoding="utf-8") for p in site.parent.rglob("*.html"))
    assert html.escape(case, quote=False) in pages or case in pages


def test_a_partitioned_run_validates_only_its_partitions(home):
    [(rows,)] = home.query("SELECT count(*) FROM raw.matricula WHERE periodo = '25/1'")
    result = _gate(
        home,
        "raw",
        suites=[s for s in suites_of_gate("raw") if s.name == "raw_matricula"],
        partition_keys={"25/1"},
    )
    [outcome] = result.verificaciones
    assert (outcome.lotes, outcome.filas) == (1, rows)


def test_small_batches_give_the_same_verdict_batch_by_batch(home):
    home.execute(
        "INSERT INTO raw.matricula SELECT * FROM raw.matricula WHERE rowid = "
        "(SELECT min(rowid) FROM raw.matricula WHERE periodo = '23/2')"
    )
    [(periods,)] = home.query("SELECT count(DISTINCT periodo) FROM raw.matricula")
    result = _gate(
        home,
        "raw",
        suites=[s for s in suites_of_gate("raw") if s.name == "raw_matricula"],
        max_rows=1,
    )
    outcome, failures = _failed(result, "raw_matricula", "contrato_gx")
    assert outcome.lotes == periods
    duplicate = failures["clave única: periodo, boleta"]
    assert duplicate.lotes_fallidos == ["23/2"] and duplicate.inesperadas == 2
    assert duplicate.ejemplos == []  # pseudonyms are never copied into the results
