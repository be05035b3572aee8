"""Audit and publish a test home the way the pipeline does (both gates, then the publication)."""

from __future__ import annotations

from pipelines.publish.publication import PublicationResult, publish
from pipelines.publish.versions import DEFAULT_KEEP
from pipelines.quality.gate import run_gate
from pipelines.quality.results import GateResult
from pipelines.report.writer import write_report


def audit(home, run_id: str) -> list[GateResult]:
    return [run_gate(home.settings, gate, run_id) for gate in ("raw", "marts")]


def audit_and_publish(home, run_id: str, keep: int = DEFAULT_KEEP) -> PublicationResult:
    """What the run does after dbt: both gates, the publication and the auditors' report."""
    result = publish(home.settings, run_id, audit(home, run_id), keep=keep)
    write_report(home.settings, run_id)
    return result


def break_a_percentage(home) -> None:
    """A percentage above 100 in the working copy's indicadores (the gate must block it)."""
    home.execute(
        "UPDATE marts.indicadores SET valor = 150 WHERE rowid = (SELECT min(rowid) "
        "FROM marts.indicadores WHERE clave_indicador = 'PCT_MUJERES' AND ambito = 'UNIDAD')"
    )


def new_load_log_entry(home, n: int) -> None:
    """A change in the data to publish (a published load-log column): the next publication has new
    content."""
    home.execute(
        f"UPDATE raw.cargas SET codificacion = 'cambio {n}' "
        "WHERE carga_id = (SELECT min(carga_id) FROM raw.cargas)"
    )
