"""Suppression patterns already solved, kept by the fingerprint of everything that decides them.

The secondary suppression is deterministic: the same cell system (cells, true values, relations,
primary cells), the same protection level and the same cells hidden in the current publication
give the same pattern. So a period whose figures did not change since it was last solved takes
its pattern from here instead of from the solver; a period that changed is solved again. The
independent disclosure audit still checks every publication, whichever way its pattern came.
Bump SOLVER_REVISION whenever the model or the solver's parameters change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import highspy
import numpy as np

from pipelines.core.memo_folder import MemoFolder
from pipelines.publish.disclosure.cells import CellSystem

SOLVER_REVISION = "benders-2026-12-07-listadas"
KEEP = 256  # newest entries kept; each is one period's list of hidden cells


def fingerprint(system: CellSystem, level: float, previously_hidden: set) -> str:
    again = [i for i, key in enumerate(system.keys) if key in previously_hidden]
    described = [
        SOLVER_REVISION,
        highspy.Highs().version(),
        level,
        system.period,
        system.keys,
        system.values,
        system.lower,
        system.primary,
        system.structural,
        system.always_published,
        system.kept_hidden,
        system.cost_factor,
        system.equations,
        system.hidden_with,
        again,
    ]
    return hashlib.sha256(json.dumps(described, default=str).encode()).hexdigest()


class PatternMemo:
    """A folder of solved patterns (one small JSON file per fingerprint)."""

    def __init__(self, folder: Path):
        self.entries = MemoFolder(folder, KEEP)

    def recall(self, fingerprint_: str, size: int) -> np.ndarray | None:
        entry = self.entries.read(fingerprint_)
        if entry is None:
            return None
        hidden = np.zeros(size, dtype=bool)
        hidden[entry["ocultas"]] = True
        return hidden

    def keep(self, fingerprint_: str, period: str, hidden: np.ndarray) -> None:
        entry = {"periodo": period, "ocultas": np.flatnonzero(hidden).tolist()}
        self.entries.write(fingerprint_, entry)
