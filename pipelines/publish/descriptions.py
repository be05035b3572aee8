"""Spanish descriptions of published tables and columns, from where they are already written.

In order: what the publication adds (suppression flags, manifest, dictionary), the dbt model
properties of the marts (dbt_project/models/marts/*.yml, doc blocks resolved), the load log's
descriptions (pipelines.transform.dbt_sources) and, by column name, the extract contracts.
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from pipelines.core.config import DBT_PROJECT_DIR
from pipelines.publish.evaluation import EVALUATION_COLUMNS
from pipelines.specs.contracts import all_contracts
from pipelines.specs.disclosure import load_declaration
from pipelines.transform.dbt_sources import LOG_TABLES

DOC_BLOCK_RE = re.compile(r"{%\s*docs\s+(\w+)\s*%}(.*?){%\s*enddocs\s*%}", re.DOTALL)
DOC_REF_RE = re.compile(r"{{\s*doc\(\s*'(\w+)'\s*\)\s*}}")

PUBLICATION_COLUMNS = {
    "indicadores": {
        "clave_indicador": (
            "Clave del indicador; su nombre, fórmula, "
            "unidad y regla de supresión están en dim_indicador."
        ),
        "suprimido": (
            "Verdadero cuando el control de divulgación oculta valor, numerador y denominador."
        ),
        "estado_confidencialidad": (
            "Marca de confidencialidad (CL_CONF_STATUS de SDMX): F libre, C confidencial (la "
            "cifra se oculta; no se dice qué regla la ocultó)."
        ),
    },
    "fct_matricula": {
        "alumnos": "Alumnos en la celda; nulo cuando la celda está suprimida.",
    },
    "manifest": {
        "version": "Número de la publicación.",
        "publicado_en": "Momento de la publicación (ISO 8601).",
        "run_id": "Ejecución de Dagster que publicó.",
        "divulgacion": (
            "Control de divulgación de la versión (JSON): segundos de la supresión, "
            "celdas ocultas por familia (sólo cuántas, no cuánto suman) y si la auditoría de "
            "divulgación la aprobó."
        ),
        "dbt_invocation_id": (
            "Invocación de dbt que construyó los marts (la última "
            "registrada en bitacora_dbt.invocaciones del almacén)."
        ),
        "dbt_generado_en": "Momento en que dbt terminó esa invocación.",
        "validacion_aprobada": (
            "Verdadero si ninguna verificación bloqueante falló (condición para publicar)."
        ),
        "verificaciones": "Verificaciones de calidad ejecutadas.",
        "avisos": "Verificaciones no bloqueantes que no se cumplieron (avisos para auditoría).",
        "archivos_fuente": "Archivos de origen cargados de los que sale la publicación.",
        "filas_por_tabla": "JSON: renglones de cada tabla publicada.",
        "archivos": (
            "JSON: cada archivo de origen con tipo, periodo, sha256, carga_id y renglones cargados."
        ),
        "validacion": "JSON: resultado de cada verificación de la puerta de calidad.",
        "huella_contenido": (
            "Huella (SHA-256) de los renglones publicados: "
            "igual en dos versiones = mismo contenido."
        ),
    },
    "diccionario": {
        "tabla": "Tabla publicada.",
        "columna": "Columna de la tabla.",
        "tipo": "Tipo de dato en DuckDB.",
        "descripcion": "Qué contiene la columna.",
    },
}

PUBLICATION_TABLES = {
    "manifest": (
        "Una fila por publicación: versión, fecha, "
        "archivos de origen con sha256, validación e invocación de dbt."
    ),
    "diccionario": (
        "Diccionario de datos: cada columna de cada tabla publicada, con su tipo y descripción."
    ),
}


def _matricula_suppression_columns() -> dict[str, str]:
    """fct_matricula's suppression columns, in the words of the declaration
    (models/divulgacion.yml)."""

    d = load_declaration()
    small = f"celdas de 1 a {d.count_below - 1} alumnos"
    return {
        "suprimido": (
            "Verdadero cuando el conteo de la celda se oculta: por ser pequeño "
            f"({small}) o para que uno pequeño no se deduzca restando de los márgenes."
        ),
        "estado_confidencialidad": "F libre, C confidencial (la celda se oculta).",
    }


PUBLICATION_COLUMNS["fct_matricula"] |= _matricula_suppression_columns()
PUBLICATION_COLUMNS |= EVALUATION_COLUMNS


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n")[0].split())


@cache
def doc_blocks() -> dict[str, str]:
    blocks = {}
    for path in (DBT_PROJECT_DIR / "models").rglob("*.md"):
        for name, body in DOC_BLOCK_RE.findall(path.read_text(encoding="utf-8")):
            blocks[name] = _first_paragraph(body)
    return blocks


def resolve_docs(text: str) -> str:
    return " ".join(DOC_REF_RE.sub(lambda m: doc_blocks().get(m.group(1), ""), text or "").split())


@cache
def dbt_descriptions() -> dict[str, tuple[str, dict[str, str]]]:
    """Mart name → (its description, {column: description}) from the dbt properties files."""
    found = {}
    for path in sorted((DBT_PROJECT_DIR / "models" / "marts").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            columns = {
                c["name"]: resolve_docs(c.get("description", "")) for c in model.get("columns", [])
            }
            found[model["name"]] = (resolve_docs(model.get("description", "")), columns)
    return found


@cache
def contract_column_descriptions() -> dict[str, str]:
    found: dict[str, str] = {}
    for contract in all_contracts().values():
        for column in contract.columns:
            if column.stored_name and not column.pii:
                found.setdefault(column.name, column.description)
    return found


def column_description(table: str, column: str) -> str:
    if column in PUBLICATION_COLUMNS.get(table, {}):
        return PUBLICATION_COLUMNS[table][column]
    if table in LOG_TABLES and column in LOG_TABLES[table][2]:
        return LOG_TABLES[table][2][column]
    described = dbt_descriptions().get(table, ("", {}))[1].get(column)
    return described or contract_column_descriptions().get(column, "")
