"""The command line of `siie sql` (kept free of heavy imports so that `siie --help` stays fast)."""

from __future__ import annotations

import argparse
from pathlib import Path

FORMATS = ("table", "csv", "parquet", "xlsx")


def add_sql_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("consulta", nargs="?", help="sentencia SQL; sin ella, modo interactivo")
    parser.add_argument("--format", choices=FORMATS, default="table", help="formato del resultado (table)")
    parser.add_argument("--output", type=Path, help="archivo de salida (obligatorio para parquet y xlsx)")
    parser.add_argument("--sobrescribir", action="store_true", help="reemplazar --output si ya existe")
    parser.add_argument("--version", type=int, help="consultar una versión anterior conservada en lugar de la vigente")
