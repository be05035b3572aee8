"""A home that `siie run` ran three times on (built once per session, for the tests of the run's
accounts and of the Dagster UI): the small sample; then a rejected file of a new period (26/1)
and a new budget month; then nothing new."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from dagster import DagsterEventType, DagsterInstance

from pipelines.cli import main
from sample_extracts import generate
from tests.conftest import TEST_KEY
from tests.quality.built import warm_cache

SCALE = 0.003  # the base's sample: the publication's patterns and audits are a warm cache


def _run(*args: str) -> tuple[int, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["run", *args])
    return code, printed.getvalue()


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


@pytest.fixture(scope="session")
def three_runs(publication, tmp_path_factory):
    root = tmp_path_factory.mktemp("cuentas")
    home, landing, dagster_home = root / "home", root / "landing", root / "dagster"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (
            ("SIIE_HOME", home),
            ("SIIE_LANDING_DIR", landing),
            ("SIIE_PSEUDONYM_KEY", TEST_KEY),
            ("DAGSTER_HOME", dagster_home),
        ):
            patch.setenv(name, str(value))
        generate(landing, scale=SCALE)
        warm_cache(publication.settings.home, home)
        first = _run()
        _rejected_new_period(landing)
        _new_budget_month(landing)
        second = _run()
        third = _run()
        with DagsterInstance.get() as instance:
            evaluations = {
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
    return {  # the environment is restored: other tests keep their own homes
        "home": home,
        "landing": landing,
        "dagster_home": dagster_home,
        "runs": (first, second, third),
        "evaluations": evaluations,
    }
