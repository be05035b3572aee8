"""Time planning and loading alone, as `siie run` does them in one process, without Dagster or dbt.

    python -m bench.plan_and_load --landing DIR --home DIR

On a new SIIE_HOME (DIR is emptied first) over the files in `--landing`: the plan of every file
(with the planner's reads kept for the load, when the code has that), the load of every file
(`load_landing`), then a second plan of the same landing on another new home with the first
plan's cache copied into it (nothing loaded: every file is new again, but its period is known).
Prints one JSON line: seconds of each, files, rows loaded and rejected, peak memory of the process.

Runs on older checkouts too (`cd OLD && PYTHONPATH=OLD python -m bench.plan_and_load ...` with
this file copied there): before issue 14 the planner was `pipelines.run_plan`, without a cache.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import shutil
import time
from pathlib import Path

from pipelines.core.config import load_settings
from pipelines.ingest.landing import load_landing

try:
    from pipelines.ingest.planning import plan_ingestion
except ImportError:  # before issue 14
    from pipelines.run_plan import plan_ingestion


def _settings(home: Path, landing: Path):
    shutil.rmtree(home, ignore_errors=True)
    return load_settings(
        {
            "SIIE_HOME": str(home),
            "SIIE_LANDING_DIR": str(landing),
            "SIIE_PSEUDONYM_KEY": "medicion-del-planificador-de-cargas-de-siie",
        }
    )


def measure(landing: Path, home: Path) -> dict:
    settings = _settings(home / "carga", landing)
    keeps = "keep_reads" in inspect.signature(plan_ingestion).parameters
    started = time.perf_counter()
    plan = plan_ingestion(settings, keep_reads=True) if keeps else plan_ingestion(settings)
    planned = time.perf_counter()
    results = load_landing(settings)
    loaded = time.perf_counter()
    again = _settings(home / "segundo_plan", landing)
    if (settings.home / "cache").is_dir():
        shutil.copytree(settings.home / "cache", again.home / "cache")
    second = time.perf_counter()
    plan_ingestion(again)
    return {
        "plan": round(planned - started, 2),
        "carga": round(loaded - planned, 2),
        "plan_y_carga": round(loaded - started, 2),
        "segundo_plan": round(time.perf_counter() - second, 2),
        "archivos": len(plan.files),
        "filas_cargadas": sum(r.filas_cargadas for r in results),
        "filas_rechazadas": sum(r.filas_rechazadas for r in results),
        "pico_memoria_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--home", type=Path, required=True, help="se vacía antes de medir")
    args = parser.parse_args()
    print(json.dumps(measure(args.landing, args.home)), flush=True)


if __name__ == "__main__":
    main()
