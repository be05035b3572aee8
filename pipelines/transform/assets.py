"""The dbt project as Dagster assets: one multi-asset over the manifest; dbt tests are checks.

Each model's materialisation carries its column schema and column lineage (column_metadata.py),
traced once per version of the project (column_memo.py).
"""

from collections import Counter
from collections.abc import Callable

from dagster import AssetExecutionContext, AssetMaterialization, Config, Failure, Output
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines.core.failures import is_disk_full
from pipelines.core.progress import counter, stage
from pipelines.core.resources import SiieResource
from pipelines.core.retries import TRANSIENT_RETRIES
from pipelines.core.warehouse_lock import LOCKED
from pipelines.core.wording import count
from pipelines.transform.cli_args import dbt_build_args
from pipelines.transform.column_memo import ColumnMemo, project_fingerprint
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
    nodes = _selected_nodes(context)
    tests = len(context.selected_asset_check_keys)
    with stage(f"dbt build: {_nodes_text(nodes)} y {count(tests, 'prueba')}"):
        # One target per warehouse, kept between builds: dbt's partial parsing needs the last
        # parse of the same warehouse (its path and vars are part of the parse state).
        try:
            invocation = dbt.cli(args, context=context, target_path=settings.dbt_target_dir)
            memo = ColumnMemo(settings.home, project_fingerprint(siie_dbt_project.project_dir))
            yield from with_column_metadata(invocation, _node_counter(sum(nodes.values())), memo)
        except Exception as error:
            if LOCKED in str(error):
                raise  # the warehouse held for a moment by another process: retried
            raise Failure(description=_not_retried(error), allow_retries=False) from error


def _not_retried(error: Exception) -> str:
    """A build that failed on the data, the code or a full disk would fail the same way again:
    only a warehouse locked for a moment is worth a retry (TRANSIENT_RETRIES)."""
    cause = "no queda espacio en disco" if is_disk_full(error) else "no se reintenta"
    return f"dbt build falló ({cause}): {error}"


# dbt's resource types as SIIE says them, in dbt's order ("Found 34 models, 3 seeds, …").
NODE_WORDS = {
    "model": ("modelo", "modelos"),
    "seed": ("semilla", "semillas"),
    "snapshot": ("snapshot", "snapshots"),
}


def _selected_nodes(context: AssetExecutionContext) -> Counter[str]:
    """How many models, seeds and snapshots this build selects (dbt's resource types)."""
    specs = {spec.key: spec for spec in context.assets_def.specs}
    return Counter(
        str(specs[key].metadata["dagster_dbt/unique_id"]).split(".")[0]
        for key in context.selected_asset_keys
    )


def _nodes_text(nodes: Counter[str]) -> str:
    """`34 modelos, 3 semillas, 1 snapshot`: the figures of dbt's own "Found …" line."""
    return ", ".join(
        count(nodes[kind], *NODE_WORDS.get(kind, (kind, kind + "s")))
        for kind in (*NODE_WORDS, *sorted(set(nodes) - set(NODE_WORDS)))
        if nodes[kind]
    )


def _node_counter(nodes: int) -> Callable[[object], None]:
    """A progress line per model, seed or snapshot built (test results do not count)."""
    built = 0

    def count_built(event: object) -> None:
        nonlocal built
        if isinstance(event, Output | AssetMaterialization):
            built += 1
            counter(f"dbt: {built} de {nodes} modelos, semillas y snapshots construidos")

    return count_built
