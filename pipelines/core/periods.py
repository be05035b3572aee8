"""IPN school periods `YY/N` (docs/CONTRACTS.md, "Periods").

`YY/1` runs from 1 August of 20YY-1 to 31 January of 20YY, `YY/2` from 1 February to
31 July of 20YY; the ciclo escolar `2024-2025` holds `25/1` and `25/2`.
"""

from __future__ import annotations

import re
from datetime import date

PERIOD_RE = re.compile(r"^(\d{2})/([12])$")


def parse_period(periodo: str) -> tuple[int, int]:
    """`25/1` → (2025, 1)."""
    match = PERIOD_RE.match(periodo)
    if not match:
        raise ValueError(f"periodo {periodo!r} no tiene la forma YY/N con N en 1, 2")
    return 2000 + int(match.group(1)), int(match.group(2))


def format_period(year: int, half: int) -> str:
    return f"{year % 100:02d}/{half}"


def period_start(periodo: str) -> date:
    year, half = parse_period(periodo)
    return date(year - 1, 8, 1) if half == 1 else date(year, 2, 1)


def period_end(periodo: str) -> date:
    year, half = parse_period(periodo)
    return date(year, 1, 31) if half == 1 else date(year, 7, 31)


def period_of_date(day: date) -> str:
    """The period whose dates contain `day`."""
    if day.month >= 8:
        return format_period(day.year + 1, 1)
    if day.month == 1:
        return format_period(day.year, 1)
    return format_period(day.year, 2)


def shift_period(periodo: str, steps: int) -> str:
    """`25/1` shifted by 1 → `25/2`, by 2 → `26/1`; negative steps go back."""
    year, half = parse_period(periodo)
    index = year * 2 + (half - 1) + steps
    return format_period(index // 2, index % 2 + 1)


def ciclo_escolar(periodo: str) -> str:
    year, _ = parse_period(periodo)
    return f"{year - 1}-{year}"


def period_range(first: str, count: int) -> list[str]:
    return [shift_period(first, i) for i in range(count)]
