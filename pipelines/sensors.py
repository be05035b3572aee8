"""Sensors: new files in landing start their ingestion; a finished ingestion starts the
transformation, the quality gate and the publication."""

import hashlib

import duckdb
from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    run_status_sensor,
    sensor,
)

from pipelines.core.resources import SiieResource
from pipelines.ingest.discovery import LandedFile
from pipelines.ingest.file_names import printable_name
from pipelines.ingest.identifiers import recorded_name
from pipelines.ingest.partitions import budget_months, school_periods
from pipelines.ingest.planning import (
    IngestionRequest,
    WatchState,
    ingestion_requests,
    known_files,
    new_school_periods,
    watch_landing,
)
from pipelines.jobs import INGESTION_JOBS, publication_job


def _run_request(request: IngestionRequest, ready: list[LandedFile]) -> RunRequest:
    tags = {
        "siie/archivos": ", ".join(recorded_name(printable_name(f.path.name)) for f in ready)[:1000]
    }
    content = hashlib.sha256(
        "".join(sorted(f.sha256 or printable_name(f.path) for f in ready)).encode()
    ).hexdigest()[:16]
    run_key = f"{request.job_name}:{request.first}:{request.last}:{content}"
    if request.first is not None and request.single:
        return RunRequest(
            job_name=request.job_name, partition_key=request.first, tags=tags, run_key=run_key
        )
    return RunRequest(job_name=request.job_name, tags=tags | request.range_tags(), run_key=run_key)


def _known_files(siie: SiieResource) -> set[str] | None:
    """sha256 of the files the warehouse already has; None while a run holds the file's lock."""
    try:
        return known_files(siie.settings())
    except duckdb.Error:
        return None


@sensor(
    name="archivos_nuevos_en_landing",
    jobs=list(INGESTION_JOBS),
    minimum_interval_seconds=10,
    default_status=DefaultSensorStatus.RUNNING,
    description=(
        "Un archivo nuevo (por sha256) y que ya no cambia de tamaño pide la carga de su partición."
    ),
)
def new_files_sensor(
    context: SensorEvaluationContext, siie: SiieResource
) -> SensorResult | SkipReason:
    known = _known_files(siie)
    if known is None:  # look again next tick, with the cursor as it is
        return SkipReason(
            "el almacén está ocupado por una ejecución; se revisa en el siguiente ciclo"
        )
    state, plan = watch_landing(siie.settings(), WatchState.from_cursor(context.cursor), known)
    existing = context.instance.get_dynamic_partitions(school_periods.name)
    new_keys = new_school_periods(plan, existing)
    requests = ingestion_requests(plan, existing + new_keys, budget_months.get_last_partition_key())
    return SensorResult(
        run_requests=[_run_request(r, plan.files) for r in requests],
        dynamic_partitions_requests=[school_periods.build_add_request(new_keys)]
        if new_keys
        else [],
        cursor=state.to_cursor(),
    )


@run_status_sensor(
    name="publicar_tras_la_carga",
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=list(INGESTION_JOBS),
    request_job=publication_job,
    minimum_interval_seconds=10,
    default_status=DefaultSensorStatus.RUNNING,
    description=(
        "Cada carga terminada con éxito pide dbt, la compuerta de calidad y la publicación."
    ),
)
def publish_after_ingestion(context):
    return RunRequest(run_key=f"publicar:{context.dagster_run.run_id}")
