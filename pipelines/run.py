"""`siie run`: the ingestion runs that the landed files call for, then transformation, quality
gate and publication — each a Dagster run on the persistent instance, so all show in the UI."""

from __future__ import annotations

import contextlib
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pipelines.abandoned_runs import (
    fail_abandoned_runs,
    may_have_left_runs_open,
    owner_tags,
    runs_looked_after,
    runs_open,
)
from pipelines.core import progress
from pipelines.core.clock import office_time, zone_label
from pipelines.core.config import load_settings, require_landing
from pipelines.core.failures import (
    EXIT_FILES_FAILED,
    EXIT_OK,
    EXIT_RUN_FAILED,
    failure_message,
)
from pipelines.core.run_lock import RunBusy, one_run_at_a_time
from pipelines.core.warehouse_lock import WarehouseBusy, is_lock_error, wait_until_free
from pipelines.ingest import kept_reads
from pipelines.ingest.file_names import landing_name
from pipelines.ingest.key_guard import KeyMismatch, check_key
from pipelines.ingest.planning import (
    IngestionPlan,
    IngestionRequest,
    ingestion_requests,
    logged_since,
    new_school_periods,
    plan_ingestion,
)
from pipelines.load_summary import format_load_summary, format_unaccounted
from pipelines.publish.freshness import publication_is_current
from pipelines.publish.history import read_history
from pipelines.publish.recovery import recover_publications
from pipelines.publish.versions import current_version
from pipelines.report import REPORT_TAG, report_path
from pipelines.report.index import INDEX, find_entry
from pipelines.specs.job_names import PUBLICATION_JOB

if TYPE_CHECKING:
    from dagster import DagsterInstance

# A run with nothing new imports neither Dagster nor the stages that only a run with something to
# do needs (they are imported where they are used): it then costs a plan, whatever the scale.

# The console shows no Dagster event: the summary says what happened, and for a failed step its
# message without the stack trace (failed_steps); every event is in the run log in the UI.
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


def _load_results(result) -> list[dict]:
    """The load results each ingestion asset reported (once per asset: a run over a range of
    partitions records the same metadata for every partition in it)."""
    by_asset: dict[object, list[dict]] = {}
    for event in result.get_asset_materialization_events():
        cargas = event.materialization.metadata.get("cargas")
        if cargas is not None:
            by_asset.setdefault(event.asset_key, cargas.value)
    return [load for loads in by_asset.values() for load in loads]


def execute(
    job_name: str,
    instance: DagsterInstance,
    request: IngestionRequest | None = None,
    report_id: str | None = None,
):
    """Run a job in this process; `report_id`: the report this `siie run` writes for all its
    runs."""
    from pipelines.definitions import defs

    job = defs.resolve_job_def(job_name)
    tags = owner_tags() | ({REPORT_TAG: report_id} if report_id else {})
    if request is None or request.first is None:
        return job.execute_in_process(
            run_config=QUIET, instance=instance, tags=tags, raise_on_error=False
        )
    if request.single:
        return job.execute_in_process(
            run_config=QUIET,
            instance=instance,
            partition_key=request.first,
            tags=tags,
            raise_on_error=False,
        )
    tags |= request.range_tags()
    return job.execute_in_process(
        run_config=QUIET, instance=instance, tags=tags, raise_on_error=False
    )


def requests_for(instance: DagsterInstance, plan: IngestionPlan) -> list[IngestionRequest]:
    from pipelines.ingest.partitions import budget_months, school_periods

    new_keys = new_school_periods(plan, instance.get_dynamic_partitions(school_periods.name))
    if new_keys:
        instance.add_dynamic_partitions(school_periods.name, new_keys)
    school_keys = instance.get_dynamic_partitions(school_periods.name)
    return ingestion_requests(plan, school_keys, budget_months.get_last_partition_key())


def _run_log(settings, run_name: str) -> Path:
    """Where the run's log goes (its folder is made once the run may write)."""
    return settings.home / "logs" / f"siie_run_{run_name}.log"


