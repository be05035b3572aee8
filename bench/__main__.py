"""python -m bench [--scales 0.1 1 5] [--repeats N] [--out bench/results.json] ...
python -m bench report [--results bench/results.json]

The first form measures (and rewrites the report); the second only rewrites bench/RESULTS.md
and the plot from the results file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.cache import DEFAULT_CACHE
from bench.runner import DEFAULT_RESULTS, DEFAULT_SCALES
from bench.summary import SIIE_SCENARIOS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("accion", nargs="?", choices=("run", "report"), default="run")
    parser.add_argument(
        "--scales",
        type=float,
        nargs="+",
        default=list(DEFAULT_SCALES),
        help="factores de escala (1 = tamaño del IPN)",
    )
    parser.add_argument(
        "--repeats", type=int, help="repeticiones por escala (por omisión 3; 2 arriba de 1)"
    )
    parser.add_argument(
        "--out",
        "--results",
        dest="out",
        type=Path,
        default=DEFAULT_RESULTS,
        help="archivo JSON de resultados (RESULTS.md y la gráfica se escriben a su lado)",
    )
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help="dónde guardar los extractos generados"
    )
    parser.add_argument("--work", type=Path, help="carpeta de trabajo (por omisión, una temporal)")
    parser.add_argument("--keep", action="store_true", help="conserva las carpetas de trabajo")
    parser.add_argument(
        "--scenarios",
        nargs="+",
        choices=SIIE_SCENARIOS,
        default=list(SIIE_SCENARIOS),
        help="qué corridas de siie medir (la completa siempre)",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="no reescribe RESULTS.md ni la gráfica"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.accion == "run":
        from bench.checks import BenchCheckFailed
        from bench.runner import run_benchmark

        try:
            run_benchmark(
                args.scales,
                args.repeats,
                args.out,
                args.cache,
                args.work,
                args.keep,
                ("completa", *args.scenarios),
            )
        except BenchCheckFailed as failed:
            print(f"El benchmark no se cumple: {failed} ({args.out})", file=sys.stderr)
            return 1
    if not args.no_report:
        from bench.report import write_report

        for path in write_report(args.out):
            print(f"escrito {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
