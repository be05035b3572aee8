"""The dbt project as Dagster assets: one multi-asset over the manifest; dbt tests are checks.

Each model's materialisation carries its column schema and column lineage (column_metadata.py).
"""

from collections.abc import Callable

from dagster import AssetExecutionContext, AssetMaterialization, Config, Output
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines.core.progress import counter, stage
from pipelines.core.resources import SiieResource
from pipelines.core.retries import TRANSIENT_RETRIES
from pipelines.core.wording import count
from pipelines.transform.cli_args import dbt_build_args
from pipelines.transform.column_metadata import with_column_metadata
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
    settings = siie.settings()
    args = dbt_build_args(settings.home, full_refresh=config.full_refresh)
    models = len(context.selected_asset_keys)
    with stage(f"dbt build: {count(models, 'modelo')} y sus pruebas"):
        # One target per warehouse, kept between builds: dbt's partial parsing needs the last
        # parse of the same warehouse (its path and vars are part of the parse state).
        invocation = dbt.cli(args, context=context, target_path=settings.dbt_target_dir)
        yield from with_column_metadata(invocation, _model_counter(models))


def _model_counter(models: int) -> Callable[[object], None]:
    """A progress line per model built (seeds and snapshots count too; test results do not)."""
    built = 0

    def count_built(event: object) -> None:
        nonlocal built
        if isinstance(event, Output | AssetMaterialization):
            built += 1
            counter(f"dbt: {built} de {models} modelos")

    return count_built
