"""`siie report`: write an auditors' report again (the latest by default) and say where."""

from __future__ import annotations

import argparse
from datetime import datetime

from pipelines.core.config import load_settings

EXIT_UNKNOWN = 2


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ejecucion",
        "--run",
        dest="run",
        metavar="ID",
        help="el informe (p. ej. 20261204_051329) o una ejecución de Dagster que cubre; "
        "por omisión, el último",
    )


def _dagster_run_start(run_id: str) -> datetime | None:
    from dagster import DagsterInstance

    from pipelines.report.writer import run_start

    with DagsterInstance.get() as instance:
        return run_start(instance, run_id)


def main(args: argparse.Namespace) -> int:
    from pipelines.report.index import INDEX, REGISTRY
    from pipelines.report.writer import UnknownReport, latest_report_id, rewrite_report

    settings = load_settings()
    report_id = args.run or latest_report_id(settings)
    if report_id is None:
        print(f"Aún no hay informes en {settings.reports_dir}; ejecute `siie run`.")
        return EXIT_UNKNOWN
    try:
        path = rewrite_report(settings, report_id, _dagster_run_start)
    except UnknownReport:
        print(
            f"No hay informe ni ejecución de Dagster con el id «{report_id}». Los informes "
            f"escritos están en {settings.reports_dir / INDEX} (columna «Ejecución»; también "
            f"{settings.reports_dir / REGISTRY}); el id de una ejecución de Dagster, en la "
            "pestaña Runs de `make ui`. Sin --run se escribe de nuevo el más reciente."
        )
        return EXIT_UNKNOWN
    print(f"Informe para auditoría: {path} (todos: {settings.reports_dir / INDEX})")
    return 0