def unused_run_name(settings, started: datetime) -> str:
    """The name of the run's log and report: the second it started, with a suffix when a run
    that ended within that same second left them. Chosen while holding the run lock, so no other
    run of this home is choosing at the same time."""
    second = f"{started:%Y%m%d_%H%M%S}"
    name, n = second, 1
    while _run_log(settings, name).exists() or report_path(settings, name).exists():
        n += 1
        name = f"{second}_{n}"
    return name


class _Step:
    """What the run is doing, for the message if something nobody foresaw stops it."""

    what = "la preparación de la ejecución"


def run_pipeline(periods: list[str] | None = None, force: bool = False) -> int:
    """Run everything. The run's log (under $SIIE_HOME/logs) holds SIIE's stage lines and dbt's
    output as they happen, then the same summary the console shows. Whatever fails is said in
    Spanish with exit status 2 (the traceback goes to the log), never 1, which means that some
    file was rejected and the rest published."""
    settings = load_settings()
    require_landing(settings)
    step = _Step()
    log = None
    try:
        with one_run_at_a_time(settings.home, settings.warehouse_wait_seconds):
            # after any wait for another run: the loads from here on are this run's own
            started = datetime.now()
            run_name = unused_run_name(settings, started)
            log = _run_log(settings, run_name)
            print(f"Bitácora de la ejecución: {log}", flush=True)
            step.what = "la revisión de la clave de seudónimos"
            try:  # before anything is written: not even the run's log
                _key_is_the_warehouses(settings)
            except KeyMismatch as refused:
                print(refused)
                return EXIT_RUN_FAILED
            log.parent.mkdir(parents=True, exist_ok=True)
            return _run(settings, periods, force, started, run_name, log, step)
    except (RunBusy, WarehouseBusy) as busy:
        print(busy)
        return EXIT_RUN_FAILED
    except Exception as error:
        print(failure_message(step.what, error))
        if log is not None:
            _keep_traceback(log, error)
            print(f"Bitácora de la ejecución: {log}")
        return EXIT_RUN_FAILED


