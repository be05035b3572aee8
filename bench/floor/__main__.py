"""python -m bench.floor --landing DIR --out DIR [--manifest manifest.json] [--tables]

Writes OUT/<database>.duckdb with raw.* and marts.indicadores, and prints a JSON summary."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb

from bench.floor.loading import load_landing, prepare_database
from bench.floor.models import build_models, database_name, read_manifest


def run_floor(landing: Path, out: Path, manifest_path: Path, tables: bool = False) -> dict:
    manifest = read_manifest(manifest_path)
    out.mkdir(parents=True, exist_ok=True)
    database = out / f"{database_name(manifest)}.duckdb"
    for leftover in (database, database.with_suffix(".duckdb.wal")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(database)) as con:
        prepare_database(con)
        outcomes = load_landing(con, landing)
        loaded = time.perf_counter()
        models = build_models(con, manifest, tables=tables)
        rows = con.execute("SELECT count(*) FROM marts.indicadores").fetchone()[0]
    finished = time.perf_counter()
    return {
        "base": str(database),
        "archivos": len(outcomes),
        "archivos_no_cargados": [vars(o) for o in outcomes if o.estado != "CARGADO"],
        "filas_leidas": sum(o.leidas for o in outcomes),
        "filas_rechazadas": sum(o.rechazadas for o in outcomes),
        "modelos": len(models),
        "filas_indicadores": rows,
        "segundos_carga": round(loaded - started, 3),
        "segundos_modelos": round(finished - loaded, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__)
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--manifest", type=Path, help="manifest.json compilado (por omisión: dbt compile, en caché)"
    )
    parser.add_argument("--tables", action="store_true", help="materializa cada modelo como tabla")
    args = parser.parse_args(argv)
    if args.manifest is None:
        from bench.dbt_sql import compiled_manifest

        args.manifest = compiled_manifest()
    print(
        json.dumps(
            run_floor(args.landing, args.out, args.manifest, args.tables), ensure_ascii=False
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
