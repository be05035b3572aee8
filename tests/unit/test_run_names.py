"""A run's log and report are named by the second the run started; a run that starts within the
same second as one that already left its log or its report gets the next free name, so no run
writes over another's."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.report import report_path
from pipelines.run import unused_run_name

pytestmark = pytest.mark.unit

STARTED = datetime(2026, 12, 8, 4, 5, 6, 700_000)


def test_a_run_alone_in_its_second_is_named_by_that_second(settings):
    assert unused_run_name(settings, STARTED) == "20261208_040506"


def test_a_second_run_in_the_same_second_takes_the_next_free_name(settings):
    logs = settings.home / "logs"
    logs.mkdir(parents=True)
    (logs / "siie_run_20261208_040506.log").write_text("la primera corrida\n")
    assert unused_run_name(settings, STARTED) == "20261208_040506_2"
    report = report_path(settings, "20261208_040506_2")
    report.parent.mkdir(parents=True)
    report.write_text("<html></html>")  # a report without its log counts too
    assert unused_run_name(settings, STARTED) == "20261208_040506_3"
