"""Jobs: what a data engineer launches by name."""

from dagster import AssetSelection, define_asset_job

full_run_job = define_asset_job(
    "siie_completo",
    selection=AssetSelection.all(),
    description="Carga completa: ingesta de todos los extractos en landing y lo que sigue.",
)
