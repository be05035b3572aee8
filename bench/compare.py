"""Are two `indicadores` the same rows? SIIE's working warehouse (marts.indicadores, before
disclosure control) against the floor's."""

from __future__ import annotations

from pathlib import Path

import duckdb

COLUMNS = (
    "clave_indicador",
    "periodo",
    "ambito",
    "clave_ambito",
    "valor",
    "numerador",
    "denominador",
)
TABLE = "marts.indicadores"


def _rows(alias: str) -> str:
    typed = {"valor", "numerador", "denominador"}
    columns = ", ".join(f"CAST({c} AS DECIMAL(38, 4)) AS {c}" if c in typed else c for c in COLUMNS)
    return f"SELECT {columns} FROM {alias}.{TABLE}"


def compare_indicators(siie_database: Path, floor_database: Path, examples: int = 5) -> dict:
    """Row counts, rows only in one side (as multisets) and a few of them."""
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{siie_database}' AS siie (READ_ONLY)")
        con.execute(f"ATTACH '{floor_database}' AS piso (READ_ONLY)")
        counts = {
            side: con.execute(f"SELECT count(*) FROM {side}.{TABLE}").fetchone()[0]
            for side in ("siie", "piso")
        }
        only = {}
        for side, other in (("siie", "piso"), ("piso", "siie")):
            difference = f"{_rows(side)} EXCEPT ALL {_rows(other)}"
            only[side] = con.execute(f"SELECT count(*) FROM ({difference})").fetchone()[0]
            only[f"{side}_ejemplos"] = [
                list(map(str, r))
                for r in con.execute(f"{difference} ORDER BY ALL LIMIT {examples}").fetchall()
            ]
    return {
        "iguales": only["siie"] == 0 and only["piso"] == 0,
        "filas_siie": counts["siie"],
        "filas_piso": counts["piso"],
        "solo_en_siie": only["siie"],
        "solo_en_piso": only["piso"],
        "ejemplos_solo_en_siie": only["siie_ejemplos"],
        "ejemplos_solo_en_piso": only["piso_ejemplos"],
    }
