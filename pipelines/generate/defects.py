"""The defects a sample plants, one per bad row: what each breaks and how it is made.

A bad row is always an ADDITIONAL row built from a clean "donor" row of the same file. It
gets a fresh identity (new boleta, employee number or budget key) so that it breaks exactly
one rule — except the duplicates, which copy an earlier row's key on purpose and are placed
after it. A variant returns the modified native row plus text overrides for values no native
type can hold ("tres" as a semester, 31 February).

Unknown units are planted only in plantilla and presupuesto: in matricula and trayectoria
an unknown cve_unidad would also leave the program "not taught at that unit" (two defects).
A repeated EGRESO/TITULACION within a file is both a repeated event and a repeated key; it
is recorded as `evento_repetido` on tipo_evento, as ingestion's once-per-student rule reports
it, while repeated BAJA_DEFINITIVA rows are plain `clave_duplicada` on the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    """Identifiers that no clean row uses: boleta suffixes 900000+, employees 9 000 000+."""

    boletas_used: int = 0
    employees_used: int = 0

    def boletas(self, years: pl.Series) -> pl.Series:
        n = len(years)
        suffix = 900_000 + self.boletas_used + np.arange(n)
        self.boletas_used += n
        return (
            (years.cast(pl.Int64) * 1_000_000 + pl.Series(suffix)).cast(pl.String).alias("boleta")
        )

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


# ---------------------------------------------------------------- shared pieces


def _pick(ctx: Context, options: list, n: int) -> pl.Series:
    return pl.Series(
        np.asarray(options, dtype=object)[ctx.rng.integers(0, len(options), n)].tolist()
    )


def _period_starts(periodo: pl.Series) -> pl.Series:
    starts = {p: period_start(p) for p in periodo.unique().to_list()}
    return periodo.replace_strict(starts, return_dtype=pl.Date)


def _new_student(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """A student nobody else has: fresh boleta (same entry year) and, in matricula, a new CURP."""
    fresh = rows.with_columns(ctx.fresh.boletas(rows["boleta"].str.slice(0, 4).cast(pl.Int64)))
    if "fecha_nacimiento" in rows.columns:
        fresh = fresh.with_columns(
            curps(ctx.rng, fresh["fecha_nacimiento"], fresh["sexo"], fresh["entidad_procedencia"])
        )
    return fresh


def _new_employee(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    return rows.with_columns(ctx.fresh.employees(rows.height))


def _new_budget_key(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    assert ctx.budget_pool is not None
    keys = ctx.budget_pool(rows.height)
    return rows.with_columns(keys.select(
        "cve_unidad", "programa_presupuestario", "fuente_financiamiento", "capitulo", "concepto", "partida"
    ))  # fmt: skip


def _text(value: str | None) -> pl.Expr:
    return pl.lit(value, dtype=pl.String)


def _native(**values) -> Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]:
    """A variant that only sets native values (after giving the row a fresh identity)."""

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return rows.with_columns(
            **{k: pl.lit(v).cast(rows.schema[k]) for k, v in values.items()}
        ), {}

    return build


def _as_text(
    **texts: str | None,
) -> Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]:
    """A variant that writes literal text into some cells (None = empty cell)."""

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return rows, {column: _text(value) for column, value in texts.items()}

    return build


def _bad_date(column: str) -> Callable[[pl.DataFrame, Context], tuple[pl.DataFrame, Overrides]]:
    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return rows, {column: impossible_date(pl.col(column).dt.year(), ctx.style)}

    return build


def _bad_curp(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Half with a state code RENAPO does not have, half one character short."""
    short = pl.Series(ctx.rng.random(rows.height) < 0.5)
    curp = pl.col("curp")
    bad = (
        pl.when(short)
        .then(curp.str.slice(0, 17))
        .otherwise(curp.str.slice(0, 11) + "XX" + curp.str.slice(13))
    )
    return rows, {"curp": bad}


