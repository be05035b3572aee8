"""Errors about a whole extract file, written for the data engineer who must fix it."""

from __future__ import annotations

from pathlib import Path

from pipelines.ingest.file_names import printable_name, printable_text
from pipelines.ingest.identifiers import scrub_message


class ExtractError(Exception):
    """The file cannot be loaded at all (unreadable, empty, missing column, two periods, ...).

    Whatever of the file a message quotes must come through `scrub_value`; the message as a whole
    is scrubbed again here, as a net."""

    def __init__(self, path: Path | str, problem: str):
        # a file's name can carry a boleta or a CURP, and bytes that are not UTF-8
        self.path = scrub_message(printable_name(path))
        self.problem = problem = scrub_message(printable_text(problem))
        super().__init__(f"{self.path}: {problem}")
