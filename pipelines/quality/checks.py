"""Dagster asset checks that wrap the gate's GX results: one op per gate, one check per
(asset, check).

- `puerta_calidad_raw`: each raw table against the suite of its contract (ERROR, blocking: in a
  run that also builds the marts, dbt waits for it and does not run when a contract breaks) and
  the budget warning (WARN, never blocking). Its checks target the ingestion assets; ingestion
  runs evaluate them too (the op can be subset), and a publication run selects them by key
  (`contract_check_keys`) without reloading anything.
- `puerta_calidad_marts`: marts ranges and control totals (blocking: the publication waits for
  them and does not run when one fails).

Both write their results under $SIIE_HOME/reports/validaciones/<run_id>/ and the auditors'
report, whose link every check carries in its metadata.
"""

from collections.abc import Iterator

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckKey,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    ResourceParam,
    multi_asset_check,
)

from pipelines.core.progress import stage
from pipelines.core.reporting import RunReporter
from pipelines.core.resources import SiieResource
from pipelines.core.wording import count
from pipelines.quality.gate import blocking_check, run_gate
from pipelines.quality.registry import SuiteSpec, suites_of_gate
from pipelines.quality.results import CheckOutcome, blocked_reasons, results_dir
from pipelines.specs.asset_names import PUBLICATION_ASSET


def check_key(suite: SuiteSpec) -> AssetCheckKey:
    return AssetCheckKey(AssetKey.from_user_string(suite.asset), suite.check)


def check_specs(gate: str) -> list[AssetCheckSpec]:
    specs: dict[AssetCheckKey, AssetCheckSpec] = {}
    for suite in suites_of_gate(gate):
        key = check_key(suite)
        earlier = specs.get(key)
        specs[key] = AssetCheckSpec(
            suite.check,
            asset=key.asset_key,
            blocking=blocking_check(suite) or bool(earlier and earlier.blocking),
            description=suite.title if earlier is None else f"{earlier.description}; {suite.title}",
        )
    return list(specs.values())


def contract_check_keys() -> list[AssetCheckKey]:
    """The raw gate's checks, for a job that validates raw without materialising it."""
    return list(dict.fromkeys(check_key(s) for s in suites_of_gate("raw")))


def _failures_markdown(outcome: CheckOutcome) -> str:
    if outcome.error:
        return f"**No se pudo validar:** {outcome.error}"
    if not outcome.fallidas:
        return "Todas las expectativas se cumplieron."
    lines = [
        "| expectativa | columna | inesperadas | particiones | ejemplos |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in outcome.fallidas:
        examples = ", ".join(e.ejemplos[:5]) or (e.error or "—")
        lines.append(
            f"| {e.descripcion} | {e.columna or '—'} | {e.inesperadas} | "
            f"{'; '.join(e.lotes_fallidos)} | {examples} |"
        )
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


def _run_partition_keys(context: AssetCheckExecutionContext) -> set[str] | None:
    op_context = context.op_execution_context
    if op_context.has_partition_key or op_context.has_partition_key_range:
        return set(op_context.partition_keys)
    return None


GATE_TITLES = {"raw": "tablas raw", "marts": "marts"}


def _run_gate(
    context: AssetCheckExecutionContext, siie: SiieResource, informe: RunReporter, gate: str
) -> Iterator[AssetCheckResult]:
    # A blocking failure stops the run here, so the gate itself logs the refusal and writes the
    # report that the publication would otherwise write (both through the resource `informe`).
    settings = siie.settings()
    selected = context.selected_asset_check_keys
    suites = [s for s in suites_of_gate(gate) if check_key(s) in selected]
    publishes = AssetKey(PUBLICATION_ASSET) in context.job_def.asset_layer.selected_asset_keys
    with stage(
        f"Compuerta de calidad ({GATE_TITLES[gate]}): "
        f"{count(len(suites), 'suite')} de Great Expectations"
    ):
        result = run_gate(
            settings,
            gate,
            context.run.run_id,
            suites=suites,
            publishes=publishes,
            partition_keys=_run_partition_keys(context),
        )
    if publishes and not result.aprobada:
        informe.record_refusal(settings, context.run.run_id, blocked_reasons([result]))
    report = informe.report_of_run(settings, context.instance, context.run)
    for outcome in result.verificaciones:
        log = context.log.info if outcome.aprobada else context.log.warning
        log(
            f"{outcome.asset} · {outcome.check}: "
            f"{'aprobada' if outcome.aprobada else outcome.severidad}"
        )
        yield check_result(outcome, report.as_uri(), str(results_dir(settings, context.run.run_id)))


@multi_asset_check(
    specs=check_specs("raw"),
    name="puerta_calidad_raw",
    can_subset=True,
    description="Great Expectations sobre raw.*: contratos y avisos presupuestales.",
)
def puerta_calidad_raw(
    context: AssetCheckExecutionContext, siie: SiieResource, informe: ResourceParam[RunReporter]
) -> Iterator[AssetCheckResult]:
    yield from _run_gate(context, siie, informe, "raw")


@multi_asset_check(
    specs=check_specs("marts"),
    name="puerta_calidad_marts",
    can_subset=True,
    description="Great Expectations sobre los marts y conciliación de totales de control.",
)
def puerta_calidad_marts(
    context: AssetCheckExecutionContext, siie: SiieResource, informe: ResourceParam[RunReporter]
) -> Iterator[AssetCheckResult]:
    yield from _run_gate(context, siie, informe, "marts")


quality_checks = [puerta_calidad_raw, puerta_calidad_marts]
