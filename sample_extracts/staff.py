"""Staff: persons with one or two plazas, seen in one plantilla snapshot per period.

Persons persist across snapshots with a little turnover (leavers and new hires). About one in
eight holds a second plaza: more asignatura hours at another unit, a second asignatura
categoría at the same unit, or a funcionario post beside their teaching. sexo, grado and SNII
belong to the person and repeat on each plaza, except for a few persons whose rows disagree
(the warehouse then takes the highest). Everything is drawn with numpy, one array per attribute.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import numpy as np
import polars as pl

from pipelines.specs.contracts import load_contract
from sample_extracts.calendar import period_table
from sample_extracts.catalogs import Catalogs
from sample_extracts.cohorts import program_targets
from sample_extracts.identity import curps, origin_states, rfcs_from_curps, unique_numbers
from sample_extracts.positions import (
    DEDICATION_PAY,
    DEDICATIONS,
    DEGREE_WEIGHTS,
    DEGREES,
    HOURS,
    SNII_LEVELS,
    SNII_WEIGHTS,
    category_table,
)
from sample_extracts.rng import stream, weighted_choice
from sample_extracts.schema import cents_to_decimal, conform

PLAZAS_AT_SCALE_1 = 30_000
PLAZAS_PER_PERSON = 1.12
TURNOVER = 0.015  # share of persons leaving (and hired) between snapshots
PRIMARY_KIND = {"DOCENTE": 0.52, "PAAE": 0.38, "FUNCIONARIO": 0.10}
FEMALE = {"DOCENTE": 0.40, "PAAE": 0.56, "FUNCIONARIO": 0.37}
SECOND_PLAZA = {"DOCENTE": 0.15, "PAAE": 0.05, "FUNCIONARIO": 0.0}
DISAGREEING = 0.04  # of persons with two plazas, whose rows disagree on grado or SNII
YEARLY_RAISE = 0.045
EMPLOYEE_NUMBERS = (100_000, 9_000_000)  # clean num_empleado; bad rows use 9 000 000 and up


def cut_dates(first_period: str, periods: int) -> pl.DataFrame:
    """fecha_corte of each period's snapshot: 15 October in YY/1, 15 March in YY/2."""
    table = period_table(first_period, 0, periods)
    cuts = [
        date(start.year, 10, 15) if half == 1 else date(start.year, 3, 15)
        for start, half in table.select("inicio", "half").iter_rows()
    ]
    return table.select("t", "periodo").with_columns(pl.Series("fecha_corte", cuts, dtype=pl.Date))


def build_staff(
    catalogs: Catalogs, scale: float, seed: int, first_period: str, periods: int
) -> pl.DataFrame:
    cuts = cut_dates(first_period, periods)
    units = _staff_units(catalogs, scale, seed, cuts)
    persons = _persons(units, scale, seed, cuts)
    plazas = _plazas(persons, units, seed)
    rows = _snapshots(persons, plazas, cuts, seed)
    return conform(rows.sort(load_contract("plantilla").key), "plantilla")  # in key order


def _staff_units(catalogs: Catalogs, scale: float, seed: int, cuts: pl.DataFrame) -> pl.DataFrame:
    """Units in force during all snapshots, weighted for staff by their students."""
    first_cut, last_cut = cuts["fecha_corte"].min(), cuts["fecha_corte"].max()
    students = (
        program_targets(catalogs, scale, seed, first_cut, last_cut)
        .group_by("cve_unidad")
        .agg(pl.col("objetivo").sum().alias("alumnos"))
    )
    units = (
        catalogs.units_in_force(first_cut, last_cut)
        .join(students, on="cve_unidad", how="left")
        .with_columns(pl.col("alumnos").fill_null(0.0))
        .sort("cve_unidad")
    )
    typical = units.filter(pl.col("alumnos") > 0)["alumnos"].mean() or 1.0
    research = pl.col("nivel").is_in(["INV", "POS"]) & (pl.col("alumnos") < 0.3 * typical)
    return units.with_columns(
        pl.when(research)
        .then(0.3 * typical)
        .otherwise(pl.col("alumnos") + 0.05 * typical)
        .alias("peso_docente"),
        pl.col("nivel").is_in(["NMS", "NS", "POS", "INV"]).alias("academica"),
    )


