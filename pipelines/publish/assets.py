"""The Dagster asset `publicacion`: publishes when the run's blocking checks passed.

It depends on the marts it copies; the marts' blocking checks (pipelines.quality.checks) make
Dagster wait for the gate and skip this asset when one fails. The asset also reads the gate
results of its own run and refuses without them, so it never publishes unaudited data.
"""


from dagster import (
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.publish.tables import MART_MODELS
from pipelines.resources import SiieResource

PUBLICATION_ASSET = "publicacion"


@asset(
    name=PUBLICATION_ASSET,
    group_name="publicacion",
    deps=[AssetKey(["marts", model]) for model in MART_MODELS],
    kinds={"duckdb", "parquet"},
    description="Publicación para analistas: un archivo DuckDB nuevo de sólo lectura (+ Parquet, manifiesto y "
    "diccionario) con control de divulgación, puesto como published/current.duckdb de forma atómica.",
)
def publicacion(context: AssetExecutionContext, siie: SiieResource) -> MaterializeResult:
    from pipelines.publish.publication import publish
    from pipelines.publish.report import write_report
    from pipelines.publish.summary import published_line
    from pipelines.quality.results import load_gates

    settings = siie.settings()
    keep = settings.published_keep
    result = publish(settings, context.run_id, load_gates(settings, context.run_id), keep=keep)
    report = write_report(settings, context.run_id)
    if result.sin_cambios:
        context.log.info("; ".join(result.motivos))
        return MaterializeResult(metadata={
            "version": result.version_vigente, "sin_cambios": True, "informe": MetadataValue.url(report.as_uri()),
        })
    if not result.publicada:
        raise Failure(
            description="No se publicó; la publicación vigente no cambió: " + "; ".join(result.motivos),
            metadata={"informe": MetadataValue.url(report.as_uri())},
        )
    line = published_line(result.version, result.ruta)
    context.log.info(line)
    return MaterializeResult(metadata={
        "version": result.version,
        "ruta": MetadataValue.path(result.ruta),
        "filas_por_tabla": MetadataValue.json(result.filas_por_tabla),
        "versiones_eliminadas": MetadataValue.json(result.eliminadas),
        "segundos": result.segundos,
        "informe": MetadataValue.url(report.as_uri()),
    })


publication_assets = [publicacion]
