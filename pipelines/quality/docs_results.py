"""The GX results that Dagster runs saved, as the batches GX Data Docs show (read back from
results_dir/<run>/gx/<suite>.json, which the gate writes: one native result per batch)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipelines.core.config import Settings
from pipelines.quality.results import load_gates, results_dir


@dataclass
class Validation:
    """One batch's native GX result, with where its page goes."""

    suite: str
    run_name: str
    run_time: datetime
    position: int
    native: dict

    @property
    def label(self) -> str:
        return str(self.native.get("meta", {}).get("particiones", ""))

    @property
    def asset(self) -> str | None:
        return self.native.get("meta", {}).get("active_batch_definition", {}).get("data_asset_name")

    @property
    def batch_id(self) -> str:
        """The partitions, shortened when there are many (the page lists them all)."""
        parts = self.label.split(", ")
        return (
            self.label
            if len(parts) <= 3
            else f"{parts[0]} … {parts[-1]} ({len(parts)} particiones)"
        )

    @property
    def path(self) -> str:
        name = f"{self.position:03d}-{_slug(self.label)[:60]}".rstrip("-")
        return (
            f"validations/{self.suite}/{_slug(self.run_name)}"
            f"/{self.run_time:%Y%m%dT%H%M%S.%fZ}/{name}.html"
        )

    def for_gx(self) -> dict:
        """The result with the run (Dagster's run id, the gate's start) and the batch's partitions
        where GX's page shows them."""
        meta = dict(self.native.get("meta", {}))
        meta["run_id"] = {"run_name": self.run_name, "run_time": self.run_time.isoformat()}
        meta["batch_spec"] = {
            **meta.get("batch_spec", {}),
            "data_asset_name": self.asset,
            "particiones": self.label,
        }
        return {**self.native, "meta": meta}


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.]+", "-", text).strip("-.") or "lote"


def _gate_starts(settings: Settings, run_id: str) -> dict[str, datetime]:
    """When the gate that validated each suite of the run started."""
    starts = {}
    for gate in load_gates(settings, run_id):
        started = datetime.fromisoformat(gate.inicio).astimezone(UTC)
        starts.update({e.suite: started for c in gate.verificaciones for e in c.expectativas})
    return starts


def _load_time(native: dict, file: Path) -> datetime:
    loaded = native.get("meta", {}).get("batch_markers", {}).get("ge_load_time")
    if loaded:
        return datetime.strptime(loaded, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)
    return datetime.fromtimestamp(file.stat().st_mtime, UTC)


def _result_files(settings: Settings, run_id: str) -> list[Path]:
    return sorted((results_dir(settings, run_id) / "gx").glob("*.json"))


def load_validations(settings: Settings, run_ids: Sequence[str]) -> list[Validation]:
    """The batches' results the runs saved, suite by suite (runs without results add nothing)."""
    found = []
    for run_id in run_ids:
        starts = _gate_starts(settings, run_id)
        for file in _result_files(settings, run_id):
            batches = json.loads(file.read_text(encoding="utf-8"))
            for position, native in enumerate(batches, start=1):
                started = starts.get(file.stem) or _load_time(native, file)
                found.append(Validation(file.stem, run_id, started, position, native))
    return found


def saved_suites(settings: Settings, run_ids: Sequence[str]) -> list[str]:
    """The suites the runs checked, also those with no batch left to check (all passed before)."""
    return sorted({file.stem for run_id in run_ids for file in _result_files(settings, run_id)})
