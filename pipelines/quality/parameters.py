"""Suite parameters: the code lists that expectations compare with, read when the gate runs.

Suites name a catalog (`{"$PARAMETER": "cat_unidades.cve_unidad"}`) instead of copying its codes,
so that the committed suites stay readable and follow the versioned seeds and indicator catalog.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from pipelines.quality.raw_suites import PAIR_SEPARATOR
from pipelines.specs.catalogs import read_catalogs
from pipelines.specs.contracts import load_contract
from pipelines.specs.indicator_catalog import load_catalog


def _pairs(frame, first: str, second: str) -> list[str]:
    """`first:second` of every catalog row, as the derived pair columns write them."""
    return [f"{a}{PAIR_SEPARATOR}{b}" for a, b in frame.select(first, second).iter_rows()]


def suite_parameters() -> dict[str, Any]:
    catalogs = read_catalogs()
    programas, partidas = catalogs.tables["cat_programas"], catalogs.tables["cat_partidas"]
    [duration_rule] = load_contract("matricula").rules_named("semestre_within_program_duration")
    return {
        "cat_unidades__cve_unidad": catalogs.allowed("cat_unidades.cve_unidad").to_list(),
        "cat_programas__cve_programa": programas.get_column("cve_programa").to_list(),
        "cat_partidas__partida": partidas.get_column("partida").to_list(),
        "cat_programas__cve_programa__cve_unidad": _pairs(programas, "cve_programa", "cve_unidad"),
        "cat_partidas__partida__capitulo": _pairs(partidas, "partida", "capitulo"),
        "cat_partidas__partida__concepto": _pairs(partidas, "partida", "concepto"),
        "semestre_maximo": int(programas.select(pl.col("duracion_semestres").max()).item())
        + duration_rule["extra_semesters"],
        "indicadores__clave": [i.clave for i in load_catalog().indicadores],
    }
