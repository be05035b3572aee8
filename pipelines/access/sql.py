"""`siie sql`: SQL on the current publication, read-only, for analysts.

    siie sql "SELECT clave_indicador, periodo, valor FROM indicadores WHERE ambito = 'IPN'"
    siie sql --salida matricula.xlsx "SELECT * FROM fct_matricula"
    siie sql                       # interactive: statements end with ';', `.salir` ends

Exit status: 0 when the statement ran, 1 when it failed (a write, a syntax error), 2 when there
is no publication or the options are wrong.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.access.arguments import add_sql_arguments
from pipelines.access.connection import (
    NoPublication,
    connect_read_only,
    publication_path,
)
from pipelines.access.output import OutputError, check_output_path, output_format
from pipelines.access.shell import interactive
from pipelines.access.statement import EXIT_OK, EXIT_QUERY_FAILED, EXIT_USAGE, run_statement
from pipelines.core.argparse_es import speak_spanish
from pipelines.core.config import load_settings

__all__ = ["EXIT_OK", "EXIT_QUERY_FAILED", "EXIT_USAGE", "main", "standalone"]


def main(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        path = publication_path(settings, args.version)
        fmt = output_format(args.format, args.output)
        if args.output is not None:
            check_output_path(
                args.output, settings.warehouse_path, settings.published_dir, args.sobrescribir
            )
    except (NoPublication, OutputError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    with connect_read_only(path) as con:
        if args.consulta:
            return run_statement(con, args.consulta, fmt, args.output)
        return interactive(con, path)


def standalone(argv: list[str] | None = None) -> int:
    speak_spanish()
    parser = argparse.ArgumentParser(
        prog="siie sql", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_sql_arguments(parser)
    return main(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(standalone())
