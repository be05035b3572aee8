"""`siie sql`: SQL on the current publication, read-only, for analysts.

    siie sql "SELECT clave_indicador, periodo, valor FROM indicadores WHERE ambito = 'IPN'"
    siie sql --format xlsx --output matricula.xlsx "SELECT * FROM fct_matricula"
    siie sql                       # interactive: statements end with ';', `.salir` ends

Exit status: 0 when the statement ran, 1 when it failed (a write, a syntax error), 2 when there
is no publication or the options are wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from pipelines.access.arguments import add_sql_arguments
from pipelines.access.connection import (
    NoPublication,
    connect_read_only,
    explain_error,
    publication_path,
)
from pipelines.access.output import OutputError, check_output_path, echo, write_result
from pipelines.config import load_settings

EXIT_OK, EXIT_QUERY_FAILED, EXIT_USAGE = 0, 1, 2


def run_statement(con: duckdb.DuckDBPyConnection, statement: str, fmt: str = "table", output: Path | None = None,
                  params: list | None = None) -> int:
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
    if output is not None:
        print(f"Resultado escrito en {output}", file=sys.stderr)
    return EXIT_OK


def main(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        path = publication_path(settings, args.version)
        if args.output is not None:
            check_output_path(args.output, settings.warehouse_path, settings.published_dir, args.sobrescribir)
    except (NoPublication, OutputError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    with connect_read_only(path) as con:
        if args.consulta:
            return run_statement(con, args.consulta, args.format, args.output)
        from pipelines.access.shell import interactive

        return interactive(con, path)


def standalone(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="siie sql", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_sql_arguments(parser)
    return main(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(standalone())
