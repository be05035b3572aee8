"""What the auditors' report shows, read from the warehouse (read-only), the run's gate results
and the publication history. Plain rows; pipelines.publish.report turns them into HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from pipelines.config import EXTRACT_KINDS, Settings
from pipelines.publish.history import Attempt, read_history
from pipelines.publish.versions import current_version, versions
from pipelines.quality.results import GateResult, load_gates

Rows = list[dict]


@dataclass
class ReportData:
    run_id: str
    gates: list[GateResult]
    attempts: list[Attempt]
    current: int | None
    kept: list[int]
    cargas: Rows = field(default_factory=list)
    rechazos: Rows = field(default_factory=list)
    capas: Rows = field(default_factory=list)
    anuies: Rows = field(default_factory=list)
    explicaciones: list[dict] = field(default_factory=list)  # pipelines.explain, for the chosen cells

    @property
    def attempt(self) -> Attempt | None:
        own = [a for a in self.attempts if a.run_id == self.run_id]
        return own[-1] if own else None


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Rows:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
                            [schema, table]).fetchone()[0])


CARGAS_SQL = """
SELECT tipo, archivo, periodo, estado, formato, codificacion, filas_leidas, filas_cargadas, filas_rechazadas,
       sha256, mensaje, advertencias, CAST(iniciado_en AS TIMESTAMP(0)) AS iniciado_en
FROM raw.cargas ORDER BY iniciado_en DESC, archivo
"""

RECHAZOS_SQL = """
SELECT archivo, coalesce(columna, '—') AS columna, motivo, count(*) AS filas, min(fila) AS primera_fila
FROM raw.rechazos GROUP BY ALL ORDER BY archivo, filas DESC, motivo
"""


def _layers_sql(kind: str) -> str:
    """Rows of a kind: read = loaded + rejected per the log, and loaded per the log = rows in raw."""
    return f"""
SELECT '{kind}' AS extracto,
       coalesce(sum(filas_leidas), 0) AS leidas,
       coalesce(sum(filas_cargadas), 0) AS cargadas,
       coalesce(sum(filas_rechazadas), 0) AS rechazadas,
       (SELECT count(*) FROM raw.{kind}) AS en_raw
FROM raw.cargas WHERE tipo = '{kind}' AND estado = 'CARGADO'
"""


ANUIES_SQL = """
SELECT ciclo, nivel_total, medida, count(*) AS comparaciones, count(*) FILTER (WHERE concilia) AS concilian,
       count(*) FILTER (WHERE NOT concilia) AS no_concilian, sum(abs(diferencia)) AS diferencia_absoluta
FROM raw.anuies_conciliacion GROUP BY ALL ORDER BY ALL
"""


def _warehouse_rows(settings: Settings, data: ReportData) -> None:
    if not settings.warehouse_path.exists():
        return
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        if not _has_table(con, "raw", "cargas"):
            return
        data.cargas = _rows(con, CARGAS_SQL)
        data.rechazos = _rows(con, RECHAZOS_SQL)
        data.capas = [row for kind in EXTRACT_KINDS if _has_table(con, "raw", kind) for row in _rows(con, _layers_sql(kind))]
        if _has_table(con, "raw", "anuies_conciliacion"):
            data.anuies = _rows(con, ANUIES_SQL)


def gather(settings: Settings, run_id: str) -> ReportData:
    published = settings.published_dir
    data = ReportData(run_id, load_gates(settings, run_id), read_history(published), current_version(published),
                      versions(published))
    _warehouse_rows(settings, data)
    if data.current:
        data.explicaciones = [_explanation(settings, spec) for spec in settings.explained_cells]
    return data


def _explanation(settings: Settings, spec: tuple[str, ...]) -> dict:
    from pipelines.explain.explanation import ExplainError, explain_latest

    try:
        return explain_latest(settings, *spec)
    except ExplainError as error:
        return {"celda": None, "spec": ":".join(spec), "error": str(error)}
    except Exception as error:  # noqa: BLE001 — the report is still written; the failure is shown in it
        return {"celda": None, "spec": ":".join(spec), "error": f"no se pudo explicar: {type(error).__name__}: {error}"}
