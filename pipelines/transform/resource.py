"""The dbt CLI resource, with no network: dbt-core's own version, not `dbt --version`.

DbtCliResource asks `dbt --version` for the CLI's version before every command, and dbt answers
it by asking PyPI for the latest release (dbt/version.py, get_latest_version). SIIE runs dbt-core
from its own virtualenv, so the installed package's version is the CLI's version.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource
from dagster_dbt.compat import DBT_PYTHON_VERSION
from packaging import version

from pipelines.transform.project import siie_dbt_project


class OfflineDbtCliResource(DbtCliResource):
    @cached_property
    def _cli_version(self) -> version.Version:
        return DBT_PYTHON_VERSION


def dbt_executable() -> str:
    """The virtualenv's dbt, through `siie-dbt` so that it dies with its parent
    (pipelines/dbt_child.py); beside this Python, so PATH does not have to include it."""
    for name in ("siie-dbt", "dbt"):
        beside = Path(sys.executable).with_name(name)
        if beside.exists():
            return str(beside)
    return "dbt"


def dbt_resource() -> DbtCliResource:
    return OfflineDbtCliResource(project_dir=siie_dbt_project, dbt_executable=dbt_executable())
