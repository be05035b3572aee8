"""`siie run` as `make run` calls it: generated sample in — with malformed files of every class
among the good ones — published version out; then nothing new (the runs of
tests/pipeline/conftest.py; `--forzar` is run by tests/pipeline/test_kill.py)."""

from __future__ import annotations

import duckdb
import pytest

from tests.ingest.test_fault_injection import PLANTED
from tests.ingest.test_pii import files_holding
from tests.pipeline.malformed_landing import (
    NAMED_AS_RECORDED,
    landed_boletas,
    leaked_identifiers,
    texts_left_behind,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("corridas")]


def test_run_publishes_the_good_files_accounts_for_the_bad_then_finds_nothing_new(siie_runs):
    first, out = siie_runs.runs[0]
    assert first == 1, out  # some files in error: documented exit status 1
    assert "ninguna ingesta lo procesó" not in out
    assert "Publicada la versión 1" in out and "Informe para auditoría:" in out
    assert (siie_runs.home / "published" / "current.duckdb").is_symlink()
    loads = siie_runs.loads_after_first
    for name in siie_runs.malformed:
        assert len(loads.get(name, [])) == 1, f"{name}: {loads.get(name)}"
    good = [
        k
        for k in loads
        if not k.startswith(
            tuple(f"{kind}/zz_" for kind in ("matricula", "plantilla", "presupuesto"))
        )
    ]
    assert all(loads[k] == ["CARGADO"] for k in good), {k: loads[k] for k in good}
    sample = siie_runs.sample
    assert (
        _scalar(
            siie_runs,
            "SELECT sum(filas_cargadas) FROM raw.cargas WHERE archivo NOT LIKE '%/zz\\_%' "
            "ESCAPE '\\' AND archivo <> 'presupuesto/avance_presupuestal_2025-01.csv'",
        )
        == sum(
            f.height
            for f in (sample.matricula, sample.trayectoria, sample.plantilla, sample.presupuesto)
        )
        + sample.clean("metas").height  # the plan's targets
        + 22370
    )
    assert (
        _scalar(
            siie_runs,
            "SELECT count(*) FROM raw.cargas "
            "WHERE filas_leidas <> filas_cargadas + filas_rechazadas",
        )
        == 0
    )

    [report] = siie_runs.reports_after[0]  # one report for the whole run, whatever Dagster runs
    assert f"Informe para auditoría: {report}" in out
    assert siie_runs.latest_report_after[0] == report.read_bytes()
    assert "Nada nuevo que transformar ni publicar" in siie_runs.runs[1][1]
    assert siie_runs.runs[1][0] == 0
    assert siie_runs.reports_after[1] == [report]  # nothing ran, nothing to report
    reports = siie_runs.reports_after[2]  # the third run published version 2: a report of its own
    index = (siie_runs.reports_dir / "index.html").read_text(encoding="utf-8")
    assert len(reports) == 2 and all(f'href="{r.name}"' in index for r in reports)


def test_no_identifier_is_left_in_any_file_or_on_the_console(siie_runs):
    """After all the runs: the landed students' identifiers, and the ones planted in malformed
    values and a file name, in no file the runs left and on no console."""
    printed = siie_runs.printed
    boletas = landed_boletas(siie_runs.landing)
    assert len(boletas) > 100  # the scan looks for something real
    assert (
        leaked_identifiers(
            texts_left_behind(siie_runs.home, siie_runs.dagster_home, printed), boletas
        )
        == {}
    )
    # the same identifiers as bytes, in every file a run leaves (databases, Parquet, JSON, HTML,
    # logs, Dagster's SQLite), and on the console; the file named after a student is reported
    assert files_holding(PLANTED, siie_runs.home, siie_runs.dagster_home) == {}
    assert not [i for i in PLANTED if i in printed]
    assert f"{NAMED_AS_RECORDED}: el nombre del archivo contiene" in printed


def _scalar(siie_runs, sql: str):
    with duckdb.connect(str(siie_runs.home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchone()[0]
