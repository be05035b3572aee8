"""The measured scenarios: `siie run` on a fresh or a loaded warehouse, and the floor.

Each `siie run` gets its own SIIE_HOME and DAGSTER_HOME (telemetry off) and a landing folder of
hard links to the cached files (landing files are never modified, so links are safe and cost
nothing); the incremental run links the held-back period's files into the same landing.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Measured, measure
from bench.publication_parts import publication_parts, run_log
from bench.stages import outside_steps, peak_by_stage, runs_since, stage_seconds
from pipelines.core.config import PROJECT_ROOT

BIN = Path(sys.executable).parent
DAGSTER_YAML = "telemetry:\n  enabled: false\n"
MIB = 2**20


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def home(self) -> Path:
        return self.root / "siie_home"

    @property
    def dagster(self) -> Path:
        return self.root / "dagster_home"

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIIE_")}
        env.update(
            SIIE_HOME=str(self.home),
            SIIE_LANDING_DIR=str(self.landing),
            DAGSTER_HOME=str(self.dagster),
        )
        return env


def new_workspace(root: Path) -> Workspace:
    shutil.rmtree(root, ignore_errors=True)
    workspace = Workspace(root)
    for folder in (workspace.home, workspace.dagster, workspace.landing):
        folder.mkdir(parents=True)
    (workspace.dagster / "dagster.yaml").write_text(DAGSTER_YAML)
    return workspace


def link_files(source: Path, landing: Path) -> int:
    """Hard-link every file under source/<kind>/ into landing/<kind>/ (copy across devices)."""
    count = 0
    for path in sorted(source.glob("*/*")):
        target = landing / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
        count += 1
    return count


def _common(measured: Measured, log: Path) -> dict:
    return {
        "segundos": round(measured.seconds, 3),
        "pico_memoria_mib": round(measured.peak_bytes / MIB, 1),
        "pico_memoria_mib_por_proceso": {
            k: round(v / MIB, 1) for k, v in measured.by_process.items()
        },
        "codigo_salida": measured.returncode,
        "bitacora": str(log),
    }


def measure_siie(workspace: Workspace, log: Path) -> dict:
    """`siie run` once, with stage times from the Dagster runs it created."""
    measured = measure([str(BIN / "siie"), "run"], workspace.env(), log, cwd=PROJECT_ROOT)
    runs = runs_since(workspace.dagster, measured.started_at)
    stages = stage_seconds(runs, measured.started_at, measured.seconds)
    steps: dict[str, float] = {}
    for run in runs:
        for step, seconds in run.steps.items():
            steps[step] = steps.get(step, 0.0) + seconds
    return {
        **_common(measured, log),
        "etapas": {k: round(v, 3) for k, v in stages.items()},
        "pasos": {k: round(v, 3) for k, v in steps.items()},
        "fuera_de_pasos": {
            k: round(v, 3)
            for k, v in outside_steps(runs, measured.started_at, measured.seconds).items()
        },
        "pico_memoria_mib_por_etapa": {
            k: round(v / MIB, 1) for k, v in peak_by_stage(runs, measured.memory).items()
        },
        "ejecuciones": [
            {"job": r.job_name, "estado": r.status, "segundos": round(r.seconds or 0, 3)}
            for r in runs
        ],
        "resumen_siie": measured.output.strip().splitlines()[-4:],
        "partes_publicacion": _publication_parts(measured.output),
    }


def _publication_parts(output: str) -> dict[str, float]:
    log = run_log(output)
    return publication_parts(log.read_text("utf-8")) if log and log.exists() else {}


def measure_floor(landing: Path, out: Path, manifest: Path, log: Path) -> dict:
    command = [
        str(BIN / "python"),
        "-m",
        "bench.floor",
        "--landing",
        str(landing),
        "--out",
        str(out),
        "--manifest",
        str(manifest),
    ]
    measured = measure(command, dict(os.environ), log, cwd=PROJECT_ROOT)
    if measured.returncode != 0:
        raise RuntimeError(
            f"el piso falló (código {measured.returncode}):\n{measured.output[-3000:]}"
        )
    summary = json.loads(measured.output.strip().splitlines()[-1])
    return {
        **_common(measured, log),
        **{
            k: summary[k]
            for k in (
                "base",
                "archivos",
                "filas_leidas",
                "filas_rechazadas",
                "filas_indicadores",
                "segundos_carga",
                "segundos_modelos",
            )
        },
    }
