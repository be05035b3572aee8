"""The manifest of a publication: what it was built from and what it passed.

One row per publication (the new one and every earlier one still on record): version, time,
the source files with their sha256 (raw.cargas, estado CARGADO), the validation summary, the
dbt invocation and the Dagster run. The same row is written as manifest.json beside the file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from pipelines.core.queries import one_row
from pipelines.quality.results import GateResult

MANIFEST_COLUMNS = (
    ("version", "INTEGER"),
    ("publicado_en", "VARCHAR"),
    ("run_id", "VARCHAR"),
    ("dbt_invocation_id", "VARCHAR"),
    ("dbt_generado_en", "VARCHAR"),
    ("validacion_aprobada", "BOOLEAN"),
    ("verificaciones", "INTEGER"),
    ("avisos", "INTEGER"),
    ("archivos_fuente", "INTEGER"),
    ("filas_por_tabla", "VARCHAR"),
    ("archivos", "VARCHAR"),
    ("validacion", "VARCHAR"),
    ("huella_contenido", "VARCHAR"),
    ("divulgacion", "VARCHAR"),
)


@dataclass
class Manifest:
    version: int
    publicado_en: str
    run_id: str
    dbt_invocation_id: str | None
    dbt_generado_en: str | None
    validacion_aprobada: bool
    verificaciones: int
    avisos: int
    archivos_fuente: int
    filas_por_tabla: dict[str, int] = field(default_factory=dict)
    archivos: list[dict] = field(default_factory=list)
    validacion: list[dict] = field(default_factory=list)
    # fingerprint of the published rows: equal means nothing changed
    huella_contenido: str | None = None
    # suppression and audit: cells hidden, share, intervals
    divulgacion: dict = field(default_factory=dict)

    def row(self) -> list:
        values = asdict(self)
        for name in ("filas_por_tabla", "archivos", "validacion", "divulgacion"):
            values[name] = json.dumps(values[name], ensure_ascii=False, default=str)
        return [values[name] for name, _ in MANIFEST_COLUMNS]


def source_files(con: duckdb.DuckDBPyConnection, source: str = "almacen") -> list[dict]:
    cursor = con.execute(
        f"SELECT carga_id, tipo, archivo, sha256, periodo, filas_cargadas FROM {source}.raw.cargas "
        "WHERE estado = 'CARGADO' ORDER BY tipo, periodo, archivo"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def validation_summary(gates: list[GateResult]) -> list[dict]:
    return [
        {
            "puerta": gate.puerta,
            "aprobada": gate.aprobada,
            "verificaciones": [
                {
                    "asset": c.asset,
                    "check": c.check,
                    "aprobada": c.aprobada,
                    "severidad": c.severidad,
                    "bloqueante": c.bloqueante,
                    "filas_inesperadas": c.inesperadas,
                    "lotes": c.lotes,
                }
                for c in gate.verificaciones
            ],
        }
        for gate in gates
    ]


def dbt_invocation(con: duckdb.DuckDBPyConnection, warehouse: str) -> tuple[str | None, str | None]:
    """(invocation_id, finished_at) of the last dbt build or run on the warehouse: the one that made
    the marts being published (dbt's on-run-end hook records it in bitacora_dbt.invocaciones)."""
    found = one_row(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? "
            "AND schema_name = 'bitacora_dbt' AND table_name = 'invocaciones'",
            [warehouse],
        )
    )[0]
    if not found:
        return None, None
    row = con.execute(
        f"SELECT invocation_id, strftime(terminado_en, '%Y-%m-%dT%H:%M:%S') FROM "
        f"{warehouse}.bitacora_dbt.invocaciones ORDER BY terminado_en DESC LIMIT 1"
    ).fetchone()
    return row or (None, None)


def create_manifest_table(con: duckdb.DuckDBPyConnection, manifests: list[Manifest]) -> None:
    body = ", ".join(f"{name} {sql_type}" for name, sql_type in MANIFEST_COLUMNS)
    con.execute(f"CREATE TABLE manifest ({body})")
    marks = ", ".join("?" for _ in MANIFEST_COLUMNS)
    for manifest in sorted(manifests, key=lambda m: m.version):
        con.execute(f"INSERT INTO manifest VALUES ({marks})", manifest.row())


def manifest_from_dict(data: dict[str, Any]) -> Manifest:
    values: dict[str, Any] = {name: data.get(name) for name, _ in MANIFEST_COLUMNS}
    return Manifest(**values)
