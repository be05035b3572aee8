"""Row rules that involve more than one column, named in the contracts' `rules:` lists.

Each rule takes the typed rows (and what it needs to know) and returns the rows that break it
as (_fila, columna, motivo). A rule only judges rows whose columns it reads are valid: a null
means the column check has already rejected the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import polars as pl

from pipelines.core.periods import PERIOD_RE, period_start
from pipelines.specs.catalogs import Catalogs
from pipelines.specs.indicator_catalog import load_catalog

ROW = "_fila"
Failures = pl.DataFrame  # columns: _fila, columna, motivo


def _failures(rows: pl.DataFrame, broken: pl.Expr, column: str, reason: pl.Expr | str) -> Failures:
    reason_expr = pl.lit(reason) if isinstance(reason, str) else reason
    return rows.filter(broken.fill_null(False)).select(
        pl.col(ROW), pl.lit(column).alias("columna"), reason_expr.cast(pl.String).alias("motivo")
    )


def _period_start(rows: pl.DataFrame) -> pl.Expr:
    """Null for a periodo that is not YY/N: the column check has already rejected that row."""
    periods = rows.get_column("periodo").drop_nulls().unique()
    starts = {p: period_start(p) for p in periods if PERIOD_RE.match(p)}
    return pl.col("periodo").replace_strict(starts, default=None, return_dtype=pl.Date)


def _years_after(day: pl.Expr, years: int) -> pl.Expr:
    return day.dt.offset_by(f"{years}y")


def age_at_period_start(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    column, low, high = rule["column"], rule["min"], rule["max"]
    start = _period_start(rows)
    too_young = _years_after(pl.col(column), low) > start
    too_old = _years_after(pl.col(column), high + 1) <= start
    return _failures(
        rows,
        too_young | too_old,
        column,
        f"edad al inicio del periodo fuera del rango {low}–{high} años",
    )


def program_taught_at_unit(rows: pl.DataFrame, _: dict[str, Any], catalogs: Catalogs) -> Failures:
    taught = catalogs.programas.select(
        "cve_programa", pl.col("cve_unidad").alias("_unidad_del_programa")
    )
    joined = rows.join(taught, on="cve_programa", how="left")
    return _failures(
        joined,
        pl.col("_unidad_del_programa") != pl.col("cve_unidad"),
        "cve_programa",
        pl.format(
            "el programa no se imparte en la unidad {} (se imparte en {})",
            pl.col("cve_unidad"),
            pl.col("_unidad_del_programa"),
        ),
    )


def semestre_within_program_duration(
    rows: pl.DataFrame, rule: dict[str, Any], catalogs: Catalogs
) -> Failures:
    extra = rule["extra_semesters"]
    durations = catalogs.programas.select("cve_programa", "duracion_semestres")
    joined = rows.join(durations, on="cve_programa", how="left")
    limit = pl.col("duracion_semestres") + extra
    return _failures(
        joined,
        pl.col("semestre") > limit,
        "semestre",
        pl.format("semestre mayor que la duración del programa + {} ({})", pl.lit(extra), limit),
    )


def date_not_before_period_start(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    column = rule["column"]
    return _failures(
        rows, pl.col(column) < _period_start(rows), column, "fecha anterior al inicio del periodo"
    )


def only_for_event(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    column, event = rule["column"], rule["tipo_evento"]
    broken = pl.col(column).is_not_null() & (pl.col("tipo_evento") != event)
    return _failures(rows, broken, column, f"sólo se admite en eventos {event}")


def hire_date_plausible(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    years = rule["min_age_at_hire"]
    too_early = pl.col("fecha_ingreso") < _years_after(pl.col("fecha_nacimiento"), years)
    return pl.concat(
        [
            _failures(rows, too_early, "fecha_ingreso", f"ingreso antes de cumplir {years} años"),
            _failures(
                rows,
                pl.col("fecha_ingreso") > pl.col("fecha_corte"),
                "fecha_ingreso",
                "ingreso posterior a la fecha de corte",
            ),
        ]
    )


def hours_match_dedication(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    hours = {str(k): int(v) for k, v in rule["hours"].items()}
    expected = pl.col("tiempo_dedicacion").replace_strict(
        hours, default=None, return_dtype=pl.Int32
    )
    return _failures(
        rows,
        pl.col("horas_semana") != expected,
        "horas_semana",
        pl.format("{} exige {} horas", pl.col("tiempo_dedicacion"), expected),
    )


def budget_key_consistent(rows: pl.DataFrame, _: dict[str, Any], __: Catalogs) -> Failures:
    capitulo = (pl.col("partida") // 10000) * 1000
    concepto = (pl.col("partida") // 1000) * 100
    return pl.concat(
        [
            _failures(
                rows,
                pl.col("capitulo") != capitulo,
                "capitulo",
                pl.format("la partida {} pertenece al capítulo {}", pl.col("partida"), capitulo),
            ),
            _failures(
                rows,
                pl.col("concepto") != concepto,
                "concepto",
                pl.format("la partida {} pertenece al concepto {}", pl.col("partida"), concepto),
            ),
        ]
    )


def amounts_ordered(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    columns = rule["columns"]
    found = []
    for smaller, larger in pairwise(columns):
        found.append(
            _failures(
                rows, pl.col(smaller) > pl.col(larger), smaller, f"{smaller} mayor que {larger}"
            )
        )
    return pl.concat(found)


def once_per_student_and_program(rows: pl.DataFrame, rule: dict[str, Any], _: Catalogs) -> Failures:
    """Within the file; the loader checks the events already in the warehouse."""
    events = rule["tipo_evento"]
    key = ["boleta", "cve_programa", "tipo_evento"]
    candidates = rows.filter(
        pl.col("tipo_evento").is_in(events) & pl.all_horizontal(pl.col(key).is_not_null())
    )
    first = candidates.group_by(key).agg(pl.col(ROW).min().alias("_primera"))
    repeated = candidates.join(first, on=key).filter(pl.col(ROW) > pl.col("_primera"))
    return repeated.select(
        pl.col(ROW),
        pl.lit("tipo_evento").alias("columna"),
        pl.format(
            "el alumno ya tiene un evento {} en este programa (fila {})",
            pl.col("tipo_evento"),
            pl.col("_primera"),
        ).alias("motivo"),
    )


def instrument_prefix(rows: pl.DataFrame, _: dict[str, Any], __: Catalogs) -> Failures:
    prefix = pl.col("clave_instrumento").str.split("-").list.first()
    return _failures(
        rows,
        prefix != pl.col("instrumento"),
        "clave_instrumento",
        pl.format("la clave no empieza con el instrumento {}", pl.col("instrumento")),
    )


# The periodo a target of each periodicity takes (docs/CONTRACTS.md, metas).
PERIOD_FORMATS = {
    "periodo escolar": (PERIOD_RE.pattern, "YY/N"),
    "año": (r"^\d{4}$", "YYYY"),
    "mes": (r"^\d{4}-(0[1-9]|1[0-2])$", "YYYY-MM"),
}


# The NIVEL of a program's students (dbt macro nivel_de_estudios); staff indicators use the
# level of the unit (cat_unidades.nivel): a NIVEL target may name either.
PROGRAM_LEVELS = ("NMS", "NS", "POS")


def _ambito_codes(catalogs: Catalogs) -> dict[str, set[str]]:
    unidades = catalogs.tables["cat_unidades"]
    return {
        "IPN": {"IPN"},
        "NIVEL": set(unidades.get_column("nivel").to_list()) | set(PROGRAM_LEVELS),
        "UNIDAD": set(unidades.get_column("cve_unidad").to_list()),
        "PROGRAMA": set(catalogs.programas.get_column("cve_programa").to_list()),
    }


def target_fits_indicator(rows: pl.DataFrame, _: dict[str, Any], catalogs: Catalogs) -> Failures:
    """A target names an indicator that takes targets, at an ámbito and in a period it is published
    at, with a value its unit allows. Rows whose columns already failed are not judged again."""
    indicators = load_catalog().by_code()
    codes = _ambito_codes(catalogs)
    found = []
    for row in rows.iter_rows(named=True):
        problem = _target_problem(row, indicators.get(row["clave_indicador"]), codes)
        if problem:
            found.append({ROW: row[ROW], "columna": problem[0], "motivo": problem[1]})
    return pl.DataFrame(
        found, schema={ROW: rows.schema[ROW], "columna": pl.String, "motivo": pl.String}
    )


def _target_problem(row: dict, indicator, codes: dict[str, set[str]]) -> tuple[str, str] | None:
    if row["clave_indicador"] is None:
        return None
    if indicator is None:
        return "clave_indicador", "indicador no registrado en el catálogo"
    if not indicator.takes_targets:
        return "clave_indicador", f"el indicador es de sentido {indicator.sentido}: no admite metas"
    ambito, clave, periodo = row["ambito"], row["clave_ambito"], row["periodo"]
    if ambito is not None and ambito not in indicator.ambitos:
        return "ambito", f"el indicador no se publica en el ámbito {ambito}"
    if ambito is not None and clave is not None and clave not in codes[ambito]:
        return "clave_ambito", f"clave no registrada en el ámbito {ambito}"
    pattern, shown = PERIOD_FORMATS[indicator.periodicidad]
    if periodo is not None and not re.match(pattern, periodo):
        return "periodo", f"el indicador es de periodicidad {indicator.periodicidad} ({shown})"
    if indicator.unidad == "porcentaje" and row["meta"] is not None and row["meta"] > 100:
        return "meta", "un porcentaje no puede pasar de 100"
    return None


RULES: dict[str, Callable[[pl.DataFrame, dict[str, Any], Catalogs], Failures]] = {
    "age_at_period_start": age_at_period_start,
    "program_taught_at_unit": program_taught_at_unit,
    "semestre_within_program_duration": semestre_within_program_duration,
    "date_not_before_period_start": date_not_before_period_start,
    "only_for_event": only_for_event,
    "hire_date_plausible": hire_date_plausible,
    "hours_match_dedication": hours_match_dedication,
    "budget_key_consistent": budget_key_consistent,
    "amounts_ordered": amounts_ordered,
    "once_per_student_and_program": once_per_student_and_program,
    "instrument_prefix": instrument_prefix,
    "target_fits_indicator": target_fits_indicator,
}
