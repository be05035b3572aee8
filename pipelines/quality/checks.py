"""Dagster asset checks that wrap the gate's GX results: one op per gate, one check per (asset, check).

- `puerta_calidad_raw` runs after ingestion: each raw table against the suite of its contract
  (blocking: dbt does not build on a table that breaks its contract) and the budget warning
  (WARN, never blocking).
- `puerta_calidad_marts` runs after dbt: marts ranges and control totals (blocking: the
  publication waits for it and does not run when one fails).

Both write their results under $SIIE_HOME/reports/validaciones/<run_id>/ and the auditors'
report, whose link every check carries in its metadata.
"""

from __future__ import annotations

from collections.abc import Iterator

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    multi_asset_check,
)

from pipelines.quality.gate import blocking_check
from pipelines.quality.registry import suites_of_gate
from pipelines.quality.results import CheckOutcome, GateResult
from pipelines.resources import SiieResource

GATE_OPS = {"raw": "puerta_calidad_raw", "marts": "puerta_calidad_marts"}


def check_specs(gate: str) -> list[AssetCheckSpec]:
    specs: dict[tuple[str, str], AssetCheckSpec] = {}
    for suite in suites_of_gate(gate):
        key = (suite.asset, suite.check)
        blocking = blocking_check(suite) or (key in specs and specs[key].blocking)
        description = suite.title if key not in specs else f"{specs[key].description}; {suite.title}"
        specs[key] = AssetCheckSpec(suite.check, asset=AssetKey.from_user_string(suite.asset),
                                    blocking=blocking, description=description)
    return list(specs.values())


def _failures_markdown(outcome: CheckOutcome) -> str:
    if outcome.error:
        return f"**No se pudo validar:** {outcome.error}"
    if not outcome.fallidas:
        return "Todas las expectativas se cumplieron."
    lines = ["| expectativa | columna | inesperadas | particiones | ejemplos |", "| --- | --- | --- | --- | --- |"]
    for e in outcome.fallidas:
        examples = ", ".join(e.ejemplos[:5]) or (e.error or "—")
        lines.append(f"| {e.descripcion} | {e.columna or '—'} | {e.inesperadas} | "
                     f"{'; '.join(e.lotes_fallidos)} | {examples} |")
    return "\n".join(lines)


def check_result(outcome: CheckOutcome, report_url: str, results_path: str) -> AssetCheckResult:
    severity = AssetCheckSeverity.ERROR if outcome.severidad == "ERROR" else AssetCheckSeverity.WARN
    return AssetCheckResult(
        asset_key=AssetKey.from_user_string(outcome.asset),
        check_name=outcome.check,
        passed=outcome.aprobada,
        severity=severity,
        description=outcome.titulo,
        metadata={
            "expectativas": len(outcome.expectativas),
            "expectativas_fallidas": len(outcome.fallidas),
            "filas_inesperadas": outcome.inesperadas,
            "lotes": outcome.lotes,
            "filas_validadas": outcome.filas,
            "segundos": outcome.segundos,
            "detalle": MetadataValue.md(_failures_markdown(outcome)),
            "informe": MetadataValue.url(report_url),
            "resultados_gx": MetadataValue.path(results_path),
        },
    )


def _run_gate(context: AssetCheckExecutionContext, siie: SiieResource, gate: str) -> Iterator[AssetCheckResult]:
    from pipelines.publish.report import write_report  # the report is the last stage's page
    from pipelines.quality.gate import run_gate
    from pipelines.quality.results import results_dir

    settings = siie.settings()
    result: GateResult = run_gate(settings, gate, context.run_id)
    report = write_report(settings, context.run_id)
    for outcome in result.verificaciones:
        log = context.log.info if outcome.aprobada else context.log.warning
        log(f"{outcome.asset} · {outcome.check}: {'aprobada' if outcome.aprobada else outcome.severidad}")
        yield check_result(outcome, report.as_uri(), str(results_dir(settings, context.run_id)))


@multi_asset_check(specs=check_specs("raw"), name=GATE_OPS["raw"],
                   description="Great Expectations sobre raw.*: contratos y avisos presupuestales.")
def puerta_calidad_raw(context: AssetCheckExecutionContext, siie: SiieResource) -> Iterator[AssetCheckResult]:
    yield from _run_gate(context, siie, "raw")


@multi_asset_check(specs=check_specs("marts"), name=GATE_OPS["marts"],
                   description="Great Expectations sobre los marts y conciliación de totales de control.")
def puerta_calidad_marts(context: AssetCheckExecutionContext, siie: SiieResource) -> Iterator[AssetCheckResult]:
    yield from _run_gate(context, siie, "marts")


quality_checks = [puerta_calidad_raw, puerta_calidad_marts]
