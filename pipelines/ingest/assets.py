"""Dagster assets of the source → integration step: one asset per extract kind."""

import warnings

import duckdb
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetsDefinition,
    BackfillPolicy,
    BetaWarning,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.core.config import SOURCE_KINDS
from pipelines.core.progress import note, stage
from pipelines.core.resources import SiieResource
from pipelines.core.retries import TRANSIENT_RETRIES
from pipelines.core.warehouse_lock import is_lock_error
from pipelines.core.wording import count
from pipelines.ingest.identifiers import scrub_message, scrub_value
from pipelines.ingest.landing import load_kind
from pipelines.ingest.load_record import LoadRecord
from pipelines.ingest.partitions import partitions_for
from pipelines.specs.contracts import load_contract

FAILED_STATES = ("ERROR", "RECHAZADO")


def raw_asset_name(kind: str) -> str:
    return f"raw_{kind}"


def _describe(result: LoadRecord) -> str:
    line = (
        f"{result.archivo}: {result.estado}, periodo {result.periodo or '-'}, "
        f"leídas {result.filas_leidas}, cargadas {result.filas_cargadas}, "
        f"rechazadas {result.filas_rechazadas}"
    )
    return scrub_message(f"{line} — {result.mensaje}" if result.mensaje else line)


def _files_check(name: str, results: list[LoadRecord]) -> AssetCheckResult:
    failed = [r for r in results if r.estado in FAILED_STATES]
    return AssetCheckResult(
        check_name="archivos_sin_error",
        asset_key=name,
        passed=not failed,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "archivos_con_error": MetadataValue.md(
                "\n".join(f"- {_describe(r)}" for r in failed) or "ninguno"
            )
        },
    )


def _load(kind: str, settings, partitions: frozenset[str] | None) -> list[LoadRecord]:
    """Each file's own problems are in its results; what escapes is about the warehouse: a lock
    held for a moment is retried (TRANSIENT_RETRIES), anything else would fail the same way
    again."""
    try:
        with duckdb.connect(str(settings.warehouse_path)) as con:
            return load_kind(con, kind, settings, partitions=partitions)
    except Exception as error:
        if is_lock_error(error):
            raise
        raise Failure(
            description=(
                f"la ingesta de {kind} falló: {type(error).__name__}: {scrub_value(str(error))}"
            ),
            allow_retries=False,
        ) from None


def _partitions_label(context: AssetExecutionContext) -> str:
    keys = context.partition_keys
    return keys[0] if len(keys) == 1 else f"{keys[0]} a {keys[-1]}"


def _loaded_line(results: list[LoadRecord]) -> str:
    new = [r for r in results if r.estado != "OMITIDO"]
    failed = sum(r.estado in FAILED_STATES for r in new)
    return (
        f"{count(len(new), 'archivo nuevo', 'archivos nuevos')} ({failed} con error): "
        f"{sum(r.filas_cargadas for r in new):,} filas cargadas, "
        f"{sum(r.filas_rechazadas for r in new):,} rechazadas"
    )


def _end_of_ingestion(end, results: list[LoadRecord]) -> None:
    """Its line says what was loaded; a kind with no file for these partitions says nothing, and
    one whose new files were rejected ends with ⚠, not ✓."""
    new = [r for r in results if r.estado != "OMITIDO"]
    if not new:
        end.skip()
        return
    note(_loaded_line(results))
    failed = [r for r in new if r.estado in FAILED_STATES]
    if failed:
        rejected = count(len(failed), "archivo rechazado", "archivos rechazados")
        end.warn(f"{rejected} o con error, {count(len(new) - len(failed), 'cargado')}")


DESCRIPTIONS = {
    "anuies": "Anuario estadístico ANUIES (licenciatura): renglones de programa en raw.anuies y "
    "conciliación de sus totales en raw.anuies_conciliacion.",
}


def _description(kind: str) -> str:
    if kind in DESCRIPTIONS:
        return DESCRIPTIONS[kind]
    contract = load_contract(kind)
    return f"{contract.title}: {contract.description} Tabla raw.{kind}."


def _asset_decorator(kind: str, name: str, partitions):
    return asset(
        name=name,
        group_name="ingesta",
        description=_description(kind),
        kinds={"polars", "duckdb"},
        check_specs=[
            AssetCheckSpec(
                "archivos_sin_error",
                asset=name,
                description="Ningún archivo de esta ejecución quedó en ERROR o RECHAZADO.",
            )
        ],
        metadata={"tabla": f"raw.{kind}"},
        partitions_def=partitions,
        backfill_policy=BackfillPolicy.single_run() if partitions else None,
        retry_policy=TRANSIENT_RETRIES,
    )


def build_ingestion_asset(kind: str) -> AssetsDefinition:
    name = raw_asset_name(kind)
    partitions = partitions_for(kind)
    with warnings.catch_warnings():
        # A backfill of many periods loads in one run (one warehouse lock, one dbt build after it);
        # Dagster still labels backfill_policy beta, which only adds noise to every startup.
        warnings.filterwarnings("ignore", category=BetaWarning, message=".*backfill_policy")
        ingestion_asset = _asset_decorator(kind, name, partitions)

    @ingestion_asset
    def _ingest(context: AssetExecutionContext, siie: SiieResource):
        settings = siie.settings()
        settings.home.mkdir(parents=True, exist_ok=True)
        wanted = frozenset(context.partition_keys) if context.has_partition_key else None
        title = f"Ingesta de {kind}" + (f" ({_partitions_label(context)})" if wanted else "")
        with stage(title, quiet=True) as end:
            results = [r for r in _load(kind, settings, wanted) if r.estado != "OTRA_PARTICION"]
            _end_of_ingestion(end, results)
        for result in results:
            log = context.log.warning if result.estado in FAILED_STATES else context.log.info
            log(_describe(result))
        yield MaterializeResult(
            metadata={
                "archivos": len(results),
                "filas_leidas": sum(r.filas_leidas for r in results),
                "filas_cargadas": sum(r.filas_cargadas for r in results),
                "filas_rechazadas": sum(r.filas_rechazadas for r in results),
                "cargas": MetadataValue.json([r.reported() for r in results]),
            }
        )
        yield _files_check(name, results)

    return _ingest


ingestion_assets = [build_ingestion_asset(kind) for kind in SOURCE_KINDS]