def _unknown_unit(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns(_pick(ctx, ctx.unknown_units, rows.height).alias("cve_unidad")), {}


def _unknown_program(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns(
        _pick(ctx, ctx.unknown_programs, rows.height).alias("cve_programa")
    ), {}


def _program_elsewhere(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
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


def _exact_copy(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows, {}


# ---------------------------------------------------------------- matricula


def _matricula_program_elsewhere(
    rows: pl.DataFrame, ctx: Context
) -> tuple[pl.DataFrame, Overrides]:
    moved = _program_elsewhere(_new_student(rows, ctx), ctx)
    return moved.with_columns(
        pl.lit(1, pl.Int32).alias("semestre"), pl.lit("NUEVO_INGRESO").alias("tipo_ingreso")
    ), {}


def _semestre_past_duration(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    rows = _new_student(rows, ctx)
    duration = rows.join(ctx.programs, on="cve_programa", how="left", maintain_order="left")[
        "duracion_semestres"
    ]
    extra = pl.Series(ctx.rng.integers(5, 8, rows.height))
    return rows.with_columns((duration + extra).cast(pl.Int32).alias("semestre")), {}


def _age_out_of_range(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Born 9 or 95 years (and some weeks) before the period starts, with a matching CURP."""
    ages = pl.Series("edad", np.where(ctx.rng.random(rows.height) < 0.5, 9, 95))
    weeks = pl.Series("semanas", ctx.rng.integers(1, 40, rows.height))
    birth = (
        pl.DataFrame({"inicio": _period_starts(rows["periodo"]), "edad": ages, "semanas": weeks})
        .select(
            pl.col("inicio").dt.offset_by(pl.format("-{}y", "edad"))
            - pl.duration(weeks=pl.col("semanas"))
        )
        .to_series()
    )
    return _new_student(rows.with_columns(birth.alias("fecha_nacimiento")), ctx), {}


def _short_boleta(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    rows = _new_student(rows, ctx)
    return rows, {"boleta": pl.col("boleta").str.slice(0, 9)}


def _duplicate_enrolment(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Same periodo and boleta as an earlier row; the turno differs (the first row loads)."""
    other_shift = {"M": "V", "V": "M", "MX": "M"}
    return rows.with_columns(pl.col("turno").replace_strict(other_shift)), {}


def _fresh(build):
    """Give the row a fresh identity (student, employee or budget key), then apply `build`."""

    def wrapped(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        if "boleta" in rows.columns:
            rows = _new_student(rows, ctx)
        elif "num_empleado" in rows.columns:
            rows = _new_employee(rows, ctx)
        else:
            rows = _new_budget_key(rows, ctx)
        return build(rows, ctx)

    return wrapped


def matricula_variants() -> list[Variant]:
    key = key_column("matricula")
    return [
        Variant("tipo_invalido", "semestre", _fresh(_as_text(semestre="tres"))),
        Variant("tipo_invalido", "fecha_nacimiento", _fresh(_bad_date("fecha_nacimiento"))),
        Variant("vacio_requerido", "sexo", _fresh(_as_text(sexo=None))),
        Variant("vacio_requerido", "tipo_ingreso", _fresh(_as_text(tipo_ingreso=None))),
        Variant("valor_no_permitido", "sexo", _fresh(_native(sexo="X"))),
        Variant("valor_no_permitido", "turno", _fresh(_native(turno="N"))),
        Variant(
            "valor_no_permitido", "entidad_procedencia", _fresh(_native(entidad_procedencia="33"))
        ),
        Variant("fuera_de_rango", "semestre", _fresh(_native(semestre=0))),
        Variant("semestre_excede_duracion", "semestre", _semestre_past_duration),
        Variant("edad_fuera_de_rango", "fecha_nacimiento", _age_out_of_range),
        Variant("boleta_invalida", "boleta", _short_boleta),
        Variant("curp_invalida", "curp", _fresh(_bad_curp)),
        Variant("fuera_de_catalogo", "cve_programa", _fresh(_unknown_program)),
        Variant("programa_no_en_unidad", "cve_programa", _matricula_program_elsewhere),
        Variant("clave_duplicada", key, _duplicate_enrolment, duplicate=True),
        Variant("tipo_invalido", "semestre", _fresh(_as_text(semestre="2.5"))),
        Variant("valor_no_permitido", "modalidad", _fresh(_native(modalidad="A_DISTANCIA"))),
    ]


# ---------------------------------------------------------------- trayectoria


def _event(tipo: str, opcion: str | None = None, promedio: str | None = None):
    """Turn the (fresh) row into an event of type `tipo` with the given extras."""

    def build(rows: pl.DataFrame, ctx: Context) -> pl.DataFrame:
        return rows.with_columns(
            pl.lit(tipo).alias("tipo_evento"),
            pl.lit(opcion, pl.String).alias("opcion_titulacion"),
            pl.lit(promedio, pl.String).cast(pl.Decimal(18, 2)).alias("promedio"),
        )

    return build


def _event_then(tipo: str, opcion: str | None, promedio: str | None, texts: dict | None = None):
    """A fresh student's event of type `tipo`, then literal text in some cells."""
    make = _event(tipo, opcion, promedio)

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        return make(rows, ctx), {column: _text(value) for column, value in (texts or {}).items()}

    return _fresh(build)


def _trayectoria_program_elsewhere(
    rows: pl.DataFrame, ctx: Context
) -> tuple[pl.DataFrame, Overrides]:
    return _program_elsewhere(_new_student(rows, ctx), ctx), {}


def _before_period(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    start = _period_starts(rows["periodo"])
    days = pl.Series(ctx.rng.integers(1, 60, rows.height))
    return rows.with_columns((start - pl.duration(days=days)).alias("fecha_evento")), {}


def trayectoria_variants() -> list[Variant]:
    key = key_column("trayectoria")
    baja = pl.col("tipo_evento") == "BAJA_DEFINITIVA"
    degree_or_exit = pl.col("tipo_evento").is_in(["EGRESO", "TITULACION"])
    return [
        Variant("tipo_invalido", "fecha_evento", _fresh(_bad_date("fecha_evento"))),
        Variant(
            "tipo_invalido", "promedio", _event_then("EGRESO", None, None, {"promedio": "ocho"})
        ),
        Variant("vacio_requerido", "curp", _fresh(_as_text(curp=None))),
        Variant("vacio_requerido", "fecha_evento", _fresh(_as_text(fecha_evento=None))),
        Variant("valor_no_permitido", "tipo_evento", _event_then("REVALIDACION", None, None)),
        Variant(
            "valor_no_permitido", "opcion_titulacion", _event_then("TITULACION", "TESINA", None)
        ),
        Variant("fuera_de_rango", "promedio", _event_then("EGRESO", None, "11.00")),
        Variant("boleta_invalida", "boleta", _short_boleta),
        Variant("curp_invalida", "curp", _fresh(_bad_curp)),
        Variant("fuera_de_catalogo", "cve_programa", _fresh(_unknown_program)),
        Variant("programa_no_en_unidad", "cve_programa", _trayectoria_program_elsewhere),
        Variant("clave_duplicada", key, _exact_copy, donors=baja, duplicate=True),
        Variant(
            "evento_repetido", "tipo_evento", _exact_copy, donors=degree_or_exit, duplicate=True
        ),
        Variant("fecha_antes_del_periodo", "fecha_evento", _fresh(_before_period)),
        Variant("no_aplica_al_evento", "opcion_titulacion", _event_then("EGRESO", "TESIS", "8.50")),
        Variant("no_aplica_al_evento", "promedio", _event_then("BAJA_DEFINITIVA", None, "7.25")),
        Variant("fuera_de_rango", "promedio", _event_then("EGRESO", None, "5.40")),
    ]


# ---------------------------------------------------------------- plantilla


def _hired_too_young(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Hired at 8–13 years of age."""
    years = pl.Series("_anios", ctx.rng.integers(8, 14, rows.height))
    hired = pl.col("fecha_nacimiento").dt.offset_by(pl.format("{}y", "_anios"))
    return rows.with_columns(years).with_columns(hired.alias("fecha_ingreso")).drop("_anios"), {}


def _hired_after_cut(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    days = pl.Series(ctx.rng.integers(1, 90, rows.height))
    return rows.with_columns(
        (pl.col("fecha_corte") + pl.duration(days=days)).alias("fecha_ingreso")
    ), {}


def _hours_not_matching(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    full_time = pl.Series(ctx.rng.random(rows.height) < 0.5)
    return rows.with_columns(
        pl.when(full_time).then(pl.lit("TC")).otherwise(pl.lit("MT")).alias("tiempo_dedicacion"),
        pl.when(full_time)
        .then(pl.lit(30))
        .otherwise(pl.lit(40))
        .cast(pl.Int32)
        .alias("horas_semana"),
    ), {}


def _too_many_hours(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns(
        pl.lit("ASIGNATURA").alias("tiempo_dedicacion"), pl.lit(45, pl.Int32).alias("horas_semana")
    ), {}


def _negative_salary(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows.with_columns((-pl.col("sueldo_mensual")).alias("sueldo_mensual")), {}


def _short_rfc(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    return rows, {"rfc": pl.col("rfc").str.slice(0, 12)}


def _duplicate_plaza(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """Same (fecha_corte, num_empleado, cve_unidad, categoria) as an earlier row, other pay."""
    bump = pl.lit(150).cast(pl.Decimal(18, 2))
    return rows.with_columns((pl.col("sueldo_mensual") + bump).cast(pl.Decimal(18, 2))), {}


def plantilla_variants() -> list[Variant]:
    key = key_column("plantilla")
    return [
        Variant("tipo_invalido", "horas_semana", _fresh(_as_text(horas_semana="veinte"))),
        Variant("tipo_invalido", "fecha_nacimiento", _fresh(_bad_date("fecha_nacimiento"))),
        Variant("tipo_invalido", "sueldo_mensual", _fresh(_as_text(sueldo_mensual="doce mil"))),
        Variant("vacio_requerido", "sexo", _fresh(_as_text(sexo=None))),
        Variant("vacio_requerido", "grado_maximo", _fresh(_as_text(grado_maximo=None))),
        Variant("valor_no_permitido", "sexo", _fresh(_native(sexo="X"))),
        Variant("valor_no_permitido", "tipo_personal", _fresh(_native(tipo_personal="EVENTUAL"))),
        Variant("valor_no_permitido", "nivel_snii", _fresh(_native(nivel_snii="IV"))),
        Variant("fuera_de_rango", "horas_semana", _fresh(_too_many_hours)),
        Variant("fuera_de_rango", "sueldo_mensual", _fresh(_negative_salary)),
        Variant("formato_invalido", "num_empleado", _fresh(_as_text(num_empleado="123"))),
        Variant("rfc_invalido", "rfc", _fresh(_short_rfc)),
        Variant("curp_invalida", "curp", _fresh(_bad_curp)),
        Variant("fuera_de_catalogo", "cve_unidad", _fresh(_unknown_unit)),
        Variant("clave_duplicada", key, _duplicate_plaza, duplicate=True),
        Variant("fecha_ingreso_implausible", "fecha_ingreso", _fresh(_hired_too_young)),
        Variant("fecha_ingreso_implausible", "fecha_ingreso", _fresh(_hired_after_cut)),
        Variant("horas_no_corresponden", "horas_semana", _fresh(_hours_not_matching)),
        Variant("vacio_requerido", "tipo_nombramiento", _fresh(_as_text(tipo_nombramiento=None))),
    ]


# ---------------------------------------------------------------- presupuesto


def _unknown_partida(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    """A 5-digit partida absent from cat_partidas, with a capítulo and concepto that agree."""
    partida = _pick(ctx, ctx.unknown_partidas, rows.height).cast(pl.Int32)
    return rows.with_columns(
        partida.alias("partida"),
        (partida // 10000 * 1000).alias("capitulo"),
        (partida // 1000 * 100).alias("concepto"),
    ), {}


def _wrong_chapter(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    chapter = (pl.col("partida") // 10000 % 9 + 1) * 1000  # the next capítulo (9000 → 1000)
    return rows.with_columns(chapter.cast(pl.Int32).alias("capitulo")), {}


def _wrong_concept(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    first = pl.col("partida") // 10000
    second = pl.col("partida") // 1000 % 10
    concept = first * 1000 + (second + 1) % 10 * 100
    return rows.with_columns(concept.cast(pl.Int32).alias("concepto")), {}


def _paid_over_exercised(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    extra = pl.lit(1_000).cast(pl.Decimal(18, 2))
    return rows.with_columns(
        (pl.col("ejercido") + extra).cast(pl.Decimal(18, 2)).alias("pagado")
    ), {}


def _accrued_over_committed(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
    short = pl.lit(1_000).cast(pl.Decimal(18, 2))
    committed = pl.max_horizontal(pl.col("devengado") - short, pl.lit(0).cast(pl.Decimal(18, 2)))
    devengado = pl.max_horizontal(pl.col("devengado"), short)  # keeps devengado > comprometido
    return rows.with_columns(
        committed.cast(pl.Decimal(18, 2)).alias("comprometido"),
        devengado.cast(pl.Decimal(18, 2)).alias("devengado"),
        pl.min_horizontal(pl.col("ejercido"), devengado).cast(pl.Decimal(18, 2)).alias("ejercido"),
        pl.min_horizontal(pl.col("pagado"), pl.col("ejercido"), devengado)
        .cast(pl.Decimal(18, 2))
        .alias("pagado"),
    ), {}


def _negative(column: str):
    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        value = pl.max_horizontal(pl.col(column), pl.lit(100).cast(pl.Decimal(18, 2)))
        return rows.with_columns((-value).cast(pl.Decimal(18, 2)).alias(column)), {}

    return build


def _badly_grouped(column: str):
    """`1,2345,678.00`: thousands separators in the wrong places (never a valid number)."""

    def build(rows: pl.DataFrame, ctx: Context) -> tuple[pl.DataFrame, Overrides]:
        digits = (pl.col(column).cast(pl.Int64).abs() + 1_000_000).cast(pl.String)
        grouped = (
            digits.str.head(1) + "," + digits.str.slice(1, 4) + "," + digits.str.slice(5) + ".00"
        )
        return rows, {column: grouped}

    return build


def presupuesto_variants() -> list[Variant]:
    key = key_column("presupuesto")
    return [
        Variant("tipo_invalido", "aprobado", _fresh(_badly_grouped("aprobado"))),
        Variant("tipo_invalido", "modificado", _fresh(_as_text(modificado="sin dato"))),
        Variant("vacio_requerido", "aprobado", _fresh(_as_text(aprobado=None))),
        Variant(
            "valor_no_permitido",
            "fuente_financiamiento",
            _fresh(_native(fuente_financiamiento="OTROS")),
        ),
        Variant("fuera_de_rango", "aprobado", _fresh(_negative("aprobado"))),
        Variant(
            "formato_invalido",
            "programa_presupuestario",
            _fresh(_native(programa_presupuestario="E10")),
        ),
        Variant("fuera_de_catalogo", "cve_unidad", _fresh(_unknown_unit)),
        Variant("fuera_de_catalogo", "partida", _fresh(_unknown_partida)),
        Variant("partida_inconsistente", "capitulo", _fresh(_wrong_chapter)),
        Variant("partida_inconsistente", "concepto", _fresh(_wrong_concept)),
        Variant("montos_desordenados", "pagado", _fresh(_paid_over_exercised)),
        Variant("montos_desordenados", "devengado", _fresh(_accrued_over_committed)),
        Variant("clave_duplicada", key, _exact_copy, duplicate=True),
        Variant("fuera_de_rango", "modificado", _fresh(_negative("modificado"))),
    ]


VARIANTS: dict[str, Callable[[], list[Variant]]] = {
    "matricula": matricula_variants,
    "trayectoria": trayectoria_variants,
    "plantilla": plantilla_variants,
    "presupuesto": presupuesto_variants,
}