def _pick_units(
    rng: np.random.Generator, units: pl.DataFrame, n: int, central_share: float
) -> np.ndarray:
    """Unit indices: academic units by their weight, central areas for a share of the picks."""
    academic = np.flatnonzero(units["academica"].to_numpy())
    central = np.flatnonzero(~units["academica"].to_numpy())
    weights = units["peso_docente"].to_numpy()[academic]
    picks = academic[rng.choice(len(academic), size=n, p=weights / weights.sum())]
    if len(central) and central_share > 0:
        to_central = rng.random(n) < central_share
        picks = np.where(to_central, central[rng.integers(0, len(central), size=n)], picks)
    return picks


def _persons(units: pl.DataFrame, scale: float, seed: int, cuts: pl.DataFrame) -> pl.DataFrame:
    rng = stream(seed, "persons")
    periods = cuts.height
    initial = max(8, round(PLAZAS_AT_SCALE_1 * scale / PLAZAS_PER_PERSON))
    hires = rng.poisson(TURNOVER * initial, size=periods)
    hires[0] = initial
    first = np.repeat(np.arange(periods), hires)
    n = len(first)
    stay = rng.geometric(TURNOVER, size=n)
    last = np.minimum(first + stay - 1, periods - 1)
    kind = weighted_choice(rng, n, list(PRIMARY_KIND), list(PRIMARY_KIND.values()))
    unit = np.empty(n, dtype=np.int64)
    for name, central in (("DOCENTE", 0.0), ("PAAE", 0.30), ("FUNCIONARIO", 0.40)):
        members = np.flatnonzero(kind == name)
        unit[members] = _pick_units(rng, units, len(members), central)
    level = units["nivel"].to_numpy()[unit]
    profile = np.where(
        kind != "DOCENTE",
        kind,
        np.where(
            level == "NMS",
            "DOCENTE_NMS",
            np.where(np.isin(level, ["INV", "POS"]), "DOCENTE_INV", "DOCENTE"),
        ),
    )
    persons = pl.DataFrame(
        {
            "persona": np.arange(n),
            "s_primero": first,
            "s_ultimo": last,
            "tipo_personal": kind,
            "perfil": profile,
            "unidad": unit,
            "sexo": np.where(
                rng.random(n) < pl.Series(kind).replace_strict(FEMALE).to_numpy(), "M", "H"
            ),
        }
    )
    persons = _with_dates(persons, cuts, rng)
    persons = _with_degrees(persons, rng)
    sexo, birth = persons["sexo"], persons["fecha_nacimiento"]
    entidad = pl.Series(origin_states(rng, units["entidad"].to_numpy()[unit]))
    curp = curps(stream(seed, "staff_curps"), birth, sexo, entidad)
    return persons.with_columns(
        pl.Series("num_empleado", unique_numbers(rng, n, *EMPLOYEE_NUMBERS)).cast(pl.String),
        curp,
        rfcs_from_curps(stream(seed, "staff_rfcs"), curp),
    )


def _with_dates(
    persons: pl.DataFrame, cuts: pl.DataFrame, rng: np.random.Generator
) -> pl.DataFrame:
    """Birth and hire dates: hired at 18 or later, before their first snapshot."""
    n = persons.height
    cut = cuts["fecha_corte"].cast(pl.Int32).to_numpy()
    first = persons["s_primero"].to_numpy()
    first_cut = cut[first]
    previous_cut = np.where(first > 0, cut[np.maximum(first - 1, 0)], first_cut - 3650)
    hired_in_window = first > 0
    age_at_first = np.where(
        hired_in_window, 23 + rng.gamma(2.0, 4.0, n), 24 + rng.beta(2.0, 2.4, n) * 44
    )
    birth = first_cut - np.round(age_at_first * 365.25).astype(np.int64)
    service_years = rng.random(n) * np.minimum(age_at_first - 18.5, 38)
    hire_initial = first_cut - np.round(service_years * 365.25).astype(np.int64)
    hire_new = (
        previous_cut + 1 + np.floor(rng.random(n) * (first_cut - previous_cut)).astype(np.int64)
    )
    hire = np.where(hired_in_window, hire_new, hire_initial)
    return persons.with_columns(
        pl.Series("fecha_nacimiento", birth, dtype=pl.Int32).cast(pl.Date),
        pl.Series("fecha_ingreso", hire, dtype=pl.Int32).cast(pl.Date),
    )


