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
    """The dbt beside this Python (the virtualenv's), so PATH does not have to include it."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else "dbt"


def dbt_resource() -> DbtCliResource:
    return OfflineDbtCliResource(project_dir=siie_dbt_project, dbt_executable=dbt_executable())
