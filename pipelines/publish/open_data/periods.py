"""SDMX time periods for the warehouse's periods.

SDMX's TIME_PERIOD takes ISO 8601 forms; the office's periods are written otherwise. Each one is
written as the standard form of the time it covers, and the office's own label travels beside it
(the attribute PERIODO):

    22/1        school period: its dates from dim_periodo, as a time range 2021-08-01/P6M
    2023-01     a month (budget), as is
    2023        a year (budget), as is
    2017-2018   a school cycle (ANUIES): the year from August, 2017-08-01/P1Y
"""

from __future__ import annotations

import re
from datetime import date

from pipelines.publish.open_data.errors import OpenDataError

SCHOOL_PERIOD = re.compile(r"^(\d{2})/([12])$")
MONTH = re.compile(r"^\d{4}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")
CYCLE = re.compile(r"^(\d{4})-(\d{4})$")
CYCLE_START = "08-01"  # IPN's school year starts in August (dim_periodo's first periods)


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def school_period_dates(period: str) -> tuple[date, date]:
    """The dates of YY/1 (August to January) and YY/2 (February to July) when dim_periodo does
    not list the period."""
    match = SCHOOL_PERIOD.match(period)
    if not match:
        raise OpenDataError(f"el periodo {period!r} no es YY/N")
    year, number = 2000 + int(match.group(1)), int(match.group(2))
    if number == 1:
        return date(year - 1, 8, 1), date(year, 1, 31)
    return date(year, 2, 1), date(year, 7, 31)


def sdmx_time_period(period: str, dates: dict[str, tuple[date, date]]) -> str:
    """The SDMX TIME_PERIOD of a period; `dates` are dim_periodo's (start, end) by period."""
    if SCHOOL_PERIOD.match(period):
        start, end = dates.get(period) or school_period_dates(period)
        return f"{start.isoformat()}/P{_months(start, end)}M"
    if MONTH.match(period) or YEAR.match(period):
        return period
    cycle = CYCLE.match(period)
    if cycle and int(cycle.group(2)) == int(cycle.group(1)) + 1:
        return f"{cycle.group(1)}-{CYCLE_START}/P1Y"
    raise OpenDataError(f"el periodo {period!r} no tiene una forma SDMX conocida")


def period_bounds(period: str, dates: dict[str, tuple[date, date]]) -> tuple[date, date]:
    """First and last day a period covers (for the catalog's temporal coverage)."""
    if SCHOOL_PERIOD.match(period):
        return dates.get(period) or school_period_dates(period)
    if MONTH.match(period):
        year, month = map(int, period.split("-"))
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    if YEAR.match(period):
        return date(int(period), 1, 1), date(int(period), 12, 31)
    cycle = CYCLE.match(period)
    if cycle:
        first = int(cycle.group(1))
        return date(first, 8, 1), date(first + 1, 7, 31)
    raise OpenDataError(f"el periodo {period!r} no tiene una forma SDMX conocida")
