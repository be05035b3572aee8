"""The dbt project as Dagster assets: one multi-asset over the manifest; dbt tests are checks."""

from dagster import AssetExecutionContext, Config
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines.resources import SiieResource
from pipelines.retries import TRANSIENT_RETRIES
from pipelines.transform.cli_args import dbt_build_args
from pipelines.transform.project import ensure_manifest, siie_dbt_project
from pipelines.transform.translator import SiieDbtTranslator


class DbtBuildConfig(Config):
    full_refresh: bool = False
    """Rebuild the incremental facts from scratch instead of only new or reloaded periods."""


@dbt_assets(
    manifest=ensure_manifest(siie_dbt_project),
    project=siie_dbt_project,
    dagster_dbt_translator=SiieDbtTranslator(),
    name="siie_dbt",
    retry_policy=TRANSIENT_RETRIES,
)
def siie_dbt_assets(
    context: AssetExecutionContext, dbt: DbtCliResource, siie: SiieResource, config: DbtBuildConfig
):
    args = dbt_build_args(siie.settings().home, full_refresh=config.full_refresh)
    yield from dbt.cli(args, context=context).stream()
