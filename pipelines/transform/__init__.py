"""Transformation (interpretation layer): the dbt project wired into Dagster.

For pipelines/definitions.py:

    from pipelines.transform import dbt_resource, siie_dbt_assets
    Definitions(assets=[..., siie_dbt_assets], resources={..., "dbt": dbt_resource()})
"""

from pipelines.transform.assets import DbtBuildConfig, siie_dbt_assets
from pipelines.transform.cli_args import dbt_build_args
from pipelines.transform.project import prepare_manifest, siie_dbt_project
from pipelines.transform.resource import dbt_resource
from pipelines.transform.translator import SiieDbtTranslator

__all__ = [
    "DbtBuildConfig",
    "SiieDbtTranslator",
    "dbt_build_args",
    "dbt_resource",
    "prepare_manifest",
    "siie_dbt_assets",
    "siie_dbt_project",
]
