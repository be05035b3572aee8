"""The disclosure audit of a home's current version as the next publication of the same figures
meets it (beside every retained version), without and with the audit memo (pipelines/audit/memo.py):

    .venv/bin/python -m bench.audit SIIE_HOME [--repeticiones 3]

Each repetition audits twice with a new temporary memo: `memoria fría` solves every linear
program (what an audit without the memo costs) and fills it; `memoria caliente` recalls every
period from it. The home is only read.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pipelines.audit.disclosure_audit import AuditResult, audit_publication
from pipelines.audit.memo import AuditMemo
from pipelines.publish.disclosure.records import retained_versions


def _audit(home: Path, memo: AuditMemo | None) -> tuple[float, AuditResult]:
    versions = retained_versions(home, home / "published")
    if not versions:
        raise SystemExit(f"{home} no tiene ninguna versión publicada que auditar")
    current = versions[-1]
    try:
        started = time.perf_counter()
        result = audit_publication(current.con, current.truth, versions, memo=memo)
        return time.perf_counter() - started, result
    finally:
        for version in versions:
            version.con.close()


def _line(name: str, runs: list[tuple[float, AuditResult]]) -> str:
    seconds = [s for s, _ in runs]
    last = runs[-1][1]
    return (
        f"{name}: mediana {statistics.median(seconds):.2f} s (mín {min(seconds):.2f}, máx "
        f"{max(seconds):.2f}, n {len(seconds)}); {last.lps} programas lineales, "
        f"{last.recalled} de {last.periods} periodos recordados, "
        f"{last.protected_cells} celdas primarias, {'aprobada' if last.passed else 'rechazada'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.audit")
    parser.add_argument("home", type=Path)
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.repeticiones):
        with tempfile.TemporaryDirectory() as folder:
            memo = AuditMemo(Path(folder))
            cold.append(_audit(args.home, memo))
            warm.append(_audit(args.home, memo))
    print(_line("memoria fría", cold))
    print(_line("memoria caliente", warm))


if __name__ == "__main__":
    main()
