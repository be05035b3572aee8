"""The benchmark's own pieces, without measuring anything: the checks every `python -m bench`
run applies to what it measured, the report rewritten from the stored results, the stages and the
peak memory. The measuring itself is `make bench` (bench/README.md); the floor against SIIE's
indicators is tests/bench/test_floor.py."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys

import pytest

from bench.checks import BenchCheckFailed, check_repetition, check_results
from bench.memory import PeakMemory
from bench.stages import stage_of
from pipelines.core.config import PROJECT_ROOT
from tests.processes import run_module

pytestmark = pytest.mark.unit

STORED = PROJECT_ROOT / "bench" / "results.json"


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(STORED.read_text())


def test_the_stored_results_pass_the_benchmarks_checks(stored: dict) -> None:
    check_results(stored)


def test_a_repetition_where_siie_differs_from_the_floor_fails_the_benchmark(stored: dict) -> None:
    repetition = copy.deepcopy(stored["escalas"][0]["repeticiones"][0])
    check_repetition(repetition, ("completa",))
    repetition["igualdad"]["iguales"] = False
    with pytest.raises(BenchCheckFailed, match="difieren de los del piso"):
        check_repetition(repetition, ("completa",))


def test_a_failed_run_or_stages_that_do_not_add_up_fail_the_benchmark(stored: dict) -> None:
    repetition = copy.deepcopy(stored["escalas"][0]["repeticiones"][0])
    repetition["completa"]["codigo_salida"] = 1
    with pytest.raises(BenchCheckFailed, match="terminó con error"):
        check_repetition(repetition, ("completa",))
    repetition = copy.deepcopy(stored["escalas"][0]["repeticiones"][0])
    repetition["completa"]["etapas"]["dbt"] += 1
    with pytest.raises(BenchCheckFailed, match="no suman"):
        check_repetition(repetition, ("completa",))


def test_bench_report_rewrites_results_md_from_the_stored_results(tmp_path) -> None:
    for name in ("results.json", "RESULTS.md", "results_antes.json"):
        if (PROJECT_ROOT / "bench" / name).exists():
            shutil.copy2(PROJECT_ROOT / "bench" / name, tmp_path / name)
    done = run_module("bench", "report", "--results", str(tmp_path / "results.json"), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "escrito" in done.stdout and (tmp_path / "escala.png").exists()
    rewritten = (tmp_path / "RESULTS.md").read_text()
    assert rewritten == (PROJECT_ROOT / "bench" / "RESULTS.md").read_text()
    assert "| escala | alumnos/periodo |" in rewritten


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


def test_the_publication_parts_are_read_from_the_stage_lines_a_run_writes_to_its_log():
    import io

    from bench.publication_parts import publication_parts, run_log
    from pipelines.core.progress import logged_to, stage

    log = io.StringIO()
    with logged_to(log):
        with stage("Publicación"):
            with stage("Control de divulgación: supresión primaria y secundaria"):
                pass
            with stage("Portal de indicadores") as end:
                end.warn("una página de más")
            with stage("Informe para auditoría y Data Docs"):
                pass
    parts = publication_parts(log.getvalue())

    assert set(parts) == {"supresion", "portal"}  # the audit and the package did not run
    assert all(0 <= seconds < 60 for seconds in parts.values())
    assert run_log("Bitácora de la ejecución: /x/logs/siie_run_1.log\nIngesta …").name == (
        "siie_run_1.log"
    )
