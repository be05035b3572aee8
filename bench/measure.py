"""Run one command as a subprocess and measure its wall time and the peak memory of its tree."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.memory import PeakMemory


@dataclass
class Measured:
    started_at: float  # epoch seconds, comparable with Dagster's event timestamps
    seconds: float
    peak_bytes: int
    returncode: int
    output: str  # the command's stdout and stderr (also kept in the log file)
    memory: list[tuple[float, int]]  # (epoch seconds, bytes of the process tree)
    by_process: dict[str, int]  # each process's own peak, by command name


def measure(
    command: list[str], env: dict[str, str], log: Path, cwd: Path | None = None
) -> Measured:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        started_at, started = time.time(), time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        with PeakMemory(process.pid) as memory:
            returncode = process.wait()
        seconds = time.perf_counter() - started
    return Measured(
        started_at,
        seconds,
        memory.peak,
        returncode,
        log.read_text(errors="replace"),
        memory.samples,
        memory.by_process,
    )
