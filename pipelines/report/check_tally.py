"""The one count of a run's checks, said the same way at the end of `siie run`, in the report and
in the run log: every Dagster asset check of the runs, each once (passed only if it passed in
every run that evaluated it), grouped by what runs it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipelines.core.wording import count
from pipelines.publish.assets import DISCLOSURE_AUDIT_CHECK
from pipelines.quality.registry import SUITES
from pipelines.quality.results import GateResult

FILES_CHECK = "archivos_sin_error"  # pipelines.ingest.assets
GATE_CHECKS = {(suite.asset, suite.check) for suite in SUITES}
# Groups in the order they are said.
DBT, GATE, AUDIT, FILES = (
    "pruebas de dbt",
    "de la puerta de calidad (Great Expectations)",
    "auditoría de divulgación",
    "de archivos sin error",
)


def group_of(asset: str, check: str) -> str:
    if (asset, check) in GATE_CHECKS:
        return GATE
    if check == DISCLOSURE_AUDIT_CHECK:
        return AUDIT
    if check == FILES_CHECK:
        return FILES
    return DBT


@dataclass
class CheckTally:
    passed: dict[tuple[str, str], bool] = field(default_factory=dict)

    def add(self, asset: str, check: str, passed: bool) -> None:
        key = (asset, check)
        self.passed[key] = self.passed.get(key, True) and passed

    @property
    def total(self) -> int:
        return len(self.passed)

    @property
    def approved(self) -> int:
        return sum(self.passed.values())

    def by_group(self) -> list[tuple[str, int, int]]:
        """(group, approved, total), in the order of the groups."""
        groups: dict[str, list[bool]] = {g: [] for g in (DBT, GATE, AUDIT, FILES)}
        for (asset, check), passed in self.passed.items():
            groups[group_of(asset, check)].append(passed)
        return [(g, sum(v), len(v)) for g, v in groups.items() if v]

    def line(self) -> str:
        """`154 de 155 verificaciones aprobadas: 143 de 143 pruebas de dbt, 10 de 11 de la
        puerta de calidad (Great Expectations), 1 de 1 auditoría de divulgación`."""
        if not self.total:
            return "Ninguna verificación se ejecutó."
        parts = ", ".join(f"{ok:,} de {n:,} {group}" for group, ok, n in self.by_group())
        return (
            f"{self.approved:,} de {count(self.total, 'verificación', 'verificaciones')} "
            f"aprobadas: {parts}"
        )


def run_check_evaluations(instance: Any, run_ids: Sequence[str]) -> list[tuple[str, str, bool]]:
    """(asset, check, passed) of every asset check evaluated in those Dagster runs."""
    from dagster import DagsterEventType

    found = []
    for run_id in run_ids:
        records = instance.get_records_for_run(
            run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000
        ).records
        for record in records:
            evaluation = record.event_log_entry.dagster_event.event_specific_data
            found.append(
                (evaluation.asset_key.to_user_string(), evaluation.check_name, evaluation.passed)
            )
    return found


def tally_checks(
    evaluations: Iterable[tuple[str, str, bool]], gates: Iterable[GateResult] = ()
) -> CheckTally:
    """The Dagster evaluations and the gates' own records (the same checks, so counted once;
    a gate run outside Dagster has only the latter)."""
    tally = CheckTally()
    for asset, check, passed in evaluations:
        tally.add(asset, check, passed)
    for gate in gates:
        for outcome in gate.verificaciones:
            tally.add(outcome.asset, outcome.check, outcome.aprobada)
    return tally
