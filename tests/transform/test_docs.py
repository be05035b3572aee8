"""Documentation: every mart and column described in Spanish (descriptions resolved from the doc
blocks generated from contracts, seeds and the indicator catalog). `dbt docs generate` is tested
on the built warehouse in test_end_to_end.py."""

from __future__ import annotations

import json

import pytest

from pipelines.transform.project import siie_dbt_project

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(siie_dbt_project.manifest_path.read_text())


def _marts(manifest: dict) -> list[dict]:
    return [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["fqn"][1] == "marts"
    ]


def test_every_mart_and_column_is_described_and_typed(manifest):
    marts = _marts(manifest)
    assert len(marts) == 11
    for node in marts:
        assert node["description"].strip(), node["name"]
        assert node["config"]["contract"]["enforced"], node["name"]
        for column in node["columns"].values():
            assert column["description"].strip(), f"{node['name']}.{column['name']}"
            assert column["data_type"], f"{node['name']}.{column['name']}"
            assert "{{" not in column["description"], "doc() sin resolver"


def test_contract_descriptions_reach_the_marts(manifest):
    from pipelines.specs.contracts import load_contract

    [fct] = [n for n in _marts(manifest) if n["name"] == "fct_matricula"]
    assert (
        fct["columns"]["sexo"]["description"]
        == load_contract("matricula").column("sexo").description
    )


def test_the_indicator_catalog_documents_clave_indicador(manifest):
    [node] = [n for n in _marts(manifest) if n["name"] == "indicadores"]
    text = node["columns"]["clave_indicador"]["description"]
    assert "EFICIENCIA_TERMINAL" in text and "Eficiencia terminal por cohorte" in text
