"""Runs left STARTED by a `siie run` that was killed: marked failed at the next start.

`siie run` executes its Dagster runs in its own process and tags each with that process's id
and host. A run still STARTED whose process is gone can never finish; left as it is, the UI
shows it running forever. (Runs the daemon launches are watched by Dagster's run monitoring,
turned on in the dagster.yaml SIIE writes.)
"""

from __future__ import annotations

import os
import socket

from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

PID_TAG, HOST_TAG = "siie/pid", "siie/host"


def owner_tags() -> dict[str, str]:
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def fail_abandoned_runs(instance: DagsterInstance) -> list[str]:
    """Mark failed the STARTED runs whose `siie run` process on this host is gone; their ids."""
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
