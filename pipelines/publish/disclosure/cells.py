"""One period's published figures as a system of cells and linear relations, built from the
working warehouse (true values), for choosing the suppression pattern.

A cell is a magnitude of the declaration at one ámbito (`("indicadores", "MAT", "UNIDAD",
"ESCOM")`), a cell of fct_matricula (`("fct_matricula", unidad, programa, sexo, semestre,
tipo_ingreso)`), or a structural slack that is never published (`("holgura", …)`): the amount by
which a sum of people exceeds its whole, or a denominator its numerator. Every relation is an
equality Σ coef·x = 0 over cells that holds on the true values, so an attacker who knows the
relations and the published cells knows exactly this system with x ≥ lower, where `lower` is 1
for a cell that is listed only where it has someone (a fct_matricula cell, a cohort, a unit's
staff) and 0 otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import numpy as np

from pipelines.specs.disclosure import EXACT_SUM, Declaration

Key = tuple
TOLERANCE = 1e-6


class DisclosureModelError(Exception):
    """The declared relations do not hold on the data: the declaration (or a mart) is wrong."""


@dataclass
class Row:
    """A row of `indicadores` subject to disclosure control."""

    key: tuple[str, str, str, str]  # clave_indicador, periodo, ambito, clave_ambito
    magnitudes: tuple[Key, ...]  # the cells it publishes
    primary: bool  # its own primary rule fires


@dataclass
class CellSystem:
    period: str
    keys: list[Key] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)  # what being listed tells of a cell
    primary: list[bool] = field(default_factory=list)
    structural: list[bool] = field(default_factory=list)
    always_published: list[bool] = field(default_factory=list)
    # hidden in the current publication with the same value: stays hidden (showing it now would
    # let an intruder holding both versions read it into the older one)
    kept_hidden: list[bool] = field(default_factory=list)
    # how much dearer than its value hiding it is
    cost_factor: list[float] = field(default_factory=list)
    equations: list[tuple[list[int], list[float]]] = field(default_factory=list)
    hidden_with: list[tuple[int, int]] = field(default_factory=list)  # (a, b): b hidden ⇒ a hidden
    rows: list[Row] = field(default_factory=list)
    index: dict[Key, int] = field(default_factory=dict)

    def add(
        self,
        key: Key,
        value: float,
        *,
        primary=False,
        structural=False,
        cost_factor=1.0,
        lower=0.0,
    ) -> int:
        if float(value) < lower - TOLERANCE:
            raise DisclosureModelError(
                f"{self.period}: {key} vale {value}, pero la declaración dice que una celda "
                f"listada vale al menos {lower:g}"
            )
        self.index[key] = len(self.keys)
        self.keys.append(key)
        self.values.append(float(value))
        self.lower.append(float(lower))
        self.primary.append(primary)
        self.structural.append(structural)
        self.always_published.append(False)
        self.kept_hidden.append(False)
        self.cost_factor.append(cost_factor)
        return self.index[key]

    def relate(self, terms: list[tuple[Key, float]]) -> None:
        """Σ coef·x = 0 over the cells present (an absent cell is a published 0; a relation left
        with one cell pins it to 0, which an attacker learns from the rows that are absent)."""
        present = [(self.index[k], c) for k, c in terms if k in self.index]
        if not present:
            return
        total = sum(self.values[i] * c for i, c in present)
        if abs(total) > TOLERANCE * max(1.0, max(abs(self.values[i]) for i, _ in present)):
            raise DisclosureModelError(
                f"{self.period}: la relación {[(self.keys[i], c) for i, c in present]} "
                f"no se cumple en los datos (residuo {total})"
            )
        self.equations.append(([i for i, _ in present], [c for _, c in present]))

    def slack(self, name: tuple, value: float) -> Key:
        key = ("holgura", *name)
        self.add(key, max(value, 0.0), structural=True)
        return key

    def shown_with_their_rows(self, candidates: set[int]) -> set[int]:
        """The candidates that may all be published together: none is forced hidden by a figure
        (hidden_with) that is neither a candidate nor published anyway. A row's figures shown in
        the current version with the same values are pinned as published together so."""
        forced_by: dict[int, list[int]] = defaultdict(list)
        for a, b in self.hidden_with:
            forced_by[a].append(b)
        shown = set(candidates)
        dropped = True
        while dropped:
            dropped = False
            for a in sorted(shown):
                if any(b not in shown and not self.always_published[b] for b in forced_by[a]):
                    shown.discard(a)
                    dropped = True
        return shown

    def as_arrays(self) -> dict[str, np.ndarray]:
        return {
            "values": np.asarray(self.values, dtype=float),
            "lower": np.asarray(self.lower, dtype=float),
            "primary": np.asarray(self.primary, dtype=bool),
            "structural": np.asarray(self.structural, dtype=bool),
            "always": np.asarray(self.always_published, dtype=bool),
            "kept": np.asarray(self.kept_hidden, dtype=bool),
            "cost_factor": np.asarray(self.cost_factor, dtype=float),
        }


@dataclass(frozen=True)
class Hierarchy:
    program_unit: dict[str, str]
    program_nivel: dict[str, str]
    unit_nivel: dict[str, str]  # staff: the unit's current nivel


def read_hierarchy(con: duckdb.DuckDBPyConnection, marts: str) -> Hierarchy:
    programs = con.execute(
        f"SELECT cve_programa, cve_unidad, nivel FROM {marts}.dim_programa"
    ).fetchall()
    units = con.execute(
        f"SELECT cve_unidad, nivel FROM {marts}.dim_unidad WHERE es_actual"
    ).fetchall()
    return Hierarchy({p: u for p, u, _ in programs}, {p: n for p, _, n in programs}, dict(units))


def _number(value) -> float | None:
    return None if value is None else float(value)


def _indicator_cells(system: CellSystem, declaration: Declaration, rows: list[tuple]) -> None:
    """Add each magnitude once per ámbito, and each row with the cells it publishes."""
    for clave, periodo, ambito, clave_ambito, valor, numerador, denominador in rows:
        parts = declaration.indicators[clave]
        figures = {parts.valor: valor, parts.numerador: numerador, parts.denominador: denominador}
        fires = declaration.primary_rule_fires(clave, valor, denominador)
        total = ambito in declaration.totals
        magnitudes = []
        for magnitude, figure in figures.items():
            if magnitude is None or figure is None:
                continue
            key = ("indicadores", magnitude, ambito, clave_ambito)
            if key not in system.index:
                system.add(
                    key,
                    figure,
                    cost_factor=declaration.total_cost_factor if total else 1.0,
                    lower=declaration.magnitudes[magnitude].listed_lower_bound,
                )
            elif abs(system.values[system.index[key]] - float(figure)) > TOLERANCE:
                raise DisclosureModelError(
                    f"{periodo}: {key} vale {system.values[system.index[key]]} y {figure}"
                )
            if fires and magnitude == parts.protege:
                system.primary[system.index[key]] = True
            magnitudes.append(key)
        system.rows.append(Row((clave, periodo, ambito, clave_ambito), tuple(magnitudes), fires))


def _publish_totals(system: CellSystem, declaration: Declaration) -> None:
    """The totals (IPN, NIVEL) of a magnitude are fixed as published unless one of them is itself
    protected in this period, or hidden with a protected one (a row hides the magnitudes no other
    row shows): then they may all be hidden as complements."""

    def is_total(key: Key) -> bool:
        return key[0] == "indicadores" and key[2] in declaration.totals

    shown_alone = {p.valor for p in declaration.indicators.values() if p.valor}
    protected = {
        key[1]
        for row in system.rows
        if row.primary and row.key[2] in declaration.totals
        for key in row.magnitudes
        if system.primary[system.index[key]] or key[1] not in shown_alone
    }
    for i, key in enumerate(system.keys):
        system.always_published[i] = is_total(key) and key[1] not in protected


def _fact_cells(
    system: CellSystem, declaration: Declaration, cells: list[tuple]
) -> list[tuple[Key, tuple]]:
    added = []
    for _periodo, *attributes, count in cells:
        key = ("fct_matricula", *attributes)
        system.add(
            key,
            count,
            primary=declaration.small_cell(count),
            lower=1.0 if declaration.matricula_cells.at_least_one else 0.0,
        )
        added.append((key, tuple(attributes)))
    return added


def _mag(magnitude: str, ambito: str, clave: str) -> Key:
    return ("indicadores", magnitude, ambito, clave)


def _exact_sums(system: CellSystem, magnitude: str, hierarchy: Hierarchy) -> None:
    """PROGRAMA ⊂ UNIDAD ⊂ IPN and PROGRAMA ⊂ NIVEL ⊂ IPN: each whole is the sum of its programs."""
    wholes: dict[Key, list[Key]] = defaultdict(list)
    for program in sorted(hierarchy.program_unit):
        part = _mag(magnitude, "PROGRAMA", program)
        if part in system.index:
            wholes[_mag(magnitude, "UNIDAD", hierarchy.program_unit[program])].append(part)
            wholes[_mag(magnitude, "NIVEL", hierarchy.program_nivel[program])].append(part)
            wholes[_mag(magnitude, "IPN", "IPN")].append(part)
    for whole, parts in wholes.items():
        system.relate([(whole, 1.0)] + [(p, -1.0) for p in parts])


def _people_within(system: CellSystem, whole: Key, parts: list[Key]) -> None:
    """Distinct people: the parts add up to at least the whole, and each part is at most the
    whole."""
    whole_value = system.values[system.index[whole]]
    excess = sum(system.values[system.index[p]] for p in parts) - whole_value
    over = system.slack(("exceso", *whole[1:]), excess)
    system.relate([(whole, 1.0), (over, 1.0)] + [(p, -1.0) for p in parts])
    for part in parts:
        room = system.slack(("dentro", *part[1:]), whole_value - system.values[system.index[part]])
        system.relate([(whole, 1.0), (part, -1.0), (room, -1.0)])


def _distinct_people(system: CellSystem, magnitude: str, hierarchy: Hierarchy) -> None:
    """UNIDAD ⊂ NIVEL ⊂ IPN for counts of people (someone in two units counts in each)."""
    units_of: dict[str, list[Key]] = defaultdict(list)
    for unit in sorted(hierarchy.unit_nivel):
        key = _mag(magnitude, "UNIDAD", unit)
        if key in system.index:
            units_of[hierarchy.unit_nivel[unit]].append(key)
    for nivel, units in units_of.items():
        whole = _mag(magnitude, "NIVEL", nivel)
        if whole not in system.index:
            raise DisclosureModelError(
                f"{system.period}: {magnitude} no tiene cifra de NIVEL {nivel}"
            )
        _people_within(system, whole, units)
    nivels = [_mag(magnitude, "NIVEL", n) for n in sorted(units_of)]
    if nivels and _mag(magnitude, "IPN", "IPN") in system.index:
        _people_within(system, _mag(magnitude, "IPN", "IPN"), nivels)


def _upper_bounds(system: CellSystem, declaration: Declaration) -> None:
    """numerador ≤ denominador where the declaration says so, for the figures that can be hidden."""
    for i, key in enumerate(list(system.keys)):
        if key[0] != "indicadores" or system.always_published[i]:
            continue
        bound = declaration.magnitudes[key[1]].at_most
        whole = _mag(bound, key[2], key[3]) if bound else None
        if whole in system.index:
            room = system.slack(
                ("margen", *key[1:]),
                system.values[system.index[whole]] - system.values[system.index[key]],
            )
            system.relate([(whole, 1.0), (key, -1.0), (room, -1.0)])


def _margins(system: CellSystem, declaration: Declaration, cells: list[tuple[Key, tuple]]) -> None:
    """A program's MAT, MUJ, NI and ETD are sums of its fct_matricula cells."""
    names = declaration.matricula_cells.key[1:]
    by_program: dict[str, list[tuple[Key, dict]]] = defaultdict(list)
    for key, attributes in cells:
        row = dict(zip(names, attributes, strict=True))
        by_program[row["cve_programa"]].append((key, row))
    programs = {k[3] for k in system.index if k[0] == "indicadores" and k[2] == "PROGRAMA"}
    for program in sorted(programs):
        members = by_program.get(program, [])
        for magnitude, condition in declaration.matricula_cells.margins.items():
            chosen = [k for k, row in members if all(row[c] == v for c, v in condition.items())]
            margin = _mag(magnitude, "PROGRAMA", program)
            if margin in system.index:
                system.relate([(margin, 1.0)] + [(k, -1.0) for k in chosen])


