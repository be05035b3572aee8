"""A warehouse held by another process: `siie run` waits for it, and says who holds it."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from pipelines.core.warehouse_lock import WarehouseBusy, wait_until_free

pytestmark = pytest.mark.unit


def _hold(path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                f"print('ok', flush=True); time.sleep({seconds})"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ok"
    return holder


def test_a_held_warehouse_is_named_with_its_holder_after_the_wait(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(path)).close()
    holder = _hold(path, 30)
    said = []
    try:
        with pytest.raises(WarehouseBusy) as busy:
            wait_until_free(path, seconds=1.5, say=said.append, poll=0.2)
    finally:
        holder.kill()
        holder.wait()
    assert f"el proceso {holder.pid}" in str(busy.value) and "SIIE_ESPERA_ALMACEN" in str(
        busy.value
    )
    assert len(said) == 1 and "Esperando el almacén" in said[0]


def test_the_wait_ends_when_the_holder_lets_go(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(path)).close()
    holder = _hold(path, 1.5)
    wait_until_free(path, seconds=60, say=lambda _: None, poll=0.2)
    holder.wait()
    duckdb.connect(str(path)).close()
