"""The school periods after the sample's, for trying an incremental load (`siie generar
--periodos N`).

Each new period follows from the one before, so its figures read as the next chapter of the same
story: the students of the previous period who neither graduated nor left come back one semester
on (same boleta, same CURP), a new intake enters (as many as entered a year before, with new
boletas of the year), a share of the last-semester students graduate (EGRESO) and a few leave
(BAJA_DEFINITIVA); staff come from the previous cut, at the next cut date. The sample's own
periods are not changed, so their files keep their bytes and an incremental `siie ejecutar`
loads only the new ones. Budget extracts are monthly and are not extended. The new files carry
no planted defects.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from pipelines.core.periods import period_end, period_start, shift_period
from sample_extracts.bad_rows import SampleFile
from sample_extracts.catalogs import load_catalogs
from sample_extracts.identity import boletas, curps
from sample_extracts.layout import school_name, school_style, staff_name
from sample_extracts.render import render_rows
from sample_extracts.rng import stream
from sample_extracts.sample import Sample

GRADUATING_SHARE = 0.85  # of the students in their program's last semester
LEAVING_SHARE = 0.02  # of the students enrolled
ENDED = ("EGRESO", "BAJA_DEFINITIVA")


def _days_into(rng: np.random.Generator, periodo: str, n: int) -> pl.Series:
    start, end = period_start(periodo), period_end(periodo)
    days = rng.integers(0, (end - start).days + 1, n)
    return pl.Series("fecha_evento", [start + timedelta(days=int(d)) for d in days], pl.Date)


def _continuing(matricula: pl.DataFrame, trayectoria: pl.DataFrame, last: str) -> pl.DataFrame:
    """The last period's students who have not graduated or left, one semester on."""
    ended = trayectoria.filter(pl.col("tipo_evento").is_in(ENDED)).select("boleta").unique()
    durations = load_catalogs().programas.select("cve_programa", "duracion_semestres")
    return (
        matricula.filter(pl.col("periodo") == last)
        .join(ended, on="boleta", how="anti")
        .join(durations, on="cve_programa", how="left")
        .with_columns(
            pl.min_horizontal(pl.col("semestre") + 1, pl.col("duracion_semestres"))
            .cast(pl.Int32)
            .alias("semestre"),
            pl.lit("REINGRESO").alias("tipo_ingreso"),
        )
        .drop("duracion_semestres")
    )


def _intake(matricula: pl.DataFrame, periodo: str, seed: int, taken: set[str]) -> pl.DataFrame:
    """New students: a year earlier's intake, one year younger in birth, with new identities."""
    template = matricula.filter(
        (pl.col("periodo") == shift_period(periodo, -2))
        & (pl.col("tipo_ingreso") == "NUEVO_INGRESO")
    )
    rng = stream(seed, f"intake {periodo}")
    n = template.height
    entry_year = np.full(n * 2, period_start(periodo).year)
    drawn = [b for b in boletas(rng, entry_year).to_list() if b not in taken][:n]
    born = template["fecha_nacimiento"].dt.offset_by("1y")
    return template.with_columns(
        pl.Series("boleta", drawn, pl.String),
        born.alias("fecha_nacimiento"),
        curps(rng, born, template["sexo"], template["entidad_procedencia"]),
    )


def _events(enrolled: pl.DataFrame, trayectoria: pl.DataFrame, periodo: str, seed: int):
    """Graduations of last-semester students who never graduated before, and a few leavers."""
    rng = stream(seed, f"events {periodo}")
    durations = load_catalogs().programas.select("cve_programa", "duracion_semestres")
    graduated = trayectoria.filter(pl.col("tipo_evento") == "EGRESO").select("boleta").unique()
    last = (
        enrolled.join(durations, on="cve_programa", how="left")
        .filter(pl.col("semestre") == pl.col("duracion_semestres"))
        .join(graduated, on="boleta", how="anti")
    )
    egresos = last.filter(pl.Series(rng.random(last.height) < GRADUATING_SHARE))
    rest = enrolled.join(egresos.select("boleta"), on="boleta", how="anti")
    bajas = rest.filter(pl.Series(rng.random(rest.height) < LEAVING_SHARE))
    columns = ["periodo", "boleta", "curp", "cve_unidad", "cve_programa"]
    promedio = np.round(rng.uniform(7.0, 10.0, egresos.height), 2)
    return pl.concat(
        [
            egresos.select(columns).with_columns(
                pl.lit("EGRESO").alias("tipo_evento"),
                _days_into(rng, periodo, egresos.height),
                pl.lit(None, pl.String).alias("opcion_titulacion"),
                pl.Series("promedio", [str(p) for p in promedio]).cast(pl.Decimal(18, 2)),
            ),
            bajas.select(columns).with_columns(
                pl.lit("BAJA_DEFINITIVA").alias("tipo_evento"),
                _days_into(rng, periodo, bajas.height),
                pl.lit(None, pl.String).alias("opcion_titulacion"),
                pl.lit(None, pl.Decimal(18, 2)).alias("promedio"),
            ),
        ]
    ).select(trayectoria.columns)


def _next_cut(last: date) -> date:
    return date(last.year, 10, 15) if last.month < 10 else date(last.year + 1, 3, 15)


def _file(kind: str, name: str, index: int, periodo: str, rows: pl.DataFrame) -> SampleFile:
    """A clean file, in the style the sample's own rotation gives its position."""
    style = school_style(kind, index)
    return SampleFile(kind, name, style, periodo, render_rows(rows, kind, style), rows.height, 0)


def next_period_files(sample: Sample, count: int, seed: int) -> list[SampleFile]:
    """The files of the `count` school periods after the sample's, each from the one before."""
    matricula, trayectoria, plantilla = sample.matricula, sample.trayectoria, sample.plantilla
    files: list[SampleFile] = []
    for _ in range(count):
        last = str(matricula["periodo"].max())
        periodo = shift_period(last, 1)
        index = matricula["periodo"].n_unique()
        taken = set(matricula["boleta"].to_list())
        enrolled = pl.concat(
            [
                _continuing(matricula, trayectoria, last),
                _intake(matricula, periodo, seed, taken),
            ]
        ).with_columns(pl.lit(periodo).alias("periodo"))
        events = _events(enrolled, trayectoria, periodo, seed)
        cut = _next_cut(plantilla["fecha_corte"].max())  # type: ignore[arg-type]
        staff = plantilla.filter(pl.col("fecha_corte") == plantilla["fecha_corte"].max())
        staff = staff.with_columns(pl.lit(cut).alias("fecha_corte"))
        files += [
            _file("matricula", school_name("matricula", periodo, index), index, periodo, enrolled),
            _file(
                "trayectoria", school_name("trayectoria", periodo, index), index, periodo, events
            ),
            _file("plantilla", staff_name(cut, index), index, cut.isoformat(), staff),
        ]
        matricula = pl.concat([matricula, enrolled])
        trayectoria = pl.concat([trayectoria, events])
        plantilla = pl.concat([plantilla, staff])
    return files
