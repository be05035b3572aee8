"""`siie`: the command line of SIIE (generate sample extracts, run the pipeline, see the loads).

Commands and options are Spanish; the English names they had first stay as aliases, so that
scripts written before keep working (`siie run` = `siie ejecutar`, `--output` = `--salida`).
`--help` shows both."""

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
    from sample_extracts import build_sample, write_sample
    from sample_extracts.next_periods import next_period_files
    from sample_extracts.reference_samples import copy_reference_samples
    from sample_extracts.writers import write_file

    settings = load_settings()
    if args.if_empty and any(landed_files(settings.landing_for(kind)) for kind in SOURCE_KINDS):
        print(f"landing ya tiene extractos ({settings.landing_dir}); no se generan muestras.")
        return 0
    sample = build_sample(scale=args.scale, seed=args.seed)
    write_sample(sample, settings.landing_dir)
    copied = copy_reference_samples(settings.landing_dir)
    print(
        f"Extractos de muestra escritos en {settings.landing_dir} "
        f"(escala {args.scale}, semilla {args.seed}): {sample.matricula.height} "
        f"filas de matrícula, {sample.bad_rows.height} filas defectuosas a propósito"
        + (f"; además {', '.join(p.name for p in copied)}." if copied else ".")
    )
    following = next_period_files(sample, args.periodos, args.seed) if args.periodos else []
    for file in following:
        write_file(file, settings.landing_dir)
        print(
            f"  periodo siguiente {file.periodo}: {file.kind}/{file.name} ({file.clean_rows} filas)"
        )
    return 0


def _run(args: argparse.Namespace) -> int:
    from pipelines.run import run_pipeline

    return run_pipeline(args.periodo, force=args.forzar)


def _rejections(args: argparse.Namespace) -> int:
    from pipelines.rejections import main as rejections_main

    return rejections_main(args)


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


def _key(args: argparse.Namespace) -> int:
    from pipelines.key_rotation import run_key_command

    return run_key_command(args)


def _evaluation(args: argparse.Namespace) -> int:
    from pipelines.report.evaluation.cli import main as evaluation_main

    return evaluation_main(args)


def _portal(args: argparse.Namespace) -> int:
    from pipelines.portal_command import main as portal_main

    return portal_main(args)


def _open_data(args: argparse.Namespace) -> int:
    from pipelines.publish.open_data.export import main as open_data_main

    return open_data_main(args)


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text} no es un número de periodos (0 o más)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    from pipelines.access.arguments import add_sql_arguments
    from pipelines.explain.cli import add_explain_arguments
    from pipelines.key_rotation import add_key_arguments
    from pipelines.portal_command import add_portal_arguments
    from pipelines.publish.open_data.export import add_export_arguments
    from pipelines.rejections import add_rejections_arguments
    from pipelines.report.cli import add_report_arguments
    from pipelines.report.evaluation.cli import add_evaluation_arguments

    speak_spanish()
    parser = argparse.ArgumentParser(prog="siie", description=DESCRIPTION)
    commands = parser.add_subparsers(
        dest="command", required=True, title="órdenes", metavar="ORDEN"
    )

    generate = commands.add_parser(
        "generar", aliases=["generate"], help="genera extractos de muestra en landing"
    )
    generate.add_argument(
        "--escala",
        "--scale",
        dest="scale",
        type=float,
        default=0.02,
        metavar="ESCALA",
        help="1 = tamaño del IPN (~190 000 alumnos); 0.02 por omisión",
    )
    generate.add_argument(
        "--semilla",
        "--seed",
        dest="seed",
        type=int,
        default=2026,
        metavar="SEMILLA",
        help="semilla del generador (2026)",
    )
    generate.add_argument(
        "--periodos",
        "--periods",
        dest="periodos",
        type=_non_negative,
        default=0,
        metavar="N",
        help="además, los N periodos escolares siguientes (matrícula, trayectoria y plantilla), "
        "para probar una carga incremental",
    )
    generate.add_argument(
        "--si-vacio",
        "--if-empty",
        dest="if_empty",
        action="store_true",
        help="sólo si landing no tiene extractos",
    )
    generate.set_defaults(handler=_generate)

    run = commands.add_parser(
        "ejecutar",
        aliases=["run"],
        help="carga, transforma, verifica y publica (Dagster, en proceso)",
    )
    run.add_argument(
        "--periodo",
        action="append",
        metavar="YY/N",
        help="carga sólo los archivos de este periodo escolar (se puede repetir)",
    )
    run.add_argument(
        "--forzar",
        "--force",
        dest="forzar",
        action="store_true",
        help=(
            "transforma, verifica y publica aunque no haya nada nuevo; vuelve a calcular el "
            "sha256 de cada archivo de landing"
        ),
    )
    run.set_defaults(handler=_run)

    status = commands.add_parser("estado", aliases=["status"], help="últimas cargas y su resultado")
    status.add_argument(
        "--limite",
        "--limit",
        dest="limit",
        type=int,
        default=20,
        metavar="N",
        help="cuántas cargas mostrar (20)",
    )
    status.set_defaults(handler=_status)

    rejections = commands.add_parser(
        "rechazos",
        aliases=["rejections"],
        help="renglones rechazados de una carga, un archivo o un periodo, por motivo",
    )
    add_rejections_arguments(rejections)
    rejections.set_defaults(handler=_rejections)

    sql = commands.add_parser(
        "sql", help="consultas SQL de sólo lectura sobre la publicación vigente"
    )
    add_sql_arguments(sql)
    sql.set_defaults(handler=_sql)

    explain = commands.add_parser(
        "explicar",
        aliases=["explain"],
        help="de dónde sale una cifra publicada: archivos, verificaciones, modelos y versión",
    )
    add_explain_arguments(explain)
    explain.set_defaults(handler=_explain)

    report = commands.add_parser(
        "informe", aliases=["report"], help="vuelve a escribir el informe para auditoría"
    )
    add_report_arguments(report)
    report.set_defaults(handler=_report)

    key = commands.add_parser(
        "clave", help="la clave de seudónimos: su huella, o cambiarla (rehace el almacén)"
    )
    add_key_arguments(key)
    key.set_defaults(handler=_key)

    evaluation = commands.add_parser(
        "evaluacion", help="informe de evaluación: metas del plan frente a las cifras publicadas"
    )
    add_evaluation_arguments(evaluation)
    evaluation.set_defaults(handler=_evaluation)

    portal = commands.add_parser(
        "portal", help="el portal de indicadores de una publicación: construirlo o servirlo"
    )
    add_portal_arguments(portal)
    portal.set_defaults(handler=_portal)
    open_data = commands.add_parser(
        "datos-abiertos",
        aliases=["open-data"],
        help="copia el paquete de datos abiertos (SDMX, CSV, Frictionless, DCAT) de una versión",
    )
    add_export_arguments(open_data)
    open_data.set_defaults(handler=_open_data)
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
