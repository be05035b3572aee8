"""The benchmark: per scale, the cached landing, then per repetition the floor, a full refresh,
the equality of both indicators, an incremental period and a no-op run."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench.cache import DEFAULT_CACHE, Landing, is_current, landing_for, scale_label
from bench.checks import check_repetition, check_results
from bench.compare import compare_indicators
from bench.dbt_sql import compiled_manifest
from bench.machine import code_version, machine
from bench.scenarios import link_files, measure_floor, measure_siie, new_workspace
from bench.summary import SIIE_SCENARIOS, summarise
from pipelines.core.config import PROJECT_ROOT

DEFAULT_RESULTS = Path(__file__).resolve().parent / "results.json"
DEFAULT_SCALES = (0.1, 1.0, 5.0)


def default_repeats(scale: float) -> int:
    """3 up to IPN size; 2 above it (a scale-5 round takes many minutes on 2 cores)."""
    return 3 if scale <= 1 else 2


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def ensure_landing(scale: float, cache: Path) -> Landing:
    landing = landing_for(scale, cache)
    if not is_current(landing, scale):
        _log(f"generando extractos a escala {scale:g} en {landing.folder}")
        subprocess.run(
            [sys.executable, "-m", "bench.cache", "--scale", str(scale), "--cache", str(cache)],
            cwd=PROJECT_ROOT,
            check=True,
        )
    return landing


def prepare_siie() -> None:
    """The dbt manifest, as `make install` prepares it, so that no measured run re-parses it."""
    from pipelines.transform.project import prepare_manifest

    prepare_manifest()


def _data_summary(landing: Landing) -> dict:
    meta = landing.meta()
    files = meta["archivos"]
    return {
        "alumnos_por_periodo": meta["filas_matricula_por_periodo"],
        "periodos_completa": meta["periodos_completos"],
        "periodo_nuevo": meta["periodo_nuevo"],
        "archivos_completa": sum(1 for f in files if f["archivo"].startswith("completo/")),
        "mib_completa": round(
            sum(f["bytes"] for f in files if f["archivo"].startswith("completo/")) / 2**20, 1
        ),
        "filas_completa": sum(f["filas"] for f in files if f["archivo"].startswith("completo/")),
        "archivos_nuevos": sum(1 for f in files if f["archivo"].startswith("nuevo/")),
        "segundos_generacion": meta["segundos_generacion"],
    }


def repetition(
    landing: Landing,
    folder: Path,
    manifest: Path,
    check_incremental: bool,
    scenarios: tuple[str, ...] = SIIE_SCENARIOS,
) -> dict:
    """The floor, then `siie run` on an empty warehouse and, as asked, with one new period and
    with nothing new; the floor's indicators are compared with SIIE's after the full refresh
    (and, in the first repetition, after the incremental run with a floor over all periods)."""
    result = {
        "inicio": _now(),
        "carga_del_sistema": [round(x, 2) for x in os.getloadavg()],
        "codigo": code_version(),
    }
    logs = folder / "bitacoras"
    _log("  piso")
    result["piso"] = measure_floor(landing.full, folder / "piso", manifest, logs / "piso.log")
    workspace = new_workspace(folder / "siie")
    link_files(landing.full, workspace.landing)
    _log("  carga completa")
    result["completa"] = measure_siie(workspace, logs / "completa.log")
    result["igualdad"] = compare_indicators(workspace.warehouse, Path(result["piso"]["base"]))
    if "incremental" in scenarios:
        link_files(landing.new_period, workspace.landing)
        _log("  incremental")
        result["incremental"] = measure_siie(workspace, logs / "incremental.log")
        if check_incremental:  # the loaded warehouse must equal the floor over all periods
            floor_all = measure_floor(
                workspace.landing, folder / "piso_todo", manifest, logs / "piso_todo.log"
            )
            result["igualdad_incremental"] = compare_indicators(
                workspace.warehouse, Path(floor_all["base"])
            )
    if "sin_cambios" in scenarios:
        _log("  sin cambios")
        result["sin_cambios"] = measure_siie(workspace, logs / "sin_cambios.log")
    result["fin"] = _now()
    return result


def run_scale(
    scale: float,
    repeats: int,
    cache: Path,
    work: Path,
    manifest: Path,
    keep: bool,
    save,
    scenarios: tuple[str, ...] = SIIE_SCENARIOS,
) -> dict:
    landing = ensure_landing(scale, cache)
    entry = {
        "escala": scale,
        "comando": _command(),
        "codigo": code_version(),
        "inicio": _now(),
        "datos": _data_summary(landing),
        "repeticiones": [],
    }
    for number in range(1, repeats + 1):
        _log(f"escala {scale:g}, repetición {number} de {repeats}")
        folder = work / f"{scale_label(scale)}_r{number}"
        try:
            entry["repeticiones"].append(
                repetition(landing, folder, manifest, number == 1, scenarios)
            )
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
        entry["resumen"], entry["fin"] = summarise(entry["repeticiones"]), _now()
        save(entry)
        # Stored first, so that a repetition that fails its check can still be read.
        check_repetition(entry["repeticiones"][-1], scenarios)
    return entry


def _command() -> str:
    return " ".join(["python -m bench", shlex.join(sys.argv[1:])]).strip()


def load_results(path: Path) -> dict:
    if path.exists():
        return json.loads(path.read_text())
    return {"escalas": []}


def store_scale(path: Path, entry: dict) -> None:
    """Write `entry` into the results file, replacing the earlier entry of the same scale."""
    results = load_results(path)
    results["maquina"], results["actualizado"] = machine(), _now()
    results["escalas"] = sorted(
        [e for e in results["escalas"] if e["escala"] != entry["escala"]] + [entry],
        key=lambda e: e["escala"],
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")


def run_benchmark(
    scales,
    repeats: int | None,
    out: Path,
    cache: Path = DEFAULT_CACHE,
    work: Path | None = None,
    keep: bool = False,
    scenarios: tuple[str, ...] = SIIE_SCENARIOS,
) -> dict:
    manifest = compiled_manifest()  # derived from the repository's dbt project: kept in bench/cache
    prepare_siie()
    work = Path(work) if work else Path(tempfile.mkdtemp(prefix="siie_bench_"))
    try:
        for scale in scales:
            run_scale(
                scale,
                repeats or default_repeats(scale),
                cache,
                work,
                manifest,
                keep,
                save=lambda entry: store_scale(out, entry),
                scenarios=tuple(scenarios),
            )
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    check_results(load_results(out))
    return load_results(out)
