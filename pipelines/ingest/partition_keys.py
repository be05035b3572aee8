"""Which partition a file's period belongs to: the school period `YY/N` for the school and staff
extracts (a staff snapshot belongs to the period whose dates contain its fecha_corte) and the
month `YYYY-MM` for the budget. The yearbook has no partitions."""

from __future__ import annotations

from datetime import date
from typing import Any

from pipelines.core.periods import period_of_date

SCHOOL_PERIOD_KINDS = ("matricula", "trayectoria", "plantilla")
MONTHLY_KINDS = ("presupuesto",)


def partition_key(kind: str, period: dict[str, Any] | None) -> str | None:
    if not period:
        return None
    if kind in ("matricula", "trayectoria"):
        return str(period["periodo"])
    if kind == "plantilla":
        corte = period["fecha_corte"]
        return period_of_date(corte if isinstance(corte, date) else date.fromisoformat(str(corte)))
    if kind == "presupuesto":
        return f"{int(period['ejercicio'])}-{int(period['mes']):02d}"
    return None
