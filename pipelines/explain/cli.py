"""`siie explicar CLAVE PERIODO AMBITO [CLAVE_AMBITO]`: where one published number comes from.

    siie explicar MATRICULA_TOTAL 24/1 UNIDAD ESCOM
    siie explicar TASA_ABANDONO 24/1 IPN --formato json
    siie explicar PCT_MUJERES 23/2 PROGRAMA ESCOM-ISC --version 3

Exit status: 0 with the explanation, 2 when the indicator, the cell or the version does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.core.argparse_es import spelled
from pipelines.core.output_pipe import print_to_pipe
from pipelines.core.wording import one_of
from pipelines.specs.indicator_catalog import AMBITOS

FORMATS = ("texto", "json")
OLD_FORMATS = {"text": "texto"}


def add_explain_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "clave", metavar="CLAVE", help="clave del indicador (MATRICULA_TOTAL, TASA_ABANDONO, …)"
    )
    parser.add_argument(
        "periodo", metavar="PERIODO", help="periodo publicado: 24/1, 2024 o 2024-03, 2017-2018"
    )
    parser.add_argument("ambito", metavar="AMBITO", help=one_of(AMBITOS))
    parser.add_argument(
        "clave_ambito",
        nargs="?",
        metavar="CLAVE_AMBITO",
        help="nivel, unidad o programa (ESCOM, ESCOM-ISC); no hace falta para IPN",
    )
    parser.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="una versión anterior conservada en lugar de la vigente",
    )
    parser.add_argument(
        "--formato",
        "--format",
        dest="format",
        type=spelled(OLD_FORMATS),
        choices=FORMATS,
        default="texto",
        help="texto (por omisión) o json",
    )


def main(args: argparse.Namespace) -> int:
    from pipelines.access.connection import NoPublication
    from pipelines.core.config import load_settings
    from pipelines.explain.explanation import ExplainError, explain_cell
    from pipelines.explain.render import render_text

    try:
        explanation = explain_cell(
            load_settings(), args.clave, args.periodo, args.ambito, args.clave_ambito, args.version
        )
    except (ExplainError, NoPublication) as error:
        print(str(error), file=sys.stderr)
        return 2
    return print_to_pipe(
        json.dumps(explanation, ensure_ascii=False, indent=2)
        if args.format == "json"
        else render_text(explanation)
    )
