"""Transformation (interpretation layer): the dbt project wired into Dagster.

Kept free of imports so that a module of this stage (the dbt-file generators, project_files.py)
can be read without loading dagster-dbt; pipelines/definitions.py imports
`assets.siie_dbt_assets` and `resource.dbt_resource`.
"""
