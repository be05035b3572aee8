"""SIIE's Dagster code location: every asset, check, job and resource, gathered from their modules."""

from dagster import Definitions, in_process_executor

from pipelines.ingest.assets import ingestion_assets
from pipelines.jobs import ALL_JOBS
from pipelines.resources import SiieResource
from pipelines.transform import dbt_resource, siie_dbt_assets

defs = Definitions(
    assets=[*ingestion_assets, siie_dbt_assets],
    jobs=list(ALL_JOBS),
    resources={"siie": SiieResource(), "dbt": dbt_resource()},
    executor=in_process_executor,  # one writer to the working DuckDB file at a time
)
