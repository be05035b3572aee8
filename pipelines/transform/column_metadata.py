"""Column schema and column lineage on each dbt model's materialisation, for the Dagster UI.

dagster-dbt's `fetch_column_metadata()` reads the columns of every built model and of its parents
through the dbt adapter, and traces each column through the compiled SQL with sqlglot (offline).
The result is `dagster/column_schema` and `dagster/column_lineage` on the materialisation.

Done on SIIE's side:

- On DuckDB the columns can only be read once dbt has ended (it holds the file's write lock), and
  dagster-dbt waits for that in `dagster._core.utils.imap`, whose loop polls an empty queue
  without sleeping: one of the machine's two cores spun for the whole `dbt build`, which took
  about twice as long. Here the dbt stream is drained first (the progress counter moves as dbt
  builds), and the finished events then go through `fetch_column_metadata()`. Test results
  have no columns of their own: they skip it (a third of its time).
- dbt-duckdb keeps the DuckDB file open after reading the columns; it is closed at the end.
- A source read by several ingestion assets (meta siie.escrita_por: the load log, ANUIES) has no
  asset of its own; lineage into it is pointed at the assets that write it, as its deps are.
- What was traced is remembered per version of the project (column_memo.py): a model already
  traced under the same project takes its metadata from the memo, and the columns are read only
  for the others (none on an everyday load).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from dagster import (
    AssetKey,
    AssetMaterialization,
    MetadataValue,
    Output,
    TableColumnDep,
    TableColumnLineage,
)
from dagster_dbt.core.dbt_cli_invocation import DbtCliInvocation
from dagster_dbt.core.dbt_event_iterator import DbtDagsterEventType, DbtEventIterator
from dagster_dbt.errors import DagsterDbtCliRuntimeError

from pipelines.transform.column_memo import ColumnMemo, ModelMetadata
from pipelines.transform.translator import SiieDbtTranslator

SCHEMA = "dagster/column_schema"
LINEAGE = "dagster/column_lineage"
READABLE_LINEAGE = "linaje_de_columnas"  # the same lineage, as a table the open-source UI shows
# sqlglot holds the GIL: on the default sample, 1 thread took 10.9 s, 2 took 9.4 s, 4 took 9.5 s.
FETCH_THREADS = 2


def with_column_metadata(
    invocation: DbtCliInvocation,
    on_event: Callable[[DbtDagsterEventType], None],
    memo: ColumnMemo | None = None,
) -> Iterator[DbtDagsterEventType]:
    """The invocation's events, each model's with its column schema and lineage, once dbt ends.

    `on_event` sees every event as dbt emits it. If dbt fails, the events of what was built are
    still yielded (with their metadata) before its error is raised. With a `memo`, a model it
    remembers is not traced again, and what is traced is remembered.
    """
    events, failure = _drain(invocation.stream(), on_event)
    remembered = memo.recall() if memo is not None else {}
    traced: dict[str, ModelMetadata] = {}
    try:
        yield from _with_metadata(invocation, events, remembered, traced)
    finally:
        _close_warehouse(invocation)
        if memo is not None and traced:
            memo.remember({**remembered, **traced})
    if failure is not None:
        raise failure


def _with_metadata(
    invocation: DbtCliInvocation,
    events: list[DbtDagsterEventType],
    remembered: Mapping[str, ModelMetadata],
    traced: dict[str, ModelMetadata],
) -> Iterator[DbtDagsterEventType]:
    """Each event in order: a remembered model's with its remembered metadata, the others' traced
    now (into `traced`, when they got a column schema)."""
    unknown = [e for e in events if _is_model(e) and _recalled(e, remembered) is None]
    fetched: Iterator[DbtDagsterEventType] = iter(())
    writers: Mapping[AssetKey, list[AssetKey]] = {}
    if unknown:
        writers = _source_writers(invocation)
        invocation.postprocessing_threadpool_num_threads = FETCH_THREADS
        fetched = DbtEventIterator(iter(unknown), invocation).fetch_column_metadata()
    for event in events:
        if not _is_model(event):
            yield event
        elif (kept_before := _recalled(event, remembered)) is not None:
            yield event.with_metadata({**event.metadata, **kept_before})
        else:
            event = _lineage_to_writers(next(fetched), writers)
            if _unique_id(event) and SCHEMA in event.metadata:
                kept = (SCHEMA, LINEAGE, READABLE_LINEAGE)
                metadata = event.metadata
                traced[_unique_id(event)] = {k: metadata[k] for k in kept if k in metadata}
            yield event


def _unique_id(event: DbtDagsterEventType) -> str:
    return str(getattr(event.metadata.get("unique_id"), "value", ""))


def _recalled(
    event: DbtDagsterEventType, remembered: Mapping[str, ModelMetadata]
) -> ModelMetadata | None:
    """The remembered metadata of the event's model; None for a model without a dbt unique_id."""
    unique_id = _unique_id(event)
    return remembered.get(unique_id) if unique_id else None


