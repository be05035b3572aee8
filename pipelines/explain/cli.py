"""`siie explicar CLAVE PERIODO AMBITO [CLAVE_AMBITO]`: where one published number comes from.

    siie explicar MATRICULA_TOTAL 24/1 UNIDAD ESCOM
    siie explicar TASA_ABANDONO 24/1 IPN --formato json
    siie explicar PCT_MUJERES 23/2 PROGRAMA ESCOM-ISC --version 3
    siie explicar MATRICULA_TOTAL 25/1 IPN --meta PDI-2022-2026

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
    parser.add_argument(
        "--meta",
        metavar="CLAVE_INSTRUMENTO",
        help="la meta de ese instrumento (PDI-2025-2030, POA-2025…) sobre la celda: su "
        "evaluación, su archivo de origen y su historial de revisiones",
    )


def main(args: argparse.Namespace) -> int:
    from pipelines.access.connection import NoPublication
    from pipelines.core.config import load_settings
    from pipelines.explain.explanation import ExplainError, explain_cell
    from pipelines.explain.render import render_text
    from pipelines.explain.target import explain_target, render_target_text

    cell = (args.clave, args.periodo, args.ambito, args.clave_ambito, args.version)
    try:
        if args.meta:
            explanation = explain_target(load_settings(), args.meta, *cell)
        else:
            explanation = explain_cell(load_settings(), *cell)
    except (ExplainError, NoPublication) as error:
        print(str(error), file=sys.stderr)
        return 2
    render = render_target_text if args.meta else render_text
    return print_to_pipe(
        json.dumps(explanation, ensure_ascii=False, indent=2, default=str)
        if args.format == "json"
        else render(explanation)
    )
