"""What `siie run` prints at its end, in Spanish, for the data engineer: a line per file, the most
frequent rejection reasons and the totals of the ingestion; the checks of the run; the quality gate,
what was published (or why not) and where the report is.

It reads what every stage wrote, so it sits with the orchestration, above the report stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipelines.core.config import Settings
from pipelines.core.wording import count, number
from pipelines.publish.history import read_history
from pipelines.publish.publication import published_line
from pipelines.publish.versions import current_version
from pipelines.quality.results import load_gates
from pipelines.report.check_tally import CheckTally
from pipelines.report.index import find_entry
from pipelines.report.verdict import check_detail

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


def format_check_summary(tally: CheckTally, blocking: list[str]) -> str:
    """The run's one count of checks (the report's and the log's too), then what blocked."""
    return "\n".join([f"{tally.line()}.", *(f"  FALLÓ {b}" for b in blocking)])


def _gate_lines(settings: Settings, run_id: str) -> list[str]:
    """The gate's checks that failed or warned, with what they found (the count of checks is
    pipelines.report.check_tally's, said once for the whole run)."""
    checks = [c for g in load_gates(settings, run_id) for c in g.verificaciones]
    if not checks:
        return ["Calidad: la puerta de calidad no se ejecutó."]
    failed = [c for c in checks if c.bloquea]
    warnings = [c for c in checks if not c.aprobada and not c.bloquea]
    return [
        f"  {'FALLÓ' if check.bloquea else 'AVISO'} {check.asset} · {check.check}: "
        f"{check_detail(check)}"
        for check in failed + warnings
    ]


def _publication_line(settings: Settings, run_id: str) -> str:
    own = [a for a in read_history(settings.published_dir) if a.run_id == run_id]
    current = current_version(settings.published_dir)
    if own and own[-1].publicada:
        return published_line(own[-1].version, settings.published_dir / "current.duckdb")
    if own and own[-1].nothing_new:
        return (
            f"Nada nuevo que publicar: sigue vigente la versión {current}: "
            f"{settings.published_dir / 'current.duckdb'}"
        )
    kept = f"sigue vigente la versión {current}" if current else "aún no hay publicación"
    reasons = "; ".join(own[-1].motivos) if own else "la ejecución no llegó a publicar"
    return f"No se publicó ({kept}): {reasons}"


def format_publication_summary(settings: Settings, run_id: str, with_report: bool = True) -> str:
    lines = _gate_lines(settings, run_id) + [_publication_line(settings, run_id)]
    entry = find_entry(settings.reports_dir, run_id) if with_report else None
    if entry is not None:
        lines.append(f"Informe para auditoría: {settings.reports_dir / entry.archivo}")
    return "\n".join(lines)
