"""dbt macro generated from the contracts: the code lists of every coded column.

`valores_de_contrato('plantilla', 'grado_maximo')` returns the contract's list in its order,
so the SQL never retypes a code list: the generic test `valores_del_contrato` checks mart
columns against it, and the scales (grado, SNII) use its order as lowest → highest.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.config import DBT_PROJECT_DIR
from pipelines.specs.contracts import Contract, all_contracts

CONTRACT_VALUES_PATH = DBT_PROJECT_DIR / "macros" / "_valores_de_contratos.sql"
HEADER = (
    "{#- Generado por pipelines/transform/dbt_macros.py desde models/contracts/*.yml; no editar:\n"
    "    python -m pipelines.transform.generate -#}\n"
)


def _coded_columns(contract: Contract) -> dict[str, tuple[str, ...]]:
    return {c.name: c.values for c in contract.columns if c.values}


def _jinja_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(repr(v) for v in values) + "]"


def render_contract_values(contracts: dict[str, Contract] | None = None) -> str:
    lines = []
    for kind, contract in (contracts or all_contracts()).items():
        columns = ", ".join(
            f"'{name}': {_jinja_list(values)}" for name, values in _coded_columns(contract).items()
        )
        lines.append(f"        '{kind}': {{{columns}}},")
    body = "\n".join(lines)
    return (
        f"{HEADER}{{% macro valores_de_contrato(extracto, columna) -%}}\n"
        f"    {{%- set valores = {{\n{body}\n    }} -%}}\n"
        "    {{ return(valores[extracto][columna]) }}\n"
        "{%- endmacro %}\n"
    )


def generated_macros() -> dict[Path, str]:
    return {CONTRACT_VALUES_PATH: render_contract_values()}
