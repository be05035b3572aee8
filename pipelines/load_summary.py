"""The ingestion part of what `siie run` prints at its end: a line per file, the most frequent
rejection reasons and the totals. Apart from summary.py so that a run with nothing new prints its
summary without importing the stages that publish and report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipelines.core.wording import count, number

STATE_LABELS = {
    "CARGADO": "cargado",
    "RECHAZADO": "RECHAZADO",
    "ERROR": "ERROR",
    "OMITIDO": "ya cargado antes, sin cambios",
}
TOP_REASONS = 10


def format_load_summary(loads: Iterable[dict]) -> str:
    loads = [load for load in loads if load["estado"] != "OTRA_PARTICION"]
    if not loads:
        return "Ingesta: no hay archivos nuevos en landing."
    lines = ["Ingesta (archivo: estado, filas leídas / cargadas / rechazadas):"]
    unchanged = [load for load in loads if load["estado"] == "OMITIDO"]
    for load in loads:
        if load["estado"] == "OMITIDO":
            continue
        counts = " / ".join(
            "—" if load[k] is None else number(load[k])
            for k in ("filas_leidas", "filas_cargadas", "filas_rechazadas")
        )
        lines.append(f"  {load['archivo']}: {STATE_LABELS[load['estado']]}, {counts}")
        if load["estado"] in ("RECHAZADO", "ERROR"):
            lines.append(f"      motivo: {load['mensaje']}")
    if unchanged:
        lines.append(
            f"  {count(len(unchanged), 'archivo ya cargado', 'archivos ya cargados')} antes, "
            "sin cambios: no se volvieron a cargar"
        )
    lines.extend(_reasons(loads))
    new = [load for load in loads if load["estado"] != "OMITIDO"]
    failed = [load for load in loads if load["estado"] in ("RECHAZADO", "ERROR")]
    lines.append(
        f"Total: {count(len(loads), 'archivo')} ({count(len(new), 'nuevo')}, "
        f"{len(failed)} con error); filas leídas {sum(x['filas_leidas'] for x in new):,}, "
        f"cargadas {sum(x['filas_cargadas'] for x in new):,}, rechazadas "
        f"{sum(x['filas_rechazadas'] for x in new):,} (detalle en raw.rechazos; `siie status`)."
    )
    return "\n".join(lines)


def format_unaccounted(names: list[str]) -> list[str]:
    """Files found new in landing that no ingestion run loaded, rejected or logged."""
    return [
        f"  ERROR {name}: se encontró en landing pero ninguna ingesta lo procesó; "
        "no tiene línea en raw.cargas (repórtelo al equipo de datos)"
        for name in names
    ]


def _reasons(loads: list[dict]) -> list[str]:
    reasons: Counter[str] = Counter()
    for load in loads:
        reasons.update(load.get("motivos", {}))
    if not reasons:
        return []
    lines = ["Filas rechazadas por motivo (columna: motivo):"]
    lines += [f"  {count:>6} × {reason}" for reason, count in reasons.most_common(TOP_REASONS)]
    if len(reasons) > TOP_REASONS:
        rest = sum(reasons.values()) - sum(c for _, c in reasons.most_common(TOP_REASONS))
        lines.append(f"  {rest:>6} × otros {len(reasons) - TOP_REASONS} motivos")
    return lines
