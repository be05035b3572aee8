"""The auditors' report's section on the plan's targets (metas): per instrument, the rows loaded
and rejected (load log), the targets in force and how many were revised (marts.metas_vigentes),
and the semáforo of each in the current publication (evaluacion). Its own section, apart from the
rest of the report (templates/_metas.html.j2)."""

from __future__ import annotations

import duckdb

from pipelines.access.connection import connect_read_only, publication_path
from pipelines.core.config import Settings
from pipelines.publish.versions import CURRENT_FILE

LOADS_SQL = """
SELECT archivo, estado, filas_leidas AS leidas, filas_cargadas AS cargadas,
    filas_rechazadas AS rechazadas
FROM raw.cargas WHERE tipo = 'metas' AND estado IN ('CARGADO', 'RECHAZADO', 'ERROR')
ORDER BY archivo
"""
IN_FORCE_SQL = """
SELECT instrumento, count(*) AS metas_vigentes,
    count(*) FILTER (WHERE revisiones > 0) AS metas_revisadas,
    count(*) FILTER (WHERE meta <> meta_original) AS meta_distinta_de_la_original
FROM marts.metas_vigentes GROUP BY instrumento ORDER BY instrumento
"""
SEMAFORO_SQL = """
PIVOT (SELECT instrumento, semaforo FROM evaluacion) ON semaforo
    IN ('VERDE', 'AMARILLO', 'ROJO', 'CONFIDENCIAL', 'PENDIENTE', 'SIN_DATO')
USING count(*) GROUP BY instrumento ORDER BY instrumento
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall())


def targets_section(settings: Settings, current: int | None) -> dict[str, list[dict]]:
    """{cargas, vigentes, semaforos}: each empty when its table is not there yet."""
    found: dict[str, list[dict]] = {"cargas": [], "vigentes": [], "semaforos": []}
    if settings.warehouse_path.exists():
        with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
            tables = _tables(con)
            if ("raw", "cargas") in tables:
                found["cargas"] = _rows(con, LOADS_SQL)
            if ("marts", "metas_vigentes") in tables:
                found["vigentes"] = _rows(con, IN_FORCE_SQL)
    if current is not None and (settings.published_dir / CURRENT_FILE).exists():
        with connect_read_only(publication_path(settings)) as con:
            if ("main", "evaluacion") in _tables(con):
                found["semaforos"] = _rows(con, SEMAFORO_SQL)
    return found
