"""Run one statement on the publication and show or write its result (for `siie sql` and its
prompt)."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from pipelines.access.connection import explain_error
from pipelines.access.output import OutputError, echo, write_result

EXIT_OK, EXIT_QUERY_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


def _cancelled(error: BaseException) -> bool:
    """Ctrl-C during a query: DuckDB stops it and raises RuntimeError('Query interrupted')."""
    return isinstance(error, KeyboardInterrupt) or (
        isinstance(error, RuntimeError) and "interrupted" in str(error)
    )


def run_statement(
    con: duckdb.DuckDBPyConnection,
    statement: str,
    fmt: str = "table",
    output: Path | None = None,
    params: list | None = None,
) -> int:
    try:
        relation = con.sql(statement, params=params) if params else con.sql(statement)
        if relation is None:
            echo("Hecho.")
            return EXIT_OK
        echo(write_result(relation.to_arrow_table(), fmt, output))
    except duckdb.Error as error:
        print(explain_error(error), file=sys.stderr)
        return EXIT_QUERY_FAILED
    except OutputError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, RuntimeError) as error:
        if not _cancelled(error):
            raise
        print("Consulta cancelada (Ctrl-C).", file=sys.stderr)
        return EXIT_CANCELLED
    if output is not None:
        print(f"Resultado escrito en {output}", file=sys.stderr)
    return EXIT_OK
