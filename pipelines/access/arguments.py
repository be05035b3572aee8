"""The command line of `siie sql` (kept free of heavy imports so that `siie --help` stays fast)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipelines.core.argparse_es import spelled
from pipelines.core.wording import one_of

FORMATS = ("tabla", "csv", "parquet", "xlsx")
OLD_FORMATS = {"table": "tabla"}


def add_output_arguments(
    parser: argparse.ArgumentParser, what: str, formats: tuple[str, ...] = FORMATS
) -> None:
    """--formato, --salida and --sobrescribir, as `siie sql` and `siie rechazos` write results."""
    files = [f".{name}" for name in formats if name != "tabla"]
    parser.add_argument(
        "--formato",
        "--format",
        dest="format",
        type=spelled(OLD_FORMATS),
        choices=formats,
        help=f"{one_of(formats)}: tabla en pantalla (por omisión); con --salida, el de su "
        "extensión",
    )
    parser.add_argument(
        "--salida",
        "--output",
        dest="output",
        type=Path,
        metavar="ARCHIVO",
        help=f"archivo de salida {one_of(files)} con {what} (completo, nunca recortado)",
    )
    parser.add_argument(
        "--sobrescribir", action="store_true", help="reemplazar --salida si ya existe"
    )


def add_sql_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("consulta", nargs="?", help="sentencia SQL; sin ella, modo interactivo")
    add_output_arguments(parser, "el resultado")
    parser.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="consultar una versión anterior conservada en lugar de la vigente",
    )
