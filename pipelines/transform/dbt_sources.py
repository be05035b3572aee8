"""dbt's description of the raw.* tables, generated from the extract contracts.

The contracts (models/contracts/*.yml) hold the columns, types and descriptions; the load log
tables take their columns from ingestion's DDL, and so do the ANUIES yearbook's tables
(pipelines/ingest/anuies/tables.py, described in pipelines/transform/anuies_docs.py). Nothing
here retypes a column list: run `python -m pipelines.transform.generate` after changing a
contract and commit the result.
"""

from __future__ import annotations

from typing import Any

from pipelines.core.config import DBT_PROJECT_DIR, EXTRACT_KINDS, SOURCE_KINDS
from pipelines.ingest.anuies.load import KIND as ANUIES
from pipelines.ingest.anuies.tables import ANUIES_TABLES
from pipelines.specs.contracts import Column, Contract, all_contracts
from pipelines.specs.load_log import CARGAS_COLUMNS, RECHAZOS_COLUMNS
from pipelines.transform.anuies_docs import TABLE_DESCRIPTIONS, column_descriptions
from pipelines.transform.yaml_text import dump_yaml

SOURCES_PATH = DBT_PROJECT_DIR / "models" / "staging" / "_raw__sources.yml"
HEADER = (
    "# Generado por pipelines/transform/dbt_sources.py desde models/contracts/*.yml y el DDL de\n"
    "# pipelines/ingest/warehouse.py y anuies/tables.py. No editar a mano:\n"
    "# python -m pipelines.transform.generate\n"
)


def ingestion_asset_key(kind: str) -> list[str]:
    """The Dagster asset that writes raw.<kind> (pipelines.ingest.assets)."""
    return [f"raw_{kind}"]


LINEAGE_DESCRIPTIONS = {
    "_carga_id": "Carga (raw.cargas.carga_id) que escribió el renglón.",
    "_archivo": "Archivo de origen en la carpeta de entrada.",
    "_sha256": "SHA-256 del archivo de origen.",
    "_fila": (
        "Línea del archivo de origen donde empieza el renglón (el encabezado es la línea 1; "
        "un valor entre comillas con saltos de línea cuenta sus líneas)."
    ),
    "_cargado_en": "Momento de la carga.",
}

LOG_TABLES: dict[str, tuple[str, tuple[tuple[str, str], ...], dict[str, str]]] = {
    "cargas": (
        "Bitácora de cargas: un renglón por intento de cargar un archivo.",
        CARGAS_COLUMNS,
        {
            "carga_id": "Identificador de la carga.",
            "tipo": "Tipo de extracto (matricula, trayectoria, plantilla, presupuesto, anuies).",
            "archivo": "Archivo en la carpeta de entrada.",
            "sha256": "SHA-256 del archivo; identifica el archivo.",
            "tamano_bytes": "Tamaño del archivo en bytes.",
            "formato": "Formato del archivo (csv, xlsx).",
            "codificacion": "Codificación de caracteres detectada.",
            "periodo": "Periodo del archivo: YY/N (escolares), fecha de corte ISO (plantilla) "
            "o YYYY-MM (presupuesto).",
            "filas_leidas": "Renglones de datos leídos.",
            "filas_cargadas": "Renglones que pasaron todas las reglas y se cargaron.",
            "filas_rechazadas": "Renglones enviados a raw.rechazos.",
            "estado": "CARGADO, RECHAZADO (sobre el umbral de rechazo), ERROR (ilegible) o "
            "REEMPLAZADO (sustituido por un archivo más reciente del mismo periodo).",
            "mensaje": "Explicación del estado.",
            "advertencias": "Advertencias (p. ej. columnas desconocidas ignoradas).",
            "iniciado_en": "Inicio de la carga.",
            "terminado_en": "Fin de la carga.",
        },
    ),
    "rechazos": (
        "Renglones rechazados, con el archivo, el renglón, la columna y el motivo.",
        RECHAZOS_COLUMNS,
        {
            "carga_id": "Carga en la que se rechazó el renglón.",
            "tipo": "Tipo de extracto.",
            "archivo": "Archivo en la carpeta de entrada.",
            "sha256": "SHA-256 del archivo.",
            "fila": (
                "Línea del archivo donde empieza el renglón "
                "rechazado (el encabezado es la línea 1)."
            ),
            "columna": "Columna que rompió la regla.",
            "motivo": "Regla incumplida.",
            "valor": "Valor encontrado (datos personales enmascarados).",
            "otros_motivos": "Otras reglas que el mismo renglón incumplió.",
            "registro": "El renglón completo en JSON (datos personales enmascarados).",
        },
    ),
}


def _column(name: str, sql_type: str, description: str) -> dict[str, Any]:
    return {"name": name, "data_type": sql_type.split()[0].lower(), "description": description}


def _stored_description(column: Column) -> str:
    if column.pii == "pseudonymise":
        return f"Seudónimo (HMAC-SHA256) de {column.name}. {column.description}"
    return column.description


def _extract_table(contract: Contract) -> dict[str, Any]:
    descriptions = {
        c.stored_name: _stored_description(c) for c in contract.columns if c.stored_name
    }
    descriptions.update(LINEAGE_DESCRIPTIONS)
    return {
        "name": contract.kind,
        "description": f"{contract.title}. {contract.description}",
        "meta": {"dagster": {"asset_key": ingestion_asset_key(contract.kind)}},
        "columns": [_column(n, t, descriptions[n]) for n, t in contract.stored_columns],
    }


def _anuies_table(name: str) -> dict[str, Any]:
    """raw.anuies and raw.anuies_conciliacion are both written by one asset (raw_anuies): two
    sources cannot share a Dagster asset key, so each names its writer (see translator.py)."""
    descriptions = {**LINEAGE_DESCRIPTIONS, **column_descriptions(name)}
    return {
        "name": name,
        "description": TABLE_DESCRIPTIONS[name],
        "meta": {"siie": {"escrita_por": [ingestion_asset_key(ANUIES)]}},
        "columns": [_column(n, t, descriptions[n]) for n, t in ANUIES_TABLES[name]],
    }


def _log_table(name: str) -> dict[str, Any]:
    """raw.cargas is written by every load (the yearbook's too); raw.rechazos by the extracts'."""
    description, columns, descriptions = LOG_TABLES[name]
    writers = SOURCE_KINDS if name == "cargas" else EXTRACT_KINDS
    return {
        "name": name,
        "description": description + " La escriben todas las cargas.",
        "meta": {"siie": {"escrita_por": [ingestion_asset_key(k) for k in writers]}},
        "columns": [_column(n, t, descriptions.get(n, "")) for n, t in columns],
    }


def sources_document() -> dict[str, Any]:
    tables = [_extract_table(c) for c in all_contracts().values()]
    tables += [_anuies_table(name) for name in ANUIES_TABLES]
    tables += [_log_table(name) for name in LOG_TABLES]
    return {
        "version": 2,
        "sources": [
            {
                "name": "raw",
                "schema": "raw",
                "description": "Extractos tal como los cargó la ingesta (tipados, con linaje), el "
                "anuario ANUIES con su conciliación y la bitácora de cargas y rechazos.",
                "tables": tables,
            }
        ],
    }


def render_sources() -> str:
    return HEADER + dump_yaml(sources_document())
