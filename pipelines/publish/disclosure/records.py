"""The warehouse's own records of disclosure control, beside it and never published
($SIIE_HOME/divulgacion/): for each published version the true values of its hidden figures (the
audit of the next versions needs them), and for each publication attempt what the suppression and
the audit found, cell by cell and with the exact information loss (the internal auditors' report
reads it).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from pipelines.audit.intruder import Version
from pipelines.audit.truth import Truth, read_truth_file, write_truth
from pipelines.publish.versions import DATABASE_FILE, version_name, versions

RECORDS_DIR = "divulgacion"
RUNS_DIR = "intentos"


def records_dir(home: Path) -> Path:
    return home / RECORDS_DIR


def truth_path(home: Path, version: int) -> Path:
    return records_dir(home) / f"{version_name(version)}.parquet"


def keep_truth(home: Path, version: int, truth: Truth) -> None:
    write_truth(truth, truth_path(home, version))


def kept_truth(home: Path, version: int | None) -> Truth | None:
    """The true values behind a version's hidden figures, if they were kept."""
    return read_truth_file(truth_path(home, version)) if version else None


def forget_truths(home: Path, published_dir: Path) -> None:
    """Drop the true values of versions no longer on disk (pruned)."""
    kept = {version_name(v) for v in versions(published_dir)}
    for path in records_dir(home).glob("v*.parquet"):
        if path.stem not in kept:
            path.unlink(missing_ok=True)


def retained_versions(home: Path, published_dir: Path) -> list[Version]:
    """Every version still on disk, open read-only, with its true values where kept."""
    return [
        Version(
            version_name(v),
            duckdb.connect(str(published_dir / version_name(v) / DATABASE_FILE), read_only=True),
            read_truth_file(truth_path(home, v)),
        )
        for v in versions(published_dir)
        if (published_dir / version_name(v) / DATABASE_FILE).exists()
    ]


def _run_path(home: Path, run_id: str) -> Path:
    return records_dir(home) / RUNS_DIR / f"{run_id}.json"


def keep_attempt(home: Path, run_id: str, record: dict) -> None:
    path = _run_path(home, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, default=str), encoding="utf-8")


def attempt_record(home: Path, run_id: str) -> dict | None:
    path = _run_path(home, run_id)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
