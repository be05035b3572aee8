"""Which partitions of a suite a partitioned Dagster run covers.

An ingestion run over school periods (`25/1`) or budget months (`2024-03`) validates only the
raw partitions it loaded; a run without partitions (the publication run) validates them all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pipelines.core.periods import period_of_date
from pipelines.quality.registry import SuiteSpec

Predicate = Callable[[tuple], bool]


def partition_predicate(spec: SuiteSpec, keys: set[str] | None) -> Predicate | None:
    """A test on a partition's values (in `spec.partition_by` order), or None for all partitions."""
    if keys is None:
        return None
    by = spec.partition_by
    if by == ("periodo",):
        return lambda p: p[0] in keys
    if by == ("fecha_corte",):
        return lambda p: isinstance(p[0], date) and period_of_date(p[0]) in keys
    if by == ("ejercicio", "mes"):
        return lambda p: f"{p[0]}-{int(p[1]):02d}" in keys
    if by == ("ejercicio",):
        return lambda p: any(key.startswith(f"{p[0]}-") for key in keys)
    return None
