"""`siie report`: write the auditors' report of a run again (the latest by default) and say where."""

from __future__ import annotations

import argparse

from pipelines.config import load_settings


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", help="ejecución de Dagster (por omisión, la última que validó)")


def latest_run_id(settings) -> str | None:
    folder = settings.reports_dir / "validaciones"
    runs = sorted((p for p in folder.glob("*") if p.is_dir()), key=lambda p: p.stat().st_mtime) if folder.exists() else []
    return runs[-1].name if runs else None


def main(args: argparse.Namespace) -> int:
    from pipelines.publish.report import write_report

    settings = load_settings()
    run_id = args.run or latest_run_id(settings)
    if run_id is None:
        print(f"Aún no hay validaciones en {settings.reports_dir}; ejecute `siie run`.")
        return 2
    path = write_report(settings, run_id)
    print(f"Informe para auditoría: {path}")
    return 0
