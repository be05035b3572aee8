"""An independent reference of the published tables `evaluacion` and `comparacion_unidades`, in
plain Python (decimal, statistics), from the published `indicadores` and `dim_unidad` and the
loaded rows of raw.metas — none of the SQL of pipelines/publish/evaluation.py nor the dbt model
metas_vigentes. The thresholds and formulas are the issue's, written here again on purpose."""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from pipelines.specs.indicator_catalog import load_catalog

KEY = ("clave_instrumento", "clave_indicador", "ambito", "clave_ambito", "periodo")
HUNDRED = Decimal(100)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def targets_in_force(warehouse: Path) -> dict[tuple, dict]:
    """Key → the target in force: latest fecha_registro (then latest load, file, row) gives meta
    and linea_base, the earliest gives meta_original."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = _rows(con, "SELECT * FROM raw.metas")
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        by_key[tuple(row[k] for k in KEY)].append(row)
    found = {}
    for key, versions in by_key.items():
        order = sorted(
            versions,
            key=lambda r: (r["fecha_registro"], r["_cargado_en"], r["_archivo"], r["_fila"]),
        )
        latest, earliest = order[-1], order[0]
        found[key] = {
            "instrumento": latest["instrumento"],
            "meta": latest["meta"],
            "linea_base": latest["linea_base"],
            "meta_original": earliest["meta"],
            "revisiones": len(versions) - 1,
        }
    return found


def previous_period(periodo: str, periodicidad: str) -> str:
    if periodicidad == "periodo escolar":
        year, half = int(periodo[:2]), int(periodo[3])
        return f"{year:02d}/1" if half == 2 else f"{year - 1:02d}/2"
    if periodicidad == "año":
        return str(int(periodo) - 1)
    year, month = int(periodo[:4]), int(periodo[5:])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # half away from zero


def compliance(valor: Decimal, meta: Decimal, sentido: str) -> Decimal:
    if sentido == "ascendente":
        return _round(HUNDRED * valor / meta)
    return _round(HUNDRED * (2 * meta - valor) / meta)


def colour(cumplimiento: Decimal) -> str:
    if cumplimiento >= 95:
        return "VERDE"
    if cumplimiento >= 85:
        return "AMARILLO"
    return "ROJO"


def published_cells(publication: Path) -> tuple[dict[tuple, dict], set[tuple]]:
    """(indicator, period, ámbito, clave) → {valor shown or None, hidden, estado}; and the
    (indicator, period) pairs with any published row."""
    with duckdb.connect(str(publication), read_only=True) as con:
        rows = _rows(con, "SELECT * FROM indicadores")
    cells = {}
    for r in rows:
        hidden = bool(r["suprimido"]) or r["estado_confidencialidad"] != "F"
        cells[(r["clave_indicador"], r["periodo"], r["ambito"], r["clave_ambito"])] = {
            "valor": None if hidden else r["valor"],
            "oculta": hidden,
            "estado": r["estado_confidencialidad"],
        }
    return cells, {(r["clave_indicador"], r["periodo"]) for r in rows}


def reference_evaluation(warehouse: Path, publication: Path) -> dict[tuple, dict]:
    catalog = load_catalog().by_code()
    cells, periods = published_cells(publication)
    found = {}
    for key, target in targets_in_force(warehouse).items():
        _, indicador, ambito, clave, periodo = key
        sentido = catalog[indicador].sentido
        cell = cells.get((indicador, periodo, ambito, clave))
        before = previous_period(periodo, catalog[indicador].periodicidad)
        previous = cells.get((indicador, before, ambito, clave))
        row = {
            **target,
            "sentido": sentido,
            "estado_confidencialidad": cell["estado"] if cell else None,
            "valor": None,
            "cumplimiento": None,
            "valor_anterior": None,
            "variacion": None,
        }
        if cell and cell["oculta"]:
            row["semaforo"] = "CONFIDENCIAL"  # and nothing else about the figure
            found[key] = row
            continue
        row["valor_anterior"] = previous["valor"] if previous else None
        if (indicador, periodo) not in periods:
            row["semaforo"] = "PENDIENTE"
        elif cell is None or cell["valor"] is None:
            row["semaforo"] = "SIN_DATO"
        else:
            row["valor"] = cell["valor"]
            row["cumplimiento"] = compliance(cell["valor"], target["meta"], sentido)
            row["semaforo"] = colour(row["cumplimiento"])
        if row["valor"] is not None and row["valor_anterior"] is not None:
            row["variacion"] = row["valor"] - row["valor_anterior"]
        found[key] = row
    return found


def reference_comparison(publication: Path) -> dict[tuple, dict]:
    """(indicator, period, unit) → nivel, n_pares, mediana_pares, posicion, valor_ipn."""
    catalog = load_catalog().by_code()
    cells, _ = published_cells(publication)
    with duckdb.connect(str(publication), read_only=True) as con:
        levels = dict(
            con.execute("SELECT cve_unidad, nivel FROM dim_unidad WHERE es_actual").fetchall()
        )
    shown = [
        (ind, per, clave, cell["valor"])
        for (ind, per, ambito, clave), cell in cells.items()
        if ambito == "UNIDAD"
        and cell["valor"] is not None
        and catalog[ind].sentido in ("ascendente", "descendente")
    ]
    groups: dict[tuple, list[Decimal]] = defaultdict(list)
    for ind, per, clave, valor in shown:
        groups[(ind, per, levels.get(clave))].append(valor)
    found = {}
    for ind, per, clave, valor in shown:
        peers = groups[(ind, per, levels.get(clave))]
        ascending = catalog[ind].sentido == "ascendente"
        better = sum(1 for v in peers if (v > valor if ascending else v < valor))
        ipn = cells.get((ind, per, "IPN", "IPN"))
        found[(ind, per, clave)] = {
            "nivel": levels.get(clave),
            "valor": valor,
            "n_pares": len(peers),
            "mediana_pares": statistics.median(peers),
            "posicion": better + 1,
            "valor_ipn": ipn["valor"] if ipn else None,
        }
    return found
