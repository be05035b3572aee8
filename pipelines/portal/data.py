"""What the portal shows, read from one published version only: its DuckDB file, opened read-only
with no access to other files. Never the working warehouse: a figure hidden by disclosure control
is NULL there with the mark `C`, and the portal has nothing else to read it from.

A figure is shown only where the publication shows it (`estado_confidencialidad` F and not
`suprimido`); anywhere else the portal has the mark, never a number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.specs.disclosure import CONFIDENTIAL, FREE
from pipelines.specs.indicator_catalog import load_catalog

Rows = list[dict]
LEVELS_ORDER = ("NMS", "NS", "POS", "INV", "CENTRAL")
SCOPE_ORDER = {"IPN": 0, "NIVEL": 1, "UNIDAD": 2, "PROGRAMA": 3}


@dataclass(frozen=True)
class Figure:
    """One published cell: its value only when shown; `oculta` when the publication hides it."""

    clave_indicador: str
    periodo: str
    ambito: str
    clave_ambito: str
    valor: Decimal | None
    numerador: Decimal | None
    denominador: Decimal | None
    estado: str

    @property
    def oculta(self) -> bool:
        return self.estado == CONFIDENTIAL


@dataclass
class Indicator:
    clave: str
    nombre: str
    formula: str
    unidad: str
    fuente: str
    ambitos: str
    periodicidad: str
    familia: str
    sentido: str
    numerador: str | None
    denominador: str | None
    periodos: list[str] = field(default_factory=list)


@dataclass
class PortalData:
    version: int
    publicado_en: str
    indicadores: dict[str, Indicator]
    unidades: dict[str, dict]  # cve_unidad → siglas, nombre, nivel
    programas: dict[str, dict]  # cve_programa → nombre, cve_unidad, nivel
    figures: dict[tuple[str, str, str], list[Figure]]  # (indicador, ámbito, clave) → by period
    comparacion: dict[tuple[str, str], Rows]  # (indicador, unidad) → by period
    evaluacion: Rows
    tablas: list[str]

    def series(self, indicador: str, ambito: str, clave: str) -> list[Figure]:
        return self.figures.get((indicador, ambito, clave), [])

    def cells_of_period(self, indicador: str, periodo: str, ambito: str) -> list[Figure]:
        return [
            f
            for (ind, amb, _), series in self.figures.items()
            if ind == indicador and amb == ambito
            for f in series
            if f.periodo == periodo
        ]

    def levels_of(self, indicador: str) -> list[str]:
        keys = {c for (ind, amb, c) in self.figures if ind == indicador and amb == "NIVEL"}
        return sorted(keys, key=lambda k: (LEVELS_ORDER.index(k) if k in LEVELS_ORDER else 99, k))

    def units_with(self, indicador: str) -> bool:
        return any(ind == indicador and amb == "UNIDAD" for (ind, amb, _) in self.figures)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Rows:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "ORDER BY table_name"
        ).fetchall()
    ]


FIGURES_SQL = f"""
SELECT clave_indicador, periodo, ambito, clave_ambito, estado_confidencialidad AS estado,
    CASE WHEN NOT suprimido AND estado_confidencialidad = '{FREE}' THEN valor END AS valor,
    CASE WHEN NOT suprimido AND estado_confidencialidad = '{FREE}' THEN numerador END AS numerador,
    CASE WHEN NOT suprimido AND estado_confidencialidad = '{FREE}' THEN denominador END
        AS denominador,
    suprimido
FROM indicadores ORDER BY clave_indicador, ambito, clave_ambito, periodo
"""


def _figure(row: dict) -> Figure:
    hidden = row["suprimido"] or row["estado"] != FREE
    return Figure(
        row["clave_indicador"],
        row["periodo"],
        row["ambito"],
        row["clave_ambito"],
        row["valor"],
        row["numerador"],
        row["denominador"],
        CONFIDENTIAL if hidden else FREE,
    )


def _indicators(con: duckdb.DuckDBPyConnection) -> dict[str, Indicator]:
    """The published catalog (dim_indicador); the sense and a ratio's terms, which it does not
    carry, from the catalog of models/indicadores.yml."""
    described = {i.clave: i for i in load_catalog().indicadores}
    indicators = {}
    for row in _rows(con, "SELECT * FROM dim_indicador ORDER BY clave_indicador"):
        spec = described.get(row["clave_indicador"])
        indicators[row["clave_indicador"]] = Indicator(
            clave=row["clave_indicador"],
            nombre=row["nombre"],
            formula=row["formula"],
            unidad=row["unidad"],
            fuente=str(row.get("fuente") or ""),
            ambitos=str(row.get("ambitos") or ""),
            periodicidad=row.get("periodicidad") or "",
            familia=row.get("familia") or "",
            sentido=row.get("sentido") or (spec.sentido if spec else ""),
            numerador=spec.numerador if spec else None,
            denominador=spec.denominador if spec else None,
        )
    return indicators


def read_portal_data(database: Path, version: int) -> PortalData:
    config: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False}
    with duckdb.connect(str(database), read_only=True, config=config) as con:
        tables = _table_names(con)
        [(published,)] = con.execute(
            "SELECT CAST(publicado_en AS VARCHAR) FROM manifest WHERE version = ?", [version]
        ).fetchall() or [("",)]
        indicators = _indicators(con)
        units = {
            r["cve_unidad"]: r
            for r in _rows(
                con,
                "SELECT cve_unidad, siglas, nombre, nivel FROM dim_unidad WHERE es_actual "
                "ORDER BY cve_unidad",
            )
        }
        programs = {
            r["cve_programa"]: r
            for r in _rows(
                con,
                "SELECT cve_programa, nombre, cve_unidad, nivel, modalidad FROM dim_programa "
                "ORDER BY cve_programa",
            )
        }
        figures: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
        for row in _rows(con, FIGURES_SQL):
            figure = _figure(row)
            figures[(figure.clave_indicador, figure.ambito, figure.clave_ambito)].append(figure)
        comparison: dict[tuple[str, str], Rows] = defaultdict(list)
        if "comparacion_unidades" in tables:
            for row in _rows(con, "SELECT * FROM comparacion_unidades ORDER BY ALL"):
                comparison[(row["clave_indicador"], row["cve_unidad"])].append(row)
        evaluation = (
            _rows(
                con,
                "SELECT * FROM evaluacion ORDER BY clave_indicador, ambito, clave_ambito, "
                "periodo, clave_instrumento",
            )
            if "evaluacion" in tables
            else []
        )
    for (indicator, _, _), series in figures.items():
        if indicator in indicators:
            indicators[indicator].periodos = sorted(
                set(indicators[indicator].periodos) | {f.periodo for f in series}
            )
    return PortalData(
        version,
        str(published),
        indicators,
        units,
        programs,
        dict(figures),
        dict(comparison),
        evaluation,
        tables,
    )
