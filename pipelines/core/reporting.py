"""What the quality gate and the publication need from the report stage, as a Dagster resource.

Both run before the report exists in the stage order (pipelines.report reads what they wrote), so
they receive it as the resource `informe` (`ResourceParam[RunReporter]`); pipelines.definitions
provides pipelines.report.reporter.AuditorsReport. Neither imports a later stage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from pipelines.core.config import Settings


class RunReporter(Protocol):
    def report_of_run(self, settings: Settings, instance: Any, run: Any) -> Path:
        """The auditors' report that covers a Dagster run (written now, or where `siie run` will
        write it)."""
        ...

    def record_refusal(self, settings: Settings, run_id: str, reasons: list[str]) -> None:
        """Log in the publication history that this run may not publish, and why."""
        ...
