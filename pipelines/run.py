"""`siie run`: the whole pipeline as one Dagster run on the persistent instance, then its summary."""

from __future__ import annotations

from dagster import DagsterInstance

from pipelines.summary import format_load_summary

EXIT_OK, EXIT_FILES_FAILED, EXIT_RUN_FAILED = 0, 1, 2


def _load_results(result) -> list[dict]:
    loads = []
    for event in result.get_asset_materialization_events():
        cargas = event.materialization.metadata.get("cargas")
        if cargas is not None:
            loads.extend(cargas.value)
    return loads


def run_pipeline() -> int:
    from pipelines.definitions import defs

    job = defs.resolve_job_def("siie_completo")
    with DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    loads = _load_results(result)
    print(format_load_summary(loads))
    if not result.success:
        print(f"La ejecución {result.run_id} falló; vea sus eventos con `make ui` o en .dagster/.")
        return EXIT_RUN_FAILED
    print(f"Ejecución de Dagster {result.run_id} terminada.")
    return EXIT_FILES_FAILED if any(x["estado"] in ("ERROR", "RECHAZADO") for x in loads) else EXIT_OK
