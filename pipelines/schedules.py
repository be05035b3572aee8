"""Schedules: the nightly full check and publication (off until an engineer turns it on)."""

from dagster import DefaultScheduleStatus, ScheduleDefinition

from pipelines.jobs import publication_job

nightly_publication = ScheduleDefinition(
    name="publicacion_nocturna",
    job=publication_job,
    cron_schedule="0 2 * * *",
    execution_timezone="America/Mexico_City",
    default_status=DefaultScheduleStatus.STOPPED,
    description=(
        "Cada noche a las 02:00 (hora del centro de México): dbt build, "
        "compuerta de calidad y publicación. Apagada por omisión; se enciende en la UI "
        "(Automation) o con `dagster schedule start publicacion_nocturna -w workspace.yaml`."
    ),
)
