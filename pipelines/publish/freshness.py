"""Whether the current publication already reflects everything: the same loaded files and code no
newer than it. Then a run with nothing new landed has nothing to transform, check or publish."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.core.config import DBT_PROJECT_DIR, EXPECTATIONS_DIR, Settings
from pipelines.transform.project_files import newest_input_mtime

# What the transformation and the gate are made of, besides the data: the dbt project (models,
# seeds, macros: its inputs) and the Great Expectations suites.
CODE_FOLDERS = (EXPECTATIONS_DIR / "suites",)


def _current_manifest(settings: Settings) -> dict | None:
    path = settings.published_dir / "current" / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _loaded_files(settings: Settings) -> set[str]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return {
            sha
            for (sha,) in con.execute(
                "SELECT sha256 FROM raw.cargas WHERE estado = 'CARGADO'"
            ).fetchall()
        }


def _newest_code_change() -> float:
    suites = [
        p.stat().st_mtime for folder in CODE_FOLDERS for p in Path(folder).rglob("*") if p.is_file()
    ]
    return max([newest_input_mtime(DBT_PROJECT_DIR), *suites])


def publication_is_current(settings: Settings) -> bool:
    manifest = _current_manifest(settings)
    if manifest is None or not settings.warehouse_path.exists():
        return False
    published_at = datetime.fromisoformat(manifest["publicado_en"]).timestamp()
    same_files = {f["sha256"] for f in manifest["archivos"]} == _loaded_files(settings)
    return same_files and _newest_code_change() < published_at
