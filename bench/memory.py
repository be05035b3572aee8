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
        found[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
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


def tree_resident_bytes(root: int) -> dict[int, int]:
    """pid → resident bytes, for `root` and every descendant."""
    return {pid: resident_bytes(pid) for pid in tree_pids(root)}


def command_name(pid: int) -> str:
    """`siie run`, `dbt build`…: the program and its first argument, without paths."""
    try:
        words = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return str(pid)
    words = [Path(w.decode(errors="replace")).name for w in words if w]
    programs = [w for w in words if not w.startswith("python")]
    return (" ".join(programs[:2]) or " ".join(words[:2]))[:40]


class PeakMemory:
    """Samples the tree of `root` every `interval` seconds until stopped: `.peak` in bytes,
    `.samples`, (epoch seconds, bytes) pairs, to tell which stage reached the peak, and
    `.by_process`, each process's own peak (bytes) by command name."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval, self.peak = root, interval, 0
        self.samples: list[tuple[float, int]] = []
        self.by_process: dict[str, int] = {}
        self._names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            by_pid = tree_resident_bytes(self.root)
            resident = sum(by_pid.values())
            self.samples.append((time.time(), resident))
            self.peak = max(self.peak, resident)
            for pid, size in by_pid.items():
                name = self._names.setdefault(pid, command_name(pid))
                self.by_process[name] = max(self.by_process.get(name, 0), size)
            self._stop.wait(self.interval)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
