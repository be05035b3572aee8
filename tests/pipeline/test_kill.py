"""`siie run` killed outright (kill -9) while dbt writes: dbt dies with it, the publication is
untouched, the next run (`--forzar`) finds the warehouse free, closes the run left open, converges
and reports that there was nothing new to publish."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dagster import DagsterInstance, DagsterRunStatus

from pipelines.abandoned_runs import PID_TAG
from pipelines.core.config import PROJECT_ROOT
from tests.processes import alive, children, command_line, descendants

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _wait_for_dbt(run: subprocess.Popen, timeout: float = 300) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, "siie run ended before dbt started"
        # "bin/dbt ": siie-dbt has armed the parent-death signal and become dbt
        dbt = [
            c
            for c in children(run.pid)
            if " build " in command_line(c) and "bin/dbt " in command_line(c)
        ]
        if dbt:
            return dbt[0]
        time.sleep(0.2)
    raise AssertionError("dbt never started")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.resolve().read_bytes()).hexdigest()


def test_a_run_killed_in_dbt_leaves_no_orphan_and_the_next_run_converges(published, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(published.settings.home, home, symlinks=True)
    env = {
        **os.environ,
        "SIIE_HOME": str(home),
        "SIIE_LANDING_DIR": str(published.settings.landing_dir),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "SIIE_PSEUDONYM_KEY": published.settings.pseudonym_key,
    }
    command = [sys.executable, "-m", "pipelines.cli", "run", "--forzar"]
    before = _digest(home / "published" / "current.duckdb")

    run = subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    dbt = _wait_for_dbt(run)
    time.sleep(1)  # let dbt open the warehouse and write
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 3
    while alive(dbt) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(dbt), "dbt outlived the siie run that started it"
    assert _digest(home / "published" / "current.duckdb") == before

    rerun = subprocess.run(
        command, check=False, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "se marcó fallida" in rerun.stdout
    assert "Nada nuevo que publicar: sigue vigente la versión 1" in rerun.stdout
    [report] = re.findall(r"^Informe para auditoría: (\S+)", rerun.stdout, re.MULTILINE)
    assert "Sin cambios que publicar: sigue vigente la versión 1." in Path(report).read_text(
        "utf-8"
    )
    index = (home / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{r.name}"' in index for r in (home / "reports").glob("informe_*.html"))
    assert _digest(home / "published" / "current.duckdb") == before
    os.environ["DAGSTER_HOME"], saved = env["DAGSTER_HOME"], os.environ["DAGSTER_HOME"]
    try:
        with DagsterInstance.get() as instance:
            killed = [r for r in instance.get_runs() if r.tags.get(PID_TAG) == str(run.pid)]
            assert killed and all(r.status == DagsterRunStatus.FAILURE for r in killed)
    finally:
        os.environ["DAGSTER_HOME"] = saved


def _wait_for_solvers(run: subprocess.Popen, timeout: float = 600) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, "siie run ended before disclosure control started its solvers"
        solvers = [c for c in descendants(run.pid) if "spawn_main" in command_line(c)]
        if solvers:
            return solvers
        time.sleep(0.2)
    raise AssertionError("the solvers never started")


def test_a_run_killed_during_disclosure_control_leaves_no_solver_and_no_stray_version(
    published, tmp_path
):
    from pipelines.publish.recovery import recover_publications

    home = tmp_path / "home"
    shutil.copytree(published.settings.home, home, symlinks=True)
    shutil.rmtree(home / "cache" / "supresion")  # solved again: in worker processes
    env = {
        **os.environ,
        "SIIE_HOME": str(home),
        "SIIE_LANDING_DIR": str(published.settings.landing_dir),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "SIIE_PSEUDONYM_KEY": published.settings.pseudonym_key,
    }
    before = _digest(home / "published" / "current.duckdb")
    run = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--forzar"],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    solvers = _wait_for_solvers(run)
    time.sleep(0.5)  # solving
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 5
    while any(map(alive, solvers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [s for s in solvers if alive(s)]
    for survivor in survivors:  # never left running by the test itself
        os.kill(survivor, signal.SIGKILL)
    assert survivors == [], "a solver outlived the siie run that started it"

    published_dir = home / "published"
    assert [p.name for p in published_dir.glob(".v*.tmp")] == [f".v0002.{run.pid}.tmp"]
    assert recover_publications(published_dir).removed == [f".v0002.{run.pid}.tmp"]
    assert list(published_dir.glob(".v*.tmp")) == []
    assert _digest(published_dir / "current.duckdb") == before
