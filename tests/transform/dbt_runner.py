"""Run the real dbt CLI of the virtualenv on a private warehouse, with private target and logs."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from pipelines.transform.cli_args import dbt_build_args
from pipelines.transform.project import siie_dbt_project
from pipelines.transform.resource import dbt_executable


def run_dbt(siie_home: Path, work_dir: Path, project_dir: Path | None = None, **kw) -> dict:
    """Run dbt on SIIE's project (or a copy of it); fail with its output if it fails; return
    run_results.json."""
    target = work_dir / "target"
    project = str(project_dir or siie_dbt_project.project_dir)
    args = [dbt_executable(), *dbt_build_args(siie_home, **kw), "--project-dir", project]
    args += [
        "--profiles-dir",
        project,
        "--target-path",
        str(target),
        "--log-path",
        str(work_dir / "logs"),
    ]
    done = subprocess.run(args, check=False, capture_output=True, text=True, env=_quiet_env())
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    results = target / "run_results.json"
    return json.loads(results.read_text()) if results.exists() else {}


def _quiet_env() -> dict[str, str]:
    return {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_VERSION_CHECK": "false"}
