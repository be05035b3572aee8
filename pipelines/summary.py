"""What `siie run` prints at its end, in Spanish, for the data engineer, after the ingestion's part
(load_summary.py): the checks of the run, the quality gate, what was published (or why not) and
where the report is.

It reads what every stage wrote, so it sits with the orchestration, above the report stage."""

from __future__ import annotations

from pipelines.core.config import Settings
from pipelines.portal.build import HOME_PAGE, PORTAL_DIR
from pipelines.publish.history import read_history
from pipelines.publish.publication import published_line
from pipelines.publish.versions import CURRENT_DIR, current_version
from pipelines.quality.results import load_gates
from pipelines.report.check_tally import CheckTally
from pipelines.report.index import find_entry
from pipelines.report.verdict import check_detail


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


def _portal_lines(settings: Settings) -> list[str]:
    """Where to open the current version's portal, when it has one."""
    home = settings.published_dir / CURRENT_DIR / PORTAL_DIR / HOME_PAGE
    if not home.is_file():
        return []
    return [f"Portal de indicadores (ábralo en un navegador): {home}"]


def format_publication_summary(settings: Settings, run_id: str, with_report: bool = True) -> str:
    lines = _gate_lines(settings, run_id) + [_publication_line(settings, run_id)]
    lines += _portal_lines(settings)
    entry = find_entry(settings.reports_dir, run_id) if with_report else None
    if entry is not None:
        lines.append(f"Informe para auditoría: {settings.reports_dir / entry.archivo}")
    return "\n".join(lines)
