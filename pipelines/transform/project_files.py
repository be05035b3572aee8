"""What the dbt project is made of, and when it last changed (without importing dbt or dagster-dbt,
so that `siie run` can tell it has nothing to do in a fraction of a second)."""

from __future__ import annotations

from pathlib import Path

from pipelines.core.config import DBT_PROJECT_DIR

# Files whose change changes the manifest (target/, logs/ and dbt_packages/ are outputs).
PROJECT_INPUTS = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "seeds",
    "snapshots",
    "tests",
)


def newest_input_mtime(project_dir: Path = DBT_PROJECT_DIR) -> float:
    newest = 0.0
    for name in PROJECT_INPUTS:
        path = project_dir / name
        paths = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(p.stat().st_mtime for p in paths if p.is_file())])
    return newest
