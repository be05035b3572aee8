"""What the auditors' report shows: read from the working warehouse (read-only), the gate results
of the Dagster runs the report covers, the publication history and the current publication.
Plain rows; pipelines.report.page turns them into HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import duckdb
from dagster import DagsterInstance
from dagster._core.errors import DagsterHomeNotSetError, DagsterInvariantViolationError

from pipelines.access.connection import connect_read_only, publication_path
from pipelines.core.clock import office_time
from pipelines.core.config import EXTRACT_KINDS, Settings
from pipelines.core.queries import one_row
from pipelines.explain.explanation import ExplainError, explain_latest
from pipelines.publish.disclosure.records import attempt_record
from pipelines.publish.history import Attempt, read_history
from pipelines.publish.versions import CURRENT_FILE, current_version, versions
from pipelines.quality.results import GateResult, load_gates
from pipelines.report.check_tally import CheckTally, run_check_evaluations, tally_checks
from pipelines.report.targets import targets_section

Rows = list[dict]

# The headline indicators drawn as time series (ámbito IPN), and the budget one drawn by month.
HEADLINE_INDICATORS = (
    "MATRICULA_TOTAL",
    "NUEVO_INGRESO",
    "EGRESADOS",
    "TITULADOS",
    "TASA_ABANDONO",
    "DOCENTES",
    "ALUMNOS_POR_DOCENTE",
    "PRESUPUESTO_DEVENGADO",
)
BUDGET_BY_MONTH = "AVANCE_PRESUPUESTAL"


@dataclass
class ReportData:
    report_id: str
    run_ids: tuple[str, ...]
    since: datetime | None  # loads that started from then on belong to the runs reported
    gates: list[GateResult]
    attempts: list[Attempt]
    current: int | None
    kept: list[int]
    loads: Rows = field(default_factory=list)
    rejections: Rows = field(default_factory=list)  # by file, column and reason
    rejections_by_reason: Rows = field(default_factory=list)  # by extract, column and reason
    layers: Rows = field(default_factory=list)
    anuies: Rows = field(default_factory=list)
    # HEADLINE_INDICATORS at IPN, from the current publication
    series: Rows = field(default_factory=list)
    monthly_budget: Rows = field(default_factory=list)  # BUDGET_BY_MONTH at IPN
    # pipelines.explain, for the chosen cells
    explanations: list[dict] = field(default_factory=list)
    targets: dict[str, Rows] = field(default_factory=dict)  # pipelines/report/targets.py
    # what went wrong while writing the report itself
    warnings: list[str] = field(default_factory=list)
    # run_id → the internal record of its disclosure control (exact loss, audit cell by cell)
    internal_disclosure: dict[str, dict] = field(default_factory=dict)
    check_tally: CheckTally = field(default_factory=CheckTally)  # every check of the runs

    @property
    def attempt(self) -> Attempt | None:
        own = [a for a in self.attempts if a.run_id in self.run_ids]
        return own[-1] if own else None

    @property
    def run_loads(self) -> Rows:
        if self.since is None:
            return self.loads
        return [c for c in self.loads if c["iniciado_en"] and c["iniciado_en"] >= self.since]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Rows:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        one_row(
            con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
                [schema, table],
            )
        )[0]
    )


CARGAS_SQL = """
SELECT tipo, archivo, periodo, estado, formato, codificacion,
       filas_leidas, filas_cargadas, filas_rechazadas,
       sha256, mensaje, advertencias, iniciado_en
FROM raw.cargas ORDER BY tipo, archivo, iniciado_en DESC
"""

# Per file, its REASONS_PER_FILE most frequent (column, reason) and one line for the rest: the page
# stays readable at IPN scale; every rejected row is in raw.rechazos.
REASONS_PER_FILE = 10
RECHAZOS_SQL = f"""
WITH por_motivo AS (
    SELECT archivo, coalesce(columna, '—') AS columna, motivo, count(*) AS filas,
        min(fila) AS primera_fila
    FROM raw.rechazos GROUP BY ALL
), ordenados AS (
    SELECT *, row_number() OVER (PARTITION BY archivo ORDER BY filas DESC, columna, motivo)
        AS orden FROM por_motivo
)
SELECT archivo, columna, motivo, filas, primera_fila FROM (
    SELECT * FROM ordenados WHERE orden <= {REASONS_PER_FILE}
    UNION ALL
    SELECT archivo, '…', 'otros ' || count(*) || ' motivos', sum(filas), min(primera_fila),
        {REASONS_PER_FILE} + 1
    FROM ordenados WHERE orden > {REASONS_PER_FILE} GROUP BY archivo
) ORDER BY archivo, orden
"""

RECHAZOS_POR_MOTIVO_SQL = """
SELECT tipo, coalesce(columna, '—') AS columna, motivo, count(*) AS filas,
    count(DISTINCT archivo) AS archivos
