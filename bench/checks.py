"""What every benchmark run must hold, checked by the runner on what it just measured (and by the
tests on the stored results.json): SIIE's indicators equal the floor's, every `siie run` ended
well, its stages add up to its time, and the results file has the shape the report reads."""

from __future__ import annotations

import math

from bench.stages import STAGE_ORDER


class BenchCheckFailed(Exception):
    """A measured repetition or a results file that is not what the benchmark promises."""


def check_repetition(repetition: dict, scenarios: tuple[str, ...]) -> None:
    equal = repetition["igualdad"]
    if not (equal["iguales"] and equal["filas_siie"] > 0):
        raise BenchCheckFailed(f"los indicadores de SIIE difieren de los del piso: {equal}")
    if repetition["piso"]["filas_indicadores"] != equal["filas_piso"]:
        raise BenchCheckFailed("el piso no comparó todos sus indicadores con los de SIIE")
    incremental = repetition.get("igualdad_incremental")
    if incremental is not None and not incremental["iguales"]:
        raise BenchCheckFailed(f"tras el periodo nuevo SIIE difiere del piso: {incremental}")
    if not repetition["piso"]["pico_memoria_mib"] > 0:
        raise BenchCheckFailed("no se midió la memoria del piso")
    for scenario in scenarios:
        _check_measured(scenario, repetition[scenario])


def _check_measured(scenario: str, measured: dict) -> None:
    if measured["codigo_salida"] != 0:
        raise BenchCheckFailed(
            f"siie run ({scenario}) terminó con error: {measured.get('resumen_siie')}"
        )
    stages = measured["etapas"]
    if not set(STAGE_ORDER) <= set(stages):
        raise BenchCheckFailed(f"{scenario}: faltan etapas {set(STAGE_ORDER) - set(stages)}")
    if not math.isclose(sum(stages.values()), measured["segundos"], abs_tol=0.05):
        raise BenchCheckFailed(f"{scenario}: las etapas no suman el tiempo total")
    if not measured["pico_memoria_mib"] > 0:
        raise BenchCheckFailed(f"{scenario}: no se midió la memoria")
    if scenario == "completa" and not (stages["ingesta"] > 0 and stages["dbt"] > 0):
        raise BenchCheckFailed("la carga completa no midió la ingesta o dbt")


def check_results(data: dict) -> None:
    """The results file as the report and its readers expect it."""
    machine = data["maquina"]
    if not (machine["nucleos"] >= 1 and machine["memoria_gib"] > 0):
        raise BenchCheckFailed(f"máquina sin describir: {machine}")
    for entry in data["escalas"]:
        if not entry["comando"].startswith("python -m bench"):
            raise BenchCheckFailed(f"escala {entry['escala']}: sin la orden que la midió")
        if not (
            entry["datos"]["alumnos_por_periodo"] > 0 and entry["datos"]["archivos_nuevos"] == 3
        ):
            raise BenchCheckFailed(f"escala {entry['escala']}: datos mal descritos")
        scenarios = tuple(
            s for s in ("completa", "incremental", "sin_cambios") if s in entry["repeticiones"][0]
        )
        for repetition in entry["repeticiones"]:
            check_repetition(repetition, scenarios)
        summary = entry["resumen"]
        if summary["completa"]["segundos"]["n"] != len(entry["repeticiones"]):
            raise BenchCheckFailed(
                f"escala {entry['escala']}: el resumen no cuenta cada repetición"
            )
        if "completa_entre_piso" not in summary["razones"]:
            raise BenchCheckFailed(f"escala {entry['escala']}: falta la razón SIIE / piso")
