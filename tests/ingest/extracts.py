"""Small, valid extract rows built from the real catalogs, and a writer for test files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from pipelines.core.config import SEEDS_DIR
from pipelines.specs.contracts import load_contract


def catalog_program(nivel_estudios: str = "LICENCIATURA") -> dict:
    programs = pl.read_csv(SEEDS_DIR / "cat_programas.csv", infer_schema=False)
    return programs.filter(pl.col("nivel_estudios") == nivel_estudios).row(0, named=True)


def catalog_partida() -> dict:
    return pl.read_csv(SEEDS_DIR / "cat_partidas.csv", infer_schema=False).row(0, named=True)


def matricula_row(n: int, periodo: str = "25/1", **changes) -> dict:
    program = catalog_program()
    row = {
        "periodo": periodo,
        "boleta": f"2024{630000 + n:06d}",
        "curp": "GOMA050101HDFRRNA1",
        "fecha_nacimiento": "2005-01-01",
        "sexo": "H",
        "cve_unidad": program["cve_unidad"],
        "cve_programa": program["cve_programa"],
        "modalidad": "ESCOLARIZADA",
        "turno": "M",
        "semestre": "1",
        "tipo_ingreso": "NUEVO_INGRESO",
        "discapacidad": "N",
        "hablante_lengua_indigena": "N",
        "entidad_procedencia": "09",
    }
    return {**row, **changes}


def trayectoria_row(n: int, periodo: str = "25/1", **changes) -> dict:
    program = catalog_program()
    row = {
        "periodo": periodo,
        "boleta": f"2020{630000 + n:06d}",
        "curp": "GOMA020101MDFRRNA1",
        "cve_unidad": program["cve_unidad"],
        "cve_programa": program["cve_programa"],
        "tipo_evento": "EGRESO",
        "fecha_evento": "2024-12-15",
        "opcion_titulacion": "",
        "promedio": "8.5",
    }
    return {**row, **changes}


def plantilla_row(n: int, fecha_corte: str = "2024-10-15", **changes) -> dict:
    program = catalog_program()
    row = {
        "fecha_corte": fecha_corte,
        "num_empleado": f"{100000 + n}",
        "rfc": "GOMA800101AB1",
        "curp": "GOMA800101HDFRRNA1",
        "sexo": "M",
        "fecha_nacimiento": "1980-01-01",
        "fecha_ingreso": "2010-02-01",
        "cve_unidad": program["cve_unidad"],
        "tipo_personal": "DOCENTE",
        "tipo_nombramiento": "BASE",
        "categoria": f"PROFESOR TITULAR C {n}",
        "tiempo_dedicacion": "TC",
        "horas_semana": "40",
        "grado_maximo": "MAESTRIA",
        "nivel_snii": "",
        "sueldo_mensual": "35,000.50",
    }
    return {**row, **changes}


def presupuesto_row(n: int, ejercicio: int = 2024, mes: int = 3, **changes) -> dict:
    program, partida = catalog_program(), catalog_partida()
    row = {
        "ejercicio": str(ejercicio),
        "mes": str(mes),
        "cve_unidad": program["cve_unidad"],
        "programa_presupuestario": "E010",
        "fuente_financiamiento": "FISCAL",
        "capitulo": partida["capitulo"],
        "concepto": partida["concepto"],
        "partida": partida["partida"],
        "aprobado": f"{1000000 + n}.00",
        "modificado": "1000000.00",
        "comprometido": "500000.00",
        "devengado": "400000.00",
        "ejercido": "300000.00",
        "pagado": "200000.00",
    }
    row["programa_presupuestario"] = f"E{n % 1000:03d}"  # distinct keys
    return {**row, **changes}


ROW_BUILDERS = {
    "matricula": matricula_row,
    "trayectoria": trayectoria_row,
    "plantilla": plantilla_row,
    "presupuesto": presupuesto_row,
}


def write_extract(
    path: Path, rows: list[dict], encoding: str = "utf-8", header: list[str] | None = None
) -> Path:
    """Write rows as CSV; `header` may rename the columns (case, accents, aliases)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(rows[0]) if rows else list(load_contract(path.parent.name).column_names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header or columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def valid_rows(kind: str, count: int, **changes) -> list[dict]:
    return [ROW_BUILDERS[kind](n, **changes) for n in range(count)]
