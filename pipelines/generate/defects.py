"""The defects a sample plants, one per bad row: what each breaks and how it is made.

A bad row is always an ADDITIONAL row built from a clean "donor" row of the same file. It
gets a fresh identity (new boleta, employee number or budget key) so that it breaks exactly
one rule — except the duplicates, which copy an earlier row's key on purpose and are placed
after it. A variant returns the modified native row plus text overrides for values no native
type can hold ("tres" as a semester, 31 February).

This module holds the defect codes and the pieces the variants of each extract share; the
variants themselves are in defects_school.py, defects_staff.py and defects_budget.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from pipelines.contracts import load_contract
from pipelines.generate.identity import curps
from pipelines.generate.render import FileStyle, impossible_date
from pipelines.periods import period_start

# defect code → what it means (Spanish, for reports) and the contract check it exercises
DEFECTS = {
    "tipo_invalido": "valor que no es del tipo de la columna (entero, decimal o fecha)",
    "vacio_requerido": "valor vacío en una columna obligatoria",
    "valor_no_permitido": "valor fuera de la lista de valores permitidos",
    "fuera_de_rango": "número fuera del mínimo o máximo de la columna",
    "formato_invalido": "texto que no cumple el patrón de la columna",
    "boleta_invalida": "boleta que no tiene 10 dígitos",
    "curp_invalida": "CURP que no cumple el patrón de RENAPO",
    "rfc_invalido": "RFC que no cumple el patrón de 13 caracteres",
    "fuera_de_catalogo": "clave que no existe en el catálogo (unidad, programa o partida)",
    "programa_no_en_unidad": "programa que no se imparte en la unidad indicada",
    "semestre_excede_duracion": "semestre mayor que la duración del programa + 4",
    "edad_fuera_de_rango": "edad al inicio del periodo fuera de 12–90 años",
    "clave_duplicada": "la clave de una fila anterior del mismo archivo",
    "evento_repetido": "un segundo EGRESO o TITULACION del alumno en el mismo programa",
    "fecha_antes_del_periodo": "fecha del evento anterior al inicio del periodo",
    "no_aplica_al_evento": "opción de titulación o promedio en un evento que no los admite",
    "fecha_ingreso_implausible": "ingreso antes de los 15 años o después de la fecha de corte",
    "horas_no_corresponden": "horas que no corresponden al tiempo de dedicación",
    "partida_inconsistente": "capítulo o concepto que no corresponde a la partida",
    "montos_desordenados": "no se cumple pagado ≤ ejercido ≤ devengado ≤ comprometido",
}

Overrides = dict[str, pl.Expr]


@dataclass
class Context:
    """What variants need to know about the file and the catalogs."""

    rng: np.random.Generator
    style: FileStyle
    programs: pl.DataFrame  # cve_programa, cve_unidad, duracion_semestres, modalidad
    unknown_units: list[str]
    unknown_programs: list[str]
    unknown_partidas: list[int]
    fresh: FreshIds
    budget_pool: Callable[[int], pl.DataFrame] | None = None


@dataclass
class FreshIds:
    """Identifiers that no clean row uses: boleta suffixes 900000+ (counted per entry year, as
    clean boletas use 000000–899999), employee numbers from 9 000 000 up."""

    boletas_used: dict[int, int] = field(default_factory=dict)
    employees_used: int = 0

    def boletas(self, years: pl.Series) -> pl.Series:
        year = years.cast(pl.Int64).to_numpy()
        suffix = np.empty(len(year), dtype=np.int64)
        for value in np.unique(year):
            members = np.flatnonzero(year == value)
            used = self.boletas_used.get(int(value), 0)
            if used + len(members) > 100_000:
                raise ValueError(f"demasiadas boletas defectuosas para el año {value}")
            suffix[members] = 900_000 + used + np.arange(len(members))
            self.boletas_used[int(value)] = used + len(members)
        return pl.Series("boleta", year * 1_000_000 + suffix).cast(pl.String)

    def employees(self, n: int) -> pl.Series:
        numbers = 9_000_000 + self.employees_used + np.arange(n)
        self.employees_used += n
        return pl.Series("num_empleado", numbers).cast(pl.String)


@dataclass(frozen=True)
class Variant:
    defecto: str
    columna: str
    build: Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]
    donors: pl.Expr | None = None  # which clean rows may serve as donors
    duplicate: bool = False  # keeps the donor's key; placed after it


def key_column(kind: str) -> str:
    return ", ".join(load_contract(kind).key)


def pick(ctx: Context, options: list, n: int) -> pl.Series:
    return pl.Series(
        np.asarray(options, dtype=object)[ctx.rng.integers(0, len(options), n)].tolist()
    )


def period_starts(periodo: pl.Series) -> pl.Series:
    starts = {p: period_start(p) for p in periodo.unique().to_list()}
    return periodo.replace_strict(starts, return_dtype=pl.Date)


def new_student(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """A student nobody else has: fresh boleta (same entry year) and, in matricula, a new CURP."""
    fresh = rows.with_columns(ctx.fresh.boletas(rows["boleta"].str.slice(0, 4).cast(pl.Int64)))
    if "fecha_nacimiento" in rows.columns:
        fresh = fresh.with_columns(
            curps(ctx.rng, fresh["fecha_nacimiento"], fresh["sexo"], fresh["entidad_procedencia"])
        )
    return fresh


def new_employee(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    return rows.with_columns(ctx.fresh.employees(rows.height))


def new_budget_key(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    assert ctx.budget_pool is not None
    keys = ctx.budget_pool(rows.height)
    return rows.with_columns(keys.select(
        "cve_unidad", "programa_presupuestario", "fuente_financiamiento", "capitulo", "concepto",
        "partida"
    ))  # fmt: skip


def text(value: str | None) -> pl.Expr:
    return pl.lit(value, dtype=pl.String)


def native(**values) -> Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]:
    """A variant that only sets native values (after giving the row a fresh identity)."""

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return rows.with_columns(
            **{k: pl.lit(v).cast(rows.schema[k]) for k, v in values.items()}
        ), {}

    return build


def as_text(
    **texts: str | None,
) -> Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]:
    """A variant that writes literal text into some cells (None = empty cell)."""

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return rows, {column: text(value) for column, value in texts.items()}

    return build


def bad_date(column: str) -> Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]:
    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return rows, {column: impossible_date(pl.col(column).dt.year(), ctx.style)}

    return build


def bad_curp(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Half with a state code RENAPO does not have, half one character short."""
    short = pl.Series(ctx.rng.random(rows.height) < 0.5)
    curp = pl.col("curp")
    bad = (
        pl.when(short)
        .then(curp.str.slice(0, 17))
        .otherwise(curp.str.slice(0, 11) + "XX" + curp.str.slice(13))
    )
    return rows, {"curp": bad}


