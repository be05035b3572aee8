"""Jobs: what a data engineer launches by name (UI, CLI, sensor, schedule)."""

from dagster import AssetSelection, define_asset_job

from pipelines.quality.checks import contract_check_keys
from pipelines.specs.job_names import (
    BUDGET_INGESTION_JOB,
    PUBLICATION_JOB,
    SCHOOL_INGESTION_JOB,
    TARGETS_INGESTION_JOB,
    YEARBOOK_INGESTION_JOB,
)

INGESTION_GROUP = "ingesta"

school_ingestion_job = define_asset_job(
    SCHOOL_INGESTION_JOB,
    selection=AssetSelection.assets("raw_matricula", "raw_trayectoria", "raw_plantilla"),
    description=(
        "Carga los extractos de matrícula, trayectoria "
        "y plantilla de un periodo escolar (o de varios)."
    ),
)

budget_ingestion_job = define_asset_job(
    BUDGET_INGESTION_JOB,
    selection=AssetSelection.assets("raw_presupuesto"),
    description="Carga los extractos de ejercicio presupuestal de un mes (o de varios).",
)

yearbook_ingestion_job = define_asset_job(
    YEARBOOK_INGESTION_JOB,
    selection=AssetSelection.assets("raw_anuies"),
    description="Carga los anuarios estadísticos ANUIES que haya en landing/anuies.",
)

targets_ingestion_job = define_asset_job(
    TARGETS_INGESTION_JOB,
    selection=AssetSelection.assets("raw_metas"),
    description=(
        "Carga las metas de los instrumentos de planeación (PDI, POA, MIR) de landing/metas."
    ),
)

publication_job = define_asset_job(
    PUBLICATION_JOB,
    # the raw tables' contract checks run here too, on everything loaded, before dbt builds on it
    selection=(AssetSelection.all() - AssetSelection.groups(INGESTION_GROUP))
    | AssetSelection.checks(*contract_check_keys()),
    description="dbt build (marts e indicadores), compuerta de calidad y publicación si todo pasó.",
)

INGESTION_JOBS = (
    school_ingestion_job,
    budget_ingestion_job,
    yearbook_ingestion_job,
    targets_ingestion_job,
)
ALL_JOBS = (*INGESTION_JOBS, publication_job)
