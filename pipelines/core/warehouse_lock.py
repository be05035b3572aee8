"""Waiting for the working warehouse when another process holds it, and saying who.

DuckDB lets one process write a database file at a time. A `siie run` that starts while a run of
the daemon (or another `siie run`) is in dbt waits for the file to be free, up to a limit, instead
of failing with DuckDB's own error.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb

HOLDER = re.compile(r"\(PID (\d+)\)")


class WarehouseBusy(Exception):
    """The warehouse stayed locked by another process for the whole wait."""


LOCKED = "Could not set lock"  # how DuckDB says another process holds the file


def is_lock_error(error: BaseException) -> bool:
    return isinstance(error, duckdb.IOException) and LOCKED in str(error)


def wait_until_free(path: Path, seconds: float, say=print, poll: float = 1.0) -> None:
    """Return once `path` can be opened for writing (saying once that it waits); raise
    WarehouseBusy after `seconds`."""
    deadline, said = time.monotonic() + seconds, False
    while True:
        try:
            duckdb.connect(str(path)).close()
            return
        except duckdb.IOException as error:
            if not is_lock_error(error):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(_who_holds(path, str(error), seconds)) from None
            if not said:
                say(
                    f"Esperando el almacén (hasta {seconds:.0f} s): lo ocupa {_holder(str(error))}."
                )
                said = True
        time.sleep(poll)


def _holder(message: str) -> str:
    found = HOLDER.search(message)
    return f"el proceso {found.group(1)}{_command_of(found.group(1))}" if found else "otro proceso"


def _who_holds(path: Path, message: str, seconds: float) -> str:
    return (
        f"El almacén {path} sigue ocupado por {_holder(message)} después de esperar "
        f"{seconds:.0f} s (otra ejecución de SIIE, el daemon de Dagster o una sesión abierta "
        "sobre el archivo). Espere a que termine y vuelva a ejecutar, o ajuste SIIE_ESPERA_ALMACEN."
    )


def _command_of(pid: str) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""
    return f" ({command[:120]})" if command else ""
