from datetime import date

import pytest

from pipelines.core.periods import (
    ciclo_escolar,
    parse_period,
    period_end,
    period_of_date,
    period_range,
    period_start,
    shift_period,
)

pytestmark = pytest.mark.unit


def test_period_dates_follow_the_contract():
    assert period_start("25/1") == date(2024, 8, 1)
    assert period_end("25/1") == date(2025, 1, 31)
    assert period_start("25/2") == date(2025, 2, 1)
    assert period_end("25/2") == date(2025, 7, 31)


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (date(2024, 8, 1), "25/1"),
        (date(2025, 1, 31), "25/1"),
        (date(2025, 2, 1), "25/2"),
        (date(2025, 7, 31), "25/2"),
        (date(2024, 12, 31), "25/1"),
    ],
)
def test_period_of_date(day, period):
    assert period_of_date(day) == period


def test_shift_and_range():
    assert shift_period("25/1", 1) == "25/2"
    assert shift_period("25/2", 1) == "26/1"
    assert shift_period("26/1", -3) == "24/2"
    assert period_range("24/2", 3) == ["24/2", "25/1", "25/2"]
    assert ciclo_escolar("25/2") == "2024-2025"


@pytest.mark.parametrize("bad", ["25/3", "2025/1", "25-1", ""])
def test_bad_periods_are_refused(bad):
    with pytest.raises(ValueError):
        parse_period(bad)
