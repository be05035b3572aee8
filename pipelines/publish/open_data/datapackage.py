"""The Frictionless Data Package (datapackage.json): one CSV resource per published table
(tablas/<tabla>.csv) with its Table Schema — types, Spanish descriptions, primary and foreign
keys, an empty field as the missing value — the licence, the sources, and each file's size and
sha256. Written as plain JSON from the published file; the Frictionless validator checks it in
the tests (an independent reader)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from pipelines.publish.open_data.checksums import sha256_of, size_of
from pipelines.publish.open_data.layout import table_csv
from pipelines.publish.open_data.publisher import (
    DESCRIPTION,
    LICENSE_NAME,
    LICENSE_TITLE,
    LICENSE_URL,
    PUBLISHER,
    TITLE,
)
from pipelines.publish.open_data.source import columns_of, table_comment

PROFILE = "data-package"
# the keys each table's rows are unique by, and what its columns refer to
PRIMARY_KEYS = {
    "indicadores": ["clave_indicador", "periodo", "ambito", "clave_ambito"],
    "dim_indicador": ["clave_indicador"],
    "dim_unidad": ["unidad_version_id"],
    "dim_programa": ["cve_programa"],
    "dim_periodo": ["periodo"],
    "fct_matricula": ["periodo", "cve_unidad", "cve_programa", "sexo", "semestre", "tipo_ingreso"],
    "diccionario": ["tabla", "columna"],
    "manifest": ["version"],
}
FOREIGN_KEYS = {
    "indicadores": [("clave_indicador", "dim_indicador", "clave_indicador")],
    "fct_matricula": [
        ("periodo", "dim_periodo", "periodo"),
        ("cve_programa", "dim_programa", "cve_programa"),
    ],
}


def field_type(duckdb_type: str) -> str:
    kind = duckdb_type.upper()
    if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER"):
        return "integer"
    if kind.startswith("DECIMAL") or kind in ("DOUBLE", "FLOAT", "REAL"):
        return "number"
    if kind == "BOOLEAN":
        return "boolean"
    if kind == "DATE":
        return "date"
    if kind.startswith("TIMESTAMP"):
        return "datetime"
    return "string"


def _schema(con: duckdb.DuckDBPyConnection, table: str, tables: list[str]) -> dict:
    schema: dict = {
        "fields": [
            {"name": name, "type": field_type(kind), "description": comment}
            for name, kind, comment in columns_of(con, table)
        ],
        "missingValues": [""],
    }
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table]
    references = [fk for fk in FOREIGN_KEYS.get(table, []) if fk[1] in tables]
    if references:
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": target, "fields": [key]}}
            for field, target, key in references
        ]
    return schema


def _resource(con: duckdb.DuckDBPyConnection, folder: Path, table: str, tables: list[str]):
    path = folder / table_csv(table)
    return {
        "name": table,
        "path": table_csv(table),
        "title": table,
        "description": table_comment(con, table),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size_of(path),
        "hash": f"sha256:{sha256_of(path)}",
        "dialect": {"delimiter": ",", "header": True},
        "schema": _schema(con, table, tables),
    }


def data_package(
    con: duckdb.DuckDBPyConnection, folder: Path, tables: list[str], version: int, modified: str
) -> dict:
    return {
        "profile": PROFILE,
        "name": f"siie-ipn-v{version:04d}",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": str(version),
        "created": modified,
        "licenses": [{"name": LICENSE_NAME, "title": LICENSE_TITLE, "path": LICENSE_URL}],
        "sources": [{"title": PUBLISHER}],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "resources": [_resource(con, folder, table, tables) for table in tables],
    }


def write_data_package(package: dict, path: Path) -> None:
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