def _with_degrees(persons: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    n = persons.height
    profile = persons["perfil"].to_numpy()
    degree = np.empty(n, dtype=object)
    for name, weights in DEGREE_WEIGHTS.items():
        members = np.flatnonzero(profile == name)
        degree[members] = weighted_choice(rng, len(members), list(DEGREES), list(weights))
    teaches = np.char.startswith(profile.astype(str), "DOCENTE")
    snii_chance = np.where(profile == "DOCENTE_INV", 0.70, np.where(teaches, 0.32, 0.0))
    in_snii = (degree == "DOCTORADO") & (rng.random(n) < snii_chance)
    level = weighted_choice(rng, n, list(SNII_LEVELS), list(SNII_WEIGHTS))
    return persons.with_columns(
        pl.Series("grado_maximo", degree.astype(str)),
        pl.when(pl.Series(in_snii)).then(pl.Series(level)).alias("nivel_snii"),
    )


def _dedications(rng: np.random.Generator, profile: np.ndarray) -> np.ndarray:
    result = np.empty(len(profile), dtype=object)
    for name in np.unique(profile):
        table = DEDICATIONS.get(name) or DEDICATIONS["DOCENTE"]
        members = np.flatnonzero(profile == name)
        result[members] = weighted_choice(rng, len(members), list(table), list(table.values()))
    return result.astype(str)


def _categories(rng: np.random.Generator, kind: np.ndarray, klass: np.ndarray) -> np.ndarray:
    table = category_table()
    result = np.empty(len(kind), dtype=object)
    for (tipo, clase), group in table.group_by("tipo_personal", "clase", maintain_order=True):
        members = np.flatnonzero((kind == tipo) & (klass == clase))
        result[members] = weighted_choice(
            rng, len(members), group["categoria"].to_list(), group["peso"].to_list()
        )
    return result.astype(str)


def _assignment_hours(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    return rng.integers(low, high + 1, size=n)


def _plazas(persons: pl.DataFrame, units: pl.DataFrame, seed: int) -> pl.DataFrame:
    """Each person's first plaza, plus a second one for some of them."""
    rng = stream(seed, "plazas")
    n = persons.height
    kind = persons["tipo_personal"].to_numpy()
    dedication = _dedications(rng, persons["perfil"].to_numpy())
    klass = np.where(dedication == "ASIGNATURA", "ASIGNATURA", "CARRERA")
    hours = np.where(
        dedication == "ASIGNATURA",
        _assignment_hours(rng, n, 4, 40),
        pl.Series(dedication).replace_strict(HOURS, default=0).to_numpy(),
    )
    first = pl.DataFrame(
        {
            "persona": persons["persona"],
            "orden": np.zeros(n, dtype=np.int64),
            "unidad": persons["unidad"],
            "tipo_personal": kind,
            "tiempo_dedicacion": dedication,
            "horas_semana": hours,
            "categoria": _categories(rng, kind, klass),
        }
    )
    second = _second_plazas(first, units, rng)
    plazas = pl.concat([first, second]).sort("persona", "orden")
    return plazas.with_columns(
        pl.Series("tipo_nombramiento", _appointments(rng, plazas)),
        pl.Series("factor", rng.uniform(0.97, 1.03, plazas.height)),
        units["cve_unidad"].gather(plazas["unidad"]).alias("cve_unidad"),
    )


def _second_plazas(
    first: pl.DataFrame, units: pl.DataFrame, rng: np.random.Generator
) -> pl.DataFrame:
    """Second plazas: asignatura hours elsewhere or at home, or a funcionario post."""
    n = first.height
    kind = first["tipo_personal"].to_numpy()
    dedication = first["tiempo_dedicacion"].to_numpy()
    has_second = rng.random(n) < pl.Series(kind).replace_strict(SECOND_PLAZA).to_numpy()
    u = rng.random(n)
    same_unit_assignment = (kind == "DOCENTE") & (dedication == "ASIGNATURA") & (u < 0.4)
    funcionario = (kind == "DOCENTE") & ~same_unit_assignment & (u > 0.7)
    home = first["unidad"].to_numpy()
    elsewhere = _pick_units(rng, units, n, 0.0)
    academic = np.flatnonzero(units["academica"].to_numpy())
    clash = elsewhere == home
    elsewhere[clash] = academic[(np.searchsorted(academic, elsewhere[clash]) + 1) % len(academic)]
    home_is_academic = units["academica"].to_numpy()[home]
    paae_teaching_home = (kind == "PAAE") & home_is_academic & (rng.random(n) < 0.6)
    unit = np.where(same_unit_assignment | funcionario | paae_teaching_home, home, elsewhere)
    assignment = _categories(rng, np.full(n, "DOCENTE"), np.full(n, "ASIGNATURA"))
    assignment = _different_assignment(
        assignment, first["categoria"].to_numpy(), same_unit_assignment
    )
    post = _categories(rng, np.full(n, "FUNCIONARIO"), np.full(n, "CARRERA"))
    second = pl.DataFrame(
        {
            "persona": first["persona"],
            "orden": np.ones(n, dtype=np.int64),
            "unidad": unit,
            "tipo_personal": np.where(funcionario, "FUNCIONARIO", "DOCENTE"),
            "tiempo_dedicacion": np.where(funcionario, "TC", "ASIGNATURA"),
            "horas_semana": np.where(funcionario, 40, _assignment_hours(rng, n, 4, 20)),
            "categoria": np.where(funcionario, post, assignment),
        }
    )
    return second.filter(pl.Series(has_second))


def _different_assignment(
    chosen: np.ndarray, primary: np.ndarray, must_differ: np.ndarray
) -> np.ndarray:
    """A same-unit second asignatura plaza needs another categoría (the key includes it)."""
    names = np.asarray(list(category_table().filter(pl.col("clase") == "ASIGNATURA")["categoria"]))
    position = np.searchsorted(np.sort(names), chosen)
    rotated = np.sort(names)[(position + 1) % len(names)]
    return np.where(must_differ & (chosen == primary), rotated, chosen)


def _appointments(rng: np.random.Generator, plazas: pl.DataFrame) -> np.ndarray:
    kind = plazas["tipo_personal"].to_numpy()
    u = rng.random(plazas.height)
    base_share = np.where(kind == "FUNCIONARIO", 0.5, np.where(kind == "PAAE", 0.8, 0.74))
    fee = np.where(kind == "FUNCIONARIO", 0.0, 0.05)
    return np.where(u < base_share, "BASE", np.where(u < 1 - fee, "INTERINATO", "HONORARIOS"))


def _snapshots(
    persons: pl.DataFrame, plazas: pl.DataFrame, cuts: pl.DataFrame, seed: int
) -> pl.DataFrame:
    """Every plaza in every snapshot where its holder is on the staff, with that date's pay."""
    rng = stream(seed, "disagreements")
    two = plazas.group_by("persona").len().filter(pl.col("len") > 1)["persona"]
    chosen = two.filter(pl.Series(rng.random(len(two)) < DISAGREEING)).sort()
    pay = category_table().select("categoria", "sueldo_base")
    rows = (
        plazas.join(persons.drop("unidad", "tipo_personal"), on="persona", how="left")
        .join(pay, on="categoria", how="left")
        .with_columns(pl.int_ranges(pl.col("s_primero"), pl.col("s_ultimo") + 1).alias("t"))
        .explode("t")
        .join(cuts.select(pl.col("t").cast(pl.Int64), "fecha_corte"), on="t", how="left")
    )
    rows = _disagree(rows, chosen)
    return rows.with_columns(cents_to_decimal(_salary_cents()).alias("sueldo_mensual"))


def _disagree(rows: pl.DataFrame, chosen: pl.Series) -> pl.DataFrame:
    """On the second plaza of a few persons: SNII left empty, or the grado one step lower."""
    second_row = pl.col("persona").is_in(chosen.implode()) & (pl.col("orden") == 1)
    lower = {high: low for low, high in pairwise(DEGREES)}
    return rows.with_columns(
        pl.when(second_row & pl.col("nivel_snii").is_not_null())
        .then(None)
        .otherwise(pl.col("nivel_snii"))
        .alias("nivel_snii"),
        pl.when(second_row & pl.col("nivel_snii").is_null())
        .then(pl.col("grado_maximo").replace(lower))
        .otherwise(pl.col("grado_maximo"))
        .alias("grado_maximo"),
    )


def _salary_cents() -> pl.Expr:
    """Monthly pay in cents: categoría pay × dedication × seniority × yearly raises."""
    per_hour = pl.col("tiempo_dedicacion") == "ASIGNATURA"
    dedication = pl.col("tiempo_dedicacion").replace_strict(
        DEDICATION_PAY, default=1.0, return_dtype=pl.Float64
    )
    base = (
        pl.when(per_hour)
        .then(pl.col("sueldo_base") * pl.col("horas_semana"))
        .otherwise(pl.col("sueldo_base") * dedication)
    )
    seniority = ((pl.col("fecha_corte") - pl.col("fecha_ingreso")).dt.total_days() / 365.25).clip(
        0, 30
    )
    raises = (1 + YEARLY_RAISE) ** (pl.col("fecha_corte").dt.year() - 2022).cast(pl.Float64)
    amount = base * pl.col("factor") * (1 + 0.012 * seniority) * raises
    return (amount * 100).round(0).cast(pl.Int64)
