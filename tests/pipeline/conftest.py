"""One home that `siie run` ran four times on, built once per session for the tests of a whole run,
of its accounts and of the Dagster UI: the small sample with the reference files `siie generar`
adds and malformed files of every class among the good ones; then nothing new; then a rejected
file of a new period (26/1) and a new budget month; then nothing new. What each run printed, and
what the home held when a test needs it, are recorded."""

from __future__ import annotations

import contextlib
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterEventType, DagsterInstance

from pipelines.cli import main
from sample_extracts import Sample, generate
from sample_extracts.reference_samples import copy_reference_samples
from tests.conftest import TEST_KEY
from tests.pipeline.malformed_landing import write_malformed_files
from tests.quality.built import warm_cache

SCALE = 0.003  # the base's sample: the publication's patterns and audits are a warm cache


@dataclass
class Runs:
    """The home, landing and Dagster instance of the runs, what each printed (exit status and
    console), and what the first run left."""

    home: Path
    landing: Path
    dagster_home: Path
    sample: Sample
    malformed: list[str]
    runs: list[tuple[int, str]] = field(default_factory=list)
    loads_after_first: dict[str, list[str]] = field(default_factory=dict)
    reports_after: list[list[Path]] = field(default_factory=list)
    latest_report_after: list[bytes] = field(default_factory=list)  # reports/informe.html
    evaluations: dict[str, set] = field(default_factory=dict)
    last_start: int = 0

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def printed(self) -> str:
        return "".join(out for _, out in self.runs)

    def run(self, *args: str) -> None:
        """One `siie run`, started in a later second than the one before: a run's log and report
        are named after the second it started in."""
        while self.runs and int(time.time()) == self.last_start:
            time.sleep(0.05)
        self.last_start = int(time.time())
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = main(["run", *args])
        self.runs.append((code, printed.getvalue()))
        self.reports_after.append(sorted(self.reports_dir.glob("informe_*.html")))
        latest = self.reports_dir / "informe.html"
        self.latest_report_after.append(latest.read_bytes() if latest.exists() else b"")

    def loads(self) -> dict[str, list[str]]:
        """Each landed file's load states, in the order they were recorded."""
        with duckdb.connect(str(self.home / "warehouse.duckdb"), read_only=True) as con:
            rows = con.execute("SELECT archivo, estado FROM raw.cargas ORDER BY iniciado_en")
            lines: dict[str, list[str]] = {}
            for archivo, estado in rows.fetchall():
                lines.setdefault(archivo, []).append(estado)
        return lines


def _rejected_new_period(landing: Path) -> None:
    """A trayectoria file of 26/1 whose every row has an event type outside the contract: more
    than SIIE_MAX_REJECT_SHARE of it is rejected, so the whole file is."""
    source = landing / "trayectoria" / "trayectoria_25-2.csv"
    lines = source.read_bytes().split(b"\n")
    body = [
        re.sub(rb"^25/2,", b"26/1,", line).replace(b",EGRESO,", b",EVENTO_X,") for line in lines[1:]
    ]
    (landing / "trayectoria" / "trayectoria_26-1.csv").write_bytes(b"\n".join([lines[0], *body]))


def _new_budget_month(landing: Path) -> None:
    source = landing / "presupuesto" / "avance_presupuestal_2024-11.csv"
    text = source.read_bytes().replace(b"\n2024,11,", b"\n2025,1,")
    (landing / "presupuesto" / "avance_presupuestal_2025-01.csv").write_bytes(text)


def _check_evaluations(instance: DagsterInstance) -> dict[str, set]:
    """(asset, check) evaluated by each Dagster run of the instance."""
    return {
        run.run_id: {
            (
                r.event_log_entry.dagster_event.event_specific_data.asset_key,
                r.event_log_entry.dagster_event.event_specific_data.check_name,
            )
            for r in instance.get_records_for_run(
                run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=10_000
            ).records
        }
        for run in instance.get_runs()
    }


@pytest.fixture(scope="session")
def siie_runs(publication, tmp_path_factory) -> Runs:
    """The sample of the test base, so the publication's solved suppression patterns and audited
    periods are copied in as a warm cache (tests/publish solve them from scratch)."""
    root = tmp_path_factory.mktemp("corridas")
    home, landing, dagster_home = root / "home", root / "landing", root / "dagster"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (
            ("SIIE_HOME", home),
            ("SIIE_LANDING_DIR", landing),
            ("SIIE_PSEUDONYM_KEY", TEST_KEY),
            ("DAGSTER_HOME", dagster_home),
        ):
            patch.setenv(name, str(value))
        sample = generate(landing, scale=SCALE)
        copy_reference_samples(landing)
        warm_cache(publication.settings.home, home)
        runs = Runs(home, landing, dagster_home, sample, write_malformed_files(landing))
        runs.run()
        runs.loads_after_first = runs.loads()
        runs.run()
        _rejected_new_period(landing)
        _new_budget_month(landing)
        runs.run()
        runs.run()
        with DagsterInstance.get() as instance:
            runs.evaluations = _check_evaluations(instance)
    return runs  # the environment is restored: other tests keep their own homes
