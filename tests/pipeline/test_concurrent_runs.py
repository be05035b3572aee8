"""Two `siie run` at once on one SIIE home: the second never races the first for the warehouse.
With no wait it stops at once, always with the same message and exit status 2, having planned
nothing; with the default wait it waits, then finds the first run's file loaded (never listed
as unprocessed), and starts its own log only then."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from pipelines.core.config import PROJECT_ROOT
from pipelines.core.run_lock import LOCK_FILE

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _wait_for_lock(home, pid: int, run: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, "the first run ended before it took the lock"
        lock = home / LOCK_FILE
        if lock.exists() and lock.read_text().strip() == str(pid):
            return
        time.sleep(0.05)
    raise AssertionError("the first run never took the lock")


def _log_of(out: str) -> Path:
    [path] = set(re.findall(r"^Bitácora de la ejecución: (\S+)$", out, re.MULTILINE))
    return Path(path)


def test_a_second_run_waits_or_stops_the_same_way_and_never_reports_the_first_runs_files(
    published, tmp_path
):
    home, landing = tmp_path / "home", tmp_path / "landing"
    shutil.copytree(published.settings.home, home, symlinks=True)
    shutil.copytree(published.settings.landing_dir, landing)
    budget = sorted((landing / "presupuesto").glob("*.csv"))[-1]
    budget.write_bytes(budget.read_bytes().replace(b"\n", b"\r\n"))  # new bytes, same rows
    env = {
        **os.environ,
        "SIIE_HOME": str(home),
        "SIIE_LANDING_DIR": str(landing),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "SIIE_PSEUDONYM_KEY": published.settings.pseudonym_key,
    }
    command = [sys.executable, "-m", "pipelines.cli", "run"]

    def start(**extra: str) -> subprocess.Popen:
        return subprocess.Popen(
            command,
            env={**env, **extra},
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    first = start()
    _wait_for_lock(home, first.pid, first)
    no_wait = subprocess.run(
        command,
        env={**env, "SIIE_ESPERA_ALMACEN": "0"},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    waiting = start()
    first_out, _ = first.communicate(timeout=900)
    waiting_out, _ = waiting.communicate(timeout=900)

    assert first.returncode == 0, first_out
    assert f"{budget.parent.name}/{budget.name}: cargado" in first_out
    assert no_wait.returncode == 2, no_wait.stdout + no_wait.stderr
    assert (
        f"Otra ejecución de `siie run` (proceso {first.pid}) sigue en curso sobre {home} "
        "después de esperar 0 s; esta no cargó ni publicó nada." in no_wait.stdout
    )
    assert "Ingesta" not in no_wait.stdout and "Traceback" not in no_wait.stderr
    assert waiting.returncode == 0, waiting_out
    assert f"Esperando a que termine otra ejecución de `siie run` (proceso {first.pid})" in (
        waiting_out
    )
    assert "Nada nuevo que transformar ni publicar" in waiting_out
    assert "ninguna ingesta lo procesó" not in first_out + waiting_out + no_wait.stdout
    first_log, waiting_log = _log_of(first_out), _log_of(waiting_out)
    assert first_log != waiting_log and first_log.exists() and waiting_log.exists()
    # the waiting run starts (and names its log) once the first has written its last line
    first_done = datetime.fromtimestamp(first_log.stat().st_mtime)
    assert waiting_log.stem.removeprefix("siie_run_")[:15] >= f"{first_done:%Y%m%d_%H%M%S}"
    assert "Nada nuevo que transformar ni publicar" in waiting_log.read_text(encoding="utf-8")
