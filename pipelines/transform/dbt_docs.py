"""dbt files generated from the contracts and the indicator catalog, never retyped by hand.

- models/docs/_contratos.md: a doc block per contract column (`{{ doc('matricula__sexo') }}`);
- models/docs/_catalogos.md: a doc block per seed column, from seeds/_seeds.yml
  (`{{ doc('cat_unidades__siglas') }}`);
- models/docs/_indicadores.md: a doc block per indicator and one with the whole catalog;
- models/marts/dim_indicador.sql: the catalog as a table, with each indicator's primary
  disclosure rule from models/divulgacion.yml, which analysts join for names and units.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pipelines.core.config import DBT_PROJECT_DIR, SEEDS_DIR
from pipelines.specs.contracts import Contract, all_contracts
from pipelines.specs.disclosure import load_declaration
from pipelines.specs.indicator_catalog import Indicator, IndicatorCatalog, load_catalog

DOCS_DIR = DBT_PROJECT_DIR / "models" / "docs"
CONTRACT_DOCS_PATH = DOCS_DIR / "_contratos.md"
SEED_DOCS_PATH = DOCS_DIR / "_catalogos.md"
SEEDS_PROPERTIES_PATH = SEEDS_DIR / "_seeds.yml"
INDICATOR_DOCS_PATH = DOCS_DIR / "_indicadores.md"
DIM_INDICADOR_PATH = DBT_PROJECT_DIR / "models" / "marts" / "dim_indicador.sql"

GENERATED = (
    "Generado por pipelines/transform/dbt_docs.py; "
    "no editar: python -m pipelines.transform.generate"
)


def _doc_block(name: str, text: str) -> str:
    return f"{{% docs {name} %}}\n{text.strip()}\n{{% enddocs %}}\n"


def _contract_blocks(contract: Contract) -> list[str]:
    blocks = [_doc_block(f"{contract.kind}__tabla", f"{contract.title}. {contract.description}")]
    for column in contract.columns:
        blocks.append(_doc_block(f"{contract.kind}__{column.name}", column.description))
    return blocks


def render_contract_docs(contracts: dict[str, Contract] | None = None) -> str:
    blocks = [b for c in (contracts or all_contracts()).values() for b in _contract_blocks(c)]
    return f"{{# {GENERATED} #}}\n\n" + "\n".join(blocks)


def render_seed_docs(properties_path: Path = SEEDS_PROPERTIES_PATH) -> str:
    seeds = yaml.safe_load(properties_path.read_text(encoding="utf-8"))["seeds"]
    blocks = []
    for seed in seeds:
        blocks.append(_doc_block(f"{seed['name']}__tabla", " ".join(seed["description"].split())))
        for column in seed["columns"]:
            text = " ".join(column.get("description", "").split())
            blocks.append(_doc_block(f"{seed['name']}__{column['name']}", text))
    return f"{{# {GENERATED} #}}\n\n" + "\n".join(blocks)


def _indicator_text(indicator: Indicator) -> str:
    return (
        f"{indicator.nombre} ({indicator.unidad}). {indicator.formula} "
        f"Ámbitos: {', '.join(indicator.ambitos)}; periodicidad: {indicator.periodicidad}."
    )


def _catalog_table(catalog: IndicatorCatalog) -> str:
    rows = [
        "| clave | nombre | unidad | ámbitos | periodicidad | fórmula |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for i in catalog.indicadores:
        rows.append(
            f"| {i.clave} | {i.nombre} | {i.unidad} | "
            f"{', '.join(i.ambitos)} | {i.periodicidad} | {i.formula} |"
        )
    return "\n".join(rows)


def render_indicator_docs(catalog: IndicatorCatalog | None = None) -> str:
    catalog = catalog or load_catalog()
    blocks = [
        _doc_block(
            "indicadores__catalogo",
            "Clave del indicador (models/indicadores.yml). "
            f"{catalog.notacion}\n\n{_catalog_table(catalog)}",
        )
    ]
    blocks += [_doc_block(f"indicador__{i.clave}", _indicator_text(i)) for i in catalog.indicadores]
    return f"{{# {GENERATED} #}}\n\n" + "\n".join(blocks)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _dim_row(indicator: Indicator) -> str:
    values = (
        indicator.clave,
        indicator.nombre,
        indicator.formula,
        indicator.unidad,
        ", ".join(indicator.fuente),
        ", ".join(indicator.ambitos),
        indicator.periodicidad,
        indicator.familia,
        load_declaration().rule_of(indicator.clave),
    )
    return "        (" + ", ".join(_sql_text(v) for v in values) + ")"


DIM_COLUMNS = (
    "clave_indicador",
    "nombre",
    "formula",
    "unidad",
    "fuente",
    "ambitos",
    "periodicidad",
    "familia",
    "supresion",
)


def render_dim_indicador(catalog: IndicatorCatalog | None = None) -> str:
    catalog = catalog or load_catalog()
    rows = ",\n".join(_dim_row(i) for i in catalog.indicadores)
    casts = ",\n".join(f"        cast({c} as varchar) as {c}" for c in DIM_COLUMNS)
    return (
        f"-- {GENERATED}\n"
        "-- El catálogo de indicadores (models/indicadores.yml) como tabla.\n"
        "with\n\ncatalogo as (\n\n    select * from (values\n"
        f"{rows}\n    ) as catalogo ({', '.join(DIM_COLUMNS)})\n\n),\n\n"
        f"final as (\n\n    select\n{casts}\n    from catalogo\n\n)\n\nselect * from final\n"
    )


def generated_docs() -> dict[Path, str]:
    return {
        CONTRACT_DOCS_PATH: render_contract_docs(),
        SEED_DOCS_PATH: render_seed_docs(),
        INDICATOR_DOCS_PATH: render_indicator_docs(),
        DIM_INDICADOR_PATH: render_dim_indicador(),
    }