def _hidden_together(system: CellSystem, declaration: Declaration) -> None:
    """A magnitude published only in one indicator's rows is hidden whenever that row is."""
    shown_alone = {p.valor for p in declaration.indicators.values() if p.valor}
    for row in system.rows:
        for magnitude in row.magnitudes:
            if magnitude[1] in shown_alone:
                continue
            for other in row.magnitudes:
                if other != magnitude:
                    system.hidden_with.append((system.index[magnitude], system.index[other]))


def build_system(
    period: str,
    declaration: Declaration,
    hierarchy: Hierarchy,
    indicator_rows: list[tuple],
    fact_cells: list[tuple],
) -> CellSystem:
    system = CellSystem(period)
    _indicator_cells(system, declaration, indicator_rows)
    _publish_totals(system, declaration)
    cells = _fact_cells(system, declaration, fact_cells)
    for magnitude in declaration.magnitudes.values():
        if magnitude.sum_kind == EXACT_SUM:
            _exact_sums(system, magnitude.code, hierarchy)
        else:
            _distinct_people(system, magnitude.code, hierarchy)
    _margins(system, declaration, cells)
    _upper_bounds(system, declaration)
    _hidden_together(system, declaration)
    return system


def read_systems(
    con: duckdb.DuckDBPyConnection, marts: str, declaration: Declaration
) -> list[CellSystem]:
    """One system per period that has school or staff indicators, from the marts of `con`."""
    claves = ", ".join(f"'{c}'" for c in declaration.indicators)
    rows = con.execute(f"""
        SELECT clave_indicador, periodo, ambito, clave_ambito, valor, numerador, denominador
        FROM {marts}.indicadores WHERE clave_indicador IN ({claves})
        ORDER BY periodo, clave_indicador, ambito, clave_ambito""").fetchall()
    spec = declaration.matricula_cells
    cells = con.execute(
        f"SELECT {', '.join(spec.key)}, {spec.count} FROM {marts}.{spec.table} "
        f"ORDER BY {', '.join(spec.key)}"
    ).fetchall()
    hierarchy = read_hierarchy(con, marts)
    by_period_rows: dict[str, list] = defaultdict(list)
    for clave, periodo, ambito, clave_ambito, *figures in rows:
        by_period_rows[periodo].append(
            (clave, periodo, ambito, clave_ambito, *map(_number, figures))
        )
    by_period_cells: dict[str, list] = defaultdict(list)
    for cell in cells:
        by_period_cells[cell[0]].append(cell)
    periods = sorted(set(by_period_rows) | set(by_period_cells))
    return [
        build_system(p, declaration, hierarchy, by_period_rows[p], by_period_cells[p])
        for p in periods
    ]
