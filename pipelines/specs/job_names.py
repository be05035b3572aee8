"""Names of the Dagster jobs, written once: the jobs (pipelines/jobs.py) are defined under them, the
one planner (pipelines/ingest/planning.py) asks for runs of them, and `siie run` launches them."""

SCHOOL_INGESTION_JOB = "ingesta_escolar"
BUDGET_INGESTION_JOB = "ingesta_presupuesto"
YEARBOOK_INGESTION_JOB = "ingesta_anuies"
TARGETS_INGESTION_JOB = "ingesta_metas"
PUBLICATION_JOB = "transformacion_y_publicacion"
