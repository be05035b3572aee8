"""Students and their trajectories: the clean truth of matricula and trayectoria.

Every student belongs to one cohort (entry period t, program). Their path is drawn once:
repeated semesters, semesters past the duration, dropout after k periods, or completion with
an EGRESO (in their last period or the next) and perhaps a TITULACION 0–4 periods later. The
enrolled periods are then exploded into matricula rows, and the events that fall inside the
sample's periods become trayectoria rows. Cohorts start well before the first period, so the
first period already holds students of every semester and titulaciones of earlier egresados.
All draws are vectorised; loops run over a handful of levels, never over students.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.specs.contracts import load_contract
from sample_extracts.calendar import period_table
from sample_extracts.catalogs import Catalogs
from sample_extracts.cohorts import cohort_sizes, program_targets
from sample_extracts.identity import boletas, curps, origin_states
from sample_extracts.rng import stream, weighted_choice
from sample_extracts.schema import cents_to_decimal, conform, contract_schema
from sample_extracts.study_models import (
    MAX_EXTRA,
    MAX_REPEATS,
    MODELS,
    TITULATION_LAGS,
)

NEVER = 10_000  # a repeat position no trajectory reaches
BAJA_RECORDED = 0.4  # share of dropouts with a BAJA_DEFINITIVA event
OLD_COHORT_SHARE = 0.02  # titulaciones of egresados older than the loaded history
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Population:
    matricula: pl.DataFrame
    trayectoria: pl.DataFrame


def build_population(
    catalogs: Catalogs, scale: float, seed: int, first_period: str, periods: int
) -> Population:
    longest = int(catalogs.programas["duracion_semestres"].max())
    oldest = -(longest + MAX_REPEATS + MAX_EXTRA + 1 + len(TITULATION_LAGS))
    calendar = period_table(first_period, oldest, periods)
    window = calendar.filter(pl.col("t") >= 0)
    programs = program_targets(catalogs, scale, seed, window["inicio"][0], window["fin"][-1])
    sizes = cohort_sizes(programs, calendar, seed)
    students = _draw_students(sizes, programs, calendar, seed, periods)
    matricula = _enrolments(students, calendar, periods)
    events = pl.concat(
        [
            _egresos(students, calendar, periods, seed),
            _titulaciones(students, calendar, periods, seed),
            _bajas(students, calendar, periods, seed),
            _old_cohort_titulaciones(students, programs, calendar, periods, seed),
        ]
    )
    trayectoria = events.sort("t", "cve_unidad", "cve_programa", "tipo_evento", "boleta")
    return Population(conform(matricula, "matricula"), conform(trayectoria, "trayectoria"))


def _model_table() -> pl.DataFrame:
    rows = [
        {
            "nivel_estudios": level,
            "p_baja": m.dropout,
            "q_baja": m.dropout_decay,
            "rep0": m.repeats[0],
            "rep1": m.repeats[1],
            "extra0": m.extra[0],
            "extra1": m.extra[1],
            "p_tardio": m.late_egreso,
            "p_titulo": m.titulation,
            "edad_min": m.entry_age[0],
            "edad_media": m.entry_age[1],
            "edad_max": m.entry_age[2],
            "mujeres_min": m.female[0],
            "mujeres_max": m.female[1],
            "promedio_medio": m.promedio_mean,
        }
        for level, m in MODELS.items()
    ]
    return pl.DataFrame(rows)


def _draw_students(
    sizes: pl.DataFrame, programs: pl.DataFrame, calendar: pl.DataFrame, seed: int, periods: int
) -> pl.DataFrame:
    rows = np.repeat(np.arange(sizes.height), sizes["n"].to_numpy())
    program_columns = programs.select(
        "cve_programa", "cve_unidad", "nivel_estudios", "duracion_semestres", "modalidad",
        "entidad", "u_mujeres",
    )  # fmt: skip
    base = (
        sizes[rows]
        .select("t", "cve_programa")
        .join(program_columns, on="cve_programa", how="left", maintain_order="left")
        .join(
            calendar.select("t", "inicio", "anio_inicio"), on="t", how="left", maintain_order="left"
        )
        .join(_model_table(), on="nivel_estudios", how="left", maintain_order="left")
    )
    rng = stream(seed, "students")
    base = _with_path(base, rng).filter(_seen_in_window(periods))
    spent = [c for c in _model_table().columns[1:] if c != "promedio_medio"]
    base = _with_person(base, rng).drop(spent)
    return base.with_columns(
        boletas(stream(seed, "boletas"), base["anio_inicio"].to_numpy()),
        curps(
            stream(seed, "student_curps"),
            base["fecha_nacimiento"],
            base["sexo"],
            base["entidad_procedencia"],
        ),
    )


def _seen_in_window(periods: int) -> pl.Expr:
    """Students enrolled in some period of the window or with an event inside it."""
    enrolled = (pl.col("t") + pl.col("periodos") > 0) & (pl.col("t") < periods)
    return (
        enrolled
        | _inside("t_egreso", periods)
        | _inside("t_titulo", periods)
        | _inside("t_baja", periods)
    )


def _with_path(base: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Dropout, repeats, extra semesters, egreso and titulación timing of each student."""
    n = base.height
    d = base["duracion_semestres"].to_numpy().astype(np.int64)
    dropout = rng.random(n) < base["p_baja"].to_numpy()
    u = rng.random(n)
    rep0, rep1 = base["rep0"].to_numpy(), base["rep1"].to_numpy()
    repeats = np.where(u < rep0, 0, np.where(u < rep0 + rep1, 1, 2))
    span = d + repeats - 1  # timeline indices 1…span may repeat the previous semester
    first = 1 + np.floor(rng.random(n) * span).astype(np.int64)
    second = 1 + np.floor(rng.random(n) * np.maximum(span - 1, 1)).astype(np.int64)
    second = np.where(second >= first, second + 1, second)
    a1 = np.where(repeats >= 1, np.where(repeats == 2, np.minimum(first, second), first), NEVER)
    a2 = np.where(repeats == 2, np.maximum(first, second), NEVER)
    u = rng.random(n)
    extra0, extra1 = base["extra0"].to_numpy(), base["extra1"].to_numpy()
    extra = np.where(u < extra0, 0, np.where(u < extra0 + extra1, 1, 2))
    q = base["q_baja"].to_numpy()
    reach = 1 - (1 - q) ** np.maximum(d - 1, 1)
    k = 1 + np.floor(np.log1p(-rng.random(n) * reach) / np.log1p(-q)).astype(np.int64)
    k = np.clip(k, 1, np.maximum(d - 1, 1))
    length = np.where(dropout, k, d + repeats + extra)
    late = (rng.random(n) < base["p_tardio"].to_numpy()).astype(np.int64)
    titled = ~dropout & (rng.random(n) < base["p_titulo"].to_numpy())
    lag = rng.choice(len(TITULATION_LAGS), size=n, p=TITULATION_LAGS)
    baja = dropout & (rng.random(n) < BAJA_RECORDED)
    t = base["t"].to_numpy().astype(np.int64)
    t_egreso = t + length - 1 + late
    return base.with_columns(
        pl.Series("a1", a1),
        pl.Series("a2", a2),
        pl.Series("periodos", length),
        pl.Series("t_egreso", np.where(dropout, NEVER, t_egreso)),
        pl.Series("t_titulo", np.where(titled, t_egreso + lag, NEVER)),
        pl.Series("t_baja", np.where(baja, t + length - 1, NEVER)),
    )


