"""dbt macros generated from the specifications, so that the SQL never retypes a list or a
threshold that a specification states:

- `_valores_de_contratos.sql`: `valores_de_contrato('plantilla', 'grado_maximo')` returns the
  contract's code list in its order: the generic test `valores_del_contrato` checks mart columns
  against it, and the scales (grado, SNII) use its order as lowest → highest;
- `_columnas_de_contratos.sql`: `columnas_de_contrato('presupuesto')`, the columns of
  raw.<kind> from its contract (pseudonyms in place of identifiers, without the lineage
  columns), in the contract's order, for a staging model that passes them on as they are;
- `_catalogo_de_indicadores.sql`: `ambitos_de_publicacion()` (pipelines/core/config.py AMBITOS)
  and `familias_de_indicadores()` (`familias` of models/indicadores.yml, the models that
  marts/indicadores.sql unites);
- `_divulgacion.sql`: `sueldos_minimo_personas()` (models/divulgacion.yml), the fewest people a
  salary total of fct_plantilla may sum.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.config import DBT_PROJECT_DIR
from pipelines.specs.contracts import LINEAGE_COLUMNS, Contract, all_contracts
from pipelines.specs.disclosure import Declaration, load_declaration
from pipelines.specs.indicator_catalog import AMBITOS, IndicatorCatalog, load_catalog

MACROS_DIR = DBT_PROJECT_DIR / "macros"
CONTRACT_VALUES_PATH = MACROS_DIR / "_valores_de_contratos.sql"
CONTRACT_COLUMNS_PATH = MACROS_DIR / "_columnas_de_contratos.sql"
CATALOG_MACROS_PATH = MACROS_DIR / "_catalogo_de_indicadores.sql"
DISCLOSURE_MACROS_PATH = MACROS_DIR / "_divulgacion.sql"


def _header(source: str) -> str:
    return (
        f"{{#- Generado por pipelines/transform/dbt_macros.py desde {source}; no editar:\n"
        "    python -m pipelines.transform.generate -#}\n"
    )


HEADER = _header("models/contracts/*.yml")


def _coded_columns(contract: Contract) -> dict[str, tuple[str, ...]]:
    return {c.name: c.values for c in contract.columns if c.values}


def _jinja_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(repr(v) for v in values) + "]"


def _returning(name: str, value: str, arguments: str = "") -> str:
    return f"{{% macro {name}({arguments}) -%}}\n    {{{{ return({value}) }}}}\n{{%- endmacro %}}\n"


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


def render_contract_columns(contracts: dict[str, Contract] | None = None) -> str:
    lineage = {name for name, _ in LINEAGE_COLUMNS}
    lines = [
        f"        '{kind}': "
        f"{_jinja_list(tuple(n for n, _ in contract.stored_columns if n not in lineage))},"
        for kind, contract in (contracts or all_contracts()).items()
    ]
    body = "\n".join(lines)
    return (
        f"{HEADER}{{% macro columnas_de_contrato(extracto) -%}}\n"
        f"    {{%- set columnas = {{\n{body}\n    }} -%}}\n"
        "    {{ return(columnas[extracto]) }}\n"
        "{%- endmacro %}\n"
    )


def render_catalog_macros(catalog: IndicatorCatalog | None = None) -> str:
    catalog = catalog or load_catalog()
    return (
        _header("pipelines/core/config.py (AMBITOS) y models/indicadores.yml (familias)")
        + _returning("ambitos_de_publicacion", _jinja_list(AMBITOS))
        + "\n"
        + _returning("familias_de_indicadores", _jinja_list(tuple(catalog.familias)))
    )


def render_disclosure_macros(declaration: Declaration | None = None) -> str:
    declaration = declaration or load_declaration()
    return _header("models/divulgacion.yml") + _returning(
        "sueldos_minimo_personas", str(int(declaration.min_people_for_salaries))
    )


def generated_macros() -> dict[Path, str]:
    return {
        CONTRACT_VALUES_PATH: render_contract_values(),
        CONTRACT_COLUMNS_PATH: render_contract_columns(),
        CATALOG_MACROS_PATH: render_catalog_macros(),
        DISCLOSURE_MACROS_PATH: render_disclosure_macros(),
    }
