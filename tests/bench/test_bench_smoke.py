"""The benchmark keeps working: the runner at a tiny scale, one repetition, into tmp_path.

No timing is asserted (the machines are shared); what must hold is that the floor's indicators
equal SIIE's after the full refresh, and that the results file has the shape the report and its
readers expect. Only the full refresh is run here, to stay near a minute; every `python -m
bench` also checks SIIE against the floor after the incremental period.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.memory import PeakMemory
from bench.report import write_report
from bench.runner import run_benchmark
from bench.stages import STAGE_ORDER, stage_of

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCALE = 0.002


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "results.json"
    run_benchmark(
        [SCALE], 1, out, cache=folder / "cache", work=folder / "work", scenarios=("completa",)
    )
    return {"path": out, "data": json.loads(out.read_text())}


def test_floor_indicators_equal_siie(results: dict) -> None:
    repetition = results["data"]["escalas"][0]["repeticiones"][0]
    assert repetition["igualdad"]["iguales"], repetition["igualdad"]
    assert repetition["igualdad"]["filas_siie"] > 0
    assert repetition["piso"]["filas_indicadores"] == repetition["igualdad"]["filas_piso"]


def test_results_have_the_expected_shape(results: dict) -> None:
    data = results["data"]
    assert data["maquina"]["nucleos"] >= 1 and data["maquina"]["memoria_gib"] > 0
    (entry,) = data["escalas"]
    assert entry["escala"] == SCALE and entry["comando"].startswith("python -m bench")
    assert entry["datos"]["alumnos_por_periodo"] > 0 and entry["datos"]["archivos_nuevos"] == 3
    repetition = entry["repeticiones"][0]
    for scenario in ("completa",):
        measured = repetition[scenario]
        assert measured["codigo_salida"] == 0, measured["resumen_siie"]
        assert set(STAGE_ORDER) <= set(measured["etapas"])
        assert measured["etapas"]["ingesta"] > 0 and measured["etapas"]["dbt"] > 0
        assert sum(measured["etapas"].values()) == pytest.approx(measured["segundos"], abs=0.05)
        assert measured["pico_memoria_mib"] > 0
    assert repetition["piso"]["pico_memoria_mib"] > 0
    summary = entry["resumen"]
    assert summary["completa"]["segundos"]["n"] == 1
    assert "completa_entre_piso" in summary["razones"]


def test_report_is_written_from_the_results(results: dict) -> None:
    written = write_report(results["path"])
    text = written[0].read_text()
    assert "| escala | alumnos/periodo |" in text and f"| {SCALE:g} |" in text


def test_steps_are_grouped_into_stages() -> None:
    assert stage_of("raw_matricula", "ingesta_escolar") == "ingesta"
    assert stage_of("siie_dbt", "transformacion_y_publicacion") == "dbt"
    assert stage_of("puerta_calidad_marts", "transformacion_y_publicacion") == "calidad"
    assert stage_of("publicacion", "transformacion_y_publicacion") == "publicacion"
    assert stage_of("informe_auditoria", "transformacion_y_publicacion") == "informe_auditoria"


def test_peak_memory_sees_a_child_process() -> None:
    allocate = 'import time; block = b"x" * (200 * 2**20); time.sleep(1)'
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import subprocess, sys; subprocess.run([sys.executable, '-c', {allocate!r}])",
        ]
    )
    with PeakMemory(process.pid, interval=0.05) as memory:
        process.wait()
    assert memory.peak > 200 * 2**20
