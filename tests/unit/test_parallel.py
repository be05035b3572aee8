"""Work spread over processes comes back as a serial map would give it."""

from __future__ import annotations

import os

import pytest

from pipelines.core.parallel import map_in_processes

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
