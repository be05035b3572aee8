"""Processes the tests start and watch: `siie` (or another `python -m` module) in its own process,
as typed in a shell, and the tree of processes under one (read from /proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pipelines.core.config import PROJECT_ROOT, Settings
from tests.conftest import TEST_KEY


def run_module(
    module: str,
    *arguments: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """`python -m MODULE ARGUMENTS` from the project's folder, `env` over the test's own
    environment; its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=timeout,
    )


def ctrl_c_as_in_a_terminal() -> None:
    """For `preexec_fn`: the child takes Ctrl-C (SIGINT) as from a terminal. A shell that starts a
    command in the background (a CI runner, `make test &`) makes it ignore SIGINT, and its children
    inherit that: a server a test stops with SIGINT would never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_siie(
    *arguments: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """`siie ARGUMENTS`, as typed in a shell."""
    return run_module("pipelines.cli", *arguments, env=env, stdin=stdin, timeout=timeout)


def home_env(settings: Settings) -> dict[str, str]:
    """The variables that point `siie` at a test's home, its landing folder and the test key."""
    return {
        "SIIE_HOME": str(settings.home),
        "SIIE_LANDING_DIR": str(settings.landing_dir),
        "SIIE_PSEUDONYM_KEY": settings.pseudonym_key or TEST_KEY,
    }


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        below = [c for p in frontier for c in children(p)]
        found += below
        frontier = below
    return found


def command_line(pid: int) -> str:
    """The process's command line, its arguments joined by spaces ("" once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """Running (a zombie, or a process gone, is not)."""
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
