"""Medians and spreads of the repetitions of one scale, and the ratios the targets speak of."""

from __future__ import annotations

from statistics import median

SIIE_SCENARIOS = ("completa", "incremental", "sin_cambios")
SCENARIOS = (*SIIE_SCENARIOS, "piso")


def spread(values: list[float]) -> dict:
    """median, min, max and the spread (max − min) / median."""
    values = [v for v in values if v is not None]
    if not values:
        return {}
    middle = median(values)
    return {
        "mediana": round(middle, 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "dispersion": round((max(values) - min(values)) / middle, 3) if middle else None,
        "n": len(values),
    }


def summarise(repetitions: list[dict]) -> dict:
    result = {}
    for scenario in SCENARIOS:
        runs = [r[scenario] for r in repetitions if scenario in r]
        if not runs:
            continue
        entry = {
            "segundos": spread([r["segundos"] for r in runs]),
            "pico_memoria_mib": spread([r["pico_memoria_mib"] for r in runs]),
        }
        for key in ("etapas", "partes_publicacion"):
            names = list(dict.fromkeys(name for r in runs for name in r.get(key, {})))
            if names:
                entry[key] = {name: spread([r[key].get(name, 0.0) for r in runs]) for name in names}
        result[scenario] = entry
    result["razones"] = _ratios(result)
    paired = [
        r["completa"]["segundos"] / r["piso"]["segundos"]
        for r in repetitions
        if "completa" in r and "piso" in r
    ]
    if paired:  # each repetition's own ratio: both measured minutes apart, under the same load
        result["razones"]["completa_entre_piso_por_repeticion"] = spread(paired)
    return result


def _median(summary: dict, scenario: str) -> float | None:
    return summary.get(scenario, {}).get("segundos", {}).get("mediana")


def _ratios(summary: dict) -> dict:
    full, floor = _median(summary, "completa"), _median(summary, "piso")
    ratios = {}
    if full and floor:
        ratios["completa_entre_piso"] = round(full / floor, 2)
    for scenario in ("incremental", "sin_cambios"):
        value = _median(summary, scenario)
        if full and value:
            ratios[f"{scenario}_entre_completa"] = round(value / full, 3)
    return ratios
