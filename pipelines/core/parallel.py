"""Independent pieces of CPU-bound work spread over the machine's cores, one process each.

The disclosure control solves one linear program after another for each period, and periods do
not depend on each other. HiGHS keeps Python's lock while it solves, so threads would take
turns; processes do not. Results come back in the order of the inputs, so a parallel run gives
exactly what a serial one gives. Each worker dies with the process that started it (Linux's
parent-death signal, as `siie-dbt` does for dbt): a `siie run` killed outright during disclosure
control leaves no solver behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with(parent: int) -> None:
    """In each worker, first: the kernel kills it when `parent` ends, however it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_processes(
    function: Callable[..., Any], *inputs: Iterable, workers: int | None = None
) -> list:
    """`list(map(function, *inputs))`, computed by up to `workers` (default: the cores) processes.

    New processes are spawned, not forked: the caller may hold DuckDB connections and Dagster's
    threads, which a fork would copy half-way through.
    """
    jobs = list(zip(*inputs, strict=True))
    workers = min(len(jobs), workers or available_cores())
    if workers < 2:
        return [function(*job) for job in jobs]
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with,
        initargs=(os.getpid(),),
    ) as pool:
        return list(pool.map(function, *zip(*jobs, strict=True)))
