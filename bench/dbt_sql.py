"""The SQL dbt compiles for `indicadores` and its upstream models, compiled once per version of
the dbt project and kept under bench/cache/dbt/<fingerprint>/ (the floor executes it)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.cache import DEFAULT_CACHE
from pipelines.core.config import DBT_PROJECT_DIR

TARGET_MODEL = "indicadores"
PROJECT_INPUTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "snapshots")


def project_fingerprint(project: Path = DBT_PROJECT_DIR) -> str:
    digest = hashlib.sha256()
    for name in PROJECT_INPUTS:
        root = project / name
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in (p for p in paths if p.is_file()):
            digest.update(str(path.relative_to(project)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def compiled_manifest(cache: Path = DEFAULT_CACHE) -> Path:
    """manifest.json with compiled_code for +indicadores; `dbt compile` runs only when missing
    (into a temporary folder renamed into place, so that two processes may ask at once)."""
    target = Path(cache) / "dbt" / project_fingerprint()
    manifest = target / "manifest.json"
    if manifest.exists():
        return manifest
    target.parent.mkdir(parents=True, exist_ok=True)
    dbt = Path(sys.executable).with_name("dbt")
    with (
        tempfile.TemporaryDirectory(prefix="bench_dbt_") as home,
        tempfile.TemporaryDirectory(prefix="compilando_", dir=target.parent) as compiled,
    ):
        command = [
            str(dbt),
            "compile",
            "--quiet",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            compiled,
            "--log-path",
            str(Path(home) / "logs"),
            "--vars",
            json.dumps({"siie_home": home}),
            "--select",
            f"+{TARGET_MODEL}",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(
                f"dbt compile falló:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        try:
            Path(compiled).rename(target)
        except OSError:
            if not manifest.exists():  # not another process having put it there first
                raise
    return manifest