def unknown_unit(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns(pick(ctx, ctx.unknown_units, rows.height).alias("cve_unidad")), {}


def unknown_program(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns(pick(ctx, ctx.unknown_programs, rows.height).alias("cve_programa")), {}


def program_elsewhere(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """Each row gets a catalog program taught at another unit than the row's."""
    programs = ctx.programs
    units = programs["cve_unidad"].to_numpy()
    own = rows["cve_unidad"].to_numpy()
    choice = ctx.rng.integers(0, programs.height, rows.height)
    for _ in range(programs.height):  # walk to the next program until the unit differs
        clash = units[choice] == own
        if not clash.any():
            break
        choice = np.where(clash, (choice + 1) % programs.height, choice)
    chosen = programs[choice]
    return rows.with_columns(
        chosen["cve_programa"].alias("cve_programa"),
        *([chosen["modalidad"].alias("modalidad")] if "modalidad" in rows.columns else []),
    )


def exact_copy(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows, {}


def fresh(build):
    """Give the row a fresh identity (student, employee or budget key), then apply `build`."""

    def wrapped(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        if "boleta" in rows.columns:
            rows = new_student(rows, ctx)
        elif "num_empleado" in rows.columns:
            rows = new_employee(rows, ctx)
        else:
            rows = new_budget_key(rows, ctx)
        return build(rows, ctx)

    return wrapped
