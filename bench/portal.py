"""Build time, size and heaviest page of a published version's portal (issue 31), measured on the
builder alone against a version already published (for instance one of `siie generar --escala 1`
and `siie ejecutar`):

    .venv/bin/python -m bench.portal published/vNNNN [--repeticiones 3] [--cache CARPETA]

Each repetition builds into a new temporary folder beside links to the version's DuckDB file and
open data package (the version itself is only read). The charts' JavaScript is kept in `--cache`
(by default a temporary folder of this run): the first repetition bundles it, as a publication on
a new SIIE_HOME does; the others read it, as every later publication does.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pipelines.portal.assets import (
    ASSETS_DIR,
    CHART_SCRIPT,
    OWN_ASSETS,
    TABLE_SCRIPT,
    TABLE_STYLE,
)
from pipelines.portal.build import build_portal
from pipelines.portal.open_data import PACKAGE_DIR

DATABASE = "siie.duckdb"


def _measure(version: Path, number: int, cache: Path) -> tuple[float, dict[str, int]]:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / DATABASE).symlink_to(version / DATABASE)
        if (version / PACKAGE_DIR).is_dir():
            (folder / PACKAGE_DIR).symlink_to(version / PACKAGE_DIR)
        started = time.perf_counter()
        built = build_portal(folder, folder / DATABASE, number, cache)
        seconds = time.perf_counter() - started
        sizes = {
            str(p.relative_to(built.carpeta)): p.stat().st_size
            for p in built.carpeta.rglob("*")
            if p.is_file()
        }
    return seconds, sizes


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.portal")
    parser.add_argument("version", type=Path)
    parser.add_argument("--repeticiones", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    number = int(args.version.resolve().name.lstrip("v"))
    with tempfile.TemporaryDirectory() as temporary:
        cache = args.cache or Path(temporary)
        runs = [_measure(args.version.resolve(), number, cache) for _ in range(args.repeticiones)]
    seconds = [s for s, _ in runs]
    sizes = runs[-1][1]
    package = {n: s for n, s in sizes.items() if n.startswith(f"{PACKAGE_DIR}/")}
    own = {n: s for n, s in sizes.items() if n not in package}
    pages = {n: s for n, s in own.items() if n.endswith(".html")}
    heaviest = max(pages, key=lambda n: pages[n])
    shared = sum(
        own[f"{ASSETS_DIR}/{name}"]
        for name in (*OWN_ASSETS, TABLE_SCRIPT, TABLE_STYLE, CHART_SCRIPT)
    )
    print(
        f"segundos: mediana {statistics.median(seconds):.2f} "
        f"(mín {min(seconds):.2f}, máx {max(seconds):.2f}, n {len(seconds)}); por repetición: "
        + ", ".join(f"{s:.2f}" for s in seconds)
    )
    print(
        f"tamaño: {sum(own.values()):,} bytes propios en {len(own)} archivos "
        f"({len(pages)} páginas); más el paquete de datos abiertos enlazado: "
        f"{sum(package.values()):,} bytes en {len(package)} archivos"
    )
    print(
        f"página más pesada: {heaviest}, {pages[heaviest]:,} bytes de HTML (+ {shared:,} bytes de "
        "CSS y JS compartidos, que el navegador guarda en caché)"
    )
    print(f"mediana de las páginas: {statistics.median(pages.values()):,.0f} bytes")
    for name, size in sorted(own.items(), key=lambda item: -item[1])[:10]:
        print(f"  {size:>12,}  {name}")


if __name__ == "__main__":
    main()
