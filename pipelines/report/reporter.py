"""The resource `informe`: the report stage's side of pipelines.core.reporting.RunReporter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.core.config import Settings
from pipelines.publish.publication import record_refusal
from pipelines.report.writer import report_of_run


class AuditorsReport:
    """Writes the auditors' report of a run; logs a gate's refusal in the publication history."""

    def report_of_run(self, settings: Settings, instance: Any, run: Any) -> Path:
        return report_of_run(settings, instance, run)

    def record_refusal(self, settings: Settings, run_id: str, reasons: list[str]) -> None:
        record_refusal(settings, run_id, reasons)
