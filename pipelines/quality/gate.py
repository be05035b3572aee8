"""Run the suites of a gate over the working warehouse, batch by batch, and sum up per check.

Route: each batch is a partition of a DuckDB table read as Arrow and handed to GX as a pandas
dataframe. GX's SQL datasource on DuckDB (through duckdb-engine) returns no metric results
(GX issues #10738, #11579) and regex expectations are unsupported on DuckDB, while pandas batches
run every expectation the contracts need; batching by partition keeps memory bounded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from pipelines.core.config import Settings
from pipelines.quality.batches import DEFAULT_MAX_ROWS, Batch, iter_frames
from pipelines.quality.gx_context import suite_and_batch_definition
from pipelines.quality.ledger import fingerprints, passed_before, record_passed
from pipelines.quality.parameters import suite_parameters
from pipelines.quality.registry import SuiteSpec, suites_of_gate
from pipelines.quality.results import (
    CheckOutcome,
    ExpectationOutcome,
    GateResult,
    now_text,
    results_dir,
    save_gate,
)
from pipelines.quality.run_partitions import partition_predicate
from pipelines.quality.suite_files import suite_document

# Without return_unexpected_index_query GX would build, for every row expectation, a query text
# listing every unexpected row index (a take over the whole batch) that nobody reads.
RESULT_FORMAT = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": 10,
    "return_unexpected_index_query": False,
}
# A first pass without SUMMARY's unexpected index lists: for pandas GX computes them by taking
# the whole batch, every column, once per row expectation — most of a clean batch's time. It
# still counts and samples unexpected values; only a batch where something turned up is
# validated again in SUMMARY, so that the saved results carry what Data Docs show.
SCREENING_FORMAT = {
    "result_format": "BASIC",
    "partial_unexpected_count": 10,
    "return_unexpected_index_query": False,
}
RECONCILIATION_PREFIX = "conciliacion_"
EXAMPLES_KEPT = 10


def blocking_check(spec: SuiteSpec) -> bool:
    """A check blocks when any of its expectations is critical (read from the committed suite)."""
    return any(e["severity"] == "critical" for e in suite_document(spec.name)["expectations"])


@dataclass
class _SuiteRun:
    spec: SuiteSpec
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    native: list[dict] = field(default_factory=list)
    batches: int = 0
    rows: int = 0
    passed: set[tuple] = field(default_factory=set)  # partitions validated here without a failure
    skipped: int = 0  # partitions that had passed before, unchanged since (see ledger.py)


def _example(value) -> str:
    if isinstance(value, (list, tuple)):
        return " | ".join(_example(v) for v in value)
    # amounts read as float64
    return str(round(value, 6)) if isinstance(value, float) else str(value)


def _merge(outcome: ExpectationOutcome, result, batch_label: str, hide: bool) -> None:
    info, exception = result.result or {}, result.exception_info or {}
    raised = exception.get("raised_exception")
    outcome.evaluadas += int(info.get("element_count") or 0)
    outcome.inesperadas += int(info.get("unexpected_count") or 0)
    if result.success and not raised:
        return
    outcome.exito = False
    outcome.lotes_fallidos.append(batch_label)
    if raised:
        outcome.error = str(exception.get("exception_message"))[:500]
    elif not hide:
        found = info.get("partial_unexpected_list") or (
            [info["observed_value"]] if "observed_value" in info else []
        )
        outcome.ejemplos = (outcome.ejemplos + [_example(v) for v in found])[:EXAMPLES_KEPT]


def _outcomes_for(suite_doc: dict, name: str) -> list[ExpectationOutcome]:
    return [
        ExpectationOutcome(
            suite=name,
            tipo=e["type"],
            descripcion=e["description"],
            severidad=e["severity"],
            columna=e["kwargs"].get("column") or e["kwargs"].get("column_A"),
        )
        for e in suite_doc["expectations"]
    ]


def _scrub(native: dict, suite_doc: dict) -> dict:
    hidden = {e["id"] for e in suite_doc["expectations"] if e["meta"].get("ocultar_valores")}
    for result in native.get("results", []):
        if result.get("expectation_config", {}).get("id") in hidden:
            for key in (
                "partial_unexpected_list",
                "partial_unexpected_counts",
                "partial_unexpected_index_list",
            ):
                result.get("result", {}).pop(key, None)
    return native


def _validate_as(name: str, frame, parameters: dict, result_format: dict):
    suite, batch_definition = suite_and_batch_definition(name)
    return batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
        suite, expectation_parameters=parameters, result_format=result_format
    )


def _found_nothing(result) -> bool:
    return result.success and not any(
        (r.result or {}).get("unexpected_count") or (r.exception_info or {}).get("raised_exception")
        for r in result.results
    )


def _in_full(name: str, frame, parameters: dict, screened):
    """The screened result, or, where something turned up, the batch validated in SUMMARY."""
    if _found_nothing(screened):
        return screened
    return _validate_as(name, frame, parameters, RESULT_FORMAT)


def _validate(name: str, frame, parameters: dict):
    screened = _validate_as(name, frame, parameters, SCREENING_FORMAT)
    return _in_full(name, frame, parameters, screened)


def _record(run: _SuiteRun, suite_doc: dict, batch: Batch, result) -> None:
    by_id = {e.expectation_config.id: e for e in result.results}
    label = batch.label(run.spec.partition_by)
    for expectation, outcome in zip(suite_doc["expectations"], run.outcomes, strict=True):
        _merge(
            outcome,
            by_id[expectation["id"]],
            label,
            expectation["meta"].get("ocultar_valores", False),
        )
    native = json.loads(json.dumps(result.to_json_dict(), default=str))
    native["meta"]["particiones"] = label
    run.native.append(_scrub(native, suite_doc))
    run.batches += 1
    run.rows += batch.rows
    if result.success:
        run.passed.update(batch.partitions)


def _partition_mask(frame, columns: tuple[str, ...], partition: tuple):
    mask = frame[columns[0]] == partition[0]
    for column, value in zip(columns[1:], partition[1:], strict=True):
        mask &= frame[column] == value
    return mask


def _validate_batch(run: _SuiteRun, suite_doc: dict, batch: Batch, frame, parameters: dict) -> None:
    """Validate a batch; when it fails and holds several partitions, validate each on its own so
    that the results name the partitions where the unexpected rows are."""
    screened = _validate_as(run.spec.name, frame, parameters, SCREENING_FORMAT)
    if screened.success or len(batch.partitions) == 1:
        _record(run, suite_doc, batch, _in_full(run.spec.name, frame, parameters, screened))
        return
    for partition in batch.partitions:
        part = frame[_partition_mask(frame, run.spec.partition_by, partition)]
        single = Batch(batch.suite, (partition,), len(part))
        _record(run, suite_doc, single, _validate(run.spec.name, part, parameters))


def _run_suite(
    settings: Settings,
    con,
    spec: SuiteSpec,
    parameters: dict,
    max_rows: int,
    partition_keys: set[str] | None,
) -> _SuiteRun:
    suite_doc = suite_document(spec.name)
    run = _SuiteRun(spec, _outcomes_for(suite_doc, spec.name))
    prints = fingerprints(con, spec)
    done = passed_before(settings, spec, prints)
    in_run = partition_predicate(spec, partition_keys)
    run.skipped = len(done) if in_run is None else sum(1 for p in done if in_run(p))

    def keep(partition: tuple) -> bool:
        return partition not in done and (in_run is None or in_run(partition))

    for batch, frame in iter_frames(con, spec, max_rows, keep):
        _validate_batch(run, suite_doc, batch, frame, parameters)
    record_passed(settings, spec, prints, run.passed)
    return run


def _reconciliation_rows(con, spec: SuiteSpec) -> list[dict]:
    cursor = con.execute(spec.sql)
    names = [d[0] for d in cursor.description]
    return [
        dict(zip(names, (str(v) if v is not None else None for v in row), strict=True))
        for row in cursor.fetchall()
    ]


def _check_outcomes(runs: list[_SuiteRun], errors: dict[str, str]) -> list[CheckOutcome]:
    checks: dict[tuple[str, str], CheckOutcome] = {}
    for run in runs:
        spec = run.spec
        key = (spec.asset, spec.check)
        check = checks.setdefault(
            key, CheckOutcome(spec.asset, spec.check, spec.title, blocking_check(spec))
        )
        check.expectativas += run.outcomes
        check.lotes += run.batches
        check.filas += run.rows
        check.particiones_ya_validadas += run.skipped
        if spec.name in errors:
            check.error = errors[spec.name]
    return list(checks.values())


def _save_native(settings: Settings, run_id: str, runs: list[_SuiteRun]) -> None:
    folder = results_dir(settings, run_id) / "gx"
    folder.mkdir(parents=True, exist_ok=True)
    for run in runs:
        text = json.dumps(run.native, ensure_ascii=False, indent=1, default=str)
        (folder / f"{run.spec.name}.json").write_text(text, encoding="utf-8")


def run_gate(
    settings: Settings,
    gate: str,
    run_id: str,
    suites: Sequence[SuiteSpec] | None = None,
    publishes: bool = True,
    partition_keys: set[str] | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> GateResult:
    """Validate the suites of `gate` ("raw" or "marts"; all, or those given) and save the results.

    `partition_keys` (school periods, budget months) limits the raw suites to a partitioned run's
    partitions; None validates every partition.
    """
    result = GateResult(puerta=gate, run_id=run_id, inicio=now_text(), publica=publishes)
    parameters = suite_parameters()
    runs, errors, seconds = [], {}, {}
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        for spec in suites_of_gate(gate) if suites is None else suites:
            started = time.perf_counter()
            try:
                runs.append(_run_suite(settings, con, spec, parameters, max_rows, partition_keys))
                if spec.name.startswith(RECONCILIATION_PREFIX):
                    result.conciliaciones[spec.name] = _reconciliation_rows(con, spec)
            except duckdb.Error as error:
                runs.append(_SuiteRun(spec, _outcomes_for(suite_document(spec.name), spec.name)))
                errors[spec.name] = (
                    f"no se pudieron leer los datos de la suite {spec.name}: {error}"
                )
            seconds[spec.name] = time.perf_counter() - started
    result.verificaciones = _check_outcomes(runs, errors)
    for check in result.verificaciones:
        own = [
            r.spec.name for r in runs if (r.spec.asset, r.spec.check) == (check.asset, check.check)
        ]
        check.segundos = round(sum(seconds[name] for name in own), 2)
    result.fin = now_text()
    _save_native(settings, run_id, runs)
    save_gate(settings, result)
    return result
