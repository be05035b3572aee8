"""`siie report`: write an auditors' report again (the latest by default) and say where."""

from __future__ import annotations

import argparse

from pipelines.core.config import load_settings


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ejecucion",
        "--run",
        dest="run",
        metavar="ID",
        help="el informe (p. ej. 20261204_051329) o una ejecución de Dagster que cubre; "
        "por omisión, el último",
    )


def main(args: argparse.Namespace) -> int:
    from pipelines.report.index import INDEX
    from pipelines.report.writer import latest_report_id, rewrite_report

    settings = load_settings()
    report_id = args.run or latest_report_id(settings)
    if report_id is None:
        print(f"Aún no hay informes en {settings.reports_dir}; ejecute `siie run`.")
        return 2
    path = rewrite_report(settings, report_id)
    print(f"Informe para auditoría: {path} (todos: {settings.reports_dir / INDEX})")
    return 0
