"""`siie ejecutar` with nothing new costs a plan: it imports no Dagster and opens no instance —
unless a `siie run` of the same home ended while its runs executed, whose runs it must close.

The real CLI in a child process (so that what it imports is its own), on a copy of a published
warehouse whose landing files are all loaded."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipelines.abandoned_runs import MARK
from tests.conftest import TEST_KEY

pytestmark = [pytest.mark.e2e]

PROBE = (
    "import sys\n"
    "from pipelines.cli import main\n"
    "code = main(['ejecutar'])\n"
    "print('dagster importado:', 'dagster' in sys.modules)\n"
    "sys.exit(code)\n"
)


def _run(home, tmp_path) -> tuple[int, str]:
    dagster_home = tmp_path / "dagster"
    dagster_home.mkdir(exist_ok=True)
    (dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIIE_")}
    env |= {
        "SIIE_HOME": str(home.settings.home),
        "SIIE_LANDING_DIR": str(home.settings.landing_dir),
        "SIIE_PSEUDONYM_KEY": TEST_KEY,
        "DAGSTER_HOME": str(dagster_home),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout + done.stderr


def test_a_run_with_nothing_new_imports_no_dagster(published, tmp_path):
    code, out = _run(published, tmp_path)

    assert code == 0, out
    assert "Nada nuevo que transformar ni publicar" in out
    assert "dagster importado: False" in out
    assert not (published.settings.home / MARK).exists()


def test_a_mark_left_by_a_run_that_ended_mid_way_makes_it_look_for_abandoned_runs(
    published, tmp_path
):
    (published.settings.home / MARK).write_text("999999999\n")  # a process that is gone

    code, out = _run(published, tmp_path)

    assert code == 0, out
    assert "Nada nuevo que transformar ni publicar" in out
    assert "dagster importado: True" in out  # it opened the instance to look
    assert not (published.settings.home / MARK).exists()
    assert "dagster importado: False" in _run(published, tmp_path)[1]  # and the next need not
