"""The auditors' report: what a run loaded, rejected, checked and published, on one page that opens
offline, with charts, the Great Expectations Data Docs beside it and an index of every report."""

from __future__ import annotations

from pathlib import Path

from pipelines.core.config import Settings

# The tag `siie run` puts on each Dagster run it starts: the id of the one report it writes at its
# end for all of them (a run without it writes its own report).
REPORT_TAG = "siie/informe"


def report_path(settings: Settings, report_id: str) -> Path:
    return settings.reports_dir / f"informe_{report_id}.html"
