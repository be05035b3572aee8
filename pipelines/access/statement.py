"""Run one statement on the publication and show or write its result (for `siie sql` and its
prompt).

The statement runs in a worker thread while the main thread waits for it: Python runs a signal
handler only in the main thread, between bytecodes, so a query that keeps DuckDB busy in one long
operator (a cross join) would otherwise ignore Ctrl-C. While it waits, Ctrl-C's handler asks
DuckDB to stop the query (`connection.interrupt()`), as often as it is pressed, and the main
thread waits until the worker has let the connection go: the next statement finds it free."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.access.errors import explain_error
from pipelines.access.output import OutputError, echo, write_result

EXIT_OK, EXIT_QUERY_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130
WAIT_STEP = 0.1  # seconds between two looks at the worker: how soon Ctrl-C is acted on


class _Cancelled(Exception):
    pass


def _result(con: duckdb.DuckDBPyConnection, statement: str, params: list | None) -> pa.Table | None:
    """The statement's whole result, computed in a worker thread; Ctrl-C interrupts it."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            relation = con.sql(statement, params=params) if params else con.sql(statement)
            outcome["table"] = None if relation is None else relation.to_arrow_table()
        except BaseException as error:  # handed to the main thread
            outcome["error"] = error

    worker = threading.Thread(target=work, name="siie-sql", daemon=True)
    interrupted = threading.Event()
    with _ctrl_c_interrupts(con, interrupted):
        worker.start()
        while worker.is_alive():
            worker.join(WAIT_STEP)
    error = outcome.get("error")
    if interrupted.is_set() or isinstance(error, duckdb.InterruptException):
        raise _Cancelled
    if isinstance(error, BaseException):
        raise error
    table = outcome.get("table")
    return table if isinstance(table, pa.Table) else None


@contextlib.contextmanager
def _ctrl_c_interrupts(
    con: duckdb.DuckDBPyConnection, interrupted: threading.Event
) -> Iterator[None]:
    """While the block runs, Ctrl-C (SIGINT) interrupts the connection's query instead of raising
    KeyboardInterrupt. Signal handlers belong to the main thread: elsewhere, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        interrupted.set()
        con.interrupt()

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_statement(
    con: duckdb.DuckDBPyConnection,
    statement: str,
    fmt: str = "tabla",
    output: Path | None = None,
    params: list | None = None,
) -> int:
    try:
        table = _result(con, statement, params)
        if table is None:
            echo("Hecho.")
            return EXIT_OK
        echo(write_result(table, fmt, output))
    except (_Cancelled, KeyboardInterrupt):
        print("Consulta cancelada (Ctrl-C).", file=sys.stderr)
        return EXIT_CANCELLED
    except duckdb.Error as error:
        print(explain_error(error), file=sys.stderr)
        return EXIT_QUERY_FAILED
    except OutputError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    if output is not None:
        print(f"Resultado escrito en {output}", file=sys.stderr)
    return EXIT_OK
