"""What an intruder knows, written as linear constraints: the published figures of every retained
version, the relations the declaration documents (models/divulgacion.yml), what a listed row
tells (at least 1 where the declaration says so), and that counts are whole numbers.

Each figure is named by what it is and the value behind it — `(key, value)` — so a figure whose
value did not change between two versions is one unknown in both (the strongest intruder knows
what did not change), and a figure published in any version is known in every version where its
value is the same. A hidden figure of a version whose true values were not kept is an unknown of
that version alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import duckdb
import numpy as np

from pipelines.audit.truth import Truth
from pipelines.specs.disclosure import DISTINCT_PEOPLE, FREE, PRIMARY, Declaration

SLACK = 1e-6


@dataclass
class Version:
    """One version the intruder holds: its published file (open) and, when kept, the true values
    of its hidden figures."""

    label: str
    con: duckdb.DuckDBPyConnection
    truth: Truth | None


class Problem:
    """One period: unknowns with their lower bounds, and linear constraints
    low ≤ Σ coef·x ≤ high over them."""

    def __init__(self, period: str):
        self.period = period
        self.unknown: dict[tuple, int] = {}
        self.known: dict[tuple, float] = {}
        self.lower: dict[tuple, float] = {}
        self.integral: set[tuple] = set()
        self.constraints: list[tuple[dict[int, float], float, float]] = []
        self._relations: list[tuple[list[tuple[tuple, float]], float, float]] = []

    def figure(
        self, key: tuple, value: float | None, hide: bool, lower: float, integral: bool
    ) -> None:
        """A figure of a version; unknown when hidden (or when `hide` takes it as hidden)."""
        if value is None or hide:
            self.unknown.setdefault(key, len(self.unknown))
            self.lower[key] = max(self.lower.get(key, 0.0), lower)
            if integral:
                self.integral.add(key)
        else:
            self.known[key] = float(value)

    def settle(self) -> None:
        """Once every version is in: a figure hidden somewhere but shown elsewhere is known;
        number the unknowns and write each relation over them."""
        keys = [k for k in self.unknown if k not in self.known]
        self.unknown = {k: i for i, k in enumerate(keys)}
        seen: set[tuple] = set()
        for terms, low, high in self._relations:
            coefficients: dict[int, float] = defaultdict(float)
            constant = 0.0
            for key, coef in terms:
                if key in self.known:
                    constant += coef * self.known[key]
                elif key in self.unknown:
                    coefficients[self.unknown[key]] += coef
            stated = (tuple(sorted(coefficients.items())), low - constant, high - constant)
            if coefficients and stated not in seen:  # the same relation in two versions: once
                seen.add(stated)
                self.constraints.append((dict(coefficients), stated[1], stated[2]))

    @property
    def relations(self) -> list[tuple[list[tuple[tuple, float]], float, float]]:
        """Every relation as written, over the figures' names (what settle() turns into
        constraints over the unknowns)."""
        return self._relations

    def constrain(self, terms: list[tuple[tuple, float]], low: float, high: float) -> None:
        """low ≤ Σ coef·figure ≤ high, with absent figures (no row published) being 0."""
        self._relations.append((terms, low, high))

    def bounds_of(self, key: tuple, low: float, high: float) -> tuple[float, float]:
        """An interval as the intruder ends it: whole numbers round inward."""
        if key in self.integral:
            return math.ceil(low - SLACK), math.floor(high + SLACK)
        return low, high


@dataclass
class Publication:
    """One version's published rows and hierarchy."""

    rows: list
    cells: list
    program_unit: dict
    program_nivel: dict
    unit_nivel: dict


def read_publication(con: duckdb.DuckDBPyConnection, declaration: Declaration) -> Publication:
    claves = ", ".join(f"'{c}'" for c in declaration.indicators)
    rows = con.execute(f"""
        SELECT clave_indicador, periodo, ambito, clave_ambito, numerador, denominador, valor,
               estado_confidencialidad
        FROM indicadores WHERE clave_indicador IN ({claves})""").fetchall()
    spec = declaration.matricula_cells
    cells = con.execute(
        f"SELECT {', '.join(spec.key)}, {spec.count}, estado_confidencialidad FROM {spec.table}"
    ).fetchall()
    programs = con.execute("SELECT cve_programa, cve_unidad, nivel FROM dim_programa").fetchall()
    units = dict(con.execute("SELECT cve_unidad, nivel FROM dim_unidad WHERE es_actual").fetchall())
    return Publication(
        rows, cells, {p: u for p, u, _ in programs}, {p: n for p, _, n in programs}, units
    )


