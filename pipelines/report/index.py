"""Every report written: reports/informes.jsonl (one line per report, rewritten when a report is
written again) and the index page reports/index.html that links them all, both in the order the
runs started (writing an old run's report again does not move it)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from pipelines.report.files import write_atomically

REGISTRY, INDEX = "informes.jsonl", "index.html"


@dataclass(frozen=True)
class ReportEntry:
    id: str
    archivo: str
    fecha: str  # when it was first written
    estado: str  # ok | aviso | error | pendiente (pipelines.report.verdict)
    resumen: str
    ejecuciones: tuple[str, ...]
    data_docs: str | None = None
    desde: str | None = None  # loads from then on are the report's own

    @property
    def started(self) -> datetime:
        """When its run started (a report of no known run: when it was first written)."""
        moment = datetime.fromisoformat(self.desde or self.fecha)
        return moment if moment.tzinfo else moment.astimezone()


def read_entries(reports_dir: Path) -> list[ReportEntry]:
    path = reports_dir / REGISTRY
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            fields = json.loads(line)
            entries.append(ReportEntry(**{**fields, "ejecuciones": tuple(fields["ejecuciones"])}))
    return entries


def record_entry(reports_dir: Path, entry: ReportEntry) -> list[ReportEntry]:
    """Add the entry (replacing one with the same id, whose first writing it keeps: a report of no
    known run is placed by it); the registry, by run start, oldest first."""
    previous = [e for e in read_entries(reports_dir) if e.id == entry.id]
    if previous:
        entry = replace(entry, fecha=previous[0].fecha)
    entries = [e for e in read_entries(reports_dir) if e.id != entry.id] + [entry]
    entries.sort(key=lambda e: e.started)
    text = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
    write_atomically(reports_dir / REGISTRY, text)
    return entries


def find_entry(reports_dir: Path, report_or_run_id: str) -> ReportEntry | None:
    """The report with that id, or the newest one that covers that Dagster run."""
    entries = read_entries(reports_dir)
    for entry in reversed(entries):
        if entry.id == report_or_run_id:
            return entry
    return next((e for e in reversed(entries) if report_or_run_id in e.ejecuciones), None)
