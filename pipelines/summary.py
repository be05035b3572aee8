"""What `siie run` prints at its end, in Spanish, for the data engineer: a line per file, the most
frequent rejection reasons and the totals of the ingestion; the checks of the run; the quality gate,
what was published (or why not) and where the report is.

It reads what every stage wrote, so it sits with the orchestration, above the report stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dagster import AssetCheckSeverity

from pipelines.core.config import Settings
from pipelines.core.wording import count, number
from pipelines.publish.history import read_history
from pipelines.publish.publication import NO_CHANGES, published_line
from pipelines.publish.versions import current_version
from pipelines.quality.results import load_gates
from pipelines.report.index import find_entry

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
    for load in loads:
        counts = " / ".join(
            "—" if load[k] is None else number(load[k])
            for k in ("filas_leidas", "filas_cargadas", "filas_rechazadas")
        )
        lines.append(f"  {load['archivo']}: {STATE_LABELS[load['estado']]}, {counts}")
        if load["estado"] in ("RECHAZADO", "ERROR"):
            lines.append(f"      motivo: {load['mensaje']}")
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


def format_run_summary(result) -> str:
    """The checks of a run (dbt tests and quality gate): how many passed, and the blocking
    failures."""
    checks = result.get_asset_check_evaluations()
    failed = [e for e in checks if not e.passed]
    blocking = [e for e in failed if e.severity == AssetCheckSeverity.ERROR]
    passed = len(checks) - len(failed)
    headline = (
        "Verificaciones (pruebas de dbt y compuerta de calidad): "
        f"{passed} de {len(checks)} pasaron; {count(len(blocking), 'fallida')} que "
        f"bloquean, {count(len(failed) - len(blocking), 'aviso')}."
    )
    lines = [headline]
    lines += [f"  FALLÓ {e.asset_key.to_user_string()} · {e.check_name}" for e in blocking]
    return "\n".join(lines)


def _gate_lines(settings: Settings, run_id: str) -> list[str]:
    checks = [c for g in load_gates(settings, run_id) for c in g.verificaciones]
    if not checks:
        return ["Calidad: la puerta de calidad no se ejecutó."]
    failed = [c for c in checks if c.bloquea]
    warnings = [c for c in checks if not c.aprobada and not c.bloquea]
    passed = len(checks) - len(failed) - len(warnings)
    lines = [
        (
            f"Calidad: {count(len(checks), 'verificación', 'verificaciones')}, "
            f"{count(passed, 'aprobada')}, {count(len(failed), 'fallida')} (bloquean), "
            f"{count(len(warnings), 'aviso')}."
        )
    ]
    for check in failed + warnings:
        label = "FALLÓ" if check.bloquea else "aviso"
        detail = check.error or "; ".join(
            f"{e.descripcion}: {e.inesperadas} inesperadas" for e in check.fallidas[:2]
        )
        lines.append(f"  {label} {check.asset} · {check.check}: {detail}")
    return lines


def _publication_line(settings: Settings, run_id: str) -> str:
    own = [a for a in read_history(settings.published_dir) if a.run_id == run_id]
    current = current_version(settings.published_dir)
    if own and own[-1].publicada:
        return published_line(own[-1].version, settings.published_dir / "current.duckdb")
    if own and own[-1].motivos and own[-1].motivos[0].startswith(NO_CHANGES):
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
