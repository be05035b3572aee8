"""Column schema and column lineage on the dbt models' materialisations (what the Dagster UI shows):
read from the session's Dagster run of the real dbt assets (the `built` fixture), and traced from
the marts back to the raw columns of the ingestion assets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from dagster import (
    AssetKey,
    AssetMaterialization,
    MetadataValue,
    Output,
    TableColumnDep,
    materialize,
)

from pipelines.definitions import resources
from pipelines.transform.assets import siie_dbt_assets
from pipelines.transform.column_memo import ColumnMemo, project_fingerprint
from pipelines.transform.column_metadata import (
    LINEAGE,
    READABLE_LINEAGE,
    SCHEMA,
    with_column_metadata,
)
from pipelines.transform.project import siie_dbt_project
from pipelines.transform.translator import SiieDbtTranslator
from tests.transform.conftest import siie_resource

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("transformacion")]

FCT_MATRICULA = AssetKey(["marts", "fct_matricula"])
INDICADORES = AssetKey(["marts", "indicadores"])
STG_MATRICULA = AssetKey(["staging", "stg_raw__matricula"])
RAW_MATRICULA = AssetKey("raw_matricula")
INGESTION = {
    AssetKey(f"raw_{k}")
    for k in ("matricula", "trayectoria", "plantilla", "presupuesto", "anuies", "metas")
}


@pytest.fixture(scope="module")
def metadata(built) -> dict[AssetKey, dict]:
    """The metadata of each dbt asset's materialisation in the session's run."""
    assert built.result.success
    events = built.result.get_asset_materialization_events()
    return {e.asset_key: e.materialization.metadata for e in events}


def lineage(metadata: dict, key: AssetKey) -> dict[str, list[TableColumnDep]]:
    """Column → the upstream columns it is computed from ({} for a seed or an ingestion asset)."""
    value = metadata.get(key, {}).get("dagster/column_lineage")
    return value.value.deps_by_column if value else {}


def upstream(metadata: dict, key: AssetKey, column: str) -> set[tuple[AssetKey, str]]:
    """Every (asset, column) that the column is computed from, through every hop."""
    found: set[tuple[AssetKey, str]] = set()
    pending = [(key, column)]
    while pending:
        asset, name = pending.pop()
        for dep in lineage(metadata, asset).get(name, []):
            if (dep.asset_key, dep.column_name) not in found:
                found.add((dep.asset_key, dep.column_name))
                pending.append((dep.asset_key, dep.column_name))
    return found


def test_every_model_carries_its_column_schema(metadata, built):
    models = {key for key in metadata if key.path[0] in ("staging", "intermediate", "marts")}
    assert models and all("dagster/column_schema" in metadata[key] for key in models)
    schema = metadata[FCT_MATRICULA]["dagster/column_schema"].value
    in_warehouse = built.query(
        "select column_name from information_schema.columns"
        " where table_schema = 'marts' and table_name = 'fct_matricula' order by ordinal_position"
    )
    assert [c.name for c in schema.columns] == [name for (name,) in in_warehouse]
    types = {c.name: c.type for c in schema.columns}
    assert types["alumnos"] == "BIGINT"
    assert types["semestre"] == "INTEGER"
    assert types["cargado_en"] == "TIMESTAMP"


def test_a_mart_column_reads_its_staging_column(metadata):
    assert lineage(metadata, FCT_MATRICULA)["sexo"] == [TableColumnDep(STG_MATRICULA, "sexo")]
    # the staging view renames the raw columns: its lineage says from which
    stg = lineage(metadata, STG_MATRICULA)
    assert stg["sexo"] == [TableColumnDep(RAW_MATRICULA, "sexo")]
    assert stg["con_discapacidad"] == [TableColumnDep(RAW_MATRICULA, "discapacidad")]


def test_mart_columns_chain_back_to_the_raw_matricula_columns(metadata):
    assert upstream(metadata, FCT_MATRICULA, "sexo") == {
        (STG_MATRICULA, "sexo"),
        (RAW_MATRICULA, "sexo"),
    }
    assert (RAW_MATRICULA, "periodo") in upstream(metadata, INDICADORES, "periodo")
    assert (RAW_MATRICULA, "sexo") in upstream(metadata, INDICADORES, "numerador")


def test_lineage_points_only_at_assets_of_the_graph(metadata):
    """A source with several writers (the load log, ANUIES) is traced to the ingestion assets."""
    graph = {spec.key for spec in siie_dbt_assets.specs} | INGESTION
    pointed = {
        dep.asset_key
        for key in metadata
        for deps in lineage(metadata, key).values()
        for dep in deps
    }
    assert INGESTION <= pointed <= graph
    load_log = lineage(metadata, AssetKey(["staging", "stg_raw__cargas"]))
    assert {dep.asset_key for dep in load_log["sha256"]} == INGESTION


def test_a_later_build_takes_the_columns_from_the_memo_of_the_same_project(metadata, built):
    """What the session's build traced is remembered as it was shown; the next build of the same
    project shows what the memo holds (a mark put in it comes out) instead of tracing again."""
    memo = ColumnMemo(built.settings.home, project_fingerprint(siie_dbt_project.project_dir))
    remembered = memo.recall()
    fct = "model.siie.fct_matricula"
    for key in (SCHEMA, LINEAGE, READABLE_LINEAGE):
        assert remembered[fct][key] == metadata[FCT_MATRICULA][key], key
    marked = MetadataValue.md("| columna | viene de |\n| --- | --- |\n| marca | memo |")
    original = memo.path.read_bytes()
    memo.remember({**remembered, fct: {**remembered[fct], READABLE_LINEAGE: marked}})
    try:
        result = materialize(
            [siie_dbt_assets],
            selection=[STG_MATRICULA, FCT_MATRICULA],
            resources=resources(siie_resource(built.settings)),
            raise_on_error=False,
        )
    finally:
        memo.path.write_bytes(original)
    assert result.success
    shown = {
        e.asset_key: e.materialization.metadata for e in result.get_asset_materialization_events()
    }
    assert shown[FCT_MATRICULA][READABLE_LINEAGE] == marked
    assert shown[FCT_MATRICULA][SCHEMA] == metadata[FCT_MATRICULA][SCHEMA]
    assert shown[STG_MATRICULA][LINEAGE] == metadata[STG_MATRICULA][LINEAGE]


class _Invocation(SimpleNamespace):
    """Enough of a dbt invocation for the event handling: no adapter, so no columns are read."""

    def stream(self):
        yield from self.events
        raise self.error


def test_the_counter_sees_each_event_as_dbt_emits_it_and_a_dbt_failure_comes_last():
    from dagster_dbt.errors import DagsterDbtCliRuntimeError

    events = [
        Output(None, output_name="a", metadata={"unique_id": "model.siie.a"}),
        AssetMaterialization("b", metadata={"unique_id": "model.siie.b"}),
    ]
    invocation = _Invocation(
        events=events,
        error=DagsterDbtCliRuntimeError("dbt falló"),
        adapter=None,
        is_fusion=False,
        manifest={"sources": {}},
        dagster_dbt_translator=SiieDbtTranslator(),
        postprocessing_threadpool_num_threads=1,
    )
    seen = []
    yielded = with_column_metadata(invocation, seen.append)
    assert next(yielded).metadata["unique_id"].text == "model.siie.a"
    assert seen == events  # dbt's stream was read to its end before any event went on
    assert next(yielded).metadata["unique_id"].text == "model.siie.b"
    with pytest.raises(DagsterDbtCliRuntimeError):
        next(yielded)
