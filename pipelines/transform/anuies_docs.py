"""Spanish descriptions of the raw tables an ANUIES yearbook feeds
(pipelines/ingest/anuies/tables.py).

The columns and their order come from ANUIES_TABLES; the measures' descriptions from the yearbook
spec (models/anuies.yml), so adding a measure there describes it here. This module writes each
description once: the dbt sources (dbt_sources.py) and the doc blocks the marts use
(`{{ doc('anuies__programa') }}`, models/docs/_anuies.md) both read it.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.config import DBT_PROJECT_DIR
from pipelines.ingest.anuies.spec import load_spec
from pipelines.ingest.anuies.tables import ANUIES_TABLES
from pipelines.specs.contracts import LINEAGE_COLUMNS
from pipelines.transform.dbt_docs import _doc_block as doc_block

ANUIES_DOCS_PATH = DBT_PROJECT_DIR / "models" / "docs" / "_anuies.md"
GENERATED = (
    "Generado por pipelines/transform/anuies_docs.py; "
    "no editar: python -m pipelines.transform.generate"
)

TABLE_DESCRIPTIONS = {
    "anuies": (
        "Anuario estadístico ANUIES de licenciatura: un renglón por programa de estudios, "
        "institución y municipio, con sus medidas totales del ciclo. Datos públicos agregados; los "
        "renglones de total del archivo no se cargan (su conciliación está en anuies_conciliacion)."
    ),
    "anuies_conciliacion": (
        "Conciliación del anuario para los auditores: un renglón por renglón de total del archivo "
        "(entidad, municipio, institución, escuela y total general) y medida, con la suma de los "
        "programas que abarca. Un total general que no concilia rechaza el archivo."
    ),
}

LABELS = {
    "ciclo": "Ciclo escolar del anuario, YYYY-YYYY (del nombre del archivo o de sus títulos).",
    "entidad": "Entidad federativa, como la escribe el anuario.",
    "municipio": "Municipio, como lo escribe el anuario.",
    "institucion": "Institución de educación superior, como la escribe el anuario.",
    "escuela": (
        "Escuela o campus; nulo cuando el anuario no trae esa columna (2017-2018 no la trae)."
    ),
}

COLUMN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "anuies": {
        **LABELS,
        "programa": "Programa de estudios de licenciatura, como lo escribe el anuario.",
        "es_ipn": (
            "Verdadero si la institución es el Instituto Politécnico "
            "Nacional (reglas `ipn` de models/anuies.yml)."
        ),
    },
    "anuies_conciliacion": {
        **LABELS,
        "nivel_total": "Nivel del renglón de total: ENTIDAD, MUNICIPIO, INSTITUCION, ESCUELA o "
        "NACIONAL (el total general).",
        "medida": "Medida comparada (columna de raw.anuies, p. ej. matricula_total).",
        "valor_archivo": (
            "Valor que el archivo escribe en el renglón de total; nulo si no hay dato."
        ),
        "suma_programas": "Suma de la medida en los renglones de programa que el total abarca (un "
        "dato faltante suma 0).",
        "diferencia": "valor_archivo − suma_programas (un valor faltante cuenta como 0).",
        "concilia": "Verdadero si la diferencia es 0.",
        "fila": (
            "Renglón de la hoja donde está el total, como lo ve una persona al abrir el archivo."
        ),
        "n_programas": "Renglones de programa que el total abarca.",
    },
}

# The lineage columns are described with the extracts' (dbt_sources.LINEAGE_DESCRIPTIONS), except
# the row: a yearbook's header is not its first row.
FILA_DESCRIPTION = {
    "_fila": "Renglón de la hoja de origen, como lo ve una persona al abrir el archivo."
}


def _measure_descriptions() -> dict[str, str]:
    return {
        m.column: f"«{m.header}» del anuario: el programa en el ciclo; nulo (no 0) donde el "
        "anuario escribe que no hay dato (`--`)."
        for m in load_spec().measures
    }


def column_descriptions(table: str) -> dict[str, str]:
    """Column → description for raw.<table> (an ANUIES_TABLES key); lineage columns other than
    `_fila` are left to the caller."""
    return {**_measure_descriptions(), **FILA_DESCRIPTION, **COLUMN_DESCRIPTIONS[table]}


def render_anuies_docs() -> str:
    """A doc block per table (`anuies__tabla`) and per column (`anuies__programa`), lineage
    aside."""
    lineage = {name for name, _ in LINEAGE_COLUMNS}
    blocks = []
    for table, columns in ANUIES_TABLES.items():
        descriptions = column_descriptions(table)
        blocks.append(doc_block(f"{table}__tabla", TABLE_DESCRIPTIONS[table]))
        blocks += [
            doc_block(f"{table}__{n}", descriptions[n]) for n, _ in columns if n not in lineage
        ]
    return f"{{# {GENERATED} #}}\n\n" + "\n".join(blocks)


def generated_anuies_docs() -> dict[Path, str]:
    return {ANUIES_DOCS_PATH: render_anuies_docs()}
