"""What the benchmark ran on: cores, memory, CPU, versions, the code's commit."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata

from pipelines.config import PROJECT_ROOT

PACKAGES = ("dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "duckdb", "polars", "great-expectations")
CODE_PATHS = ("pipelines", "dbt_project", "models", "expectations")


def _meminfo_gib() -> float:
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    return float("nan")


def _cpu_model() -> str:
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip()


def machine() -> dict:
    return {
        "nucleos": os.cpu_count(),
        "memoria_gib": _meminfo_gib(),
        "cpu": _cpu_model(),
        "sistema": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "paquetes": {name: metadata.version(name) for name in PACKAGES},
    }


def code_version() -> dict:
    """The commit, and the files of the pipeline that differ from it (others' work in progress)."""
    changed = _git("status", "--porcelain", "--", *CODE_PATHS).splitlines()
    return {"commit": _git("rev-parse", "--short", "HEAD"), "cambios_sin_confirmar": [c[3:] for c in changed]}