FROM raw.rechazos GROUP BY ALL ORDER BY filas DESC, tipo, columna, motivo
"""


def _layers_sql(kind: str) -> str:
    """Rows of a kind: read = loaded + rejected per the log, and loaded per the log = rows in
    raw."""
    return f"""
SELECT '{kind}' AS extracto,
       coalesce(sum(filas_leidas), 0) AS leidas,
       coalesce(sum(filas_cargadas), 0) AS cargadas,
       coalesce(sum(filas_rechazadas), 0) AS rechazadas,
       (SELECT count(*) FROM raw.{kind}) AS en_raw
FROM raw.cargas WHERE tipo = '{kind}' AND estado = 'CARGADO'
"""


ANUIES_SQL = """
SELECT ciclo, nivel_total, medida, count(*) AS comparaciones,
    count(*) FILTER (WHERE concilia) AS concilian,
       count(*) FILTER (WHERE NOT concilia) AS no_concilian,
           sum(abs(diferencia)) AS diferencia_absoluta
FROM raw.anuies_conciliacion GROUP BY ALL ORDER BY ALL
"""

SERIES_SQL = """
SELECT i.clave_indicador, d.nombre, d.unidad, i.periodo, CAST(i.valor AS DOUBLE) AS valor
FROM indicadores AS i JOIN dim_indicador AS d USING (clave_indicador)
WHERE i.ambito = 'IPN' AND i.clave_indicador IN ({keys})
ORDER BY i.clave_indicador, i.periodo
"""


def _warehouse_rows(settings: Settings, data: ReportData) -> None:
    if not settings.warehouse_path.exists():
        return
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        if not _has_table(con, "raw", "cargas"):
            return
        data.loads = [
            {**row, "iniciado_en": row["iniciado_en"] and office_time(row["iniciado_en"], settings)}
            for row in _rows(con, CARGAS_SQL)
        ]
        data.rejections = _rows(con, RECHAZOS_SQL)
        data.rejections_by_reason = _rows(con, RECHAZOS_POR_MOTIVO_SQL)
        data.layers = [
            row
            for kind in EXTRACT_KINDS
            if _has_table(con, "raw", kind)
            for row in _rows(con, _layers_sql(kind))
        ]
        if _has_table(con, "raw", "anuies_conciliacion"):
            data.anuies = _rows(con, ANUIES_SQL)


def _published_rows(settings: Settings, data: ReportData) -> None:
    """The series the report draws, from the current publication (what analysts see)."""
    if data.current is None or not (settings.published_dir / CURRENT_FILE).exists():
        return
    keys = ", ".join(f"'{k}'" for k in (*HEADLINE_INDICATORS, BUDGET_BY_MONTH))
    # Opened as analysts (and `siie explain`) open it: one process keeps one configuration per file.
    with connect_read_only(publication_path(settings)) as con:
        rows = _rows(con, SERIES_SQL.format(keys=keys))
    data.series = [r for r in rows if r["clave_indicador"] != BUDGET_BY_MONTH]
    data.monthly_budget = [r for r in rows if r["clave_indicador"] == BUDGET_BY_MONTH]


def gather(
    settings: Settings, report_id: str, run_ids: tuple[str, ...], since: datetime | None = None
) -> ReportData:
    published = settings.published_dir
    gates = [gate for run_id in run_ids for gate in load_gates(settings, run_id)]
    data = ReportData(
        report_id,
        run_ids,
        since and office_time(since, settings),
        gates,
        read_history(published),
        current_version(published),
        versions(published),
    )
    _warehouse_rows(settings, data)
    _published_rows(settings, data)
    data.internal_disclosure = {
        a.run_id: record
        for a in data.attempts
        if (record := attempt_record(settings.home, a.run_id)) is not None
    }
    data.targets = targets_section(settings, data.current)
    data.check_tally = tally_checks(_dagster_evaluations(run_ids), gates)
    if data.current:
        data.explanations = [_explanation(settings, spec) for spec in settings.explained_cells]
    return data


def _dagster_evaluations(run_ids: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    """The asset checks Dagster recorded for the runs (none when the runs are not Dagster's, as
    in a test that runs the gate alone, or no instance is configured)."""
    try:
        with DagsterInstance.get() as instance:
            return run_check_evaluations(instance, run_ids)
    except (DagsterHomeNotSetError, DagsterInvariantViolationError):
        return []


def _explanation(settings: Settings, spec: tuple[str, ...]) -> dict:

    try:
        return explain_latest(settings, *spec)
    except ExplainError as error:
        return {"celda": None, "spec": ":".join(spec), "error": str(error)}
    except Exception as error:
        return {
            "celda": None,
            "spec": ":".join(spec),
            "error": f"no se pudo explicar: {type(error).__name__}: {error}",
        }
