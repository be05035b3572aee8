"""The SDMX TIME_PERIOD of each kind of period the warehouse publishes."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.publish.open_data.errors import OpenDataError
from pipelines.publish.open_data.periods import period_bounds, sdmx_time_period

pytestmark = pytest.mark.unit

LISTED = {"22/1": (date(2021, 8, 1), date(2022, 1, 31))}


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("22/1", "2021-08-01/P6M"),  # from dim_periodo's dates
        ("29/1", "2028-08-01/P6M"),  # not listed: August to January
        ("29/2", "2029-02-01/P6M"),  # February to July
        ("2023-01", "2023-01"),
        ("2023", "2023"),
        ("2017-2018", "2017-08-01/P1Y"),
    ],
)
def test_each_period_has_its_iso_8601_form(period, expected):
    assert sdmx_time_period(period, LISTED) == expected


def test_the_bounds_of_a_month_end_on_its_last_day():
    assert period_bounds("2024-02", {}) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds("2024-12", {}) == (date(2024, 12, 1), date(2024, 12, 31))


@pytest.mark.parametrize("period", ["22/3", "2017-2019", "primavera"])
def test_a_period_of_no_known_form_is_refused_in_spanish(period):
    with pytest.raises(OpenDataError, match="periodo"):
        sdmx_time_period(period, {})
