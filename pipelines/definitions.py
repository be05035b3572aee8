"""SIIE's Dagster code location: every asset, check, job, sensor, schedule and resource."""

from dagster import Definitions, in_process_executor

from pipelines.core.resources import SiieResource
from pipelines.ingest.assets import ingestion_assets
from pipelines.jobs import ALL_JOBS
from pipelines.publish.assets import publication_assets
from pipelines.quality.checks import quality_checks
from pipelines.report.reporter import AuditorsReport
from pipelines.schedules import nightly_publication
from pipelines.sensors import new_files_sensor, publish_after_ingestion
from pipelines.transform.assets import siie_dbt_assets
from pipelines.transform.resource import dbt_resource


def resources(siie: SiieResource | None = None) -> dict:
    """The resources every asset and check receives: settings, dbt and the auditors' report."""
    return {"siie": siie or SiieResource(), "dbt": dbt_resource(), "informe": AuditorsReport()}


defs = Definitions(
    assets=[*ingestion_assets, siie_dbt_assets, *publication_assets],
    asset_checks=quality_checks,
    jobs=list(ALL_JOBS),
    sensors=[new_files_sensor, publish_after_ingestion],
    schedules=[nightly_publication],
    resources=resources(),
    executor=in_process_executor,  # one writer to the working DuckDB file at a time
)
