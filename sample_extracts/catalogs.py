"""The dbt seed catalogs (units, programs, budget items) as the generator needs them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from pipelines.core.config import SEEDS_DIR

# nivel_estudios → the NIVEL ámbito of docs/INDICATORS.md
LEVEL_OF_STUDIES = {
    "BACHILLERATO_TECNOLOGICO": "NMS",
    "LICENCIATURA": "NS",
    "ESPECIALIDAD": "POS",
    "MAESTRIA": "POS",
    "DOCTORADO": "POS",
}


@dataclass(frozen=True)
class Catalogs:
    # cve_unidad, siglas, nombre, nivel, entidad, vigente_desde, vigente_hasta
    unidades: pl.DataFrame
    # cve_programa, nombre, cve_unidad, nivel_estudios, duracion_semestres, modalidad, nivel
    programas: pl.DataFrame
    partidas: pl.DataFrame  # capitulo, concepto, partida, descripcion

    def units_in_force(self, start: date, end: date) -> pl.DataFrame:
        """Units in force during the whole span start…end."""
        return self.unidades.filter(
            (pl.col("vigente_desde") <= start)
            & (pl.col("vigente_hasta").is_null() | (pl.col("vigente_hasta") >= end))
        )


def _read_seed(path: Path) -> pl.DataFrame:
    if not path.exists():
        raise FileNotFoundError(f"falta el catálogo {path}")
    return pl.read_csv(path, infer_schema_length=0, encoding="utf8")


def _as_date(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text).str.to_date("%Y-%m-%d").alias(column)


def load_catalogs(seeds_dir: Path | None = None) -> Catalogs:
    """Read cat_unidades, cat_programas and cat_partidas from the seeds folder."""
    folder = Path(seeds_dir) if seeds_dir else SEEDS_DIR
    unidades = (
        _read_seed(folder / "cat_unidades.csv")
        .with_columns(
            pl.col("cve_unidad", "nivel", "entidad").str.strip_chars(),
            _as_date("vigente_desde"),
            _as_date("vigente_hasta"),
        )
        .with_columns(pl.col("vigente_desde").fill_null(date(1900, 1, 1)))
        .sort("cve_unidad")
    )
    programas = (
        _read_seed(folder / "cat_programas.csv")
        .with_columns(
            pl.col("cve_programa", "cve_unidad", "nivel_estudios", "modalidad").str.strip_chars(),
            pl.col("duracion_semestres").str.strip_chars().cast(pl.Int32),
        )
        .with_columns(
            pl.col("nivel_estudios").replace_strict(LEVEL_OF_STUDIES, default=None).alias("nivel")
        )
        .sort("cve_programa")
    )
    partidas = (
        _read_seed(folder / "cat_partidas.csv")
        .with_columns(pl.col("capitulo", "concepto", "partida").str.strip_chars().cast(pl.Int32))
        .sort("partida")
    )
    return Catalogs(unidades=unidades, programas=programas, partidas=partidas)
