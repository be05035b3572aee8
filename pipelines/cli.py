"""`siie`: the command line of SIIE (generate sample extracts, run the pipeline, see the loads)."""

from __future__ import annotations

import argparse
import sys
import warnings

from pipelines.core.argparse_es import speak_spanish
from pipelines.core.config import SettingsError
from pipelines.core.failures import EXIT_RUN_FAILED, failure_message
from pipelines.instance import prepare_environment

DESCRIPTION = (
    "SIIE, el almacén estadístico del IPN: genera extractos de muestra, carga, transforma, "
    "verifica y publica los indicadores, y los consulta."
)


def _generate(args: argparse.Namespace) -> int:
    from pipelines.core.config import SOURCE_KINDS, load_settings
    from pipelines.ingest.landing import landed_files
    from sample_extracts import generate
    from sample_extracts.reference_samples import copy_reference_samples

    settings = load_settings()
    if args.if_empty and any(landed_files(settings.landing_for(kind)) for kind in SOURCE_KINDS):
        print(f"landing ya tiene extractos ({settings.landing_dir}); no se generan muestras.")
        return 0
    sample = generate(settings.landing_dir, scale=args.scale, seed=args.seed)
    copied = copy_reference_samples(settings.landing_dir)
    print(
        f"Extractos de muestra escritos en {settings.landing_dir} "
        f"(escala {args.scale}, semilla {args.seed}): {sample.matricula.height} "
        f"filas de matrícula, {sample.bad_rows.height} filas defectuosas a propósito"
        + (f"; además {', '.join(p.name for p in copied)}." if copied else ".")
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    from pipelines.run import run_pipeline

    return run_pipeline(args.periodo, force=args.forzar)


def _status(args: argparse.Namespace) -> int:
    from pipelines.status import print_status

    return print_status(limit=args.limit)


def _sql(args: argparse.Namespace) -> int:
    from pipelines.access.sql import main as sql_main

    return sql_main(args)


def _explain(args: argparse.Namespace) -> int:
    from pipelines.explain.cli import main as explain_main

    return explain_main(args)


def _report(args: argparse.Namespace) -> int:
    from pipelines.report.cli import main as report_main

    return report_main(args)


def build_parser() -> argparse.ArgumentParser:
    from pipelines.access.arguments import add_sql_arguments
    from pipelines.explain.cli import add_explain_arguments
    from pipelines.report.cli import add_report_arguments

    speak_spanish()
    parser = argparse.ArgumentParser(prog="siie", description=DESCRIPTION)
    commands = parser.add_subparsers(
        dest="command", required=True, title="órdenes", metavar="ORDEN"
    )

    generate = commands.add_parser("generate", help="genera extractos de muestra en landing")
    generate.add_argument(
        "--scale",
        type=float,
        default=0.02,
        metavar="ESCALA",
        help="1 = tamaño del IPN (~190 000 alumnos)",
    )
    generate.add_argument(
        "--seed", type=int, default=2026, metavar="SEMILLA", help="semilla del generador (2026)"
    )
    generate.add_argument(
        "--if-empty", action="store_true", help="sólo si landing no tiene extractos"
    )
    generate.set_defaults(handler=_generate)

    run = commands.add_parser("run", help="ejecuta la canalización completa (Dagster, en proceso)")
    run.add_argument(
        "--periodo",
        action="append",
        metavar="YY/N",
        help="carga sólo los archivos de este periodo escolar (se puede repetir)",
    )
    run.add_argument(
        "--forzar",
        action="store_true",
        help="transforma, verifica y publica aunque no haya nada nuevo",
    )
    run.set_defaults(handler=_run)

    status = commands.add_parser("status", help="últimas cargas y su resultado")
    status.add_argument(
        "--limit", type=int, default=20, metavar="N", help="cuántas cargas mostrar (20)"
    )
    status.set_defaults(handler=_status)

    sql = commands.add_parser(
        "sql", help="consultas SQL de sólo lectura sobre la publicación vigente"
    )
    add_sql_arguments(sql)
    sql.set_defaults(handler=_sql)

    explain = commands.add_parser(
        "explain",
        help="de dónde sale una cifra publicada: archivos, verificaciones, modelos y versión",
    )
    add_explain_arguments(explain)
    explain.set_defaults(handler=_explain)

    report = commands.add_parser("report", help="vuelve a escribir el informe para auditoría")
    add_report_arguments(report)
    report.set_defaults(handler=_report)
    return parser


def _check_settings(command: str) -> None:
    """Every setting, before anything runs (SettingsError names the wrong one)."""
    from pipelines.core.config import load_settings
    from pipelines.specs.indicator_catalog import check_explained_cells

    settings = load_settings()
    if command in ("run", "report"):  # the commands that write the report
        check_explained_cells(settings.explained_cells)


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=Warning, module="dagster")  # beta/preview notices
    try:
        prepare_environment()
        args = build_parser().parse_args(argv)
        _check_settings(args.command)
        return args.handler(args)
    except SettingsError as error:
        print(f"siie: configuración no válida: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    except KeyboardInterrupt:
        print("siie: interrumpido", file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback: what failed, in Spanish, exit status 2
        print(
            failure_message(f"la orden `siie {' '.join(argv or sys.argv[1:])}`", error),
            file=sys.stderr,
        )
        return EXIT_RUN_FAILED


if __name__ == "__main__":
    sys.exit(main())