def _run(settings, periods, force, started, run_name, log, step: _Step) -> int:
    step.what = "la espera del almacén"
    _wait_for_the_warehouse(settings)
    step.what = "la revisión de publicaciones interrumpidas"
    _put_right_publications(settings)
    step.what = "la lectura de landing para planear la carga"
    # the loads run in this process: each file read to plan is not read again by its load
    plan = plan_ingestion(
        settings, set(periods) if periods else None, keep_reads=True, rehash=force
    )
    idle = plan.empty and not force and publication_is_current(settings)
    if not idle or may_have_left_runs_open(settings.home):
        step.what = "la revisión de ejecuciones abandonadas"
        _close_abandoned_runs(settings)
    with log.open("w", encoding="utf-8") as out:
        out.write(_log_header(settings, run_name, started))
        with progress.shown_on(sys.stderr), progress.logged_to(out):
            with contextlib.redirect_stdout(out):
                step.what = "la carga, la transformación o la publicación"
                loads, failed_runs, failed_steps, publication, run_ids = (
                    ([], [], [], None, []) if idle else _run_all(settings, plan, force, run_name)
                )
                report = None
                if run_ids:
                    from pipelines.report.writer import write_report

                    step.what = "el informe para auditoría"
                    with progress.stage("Informe para auditoría y Data Docs"):
                        report = write_report(settings, run_name, run_ids, since=started)
        step.what = "el resumen de la ejecución"
        if publication is not None and not publication.success:
            failed_runs.append(publication.run_id)
            failed_steps.extend(_failed_steps(publication))
        unaccounted = _unaccounted(settings, plan, loads, started)
        lines = _summary(settings, plan, loads, unaccounted, publication, failed_runs, run_ids)
        if report is not None:
            lines.append(f"Informe para auditoría: {report} (todos: {report.parent / INDEX})")
        if failed_runs:
            lines.append(
                f"Falló la ejecución {', '.join(failed_runs)}; vea sus eventos con `make ui`."
            )
            lines.extend(failed_steps)
        out.write("\nResumen\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"Bitácora de la ejecución: {log}")  # again, beside the summary it details
    if failed_runs:
        return EXIT_RUN_FAILED
    failed_files = unaccounted or any(x["estado"] in ("ERROR", "RECHAZADO") for x in loads)
    return EXIT_FILES_FAILED if failed_files else EXIT_OK


def _key_is_the_warehouses(settings) -> None:
    """Refuse another pseudonym key before anything is written (the warehouse read-only)."""
    try:
        check_key(settings)
    except duckdb.IOException as error:
        if not is_lock_error(error):
            raise
        wait_until_free(settings.warehouse_path, settings.warehouse_wait_seconds)
        check_key(settings)


def _log_header(settings, run_name: str, started: datetime) -> str:
    moment = office_time(started, settings)
    return (
        f"SIIE · bitácora de `siie run` {run_name} · iniciada {moment:%Y-%m-%d %H:%M:%S} "
        f"(horas de {zone_label(settings.time_zone, moment)})\n"
        "Las líneas ▶ ✓ ⚠ ✗ son de SIIE; las demás, de dbt (en inglés), tal como las escribe.\n\n"
    )


def _summary(settings, plan, loads, unaccounted, publication, failed_runs, run_ids) -> list[str]:
    """What the console shows at the end, and the log after dbt's lines."""
    lines = [format_load_summary(loads), *plan.notices, *format_unaccounted(unaccounted)]
    if publication is None and not failed_runs:
        lines.append(
            f"Nada nuevo que transformar ni publicar: la publicación vigente ya refleja todo "
            f"({settings.published_dir / 'current.duckdb'}). "
            "`siie ejecutar --forzar` la rehace y la verifica de nuevo."
        )
    if run_ids:
        lines.append(_check_line(settings, run_ids, publication))
    if publication is not None:
        lines.append(_publication_line(settings, publication.run_id))
    for run_id in failed_runs:
        if publication is None or run_id != publication.run_id:
            lines.append(_publication_line(settings, run_id))
    return lines


def _publication_line(settings, run_id: str) -> str:
    from pipelines.summary import format_publication_summary

    return format_publication_summary(settings, run_id, with_report=False)


def _check_line(settings, run_ids: list[str], publication) -> str:
    """The run's count of checks, from the same records the report counts."""
    from dagster import AssetCheckSeverity, DagsterInstance

    from pipelines.quality.results import load_gates
    from pipelines.report.check_tally import GATE, group_of, run_check_evaluations, tally_checks
    from pipelines.summary import format_check_summary

    gates = [gate for run_id in run_ids for gate in load_gates(settings, run_id)]
    with DagsterInstance.get() as instance:
        tally = tally_checks(run_check_evaluations(instance, run_ids), gates)
    blocking = []
    if publication is not None:
        blocking = [
            f"{e.asset_key.to_user_string()} · {e.check_name}"
            for e in publication.get_asset_check_evaluations()
            if not e.passed
            and e.severity == AssetCheckSeverity.ERROR
            and group_of(e.asset_key.to_user_string(), e.check_name) != GATE
        ]
    return format_check_summary(tally, blocking)


def _keep_traceback(log: Path, error: BaseException) -> None:
    """The traceback, for the data team, in the run's log (if the disk still takes it)."""
    try:
        with log.open("a") as out:
            traceback.print_exception(error, file=out)
    except OSError:
        pass


def _wait_for_the_warehouse(settings) -> None:
    """Wait for a warehouse another process holds."""
    if settings.warehouse_path.exists():
        wait_until_free(settings.warehouse_path, settings.warehouse_wait_seconds)


def _close_abandoned_runs(settings) -> None:
    """Close the runs a killed `siie run` left open."""
    from dagster import DagsterInstance

    with DagsterInstance.get() as instance:
        for run_id in fail_abandoned_runs(instance):
            print(
                f"La ejecución {run_id} quedó abierta por un "
                "`siie run` que ya no existe; se marcó fallida."
            )
    runs_looked_after(settings.home)


def _put_right_publications(settings) -> None:
    """What a killed publication left: stray folders removed, the switched version recorded in
    the history, and its auditors' report written if its run never wrote it."""
    recovery = recover_publications(settings.published_dir)
    for name in recovery.removed:
        print(f"Se retiró {name}, que dejó una publicación interrumpida.")
    if recovery.recorded is not None:
        print(
            f"La versión {recovery.recorded.version} quedó publicada por una ejecución "
            "interrumpida antes de registrarla; se registró en el historial."
        )
    unreported = _unreported_publication(settings)
    if unreported is not None:
        from pipelines.report.writer import write_report

        version, run_id = unreported
        try:
            path = write_report(settings, run_id)
        except Exception as error:  # the run goes on; the report can be written with siie report
            print(
                f"No se pudo escribir el informe de la versión {version} ({type(error).__name__}:"
                f" {error}); `siie report --run {run_id}` lo reintenta."
            )
            return
        print(
            f"Informe para auditoría de la versión {version}, cuya ejecución terminó antes "
            f"de escribirlo: {path}"
        )


def _unreported_publication(settings) -> tuple[int, str] | None:
    """The current version and its run, if no auditors' report covers that run."""
    current = current_version(settings.published_dir)
    runs = [
        a.run_id
        for a in read_history(settings.published_dir)
        if a.publicada and a.version == current
    ]
    if current is None or not runs or find_entry(settings.reports_dir, runs[-1]) is not None:
        return None
    return current, runs[-1]


def _unaccounted(settings, plan: IngestionPlan, loads: list[dict], since: datetime) -> list[str]:
    """Files the plan found new that have no line in the load log since this run started (nor,
    for a copy of bytes loaded under another name, any line): never silently dropped. Read from
    raw.cargas itself, so the console cannot contradict it."""
    names = [(f.kind, landing_name(f.path, settings.landing_dir), f.sha256) for f in plan.files]
    if not names:
        return []
    try:
        logged, hashes = logged_since(settings, since)
    except duckdb.Error:  # the warehouse held by another process: what the runs reported
        logged = {(x["tipo"], x["archivo"]) for x in loads if x["estado"] != "OTRA_PARTICION"}
        hashes = set()
    return [name for kind, name, sha in names if (kind, name) not in logged and sha not in hashes]


def _prepare_quality_gate() -> None:
    """Import Great Expectations (seconds) while the files load, once the code location is
    imported: the two imports then share no module half-way, and the gate finds GX ready."""
    from pipelines.definitions import defs  # noqa: F401 — imported first, on purpose
    from pipelines.quality.gx_context import open_context_in_background

    open_context_in_background()


def _failed_steps(result) -> list[str]:
    """Each failed step and the first line of its error (the stack trace stays in the UI)."""
    lines = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data is not None:
            error = event.step_failure_data.error
            text = (error.message if error else "").strip().splitlines()
            lines.append(f"  FALLÓ {event.step_key}: {text[0][:300] if text else 'sin mensaje'}")
    return lines


def _run_all(settings, plan: IngestionPlan, force: bool, report_id: str):
    from dagster import DagsterInstance

    loads, failed_runs, failed_steps, run_ids = [], [], [], []
    with runs_open(settings.home), DagsterInstance.get() as instance:
        try:
            requests = requests_for(instance, plan)
            up_to_date = not requests and not force and publication_is_current(load_settings())
            if not up_to_date:
                _prepare_quality_gate()
            for request in requests:
                result = execute(request.job_name, instance, request, report_id)
                run_ids.append(result.run_id)
                loads.extend(_load_results(result))
                if not result.success:
                    failed_runs.append(result.run_id)
                    failed_steps.extend(_failed_steps(result))
        finally:
            kept_reads.forget()  # the planner's reads that no load used
        publication = None
        if not (failed_runs or up_to_date):
            publication = execute(PUBLICATION_JOB, instance, report_id=report_id)
            run_ids.append(publication.run_id)
    return loads, failed_runs, failed_steps, publication, run_ids
