"""Write a report: reports/informe_<id>.html, the same page as reports/informe.html (the latest),
the Great Expectations Data Docs of its runs under reports/data_docs/<id>/, and the index page.

A `siie run` writes one report for all the Dagster runs it started, named by the run; a Dagster
run started elsewhere (the UI, a schedule) writes its own, named by its run id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from pipelines.core.clock import office_now, zone_label
from pipelines.core.config import Settings
from pipelines.quality.data_docs import build_data_docs
from pipelines.report import REPORT_TAG, report_path
from pipelines.report.data import ReportData, gather
from pipelines.report.files import write_atomically
from pipelines.report.index import INDEX, ReportEntry, find_entry, read_entries, record_entry
from pipelines.report.page import environment, render
from pipelines.report.verdict import verdict

LATEST = "informe.html"
DATA_DOCS_DIR = "data_docs"


def _data_docs(settings: Settings, data: ReportData) -> str | None:
    """Build the runs' Data Docs; their link relative to the report, or None when there is
    nothing."""

    site = settings.reports_dir / DATA_DOCS_DIR / data.report_id
    index = build_data_docs(settings, data.run_ids, site)
    return index.relative_to(settings.reports_dir).as_posix() if index else None


def _write_index(settings: Settings, entries: list[ReportEntry]) -> None:
    page = (
        environment()
        .get_template("indice.html.j2")
        .render(
            entries=list(reversed(entries)),
            generated=office_now(settings),
            zone=settings.time_zone,
            zone_text=zone_label(settings.time_zone),
        )
    )
    write_atomically(settings.reports_dir / INDEX, page)


def write_report(
    settings: Settings,
    report_id: str,
    run_ids: Sequence[str] | None = None,
    since: datetime | None = None,
) -> Path:
    """Write the report of `run_ids` (by default the Dagster run `report_id` alone); its path.

    `since`: loads that started from then on are this report's own (a run's start time)."""
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    data = gather(settings, report_id, tuple(run_ids or (report_id,)), since)
    links = {"indice": INDEX}
    try:
        docs = _data_docs(settings, data)
    except Exception as error:
        data.warnings.append(
            "No se pudieron construir los Data Docs de Great "
            f"Expectations: {type(error).__name__}: {error}"
        )
        docs = None
    if docs:
        links["data_docs"] = docs
    summary = verdict(data)
    html = render(data, summary, links, settings.time_zone)
    path = report_path(settings, report_id)
    write_atomically(path, html)
    entry = ReportEntry(
        report_id,
        path.name,
        office_now(settings).isoformat(timespec="seconds"),
        summary.state,
        summary.headline,
        data.run_ids,
        docs,
        since.isoformat() if since else None,
    )
    entries = record_entry(settings.reports_dir, entry)
    if entries[-1].id == report_id:  # the newest run's report; an older one written again is not
        write_atomically(settings.reports_dir / LATEST, html)
    _write_index(settings, entries)
    return path


class UnknownReport(LookupError):
    """Neither a report nor a Dagster run has that id."""


def rewrite_report(settings: Settings, report_or_run_id: str, run_started=None) -> Path:
    """Write again the report with that id, or the one that covers that Dagster run.

    `run_started`: a callable giving the start of a Dagster run by id (None if there is no such
    run), for a run that has no report yet; an id that is neither raises UnknownReport."""
    entry = find_entry(settings.reports_dir, report_or_run_id)
    if entry is not None:
        since = datetime.fromisoformat(entry.desde) if entry.desde else None
        return write_report(settings, entry.id, entry.ejecuciones, since)
    started = run_started(report_or_run_id) if run_started else None
    if started is None:
        raise UnknownReport(report_or_run_id)
    return write_report(settings, report_or_run_id, since=started)


def report_of_run(settings: Settings, instance, run) -> Path:
    """The report that covers a Dagster run (`run`: a DagsterRun): written now, unless the
    `siie run` that started the run writes one for all its runs at its end (then its future
    path)."""
    planned = run.tags.get(REPORT_TAG)
    if planned:
        return report_path(settings, planned)
    return write_report(settings, run.run_id, since=run_start(instance, run.run_id))


def run_start(instance, run_id: str) -> datetime | None:
    """When a Dagster run started (its creation if it never started); None: no such run."""
    record = instance.get_run_record_by_id(run_id)
    if record is None:
        return None
    moment = record.start_time or record.create_timestamp.timestamp()
    return datetime.fromtimestamp(moment).astimezone()


def latest_report_id(settings: Settings) -> str | None:
    entries = read_entries(settings.reports_dir)
    return entries[-1].id if entries else None
