"""Runs left STARTED by a `siie run` that was killed: marked failed at the next start.

`siie run` executes its Dagster runs in its own process and tags each with that process's id
and host. A run still STARTED whose process is gone can never finish; left as it is, the UI
shows it running forever. (Runs the daemon launches are watched by Dagster's run monitoring,
turned on in the dagster.yaml SIIE writes.)

While its runs execute, `siie run` leaves a mark in its home (`runs_open`), taken away when they
have all ended; a `siie run` with nothing to run looks for abandoned runs only if a mark is left,
and so need not import Dagster nor open its instance.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dagster import DagsterInstance

PID_TAG, HOST_TAG = "siie/pid", "siie/host"
MARK = ".ejecuciones_en_curso"  # in $SIIE_HOME: the pid of the `siie run` whose runs execute


@contextlib.contextmanager
def runs_open(home: Path) -> Iterator[None]:
    """The mark, while the runs execute; left in place if they end by an exception."""
    mark = home / MARK
    mark.write_text(f"{os.getpid()}\n", encoding="utf-8")
    yield
    mark.unlink(missing_ok=True)


def may_have_left_runs_open(home: Path) -> bool:
    """A `siie run` of this home ended while its runs executed (it was killed, or failed)."""
    return (home / MARK).exists()


def runs_looked_after(home: Path) -> None:
    """The abandoned runs were marked failed: no mark is left to look for them again."""
    (home / MARK).unlink(missing_ok=True)


def owner_tags() -> dict[str, str]:
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def fail_abandoned_runs(instance: DagsterInstance) -> list[str]:
    """Mark failed the STARTED runs whose `siie run` process on this host is gone; their ids."""
    from dagster import DagsterRunStatus, RunsFilter

    failed = []
    running = instance.get_runs(
        filters=RunsFilter(statuses=[DagsterRunStatus.STARTED, DagsterRunStatus.STARTING])
    )
    for run in running:
        pid, host = run.tags.get(PID_TAG), run.tags.get(HOST_TAG)
        if pid is None or host != socket.gethostname() or _alive(int(pid)):
            continue
        instance.report_run_failed(
            run,
            message=f"el proceso {pid} de `siie run` que la ejecutaba terminó "
            "sin cerrarla (por ejemplo, kill -9); se marca como fallida",
        )
        failed.append(run.run_id)
    return failed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
