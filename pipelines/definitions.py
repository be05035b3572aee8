"""SIIE's Dagster code location: every asset, check, job and resource, gathered from their modules."""

from dagster import Definitions, in_process_executor

from pipelines.ingest.assets import ingestion_assets
from pipelines.jobs import full_run_job
from pipelines.resources import SiieResource

defs = Definitions(
    assets=[*ingestion_assets],
    jobs=[full_run_job],
    resources={"siie": SiieResource()},
    executor=in_process_executor,  # one writer to the working DuckDB file at a time
)
