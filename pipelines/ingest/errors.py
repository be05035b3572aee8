"""Errors about a whole extract file, written for the data engineer who must fix it."""

from __future__ import annotations

from pathlib import Path


class ExtractError(Exception):
    """The file cannot be loaded at all (unreadable, empty, missing column, two periods, ...)."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
