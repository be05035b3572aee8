"""The memo of the dbt models' column metadata: one per version of the project, wherever the
project sits; another version finds nothing and replaces it."""

from __future__ import annotations

import shutil

import pytest
from dagster import (
    AssetKey,
    MetadataValue,
    TableColumn,
    TableColumnDep,
    TableColumnLineage,
    TableSchema,
)

from pipelines.transform.column_memo import ColumnMemo, project_fingerprint
from pipelines.transform.project import siie_dbt_project
from pipelines.transform.project_files import PROJECT_INPUTS

pytestmark = pytest.mark.unit


@pytest.fixture
def project(tmp_path):
    copy = tmp_path / "proyecto"
    for name in PROJECT_INPUTS:
        source = siie_dbt_project.project_dir / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        elif source.exists():
            copy.mkdir(exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def test_the_same_project_elsewhere_has_the_same_fingerprint(project):
    assert project_fingerprint(project) == project_fingerprint(siie_dbt_project.project_dir)


def test_a_changed_model_changes_the_fingerprint(project):
    before = project_fingerprint(project)
    model = project / "models" / "marts" / "fct_matricula.sql"
    model.write_text(model.read_text() + "\n-- otra versión\n")
    assert project_fingerprint(project) != before


def test_another_version_recalls_nothing_and_replaces_the_memo(tmp_path):
    metadata = {
        "dagster/column_schema": MetadataValue.table_schema(
            TableSchema(columns=[TableColumn("periodo", "VARCHAR")])
        ),
        "dagster/column_lineage": MetadataValue.column_lineage(
            TableColumnLineage({"periodo": [TableColumnDep(AssetKey("raw_matricula"), "periodo")]})
        ),
    }
    first = ColumnMemo(tmp_path, "a" * 64)
    first.remember({"model.siie.fct_matricula": metadata})
    assert first.recall() == {"model.siie.fct_matricula": metadata}

    second = ColumnMemo(tmp_path, "b" * 64)
    assert second.recall() == {}
    second.remember({"model.siie.dim_periodo": metadata})
    assert not first.path.exists()
    assert second.recall() == {"model.siie.dim_periodo": metadata}


def test_an_unreadable_memo_is_no_memo(tmp_path):
    memo = ColumnMemo(tmp_path, "c" * 64)
    memo.folder.mkdir(parents=True)
    memo.path.write_text('{"formato": 1, "archivos": {"model.siie.x": {"k": "no es dagster"}}}')
    assert memo.recall() == {}
