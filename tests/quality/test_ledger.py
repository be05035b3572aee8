"""Unchanged raw partitions that passed are not validated again; a new load of one is."""

from __future__ import annotations

import pytest

from pipelines.quality.gate import run_gate

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _contract(result, kind: str):
    return result.check(f"raw_{kind}", "contrato_gx")


def test_a_second_gate_skips_what_passed_and_revalidates_a_reloaded_period(home):
    first = run_gate(home.settings, "raw", "primera")
    again = run_gate(home.settings, "raw", "segunda")

    assert (
        _contract(first, "matricula").filas > 0
        and _contract(first, "matricula").particiones_ya_validadas == 0
    )
    assert _contract(again, "matricula").filas == 0
    assert (
        _contract(again, "matricula").particiones_ya_validadas == 8
        and _contract(again, "matricula").aprobada
    )

    # a corrected file for 24/1: its rows now carry a new load id
    home.execute("UPDATE raw.matricula SET _carga_id = 'recarga-24-1' WHERE periodo = '24/1'")
    third = run_gate(home.settings, "raw", "tercera")
    [(rows,)] = home.query("SELECT count(*) FROM raw.matricula WHERE periodo = '24/1'")
    assert (
        _contract(third, "matricula").filas,
        _contract(third, "matricula").particiones_ya_validadas,
    ) == (rows, 7)


def test_a_partition_that_failed_is_checked_again_on_every_run(home):
    home.execute(
        "UPDATE raw.matricula SET sexo = 'X', _carga_id = 'mala' WHERE rowid IN "
        "(SELECT rowid FROM raw.matricula WHERE periodo = '24/1' LIMIT 3)"
    )
    for run in ("una", "otra"):
        outcome = _contract(run_gate(home.settings, "raw", run), "matricula")
        assert not outcome.aprobada and outcome.filas > 0
