"""One `siie run` at a time on a SIIE home: a second one waits for the first to end, then plans.

Without it two runs plan the same landed files, race for the warehouse (DuckDB lets one process
write) and one of them ends with lock errors and lists the other's files as unprocessed, an
outcome that depends on timing. With it the second run waits, up to SIIE_ESPERA_ALMACEN seconds,
and then plans against the warehouse the first one left: it finds the first run's files loaded.
If the wait runs out it stops, always with the same message and exit status 2, having touched
nothing. The lock is an flock on $SIIE_HOME/.siie_run.lock, released by the kernel when its
process ends, even by kill -9.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".siie_run.lock"


class RunBusy(Exception):
    """Another `siie run` held the home for the whole wait."""


@contextmanager
def one_run_at_a_time(home: Path, seconds: float, say=print, poll: float = 0.5) -> Iterator[None]:
    home.mkdir(parents=True, exist_ok=True)
    with (home / LOCK_FILE).open("a+") as handle:
        deadline, said = time.monotonic() + seconds, False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(handle)
                if time.monotonic() >= deadline:
                    raise RunBusy(_busy_message(home, holder, seconds)) from None
                if not said:
                    say(f"Esperando a que termine otra ejecución de `siie run` ({holder}).")
                    said = True
            time.sleep(poll)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def _holder(handle) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f"proceso {pid}" if pid.isdigit() else "otro proceso"


def _busy_message(home: Path, holder: str, seconds: float) -> str:
    return (
        f"Otra ejecución de `siie run` ({holder}) sigue en curso sobre {home} después de "
        f"esperar {seconds:.0f} s; esta no cargó ni publicó nada. Vuelva a ejecutar cuando "
        "termine (o ajuste SIIE_ESPERA_ALMACEN)."
    )
