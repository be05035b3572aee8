"""Time the disclosure control of a warehouse as a publication does it, without the rest.

    python -m bench.suppression RUTA/warehouse.duckdb [--publicacion RUTA/current.duckdb]

Solves every period's secondary suppression from the warehouse's marts (read only, no memo: a
full refresh's work), one period after another, and prints seconds, cells, primary cells and
hidden cells per period; then the same periods through the publication's process pool. With
`--publicacion`, also the disclosure audit of that published database (seconds, LPs, verdict).
"""

from __future__ import annotations

import argparse
import time

import duckdb

from pipelines.audit.disclosure_audit import audit_publication
from pipelines.audit.truth import read_truth
from pipelines.publish.disclosure.cells import read_systems
from pipelines.publish.disclosure.pattern import suppression_pattern
from pipelines.publish.disclosure.secondary import choose_hidden
from pipelines.specs.disclosure import load_declaration


def _serial(warehouse: str, level: float) -> None:
    with duckdb.connect(warehouse, read_only=True) as con:
        systems = read_systems(con, "marts", load_declaration())
    total = time.perf_counter()
    for system in systems:
        started = time.perf_counter()
        hidden = choose_hidden(system, level)
        print(
            f"{system.period}: {len(system.keys)} celdas, {sum(system.primary)} primarias, "
            f"{int(hidden.sum())} ocultas, {time.perf_counter() - started:.2f} s",
            flush=True,
        )
    print(f"supresión, periodo tras periodo: {time.perf_counter() - total:.2f} s")


def _in_processes(warehouse: str) -> None:
    started = time.perf_counter()
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{warehouse}' AS w (READ_ONLY)")
        pattern = suppression_pattern(con, "w.marts")
    print(
        f"supresión, periodos en procesos: {time.perf_counter() - started:.2f} s "
        f"({len(pattern.row_status)} renglones de indicadores)"
    )


def _audit(published: str, warehouse: str) -> None:
    """The audit of that publication alone, the true values of its hidden figures read from the
    warehouse as the publication does."""
    started = time.perf_counter()
    with duckdb.connect(published, read_only=True) as con:
        con.execute(f"ATTACH '{warehouse}' AS w (READ_ONLY)")
        truth = read_truth(con, "w.marts", load_declaration())
        con.execute("DETACH w")
        audit = audit_publication(con, truth)
    print(
        f"auditoría: {time.perf_counter() - started:.2f} s, {audit.lps} programas lineales, "
        f"{audit.protected_cells} celdas primarias, "
        f"{len(audit.narrow)} angostas, aprobada: {audit.passed}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.suppression",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("warehouse")
    parser.add_argument("--publicacion", help="una base publicada (current.duckdb) para auditar")
    args = parser.parse_args()
    _serial(args.warehouse, load_declaration().protection_level)
    _in_processes(args.warehouse)
    if args.publicacion:
        _audit(args.publicacion, args.warehouse)


if __name__ == "__main__":
    main()
