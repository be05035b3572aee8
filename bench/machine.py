"""What the benchmark ran on: cores, memory, CPU, versions, the code's commit."""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
from importlib import metadata

from pipelines.core.config import PROJECT_ROOT

PACKAGES = (
    "dagster",
    "dagster-dbt",
    "dbt-core",
    "dbt-duckdb",
    "duckdb",
    "polars",
    "great-expectations",
)
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
    result = subprocess.run(
        ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.rstrip("\n")


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
    """The commit, the files of the pipeline that differ from it (others' work in progress) and
    a fingerprint of the pipeline's code (`huella`: its git trees, plus the content of those
    files), to tell whether the code changed between two measurements."""
    changed = [
        line[3:]
        for line in _git(
            "status", "--porcelain", "--untracked-files=all", "--", *CODE_PATHS
        ).splitlines()
    ]
    digest = hashlib.sha256()
    for name in changed:
        path = PROJECT_ROOT / name
        digest.update(name.encode())
        if path.is_file():
            digest.update(path.read_bytes())
    commit = _git("rev-parse", "--short", "HEAD")
    tree = code_tree(commit)
    return {
        "commit": commit,
        "arbol": tree,
        "cambios_sin_confirmar": changed,
        "huella": f"{tree}+{digest.hexdigest()[:12]}" if changed else tree,
    }


def code_tree(commit: str) -> str:
    """A short hash of the pipeline's code at `commit` (its git trees): commits that only touch
    other files (docs, tests, the benchmark) keep it."""
    trees = _git("rev-parse", *(f"{commit}:{path}" for path in CODE_PATHS))
    return hashlib.sha256(trees.encode()).hexdigest()[:12]
