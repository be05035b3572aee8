"""Periods already audited, kept by the fingerprint of the intruder's whole problem.

What the audit decides for a period follows from its problem alone: every figure the intruder
knows, every unknown with its bound and whether it is whole, every relation, the cells to check
and the width each needs. So a period whose problem is exactly one audited before — the everyday
load's unchanged periods, held again beside the version that first published them — takes the
intervals found then instead of solving its linear programs again; any change in a figure, a
pattern, a version held or a relation is another fingerprint, and the period is audited anew. A
recalled interval may differ from a new solve only where it is not exact (a cell whose spread
across solutions was already wide enough), never in what the audit decides. Bump AUDIT_REVISION
whenever the audit's model or its linear programs change (the fingerprint also holds the hash of
the code that states and solves the problem, and HiGHS's version).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import highspy

from pipelines.audit.intruder import Problem
from pipelines.core.memo_folder import MemoFolder

AUDIT_REVISION = "intervalos-2026-12-07"
KEEP = 512  # newest entries kept; each is one period's intervals
CODE = ("disclosure_audit.py", "intruder.py")  # the modules that state and solve the problem


@functools.cache
def _code_hash() -> str:
    folder = Path(__file__).parent
    digest = hashlib.sha256()
    for name in CODE:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def fingerprint(problem: Problem, primary: set, needed: dict) -> str:
    """Everything that decides the period's intervals, hashed in an order of its own: the problem
    is built from sets, whose order changes from one process to the next."""
    names = [str(key) for key in problem.unknown]  # in index order: constraints use the index
    described = [
        AUDIT_REVISION,
        _code_hash(),
        highspy.Highs().version(),
        problem.period,
        sorted(
            (name, problem.lower.get(key, 0.0), key in problem.integral)
            for name, key in zip(names, problem.unknown, strict=True)
        ),
        sorted((str(key), value) for key, value in problem.known.items()),
        sorted(
            (sorted((names[i], c) for i, c in coefficients.items()), low, high)
            for coefficients, low, high in problem.constraints
        ),
        sorted(map(str, primary)),
        sorted((str(key), width) for key, width in needed.items()),
    ]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()


def _as_tuples(value):
    """JSON gives lists back; the audit names cells by tuples."""
    return tuple(_as_tuples(v) for v in value) if isinstance(value, list) else value


class AuditMemo:
    """A folder of audited periods (one small JSON file per fingerprint)."""

    def __init__(self, folder: Path):
        self.entries = MemoFolder(folder, KEEP)

    def recall(self, fingerprint_: str) -> list[dict] | None:
        """The period's intervals as fields (key, period, low, high, needed, exact), or None."""
        entry = self.entries.read(fingerprint_)
        if entry is None:
            return None
        return [{**i, "key": _as_tuples(i["key"])} for i in entry["intervalos"]]

    def keep(self, fingerprint_: str, period: str, intervals: list[dict]) -> None:
        self.entries.write(fingerprint_, {"periodo": period, "intervalos": intervals})