def _number(value) -> float | None:
    return None if value is None else float(value)


def _figures(parts, valor, numerador, denominador) -> list[tuple[str, float | None]]:
    return [
        (m, _number(f))
        for m, f in (
            (parts.valor, valor),
            (parts.numerador, numerador),
            (parts.denominador, denominador),
        )
        if m
    ]


def _cell_key(rest: list) -> tuple:
    return tuple(str(c) for c in rest)


class VersionFigures:
    """One version's figures by period, each named by its value (published, or true when kept)."""

    def __init__(self, version: Version, publication: Publication, declaration: Declaration):
        self.version, self.publication, self.declaration = version, publication, declaration
        self.value: dict[tuple, float] = {}  # (period, key) → the value behind it
        self.primary: dict[str, set[tuple]] = defaultdict(set)  # period → keys
        truth = version.truth
        for (
            indicator,
            period,
            scope,
            scope_key,
            numerator,
            denominator,
            value,
            status,
        ) in publication.rows:
            parts = declaration.indicators[indicator]
            true = truth.rows.get((indicator, period, scope, scope_key)) if truth else None
            shown = status == FREE
            figures = (value, numerator, denominator) if shown else (true or (None,) * 3)
            for magnitude, figure in _figures(parts, *figures):
                if figure is not None and (
                    shown or (period, (magnitude, scope, scope_key)) not in self.value
                ):
                    self.value[(period, (magnitude, scope, scope_key))] = figure
            if not shown and parts.protege and self._is_primary(indicator, status, true):
                self.primary[period].add((parts.protege, scope, scope_key))
        for period, *rest, count, status in publication.cells:
            key = ("celda", *_cell_key(rest))
            true_count = truth.cells.get(_cell_key([period, *rest])) if truth else None
            shown_count = _number(count) if status == FREE else true_count
            if shown_count is not None:
                self.value[(period, key)] = shown_count
            small = declaration.small_cell(true_count) if truth else status == PRIMARY
            if status != FREE and small:
                self.primary[period].add(key)

    def _is_primary(self, indicator: str, status: str, true: tuple | None) -> bool:
        if self.version.truth is None:
            return status == PRIMARY  # a version published before one public mark
        return true is not None and self.declaration.primary_rule_fires(indicator, true[0], true[2])

    def name(self, period: str, key: tuple) -> tuple:
        value = self.value.get((period, key))
        return (key, value) if value is not None else (key, ("version", self.version.label))


def protected_totals(figures: VersionFigures) -> set[tuple[str, str]]:
    """(periodo, magnitude) where an IPN or NIVEL figure is itself protected, or hidden with one
    (a magnitude that no indicator shows as its value): every total of that magnitude and period
    may be hidden then."""
    declaration = figures.declaration
    own_rows = {parts.valor for parts in declaration.indicators.values() if parts.valor}
    opened = set()
    for clave, periodo, ambito, clave_ambito, *_ in figures.publication.rows:
        parts = declaration.indicators[clave]
        if (
            ambito in declaration.totals
            and parts.protege
            and ((parts.protege, ambito, clave_ambito) in figures.primary[periodo])
        ):
            opened |= {
                (periodo, m) for m in parts.magnitudes if m == parts.protege or m not in own_rows
            }
    return opened


