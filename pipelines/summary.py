"""What a run prints at its end: a line per file and the totals, in Spanish, for the engineer."""

from __future__ import annotations

from collections.abc import Iterable

STATE_LABELS = {
    "CARGADO": "cargado",
    "RECHAZADO": "RECHAZADO",
    "ERROR": "ERROR",
    "OMITIDO": "ya cargado antes, sin cambios",
}


def format_load_summary(loads: Iterable[dict]) -> str:
    loads = list(loads)
    if not loads:
        return "Ingesta: no hay archivos en landing."
    lines = ["Ingesta (archivo: estado, filas leídas / cargadas / rechazadas):"]
    for load in loads:
        counts = f"{load['filas_leidas']} / {load['filas_cargadas']} / {load['filas_rechazadas']}"
        lines.append(f"  {load['archivo']}: {STATE_LABELS[load['estado']]}, {counts}")
        if load["estado"] in ("RECHAZADO", "ERROR"):
            lines.append(f"      motivo: {load['mensaje']}")
        for reason, count in list(load.get("motivos", {}).items())[:3]:
            lines.append(f"      {count} × {reason}")
    new = [load for load in loads if load["estado"] != "OMITIDO"]
    failed = [load for load in loads if load["estado"] in ("RECHAZADO", "ERROR")]
    lines.append(
        f"Total: {len(loads)} archivos ({len(new)} nuevos, {len(failed)} con error); filas leídas "
        f"{sum(x['filas_leidas'] for x in new)}, cargadas {sum(x['filas_cargadas'] for x in new)}, "
        f"rechazadas {sum(x['filas_rechazadas'] for x in new)} (detalle en raw.rechazos)."
    )
    return "\n".join(lines)
