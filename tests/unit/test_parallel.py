"""Work spread over processes comes back as a serial map would give it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pipelines.core.config import PROJECT_ROOT
from pipelines.core.parallel import map_in_processes
from tests.processes import alive, children, command_line

pytestmark = pytest.mark.unit


def _power_and_process(base: int, exponent: int) -> tuple[int, int]:
    return base**exponent, os.getpid()


def test_results_in_input_order_from_other_processes():
    found = map_in_processes(_power_and_process, [2, 3, 4, 5], [10, 3, 2, 1], workers=2)
    assert [value for value, _ in found] == [1024, 27, 16, 5]
    assert os.getpid() not in {pid for _, pid in found}


def test_one_job_or_one_worker_stays_in_this_process():
    assert map_in_processes(_power_and_process, [2], [3]) == [(8, os.getpid())]
    assert map_in_processes(_power_and_process, [2, 3], [3, 2], workers=1) == [
        (8, os.getpid()),
        (9, os.getpid()),
    ]
    assert map_in_processes(_power_and_process, [], []) == []


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


PARENT = """
from pipelines.core.parallel import map_in_processes
from tests.unit.test_parallel import _sleep
map_in_processes(_sleep, [600, 600], workers=2)
"""


def test_workers_die_with_a_parent_killed_outright():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=PROJECT_ROOT)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = [c for c in children(parent.pid) if "spawn_main" in command_line(c)]
        assert len(workers) == 2, "the workers never started"
        time.sleep(1)  # each has run its initializer and is sleeping in its job
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 5
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [w for w in workers if alive(w)]
    for worker in survivors:  # this test's own processes: never left behind
        os.kill(worker, signal.SIGKILL)
    assert survivors == [], "a worker outlived its parent"