def _with_person(base: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Sex, age at entry, state of origin, disability, indigenous language, shift."""
    n = base.height
    female_share = base["mujeres_min"] + base["u_mujeres"] * (
        base["mujeres_max"] - base["mujeres_min"]
    )
    sexo = np.where(rng.random(n) < female_share.to_numpy(), "M", "H")
    age = base["edad_min"].to_numpy() + rng.exponential(base["edad_media"].to_numpy())
    age = np.minimum(age, base["edad_max"].to_numpy())
    age_days = np.round(age * DAYS_PER_YEAR).astype(np.int64)
    home = base["entidad"].to_numpy()
    entidad = origin_states(rng, home)
    outside_valley = ~np.isin(home, ["09", "15"])
    hli = rng.random(n) < np.where(outside_valley, 0.03, 0.008)
    return base.with_columns(
        pl.Series("sexo", sexo),
        (pl.col("inicio") - pl.duration(days=pl.Series(age_days))).alias("fecha_nacimiento"),
        pl.Series("entidad_procedencia", entidad),
        pl.Series("discapacidad", np.where(rng.random(n) < 0.01, "S", "N")),
        pl.Series("hablante_lengua_indigena", np.where(hli, "S", "N")),
        pl.Series(
            "turno", _shifts(rng, base["modalidad"].to_numpy(), base["nivel_estudios"].to_numpy())
        ),
    )


def _shifts(
    rng: np.random.Generator, modalidad: np.ndarray, nivel_estudios: np.ndarray
) -> np.ndarray:
    n = len(modalidad)
    u = rng.random(n)
    school = np.where(u < 0.55, "M", np.where(u < 0.95, "V", "MX"))
    graduate = np.where(u < 0.7, "M", "MX")
    in_person = np.where(
        np.isin(nivel_estudios, ["ESPECIALIDAD", "MAESTRIA", "DOCTORADO"]), graduate, school
    )
    return np.where(modalidad == "ESCOLARIZADA", in_person, "MX")


def _enrolments(students: pl.DataFrame, calendar: pl.DataFrame, periods: int) -> pl.DataFrame:
    """One matricula row per student and enrolled period inside the window."""
    j = pl.col("j")
    first = pl.max_horizontal(pl.lit(0), -pl.col("t"))
    stop = pl.min_horizontal(pl.col("periodos"), periods - pl.col("t"))
    columns = [c for c in load_contract("matricula").column_names if c in students.columns]
    return (
        students.filter(stop > first)
        .select("t", "a1", "a2", *columns, pl.int_ranges(first, stop).alias("j"))
        .explode("j")
        .with_columns(
            (pl.col("t") + j).alias("t_fila"),
            (j + 1 - (j >= pl.col("a1")).cast(pl.Int64) - (j >= pl.col("a2")).cast(pl.Int64)).alias(
                "semestre"
            ),
            pl.when(j == 0)
            .then(pl.lit("NUEVO_INGRESO"))
            .otherwise(pl.lit("REINGRESO"))
            .alias("tipo_ingreso"),
        )
        .drop("t")
        .rename({"t_fila": "t"})
        .join(calendar.select("t", "periodo"), on="t", how="left")
        .sort("t", "cve_unidad", "cve_programa", "boleta")
    )


def _inside(column: str, periods: int) -> pl.Expr:
    return (pl.col(column) >= 0) & (pl.col(column) < periods)


def _event_dates(
    events: pl.DataFrame, calendar: pl.DataFrame, rng: np.random.Generator, share: float
) -> pl.DataFrame:
    """fecha_evento: a day within the first `share` of the event's period."""
    events = events.join(
        calendar.select("t", "periodo", "inicio", "fin"), on="t", how="left", maintain_order="left"
    )
    length = (events["fin"] - events["inicio"]).dt.total_days().to_numpy() + 1
    offset = np.floor(rng.random(events.height) * length * share).astype(np.int64)
    return events.with_columns(
        (pl.col("inicio") + pl.duration(days=pl.Series(offset))).alias("fecha_evento")
    )


def _egresos(
    students: pl.DataFrame, calendar: pl.DataFrame, periods: int, seed: int
) -> pl.DataFrame:
    rng = stream(seed, "egresos")
    events = (
        students.filter(_inside("t_egreso", periods))
        .with_columns(pl.col("t_egreso").alias("t"), pl.lit("EGRESO").alias("tipo_evento"))
        .drop("inicio")
    )
    mean = events["promedio_medio"].to_numpy()
    cents = np.clip(np.round((mean + rng.normal(0, 0.55, events.height)) * 100), 600, 1000)
    events = _event_dates(events, calendar, rng, 0.6)
    return _event_frame(
        events.with_columns(
            pl.lit(None, pl.String).alias("opcion_titulacion"),
            cents_to_decimal(pl.Series(cents.astype(np.int64))).alias("promedio"),
        )
    )


def _titulaciones(
    students: pl.DataFrame, calendar: pl.DataFrame, periods: int, seed: int
) -> pl.DataFrame:
    rng = stream(seed, "titulaciones")
    events = (
        students.filter(_inside("t_titulo", periods))
        .with_columns(pl.col("t_titulo").alias("t"), pl.lit("TITULACION").alias("tipo_evento"))
        .drop("inicio")
    )
    # A degree granted in the egreso's own period comes in its last weeks, after the egreso.
    same_period = events["t_titulo"] == events["t_egreso"]
    dated = _event_dates(events, calendar, rng, 1.0)
    late_day = pl.col("fin") - pl.duration(days=pl.Series(rng.integers(0, 20, dated.height)))
    dated = dated.with_columns(
        pl.when(pl.Series(same_period))
        .then(late_day)
        .otherwise(pl.col("fecha_evento"))
        .alias("fecha_evento")
    )
    return _event_frame(
        _with_options(dated, rng).with_columns(pl.lit(None, pl.Decimal(18, 2)).alias("promedio"))
    )


def _with_options(events: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    option = np.empty(events.height, dtype=object)
    levels = events["nivel_estudios"].to_numpy()
    for level, model in MODELS.items():
        members = np.flatnonzero(levels == level)
        option[members] = weighted_choice(
            rng, len(members), list(model.options), list(model.options.values())
        )
    return events.with_columns(pl.Series("opcion_titulacion", option.astype(str), dtype=pl.String))


def _bajas(students: pl.DataFrame, calendar: pl.DataFrame, periods: int, seed: int) -> pl.DataFrame:
    rng = stream(seed, "bajas")
    events = (
        students.filter(_inside("t_baja", periods))
        .with_columns(pl.col("t_baja").alias("t"), pl.lit("BAJA_DEFINITIVA").alias("tipo_evento"))
        .drop("inicio")
    )
    events = _event_dates(events, calendar, rng, 1.0)
    return _event_frame(
        events.with_columns(
            pl.lit(None, pl.String).alias("opcion_titulacion"),
            pl.lit(None, pl.Decimal(18, 2)).alias("promedio"),
        )
    )


def _old_cohort_titulaciones(
    students: pl.DataFrame, programs: pl.DataFrame, calendar: pl.DataFrame, periods: int, seed: int
) -> pl.DataFrame:
    """Degrees granted inside the window to egresados of cohorts older than any generated one."""
    rng = stream(seed, "old_cohorts")
    recent = int(students.filter(_inside("t_titulo", periods)).height)
    n = max(2, round(OLD_COHORT_SHARE * recent))
    oldest_year = int(calendar["anio_inicio"].min())
    programs = programs.filter(pl.col("vigente_desde") <= calendar["inicio"].min())
    weights = programs["ingreso_anual"].to_numpy()
    chosen = programs[rng.choice(programs.height, size=n, p=weights / weights.sum())]
    entry_year = rng.integers(oldest_year - 12, oldest_year, size=n)
    age_at_entry = chosen.join(
        _model_table(), on="nivel_estudios", how="left", maintain_order="left"
    )
    age = age_at_entry["edad_min"].to_numpy() + rng.exponential(
        age_at_entry["edad_media"].to_numpy()
    )
    birth_year = entry_year - np.floor(age).astype(np.int64)
    birth = pl.select(
        pl.date(
            pl.Series(birth_year),
            pl.Series(rng.integers(1, 13, n)),
            pl.Series(rng.integers(1, 29, n)),
        )
    ).to_series()
    sexo = pl.Series(np.where(rng.random(n) < 0.45, "M", "H"))
    entidad = pl.Series(origin_states(rng, chosen["entidad"].to_numpy()))
    events = chosen.select("cve_programa", "cve_unidad", "nivel_estudios").with_columns(
        pl.Series("t", rng.integers(0, periods, n), dtype=pl.Int32),
        pl.lit("TITULACION").alias("tipo_evento"),
        boletas(stream(seed, "old_boletas"), entry_year),
        curps(stream(seed, "old_curps"), birth, sexo, entidad),
    )
    dated = _event_dates(events, calendar, rng, 1.0)
    return _event_frame(
        _with_options(dated, rng).with_columns(pl.lit(None, pl.Decimal(18, 2)).alias("promedio"))
    )


def _event_frame(events: pl.DataFrame) -> pl.DataFrame:
    """The period index `t` and the trayectoria contract's columns, typed alike in every kind of
    event so that they concatenate."""
    columns = contract_schema("trayectoria").items()
    return events.select(
        pl.col("t").cast(pl.Int32), *(pl.col(name).cast(dtype) for name, dtype in columns)
    )
