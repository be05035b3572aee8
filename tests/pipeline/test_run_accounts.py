"""One count of checks, models and files, said the same way by the console, the run log and the
report of a real `siie run` on the small sample; the run log in Spanish beside dbt's; a stage line
for each kind that had something to load, marked ⚠ when its files were rejected; no empty log.

The runs of tests/pipeline/conftest.py: the first (the sample, with malformed files), the third
(a rejected file of a new period, 26/1, and a new budget month) and the fourth (nothing new)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("corridas")]

CHECK_LINE = re.compile(r"^([\d,]+) de ([\d,]+) verificaciones aprobadas: (.*)\.$", re.MULTILINE)


def _log_of(out: str) -> Path:
    [path] = set(re.findall(r"^Bitácora de la ejecución: (\S+)$", out, re.MULTILINE))
    return Path(path)


def test_the_console_the_log_and_the_report_give_one_count_of_checks(siie_runs):
    code, out = siie_runs.runs[0]
    assert code == 1, out  # the malformed files: documented exit status 1
    [line] = [m.group(0) for m in CHECK_LINE.finditer(out)]
    approved, total, groups = CHECK_LINE.search(line).groups()
    assert "pasaron" not in out and "Calidad:" not in out  # no second, different count

    # the same line in the run log's summary and in the report
    log = _log_of(out).read_text(encoding="utf-8")
    assert line in log
    [report] = re.findall(r"^Informe para auditoría: (\S+) ", out, re.MULTILINE)
    text = " ".join(re.sub(r"<[^>]+>", " ", Path(report).read_text(encoding="utf-8")).split())
    assert line in text
    assert f"{approved} / {total} verificaciones aprobadas" in text

    # and it is what Dagster recorded: each check of the run's Dagster runs once
    [run_ids] = re.findall(r"ejecuciones de Dagster: ([\w, -]+?) ·", text)
    checks = set().union(*(siie_runs.evaluations[r] for r in run_ids.split(", ")))
    assert int(total.replace(",", "")) == len(checks)
    [tests] = re.findall(r"Found .*?(\d+) data tests", log)
    assert f"{tests} de {tests} pruebas de dbt" in groups


def test_the_log_says_in_spanish_what_dbt_built_with_dbts_own_figures(siie_runs):
    _, out = siie_runs.runs[0]
    log = _log_of(out).read_text(encoding="utf-8")
    assert log.startswith("SIIE · bitácora de `siie run`")
    [found] = [line for line in log.splitlines() if line.startswith("Found ")] or [log[:3000]]
    models, seeds, tests, snapshots = (
        re.search(rf"(\d+) {what}\b", found).group(1)
        for what in ("models", "seeds", "data tests", "snapshots?")
    )
    snapshot_word = "snapshot" if snapshots == "1" else "snapshots"
    assert (
        f"▶ dbt build: {models} modelos, {seeds} semillas, {snapshots} {snapshot_word} "
        f"y {tests} pruebas"
    ) in log
    assert log.index("▶ dbt build") < log.index("Found ") < log.index("✓ dbt build")
    assert "▶ Ingesta de matricula" in log and "\nResumen\n" in log


def test_a_kind_whose_only_file_was_rejected_ends_with_a_warning_and_empty_kinds_say_nothing(
    siie_runs,
):
    code, out = siie_runs.runs[2]
    assert code == 1, out  # a file rejected: documented exit status 1
    log = _log_of(out).read_text(encoding="utf-8")
    assert "⚠ Ingesta de trayectoria (26/1): 1 archivo rechazado o con error, 0 cargados" in log
    assert "✓ Ingesta de trayectoria (26/1)" not in log
    assert "Ingesta de plantilla (26/1)" not in log and "Ingesta de matricula (26/1)" not in log
    assert "0 archivos nuevos" not in log
    assert "trayectoria/trayectoria_26-1.csv: RECHAZADO" in out
    assert len(re.findall(r"ya cargado", out)) <= 1  # unchanged files: one line, if any


def test_a_run_with_nothing_new_leaves_no_empty_log(siie_runs):
    code, out = siie_runs.runs[3]
    assert code == 0 and "Nada nuevo que transformar ni publicar" in out, out
    log = _log_of(out)
    assert log.exists() and "Nada nuevo que transformar ni publicar" in log.read_text(
        encoding="utf-8"
    )
    logs = list((siie_runs.home / "logs").iterdir())
    assert len(logs) == len(siie_runs.runs) and all(p.stat().st_size > 0 for p in logs)
