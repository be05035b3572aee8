"""Build time and size of a published version's open data package (issue 30), measured on the
builder alone against a version already published (for instance one of `siie generar --escala
1` and `siie ejecutar`):

    .venv/bin/python -m bench.open_data published/vNNNN [--anterior published/vMMMM] \
        [--repeticiones 3]

Each repetition writes the package into a new temporary folder (the version is only read).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pipelines.publish.open_data.package import build_package


def _measure(version: Path, previous: Path | None) -> tuple[float, dict[str, int]]:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "datos_abiertos"
        before = (1, previous / "siie.duckdb") if previous else None
        started = time.perf_counter()
        build_package(version / "siie.duckdb", folder, 2, "2026-12-07T00:00:00-06:00", before)
        seconds = time.perf_counter() - started
        sizes = {
            str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()
        }
    return seconds, sizes


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.open_data")
    parser.add_argument("version", type=Path)
    parser.add_argument("--anterior", type=Path)
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()
    runs = [_measure(args.version, args.anterior) for _ in range(args.repeticiones)]
    seconds = [s for s, _ in runs]
    sizes = runs[-1][1]
    print(
        f"segundos: mediana {statistics.median(seconds):.2f} "
        f"(mín {min(seconds):.2f}, máx {max(seconds):.2f}, n {len(seconds)})"
    )
    print(f"tamaño: {sum(sizes.values()):,} bytes en {len(sizes)} archivos")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {size:>12,}  {name}")


if __name__ == "__main__":
    main()
