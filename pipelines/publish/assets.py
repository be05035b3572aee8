"""The Dagster asset `publicacion`: publishes when the run's blocking checks passed.

It depends on the marts it copies; the marts' blocking checks (pipelines.quality.checks) make
Dagster wait for the gate and skip this asset when one fails. The asset also reads the gate
results of its own run and refuses without them, so it never publishes unaudited data.
"""

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    ResourceParam,
    asset,
)

from pipelines.core.progress import stage
from pipelines.core.reporting import RunReporter
from pipelines.core.resources import SiieResource
from pipelines.publish.publication import publish, published_line
from pipelines.publish.tables import MART_MODELS
from pipelines.quality.results import load_gates
from pipelines.specs.asset_names import PUBLICATION_ASSET

DISCLOSURE_AUDIT_CHECK = "auditoria_divulgacion"


def _audit_check(audit) -> AssetCheckResult:
    """The disclosure audit (pipelines.audit) of the version built, as the asset's blocking
    check."""
    summary = audit.summary()
    return AssetCheckResult(
        check_name=DISCLOSURE_AUDIT_CHECK,
        passed=audit.passed,
        severity=AssetCheckSeverity.ERROR,
        metadata={
            "celdas_primarias": audit.protected_cells,
            "celdas_angostas": len(audit.narrow),
            "programas_lineales": audit.lps,
            "periodos_recordados": audit.recalled,
            "segundos": audit.seconds,
            "cifras_expuestas": len(audit.exposed),
            "igual_a_version": audit.same_as_version or 0,
            "angostas": MetadataValue.json(summary["angostas"]),
            "expuestas": MetadataValue.json(summary["expuestas"]),
        },
    )


@asset(
    name=PUBLICATION_ASSET,
    group_name="publicacion",
    deps=[AssetKey(["marts", model]) for model in MART_MODELS],
    kinds={"duckdb", "parquet"},
    check_specs=[
        AssetCheckSpec(
            DISCLOSURE_AUDIT_CHECK,
            asset=PUBLICATION_ASSET,
            blocking=True,
            description=(
                "Ninguna celda suprimida puede acotarse, con programación "
                "lineal sobre todo lo publicado de su periodo, a un intervalo "
                "más angosto que el nivel de protección; si no, no se publica."
            ),
        )
    ],
    description=(
        "Publicación para analistas: un archivo DuckDB nuevo de sólo lectura "
        "(+ Parquet, manifiesto y diccionario) con control de divulgación, "
        "puesto como published/current.duckdb de forma atómica."
    ),
)
def publicacion(
    context: AssetExecutionContext, siie: SiieResource, informe: ResourceParam[RunReporter]
):
    settings = siie.settings()
    keep = settings.published_keep
    with stage("Publicación"):
        result = publish(
            settings, context.run.run_id, load_gates(settings, context.run.run_id), keep=keep
        )
    report = informe.report_of_run(settings, context.instance, context.run)
    if result.auditoria is not None:
        yield _audit_check(result.auditoria)
    if result.sin_cambios:
        context.log.info("; ".join(result.motivos))
        yield MaterializeResult(
            metadata={
                "version": result.version_vigente,
                "sin_cambios": True,
                "informe": MetadataValue.url(report.as_uri()),
            }
        )
        return
    if not result.publicada:
        raise Failure(
            description="No se publicó; la publicación vigente no cambió: "
            + "; ".join(result.motivos),
            metadata={"informe": MetadataValue.url(report.as_uri())},
        )
    line = published_line(result.version, result.ruta)
    context.log.info(line)
    yield MaterializeResult(
        metadata={
            "version": result.version,
            "ruta": MetadataValue.path(result.ruta),
            "filas_por_tabla": MetadataValue.json(result.filas_por_tabla),
            "versiones_eliminadas": MetadataValue.json(result.eliminadas),
            "segundos": result.segundos,
            "informe": MetadataValue.url(report.as_uri()),
        }
    )


publication_assets = [publicacion]
