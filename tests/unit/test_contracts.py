import polars as pl
import pytest

from pipelines.core.config import EXTRACT_KINDS, SEEDS_DIR
from pipelines.ingest.rules import RULES
from pipelines.specs.contracts import all_contracts

pytestmark = pytest.mark.unit


def test_every_kind_has_a_contract_with_a_key_and_periods():
    contracts = all_contracts()
    assert set(contracts) == set(EXTRACT_KINDS)
    for contract in contracts.values():
        names = set(contract.column_names)
        assert set(contract.key) <= names and set(contract.period_columns) <= names
        assert len(names) == len(contract.columns)


def test_no_direct_identifier_is_a_stored_column():
    for contract in all_contracts().values():
        stored = {name for name, _ in contract.stored_columns}
        assert not stored & {"boleta", "curp", "rfc", "num_empleado"}


def test_every_rule_is_implemented():
    for contract in all_contracts().values():
        for rule in contract.rules:
            assert rule["rule"] in RULES, (
                f"{contract.kind}: rule {rule['rule']} has no implementation"
            )


def test_references_point_to_seed_columns():
    for contract in all_contracts().values():
        for column in contract.columns:
            if column.references:
                table, field = column.references.split(".")
                header = pl.read_csv(
                    SEEDS_DIR / f"{table}.csv", n_rows=1, infer_schema=False
                ).columns
                assert field in header, f"{contract.kind}.{column.name} → {column.references}"
