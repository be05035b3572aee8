"""The command line of `siie sql` (kept free of heavy imports so that `siie --help` stays fast)."""

from __future__ import annotations

import argparse
from pathlib import Path

FORMATS = ("table", "csv", "parquet", "xlsx")


def add_sql_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("consulta", nargs="?", help="sentencia SQL; sin ella, modo interactivo")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="formato: table (pantalla, por omisión), csv, parquet o "
        "xlsx; con --output, el de su extensión",
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="ARCHIVO",
        help="archivo de salida .csv, .parquet o .xlsx (completo, nunca recortado)",
    )
    parser.add_argument(
        "--sobrescribir", action="store_true", help="reemplazar --output si ya existe"
    )
    parser.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="consultar una versión anterior conservada en lugar de la vigente",
    )
