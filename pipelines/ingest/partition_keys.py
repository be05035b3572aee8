"""Which partition a file's period belongs to: the school period `YY/N` for the school and staff
extracts (a staff snapshot belongs to the period whose dates contain its fecha_corte) and the
month `YYYY-MM` for the budget. The yearbook has no partitions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pipelines.core.periods import period_of_date

SCHOOL_PERIOD_KINDS = ("matricula", "trayectoria", "plantilla")
MONTHLY_KINDS = ("presupuesto",)
FIRST_BUDGET_MONTH = "2015-01"  # the first month partition; the last is the month in progress (UTC)


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


def outside_partitions(kind: str, key: str, today: date | None = None) -> str | None:
    """Why a file's partition `key` is not one of its kind's partitions (None when it is): the
    budget is partitioned from FIRST_BUDGET_MONTH to the month in progress; school periods are
    added as files for them land, so every one is a partition."""
    if kind not in MONTHLY_KINDS:
        return None
    last = f"{today or datetime.now(UTC).date():%Y-%m}"
    if FIRST_BUDGET_MONTH <= key <= last:
        return None
    return (
        f"su periodo ({key}) está fuera de las particiones del presupuesto, que van de "
        f"{FIRST_BUDGET_MONTH} al mes en curso ({last}); ninguna fila se cargó. Revise el "
        "ejercicio y el mes del archivo"
    )