def _is_model(event: DbtDagsterEventType) -> bool:
    """A built model, seed or snapshot; a test result has no columns of its own to show."""
    return isinstance(event, Output | AssetMaterialization)


def _drain(
    events: Iterator[DbtDagsterEventType], on_event: Callable[[DbtDagsterEventType], None]
) -> tuple[list[DbtDagsterEventType], DagsterDbtCliRuntimeError | None]:
    drained = []
    try:
        for event in events:
            on_event(event)
            drained.append(event)
    except DagsterDbtCliRuntimeError as error:  # dbt failed: raised once its events are yielded
        return drained, error
    return drained, None


def _close_warehouse(invocation: DbtCliInvocation) -> None:
    """Close the DuckDB file that the columns were read from.

    dbt-duckdb keeps its DuckDB instance open after the last query (keep_open), read-only and
    with the profile's settings; the next stage in this process (`siie run` runs them all in
    one) could not open the warehouse: "Can't open a connection to same database file with a
    different configuration than existing connections".
    """
    adapter = invocation.adapter
    if adapter is None:
        return
    adapter.cleanup_connections()
    manager = type(adapter.connections)
    environment = getattr(manager, "_ENV", None)  # dbt-duckdb's: holds the DuckDB instance
    if environment is not None:
        environment.close()
        manager.close_all_connections()


def _source_writers(invocation: DbtCliInvocation) -> Mapping[AssetKey, list[AssetKey]]:
    translator = invocation.dagster_dbt_translator
    if not isinstance(translator, SiieDbtTranslator):
        return {}
    return translator.source_writers(invocation.manifest)


def _lineage_to_writers(
    event: DbtDagsterEventType, writers: Mapping[AssetKey, list[AssetKey]]
) -> DbtDagsterEventType:
    lineage = event.metadata.get(LINEAGE)
    if lineage is None:
        return event
    deps_by_column = {
        column: _deps_to_writers(deps, writers)
        for column, deps in lineage.value.deps_by_column.items()
    }
    remapped = MetadataValue.column_lineage(TableColumnLineage(deps_by_column=deps_by_column))
    readable = MetadataValue.md(lineage_table(deps_by_column))
    return event.with_metadata({**event.metadata, LINEAGE: remapped, READABLE_LINEAGE: readable})


def lineage_table(deps_by_column: Mapping[str, Sequence[TableColumnDep]]) -> str:
    """The column lineage as a Markdown table (column → the columns it comes from).

    The open-source Dagster UI (1.13) hides `dagster/column_lineage` on every page: only
    Dagster+ draws it. This copy, under a label of SIIE's, is shown in the metadata of the
    materialization: on the asset's Overview (Metadata) and Events tabs, inline up to 1,000
    characters, behind "[Show Markdown]" beyond."""
    rows = [
        f"| {column} | "
        + (", ".join(f"{d.asset_key.to_user_string()}.{d.column_name}" for d in deps) or "—")
        + " |"
        for column, deps in deps_by_column.items()
    ]
    return "\n".join(["| columna | viene de |", "| --- | --- |", *rows])


def _deps_to_writers(
    deps: Sequence[TableColumnDep], writers: Mapping[AssetKey, list[AssetKey]]
) -> list[TableColumnDep]:
    remapped: dict[tuple[AssetKey, str], TableColumnDep] = {}
    for dep in deps:
        for key in writers.get(dep.asset_key, [dep.asset_key]):
            remapped.setdefault((key, dep.column_name), TableColumnDep(key, dep.column_name))
    return list(remapped.values())
