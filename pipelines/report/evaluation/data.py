"""What the evaluation report shows, read from one publication only: `evaluacion`,
`comparacion_unidades`, the published series of each evaluated cell (`indicadores`, suppressed
figures are null there) and the names of indicators, units and programs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.access.connection import connect_read_only

Rows = list[dict]
LARGEST_GAPS = 15


@dataclass
class Scope:
    """One section: the institution, a level or a unit (with its programs' targets)."""

    ambito: str
    clave: str
    nombre: str
    metas: Rows = field(default_factory=list)
    posiciones: Rows = field(default_factory=list)  # comparacion_unidades of its targets' cells
    series: dict[tuple[str, str, str], Rows] = field(default_factory=dict)  # cell → periods


@dataclass
class EvaluationData:
    version: int
    publicado_en: str
    por_instrumento: Rows
    brechas: Rows
    scopes: list[Scope]
    indicadores: dict[str, dict]  # clave → nombre, unidad


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Rows:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


BY_INSTRUMENT_SQL = """
PIVOT (SELECT instrumento, semaforo FROM evaluacion) ON semaforo
    IN ('VERDE', 'AMARILLO', 'ROJO', 'CONFIDENCIAL', 'PENDIENTE', 'SIN_DATO')
USING count(*) GROUP BY instrumento ORDER BY instrumento
"""
GAPS_SQL = f"""
SELECT clave_instrumento, clave_indicador, ambito, clave_ambito, periodo, meta, valor,
    cumplimiento, semaforo
FROM evaluacion WHERE cumplimiento IS NOT NULL
ORDER BY cumplimiento, clave_indicador, ambito, clave_ambito, periodo LIMIT {LARGEST_GAPS}
"""
TARGETS_SQL = """
SELECT e.*, p.cve_unidad AS unidad_del_programa
FROM evaluacion AS e LEFT JOIN dim_programa AS p
    ON e.ambito = 'PROGRAMA' AND p.cve_programa = e.clave_ambito
ORDER BY e.ambito, e.clave_ambito, e.clave_indicador, e.periodo, e.clave_instrumento
"""
SERIES_SQL = """
SELECT i.clave_indicador, i.ambito, i.clave_ambito, i.periodo, i.valor
FROM indicadores AS i
JOIN (SELECT DISTINCT clave_indicador, ambito, clave_ambito FROM evaluacion) USING
    (clave_indicador, ambito, clave_ambito)
ORDER BY ALL
"""


def _scope_of(target: dict) -> tuple[str, str]:
    """Targets of a program are shown in its unit's section."""
    if target["ambito"] == "PROGRAMA":
        return "UNIDAD", target["unidad_del_programa"] or target["clave_ambito"]
    return target["ambito"], target["clave_ambito"]


def read_evaluation(path: Path, version: int) -> EvaluationData:
    with connect_read_only(path) as con:
        [(published,)] = con.execute(
            "SELECT publicado_en FROM manifest WHERE version = ?", [version]
        ).fetchall() or [("",)]
        targets = _rows(con, TARGETS_SQL)
        positions = _rows(con, "SELECT * FROM comparacion_unidades")
        series = _rows(con, SERIES_SQL)
        units = dict(
            con.execute("SELECT cve_unidad, nombre FROM dim_unidad WHERE es_actual").fetchall()
        )
        indicators = {
            r["clave_indicador"]: r
            for r in _rows(con, "SELECT clave_indicador, nombre, unidad FROM dim_indicador")
        }
        data = EvaluationData(
            version,
            str(published),
            _rows(con, BY_INSTRUMENT_SQL),
            _rows(con, GAPS_SQL),
            [],
            indicators,
        )
    data.scopes = _scopes(targets, positions, series, units)
    return data


def _scopes(targets: Rows, positions: Rows, series: Rows, units: dict[str, str]) -> list[Scope]:
    by_cell = defaultdict(list)
    for row in series:
        by_cell[(row["clave_indicador"], row["ambito"], row["clave_ambito"])].append(row)
    ranked = {(r["clave_indicador"], r["periodo"], r["cve_unidad"]): r for r in positions}
    scopes: dict[tuple[str, str], Scope] = {}
    for target in targets:
        ambito, clave = _scope_of(target)
        name = {"IPN": "Instituto Politécnico Nacional", "NIVEL": f"Nivel {clave}"}.get(
            ambito, units.get(clave, clave)
        )
        scope = scopes.setdefault((ambito, clave), Scope(ambito, clave, name))
        scope.metas.append(target)
        cell = (target["clave_indicador"], target["ambito"], target["clave_ambito"])
        scope.series.setdefault(cell, by_cell.get(cell, []))
        position = ranked.get(
            (target["clave_indicador"], target["periodo"], target["clave_ambito"])
        )
        if target["ambito"] == "UNIDAD" and position:
            scope.posiciones.append(position)
    order = {"IPN": 0, "NIVEL": 1, "UNIDAD": 2}
    return sorted(scopes.values(), key=lambda s: (order[s.ambito], s.clave))
