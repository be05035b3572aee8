"""The catalogs that extract codes are checked against: the dbt seeds, read as they are
versioned."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.core.config import SEEDS_DIR

SEED_SCHEMAS: dict[str, dict[str, type[pl.DataType]]] = {
    "cat_unidades": {"cve_unidad": pl.String, "nivel": pl.String, "entidad": pl.String},
    "cat_programas": {
        "cve_programa": pl.String,
        "cve_unidad": pl.String,
        "duracion_semestres": pl.Int32,
    },
    "cat_partidas": {"capitulo": pl.Int32, "concepto": pl.Int32, "partida": pl.Int32},
}


@dataclass(frozen=True)
class Catalogs:
    tables: dict[str, pl.DataFrame]

    def allowed(self, reference: str) -> pl.Series:
        """`cat_unidades.cve_unidad` → the codes a column that references it may take."""
        table, column = reference.split(".")
        return self.tables[table].get_column(column)

    @property
    def programas(self) -> pl.DataFrame:
        return self.tables["cat_programas"]


def read_catalogs(seeds_dir: Path = SEEDS_DIR) -> Catalogs:
    tables = {}
    for name, schema in SEED_SCHEMAS.items():
        path = seeds_dir / f"{name}.csv"
        frame = pl.read_csv(path, infer_schema=False)
        tables[name] = frame.select(pl.col(c).cast(t) for c, t in schema.items())
    return Catalogs(tables)