def add_version(
    problems: dict[str, Problem],
    figures: VersionFigures,
    everything_hideable: bool = False,
) -> dict[str, set[tuple]]:
    """Add one version's figures and relations to the per-period problems; return its primary
    cells by period, by name. With `everything_hideable`, every figure the declaration lets be
    hidden is unknown: what the totals published anyway (and the other versions) allow."""
    declaration, publication = figures.declaration, figures.publication
    opened = protected_totals(figures) if everything_hideable else set()
    present: dict[str, set] = defaultdict(set)

    def problem(period: str) -> Problem:
        return problems.setdefault(period, Problem(period))

    def hideable(periodo: str, magnitude: str, ambito: str) -> bool:
        return everything_hideable and (
            ambito not in declaration.totals or (periodo, magnitude) in opened
        )

    for (
        clave,
        periodo,
        ambito,
        clave_ambito,
        numerador,
        denominador,
        valor,
        estado,
    ) in publication.rows:
        parts = declaration.indicators[clave]
        shown = estado == FREE
        for magnitude, figure in _figures(parts, valor, numerador, denominador):
            key = (magnitude, ambito, clave_ambito)
            spec = declaration.magnitudes[magnitude]
            problem(periodo).figure(
                figures.name(periodo, key),
                figure if shown else None,
                hideable(periodo, magnitude, ambito),
                spec.listed_lower_bound,
                spec.integral,
            )
            present[periodo].add(key)
    cells = declaration.matricula_cells
    cells_of: dict[str, list] = defaultdict(list)
    for periodo, *rest, count, estado in publication.cells:
        key = ("celda", *_cell_key(rest))
        problem(periodo).figure(
            figures.name(periodo, key),
            _number(count) if estado == FREE else None,
            everything_hideable,
            1.0 if cells.at_least_one else 0.0,
            True,
        )
        cells_of[periodo].append((key, dict(zip(cells.key[1:], _cell_key(rest), strict=True))))
    for period in present.keys() | cells_of.keys():
        _relations(
            problem(period),
            declaration,
            present[period],
            cells_of[period],
            publication,
            partial(figures.name, period),
        )
    return {
        period: {figures.name(period, k) for k in keys} for period, keys in figures.primary.items()
    }


def _relations(
    p: Problem,
    declaration: Declaration,
    present: set,
    cells: list,
    publication: Publication,
    name: Callable[[tuple], tuple],
) -> None:
    for code, magnitude in declaration.magnitudes.items():
        if magnitude.sum_kind == DISTINCT_PEOPLE:
            _distinct_people(p, code, present, publication.unit_nivel, name)
        else:
            _exact_sums(p, code, present, publication, name)
        if magnitude.at_most:
            for key in present:
                bound = (magnitude.at_most, *key[1:])
                if key[0] == code and bound in present:
                    p.constrain([(name(bound), 1.0), (name(key), -1.0)], 0.0, np.inf)
    by_program: dict[str, list] = defaultdict(list)
    for key, attributes in cells:
        by_program[attributes["cve_programa"]].append((key, attributes))
    for program in sorted({key[2] for key in present if key[1] == "PROGRAMA"}):
        program_cells = by_program.get(program, [])
        for code, condition in declaration.matricula_cells.margins.items():
            margin = (code, "PROGRAMA", program)
            if margin in present:
                chosen = [
                    k for k, a in program_cells if all(a[c] == str(v) for c, v in condition.items())
                ]
                p.constrain([(name(margin), 1.0)] + [(name(k), -1.0) for k in chosen], 0.0, 0.0)


def _distinct_people(p: Problem, code: str, present: set, unit_nivel: dict, name) -> None:
    """Σ parts ≥ whole and each part ≤ whole (someone in two units counts in each)."""
    members: dict[str, list] = defaultdict(list)
    for unit, nivel in unit_nivel.items():
        if (code, "UNIDAD", unit) in present:
            members[nivel].append((code, "UNIDAD", unit))
    wholes = {(code, "NIVEL", nivel): units for nivel, units in members.items()}
    if (code, "IPN", "IPN") in present:
        wholes[(code, "IPN", "IPN")] = [(code, "NIVEL", nivel) for nivel in members]
    for whole, parts in wholes.items():
        p.constrain([(name(q), 1.0) for q in parts] + [(name(whole), -1.0)], 0.0, np.inf)
        for part in parts:
            p.constrain([(name(whole), 1.0), (name(part), -1.0)], 0.0, np.inf)


def _exact_sums(p: Problem, code: str, present: set, publication: Publication, name) -> None:
    """PROGRAMA ⊂ UNIDAD ⊂ IPN and PROGRAMA ⊂ NIVEL ⊂ IPN."""
    sums: dict[tuple, list] = defaultdict(list)
    for program, unit in publication.program_unit.items():
        part = (code, "PROGRAMA", program)
        if part in present:
            for whole in (
                (code, "UNIDAD", unit),
                (code, "NIVEL", publication.program_nivel[program]),
                (code, "IPN", "IPN"),
            ):
                sums[whole].append(part)
    for whole, parts in sums.items():
        p.constrain([(name(whole), 1.0)] + [(name(q), -1.0) for q in parts], 0.0, 0.0)
