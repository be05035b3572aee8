"""The dbt project as Dagster sees it, and the preparation of its manifest.

The manifest (target/manifest.json) describes the asset graph. It is prepared when SIIE is
installed (`python -m pipelines.transform.prepare`, run by `make install`), not parsed when
the code location is imported. `ensure_manifest` only re-prepares it when it is missing, older
than a file of the project, or under `dagster dev` (as DbtProject.prepare_if_dev would).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from dagster_dbt import DbtProject

from pipelines.core.config import DBT_PROJECT_DIR
from pipelines.transform.project_files import newest_input_mtime

siie_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def manifest_is_current(project: DbtProject = siie_dbt_project) -> bool:
    manifest = project.manifest_path
    return manifest.exists() and manifest.stat().st_mtime >= newest_input_mtime(project.project_dir)


def prepare_manifest(project: DbtProject = siie_dbt_project) -> Path:
    """Run `dbt parse` (offline, in this process) to write the project's manifest.json."""
    from dbt.cli.main import dbtRunner

    target = project.project_dir / project.target_path
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".prepare.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest workers may prepare at the same time
        if manifest_is_current(project):
            return project.manifest_path
        args = [
            "parse",
            "--quiet",
            "--project-dir",
            str(project.project_dir),
            "--profiles-dir",
            str(project.profiles_dir),
            "--target-path",
            str(target),
        ]
        result = dbtRunner().invoke(args)
        if not result.success:
            raise RuntimeError(f"dbt parse falló al preparar el manifiesto: {result.exception}")
    return project.manifest_path


def ensure_manifest(project: DbtProject = siie_dbt_project) -> Path:
    if os.getenv("DAGSTER_IS_DEV_CLI") or not manifest_is_current(project):
        return prepare_manifest(project)
    return project.manifest_path
