"""Peak resident memory of a process and all its descendants, sampled from /proc.

The sum of VmRSS over the tree counts pages shared between processes more than once; for
SIIE (one Python process and the dbt process it starts) that overstates the peak by at most
the shared libraries, and it is what a user sees in `top`.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Self

PAGE = os.sysconf("SC_PAGE_SIZE")
PROC = Path("/proc")


def _parents() -> dict[int, int]:
    """pid → ppid of every process now."""
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        # the command name (2nd field) may hold spaces and parentheses: split after its last ')'
        found[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
    return found


def tree_pids(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, ppid in _parents().items():
        children.setdefault(ppid, []).append(pid)
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def resident_bytes(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_resident_bytes(root: int) -> int:
    return sum(resident_bytes(pid) for pid in tree_pids(root))


class PeakMemory:
    """Samples the tree of `root` every `interval` seconds until stopped: `.peak` in bytes and
    `.samples`, (epoch seconds, bytes) pairs, to tell which stage reached the peak."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval, self.peak = root, interval, 0
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            resident = tree_resident_bytes(self.root)
            self.samples.append((time.time(), resident))
            self.peak = max(self.peak, resident)
            self._stop.wait(self.interval)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
