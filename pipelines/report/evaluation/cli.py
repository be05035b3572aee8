"""`siie evaluacion [--version N] [--pdf]`: the evaluation report of a publication (the current
one by default), in HTML and, with --pdf, also in PDF. Exit status 0, or 2 when there is no such
publication or no Chromium to print with."""

from __future__ import annotations

import argparse
import sys


def add_evaluation_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version", type=int, metavar="N", help="una versión conservada en lugar de la vigente"
    )
    parser.add_argument(
        "--pdf", action="store_true", help="además, imprimirlo a PDF con Chromium (sin red)"
    )


def main(args: argparse.Namespace) -> int:
    from pipelines.access.connection import NoPublication
    from pipelines.core.config import load_settings
    from pipelines.report.evaluation.writer import (
        EvaluationReportError,
        print_to_pdf,
        write_evaluation_report,
    )

    try:
        page = write_evaluation_report(load_settings(), args.version)
        print(f"Informe de evaluación: {page}")
        if args.pdf:
            print(f"En PDF: {print_to_pdf(page)}")
    except (NoPublication, EvaluationReportError) as error:
        print(str(error), file=sys.stderr)
        return 2
    return 0
