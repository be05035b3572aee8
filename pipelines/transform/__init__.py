"""Transformation (interpretation layer): the dbt project wired into Dagster.

Kept free of imports so that reading the indicator catalog (indicator_catalog.py) does not load
dagster-dbt; pipelines/definitions.py imports `assets.siie_dbt_assets` and `resource.dbt_resource`.
"""
