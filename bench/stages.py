"""Wall time per stage of a `siie run`, from the event log of the Dagster runs it created.

Every step of every run counts, from its STEP_START to its end (success, failure, or retry;
a retried step counts each attempt). Steps are grouped by what they do, from their names:
`raw_*` or any step of an `ingesta_*` job → ingesta, `*dbt*` → dbt, `*calidad*`/`*quality*`
→ calidad, `*publica*`/`*publish*` → publicacion. A step that matches none keeps its own name,
so a stage added later shows up by itself without changing this file. `arranque` is the time
from the process start to the first run's start (imports and the plan of what to load), and
`otros` what the total leaves: time between steps and runs, the summary, exiting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

KNOWN_STAGES = ("ingesta", "dbt", "calidad", "publicacion")
STAGE_ORDER = ("arranque", *KNOWN_STAGES, "otros")
NAME_RULES = (
    ("dbt", ("dbt",)),
    ("calidad", ("calidad", "quality")),
    ("publicacion", ("publica", "publish")),
)
STEP_ENDS = ("STEP_SUCCESS", "STEP_FAILURE", "STEP_UP_FOR_RETRY")
RUN_STARTS = ("RUN_START",)
RUN_ENDS = ("RUN_SUCCESS", "RUN_FAILURE", "RUN_CANCELED")


def stage_of(step_key: str, job_name: str) -> str:
    lowered = step_key.lower()
    for stage, words in NAME_RULES:
        if any(word in lowered for word in words):
            return stage
    if lowered.startswith("raw_") or job_name.startswith("ingesta"):
        return "ingesta"
    return step_key


@dataclass
class RunTimes:
    run_id: str
    job_name: str
    status: str
    started: float | None = None
    ended: float | None = None
    steps: dict[str, float] = field(default_factory=dict)  # step key → seconds
    intervals: list[tuple[str, float, float]] = field(default_factory=list)  # step key, start, end

    @property
    def seconds(self) -> float | None:
        return None if self.started is None or self.ended is None else self.ended - self.started


def _run_times(instance, run) -> RunTimes:
    times = RunTimes(run.run_id, run.job_name, run.status.value)
    open_steps: dict[str, float] = {}
    for entry in instance.all_logs(run.run_id):
        event = entry.dagster_event
        if event is None:
            continue
        kind = _event_name(event)
        if kind in RUN_STARTS:
            times.started = entry.timestamp
        elif kind in RUN_ENDS:
            times.ended = entry.timestamp
        elif kind in ("STEP_START", "STEP_RESTARTED"):
            open_steps[entry.step_key] = entry.timestamp
        elif kind in STEP_ENDS and entry.step_key in open_steps:
            begun = open_steps.pop(entry.step_key)
            times.steps[entry.step_key] = (
                times.steps.get(entry.step_key, 0.0) + entry.timestamp - begun
            )
            times.intervals.append((entry.step_key, begun, entry.timestamp))
    return times


def _event_name(event) -> str:
    return event.event_type.name


def runs_since(dagster_home: Path, since: float) -> list[RunTimes]:
    """The runs of the instance at `dagster_home` that started at or after `since` (epoch s)."""
    from dagster import DagsterInstance

    with DagsterInstance.from_config(str(dagster_home)) as instance:
        runs = [_run_times(instance, run) for run in instance.get_runs()]
    runs = [r for r in runs if r.started is not None and r.started >= since]
    return sorted(runs, key=lambda r: r.started)


def stage_seconds(runs: list[RunTimes], started_at: float, total: float) -> dict[str, float]:
    """arranque, ingesta, dbt, calidad, publicacion, any other step by name, and otros (the
    rest)."""
    stages = dict.fromkeys(KNOWN_STAGES, 0.0)
    for run in runs:
        for step, seconds in run.steps.items():
            stage = stage_of(step, run.job_name)
            stages[stage] = stages.get(stage, 0.0) + seconds
    startup = (runs[0].started - started_at) if runs else total
    rest = total - startup - sum(stages.values())
    return {"arranque": startup, **stages, "otros": rest}


def outside_steps(runs: list[RunTimes], started_at: float, total: float) -> dict[str, float]:
    """Where `otros` goes: inside runs but outside steps, between runs, after the last run."""
    timed = [r for r in runs if r.seconds is not None]
    if not timed:
        return {}
    inside = sum(r.seconds - sum(r.steps.values()) for r in timed)
    between = sum(later.started - earlier.ended for earlier, later in pairwise(timed))
    closing = started_at + total - timed[-1].ended
    return {
        "en_ejecuciones_fuera_de_pasos": inside,
        "entre_ejecuciones": between,
        "cierre": closing,
    }


def peak_by_stage(runs: list[RunTimes], samples: list[tuple[float, int]]) -> dict[str, int]:
    """The highest memory sample taken while a step of each stage ran (bytes); the samples
    outside every step count for `arranque` (before the first run) or `otros`."""
    spans = [
        (stage_of(step, run.job_name), start, end)
        for run in runs
        for step, start, end in run.intervals
    ]
    first = runs[0].started if runs else float("inf")
    peaks: dict[str, int] = {}
    for moment, resident in samples:
        stage = next(
            (s for s, start, end in spans if start <= moment <= end),
            "arranque" if moment < first else "otros",
        )
        peaks[stage] = max(peaks.get(stage, 0), resident)
    return peaks
