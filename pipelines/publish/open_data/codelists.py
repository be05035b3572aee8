"""The codelists of the SDMX structure, in Spanish, read from the published file's own catalogs
(dim_indicador, dim_unidad, dim_programa) and from the disclosure declaration's public marks.

Every code a published row uses is listed: a code no catalog names (a unit since retired, say)
is listed with its code as its name, never dropped.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import duckdb

from pipelines.specs.disclosure import load_declaration


@dataclass(frozen=True)
class Code:
    id: str
    name: str
    description: str = ""


@dataclass
class CodeList:
    id: str
    name: str
    codes: dict[str, Code] = field(default_factory=dict)

    def add(self, code: str, name: str = "", description: str = "") -> None:
        if code not in self.codes:
            self.codes[code] = Code(code, name or code, description)


AMBITOS = {
    "IPN": "Todo el Instituto Politécnico Nacional",
    "NIVEL": "Nivel educativo",
    "UNIDAD": "Unidad académica o administrativa",
    "PROGRAMA": "Programa académico",
}
NIVELES = {
    "NMS": "Nivel medio superior",
    "NS": "Nivel superior",
    "POS": "Posgrado",
    "INV": "Investigación",
    "CENTRAL": "Áreas centrales",
}
# SDMX CL_OBS_STATUS, the codes the package uses
OBS_STATUS = {
    "A": "Valor normal",
    "O": "Valor faltante: la cifra no se publica (ver CONF_STATUS)",
    "M": "Valor faltante: la cifra no existe (por ejemplo, una razón sin denominador)",
}
INSTRUMENTOS = {
    "PDI": "Programa de Desarrollo Institucional",
    "POA": "Programa Operativo Anual",
    "MIR": "Matriz de Indicadores para Resultados",
}
SEMAFOROS = {
    "VERDE": "Meta cumplida",
    "AMARILLO": "Meta cerca de cumplirse",
    "ROJO": "Meta lejos de cumplirse",
    "CONFIDENCIAL": "La cifra está oculta por confidencialidad",
    "PENDIENTE": "Aún no se publica ninguna cifra del indicador en ese periodo",
    "SIN_DATO": "El periodo está publicado pero la celda no tiene valor",
}


def unit_code(unit: str) -> str:
    """An SDMX id for a unit of measure of the catalog: 'razón' → 'RAZON'."""
    plain = unicodedata.normalize("NFKD", unit).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "_" for c in plain).upper()


def _listed(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def _fixed(id_: str, name: str, codes: dict[str, str]) -> CodeList:
    codelist = CodeList(id_, name)
    for code, text in codes.items():
        codelist.add(code, text)
    return codelist


def _confidentiality(statuses: dict[str, str]) -> CodeList:
    """SDMX CL_CONF_STATUS, the public marks of the disclosure declaration (F, C)."""
    codelist = CodeList("CL_CONF_STATUS", "Estado de confidencialidad (CL_CONF_STATUS de SDMX)")
    for code, text in statuses.items():
        codelist.add(code, text.split(";")[0], text)
    return codelist


def _indicators(con: duckdb.DuckDBPyConnection) -> CodeList:
    codelist = CodeList("CL_INDICADOR", "Indicadores institucionales")
    for clave, nombre, formula in _listed(
        con, "SELECT clave_indicador, nombre, formula FROM dim_indicador ORDER BY 1"
    ):
        codelist.add(clave, nombre, formula)
    return codelist


def _units_of_measure(con: duckdb.DuckDBPyConnection) -> CodeList:
    codelist = CodeList("CL_UNIDAD_MEDIDA", "Unidades de medida")
    for (unit,) in _listed(con, "SELECT DISTINCT unidad FROM dim_indicador ORDER BY 1"):
        codelist.add(unit_code(unit), unit)
    return codelist


def _units(con: duckdb.DuckDBPyConnection) -> CodeList:
    codelist = CodeList("CL_UNIDAD", "Unidades académicas y administrativas del IPN")
    rows = _listed(
        con,
        "SELECT cve_unidad, arg_max(nombre, version_desde) FROM dim_unidad GROUP BY 1 ORDER BY 1",
    )
    for clave, nombre in rows:
        codelist.add(clave, nombre)
    return codelist


def _programmes(con: duckdb.DuckDBPyConnection) -> CodeList:
    codelist = CodeList("CL_PROGRAMA", "Programas académicos del IPN")
    rows = _listed(con, "SELECT cve_programa, nombre, cve_unidad FROM dim_programa ORDER BY 1")
    for clave, nombre, unidad in rows:
        codelist.add(clave, nombre, f"Programa de la unidad {unidad}")
    return codelist


def _levels(con: duckdb.DuckDBPyConnection) -> CodeList:
    codelist = _fixed("CL_NIVEL", "Niveles educativos", {})
    used = _listed(
        con,
        "SELECT nivel FROM dim_unidad UNION SELECT clave_ambito FROM indicadores "
        "WHERE ambito = 'NIVEL' ORDER BY 1",
    )
    for (nivel,) in used:
        codelist.add(nivel, NIVELES.get(nivel, nivel))
    return codelist


def _scope_keys(levels: CodeList, units: CodeList, programmes: CodeList) -> CodeList:
    """CLAVE_AMBITO's one codelist: IPN, the levels, the units and the programmes."""
    codelist = CodeList("CL_CLAVE_AMBITO", "Claves de ámbito: IPN, nivel, unidad o programa")
    codelist.add("IPN", AMBITOS["IPN"])
    for part in (levels, units, programmes):
        for code in part.codes.values():
            codelist.add(code.id, code.name, code.description)
    return codelist


def _add_used(con: duckdb.DuckDBPyConnection, tables: list[str], lists: dict[str, CodeList]):
    """Codes a published row uses that no catalog names."""
    for table in (t for t in ("indicadores", "evaluacion") if t in tables):
        for ambito, clave in _listed(con, f"SELECT DISTINCT ambito, clave_ambito FROM {table}"):
            lists["CL_AMBITO"].add(ambito)
            lists["CL_CLAVE_AMBITO"].add(clave)
        for (clave,) in _listed(con, f"SELECT DISTINCT clave_indicador FROM {table}"):
            lists["CL_INDICADOR"].add(clave)


def codelists(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, CodeList]:
    """Every codelist of the structure, by id."""
    statuses = load_declaration().status_codes
    levels, units, programmes = _levels(con), _units(con), _programmes(con)
    lists = [
        _indicators(con),
        _fixed("CL_AMBITO", "Ámbitos de los indicadores", AMBITOS),
        levels,
        units,
        programmes,
        _scope_keys(levels, units, programmes),
        _units_of_measure(con),
        _confidentiality(statuses),
        _fixed("CL_OBS_STATUS", "Estado de la observación (CL_OBS_STATUS de SDMX)", OBS_STATUS),
        _fixed("CL_INSTRUMENTO", "Instrumentos de planeación", INSTRUMENTOS),
        _fixed("CL_SEMAFORO", "Semáforo de cumplimiento de metas", SEMAFOROS),
    ]
    by_id = {codelist.id: codelist for codelist in lists}
    _add_used(con, tables, by_id)
    return by_id
