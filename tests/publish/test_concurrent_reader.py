"""Analysts read the publication while a new one is switched in: nobody sees a half-written file,
a held connection keeps working (even when its version is pruned), a new one sees the new
version."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from pipelines.core.config import PROJECT_ROOT
from pipelines.publish.publication import publish
from tests.publish.helpers import audit, new_load_log_entry

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_a_reader_keeps_working_during_a_publication_and_sees_the_new_version_on_reconnect(home):
    gates = audit(home, "ejecucion")
    assert publish(home.settings, "ejecucion-1", gates).publicada
    current = home.settings.published_dir / "current.duckdb"
    reader = subprocess.Popen(
        [sys.executable, "-m", "tests.publish.reader", str(current)],
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "leyendo"
        time.sleep(0.3)
        new_load_log_entry(home, 2)
        # v1 is deleted while it is read
        second = publish(home.settings, "ejecucion-2", gates, keep=1)
        time.sleep(0.3)
        out, _ = reader.communicate("fin\n", timeout=60)
    finally:
        reader.kill()
    seen = json.loads(out.strip().splitlines()[-1])

    assert second.publicada and second.eliminadas == [1]
    held, reopened = seen["held"], seen["reopened"]
    assert held["errors"] == [] and reopened["errors"] == []
    assert held["queries"] > 0 and held["versions"] == [1]
    assert set(reopened["versions"]) <= {1, 2} and reopened["queries"] > 0
    [(rows,)] = home.published("SELECT count(*) FROM indicadores")
    assert all(counts == [rows] for counts in reopened["rows"].values())  # whole versions only
    assert seen["after_reconnect"] == 2
