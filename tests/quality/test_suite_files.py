"""The GX file context in expectations/: committed, current, derived from the contracts, readable by
GX."""

from __future__ import annotations

import pytest

from pipelines.quality.registry import SUITES
from pipelines.quality.suite_files import generated_files, suite_document
from pipelines.specs.contracts import all_contracts

pytestmark = pytest.mark.unit


def test_committed_gx_files_are_up_to_date():
    stale = [
        str(path)
        for path, text in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "regenere con: python -m pipelines.quality.generate"


def _expectations(kind: str, column: str) -> dict[str, dict]:
    suite = suite_document(f"raw_{kind}")
    return {
        e["type"]: e["kwargs"] for e in suite["expectations"] if e["kwargs"].get("column") == column
    }


def test_every_stored_column_of_every_contract_has_a_type_expectation():
    for kind, contract in all_contracts().items():
        for column in contract.columns:
            if column.stored_name:
                assert "expect_column_values_to_be_of_type" in _expectations(
                    kind, column.stored_name
                ), f"{kind}.{column.stored_name}"


def test_code_lists_ranges_and_keys_come_from_the_contract():
    contract = all_contracts()["presupuesto"]
    assert _expectations("presupuesto", "fuente_financiamiento")[
        "expect_column_values_to_be_in_set"
    ]["value_set"] == list(contract.column("fuente_financiamiento").values)
    mes = _expectations("presupuesto", "mes")["expect_column_values_to_be_between"]
    assert (mes["min_value"], mes["max_value"]) == (
        contract.column("mes").min,
        contract.column("mes").max,
    )
    [key] = [
        e
        for e in suite_document("raw_matricula")["expectations"]
        if e["type"] == "expect_compound_columns_to_be_unique"
    ]
    assert key["kwargs"]["column_list"] == ["periodo", "id_alumno"]


def test_pseudonyms_are_checked_for_shape_and_their_values_never_reported():
    [shape] = [
        e
        for e in suite_document("raw_matricula")["expectations"]
        if e["type"] == "expect_column_values_to_match_regex"
        and e["kwargs"]["column"] == "id_alumno"
    ]
    assert shape["kwargs"]["regex"] == r"^[0-9a-f]{64}$"
    assert shape["meta"]["ocultar_valores"] is True


def test_gx_reads_every_suite_from_the_file_context_with_analytics_off():
    from pipelines.quality.gx_context import open_context, suite_and_batch_definition

    context = open_context()
    assert context.variables.analytics_enabled is False
    for spec in SUITES:
        suite, batch_definition = suite_and_batch_definition(spec.name)
        assert len(suite.expectations) == len(suite_document(spec.name)["expectations"]), spec.name
        assert batch_definition.name == "lote"
