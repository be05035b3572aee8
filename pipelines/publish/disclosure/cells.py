"""One period's published figures as a system of cells and linear relations, built from the
working warehouse (true values), for choosing the suppression pattern.

A cell is a magnitude of the declaration at one ámbito (`("indicadores", "MAT", "UNIDAD",
"ESCOM")`), a cell of fct_matricula (`("fct_matricula", unidad, programa, sexo, semestre,
tipo_ingreso)`), or a structural slack that is never published (`("holgura", …)`): the amount by
which a sum of people exceeds its whole, or a denominator its numerator. Every relation is an
equality Σ coef·x = 0 over cells that holds on the true values, so an attacker who knows the
relations and the published cells knows exactly this system with x ≥ 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import numpy as np

from pipelines.publish.disclosure.declaration import (
    ALWAYS_PUBLISHED,
    DISTINCT_PEOPLE,
    EXACT_SUM,
    Declaration,
)

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
    primary: list[bool] = field(default_factory=list)
    structural: list[bool] = field(default_factory=list)
    always_published: list[bool] = field(default_factory=list)
    cap: list[float] = field(default_factory=list)  # smallest always-published total containing the cell
    equations: list[tuple[list[int], list[float]]] = field(default_factory=list)
    hidden_with: list[tuple[int, int]] = field(default_factory=list)  # (a, b): b hidden ⇒ a hidden
    rows: list[Row] = field(default_factory=list)
    index: dict[Key, int] = field(default_factory=dict)

    def add(self, key: Key, value: float, *, primary=False, structural=False, always=False) -> int:
        self.index[key] = len(self.keys)
        self.keys.append(key)
        self.values.append(float(value))
        self.primary.append(primary)
        self.structural.append(structural)
        self.always_published.append(always)
        self.cap.append(float("inf"))
        return self.index[key]

    def relate(self, terms: list[tuple[Key, float]]) -> None:
        """Σ coef·x = 0 over the cells present (an absent cell is a published 0; a relation left with
        one cell pins it to 0, which an attacker learns from the rows that are absent)."""
        terms = [(self.index[k], c) for k, c in terms if k in self.index]
        if not terms:
            return
        total = sum(self.values[i] * c for i, c in terms)
        if abs(total) > TOLERANCE * max(1.0, max(abs(self.values[i]) for i, _ in terms)):
            raise DisclosureModelError(f"{self.period}: la relación {[(self.keys[i], c) for i, c in terms]} "
                                       f"no se cumple en los datos (residuo {total})")
        self.equations.append(([i for i, _ in terms], [c for _, c in terms]))

    def slack(self, name: tuple, value: float) -> Key:
        key = ("holgura", *name)
        self.add(key, max(value, 0.0), structural=True)
        return key

    def as_arrays(self) -> dict[str, np.ndarray]:
        return {
            "values": np.asarray(self.values, dtype=float),
            "primary": np.asarray(self.primary, dtype=bool),
            "structural": np.asarray(self.structural, dtype=bool),
            "always": np.asarray(self.always_published, dtype=bool),
            "cap": np.asarray(self.cap, dtype=float),
        }


@dataclass(frozen=True)
class Hierarchy:
    program_unit: dict[str, str]
    program_nivel: dict[str, str]
    unit_nivel: dict[str, str]  # staff: the unit's current nivel


def read_hierarchy(con: duckdb.DuckDBPyConnection, marts: str) -> Hierarchy:
    programs = con.execute(f"SELECT cve_programa, cve_unidad, nivel FROM {marts}.dim_programa").fetchall()
    units = con.execute(f"SELECT cve_unidad, nivel FROM {marts}.dim_unidad WHERE es_actual").fetchall()
    return Hierarchy({p: u for p, u, _ in programs}, {p: n for p, _, n in programs}, dict(units))


def _number(value) -> float | None:
    return None if value is None else float(value)


def _indicator_cells(system: CellSystem, declaration: Declaration, rows: list[tuple]) -> None:
    """Add each magnitude once per ámbito, and each row with the cells it publishes."""
    suppressed = set(declaration.suppressed_ambitos)
    for clave, periodo, ambito, clave_ambito, valor, numerador, denominador in rows:
        parts = declaration.indicators[clave]
        figures = {parts.valor: valor, parts.numerador: numerador, parts.denominador: denominador}
        if parts.rule == "conteo":
            fires = valor is not None and 0 < valor < declaration.count_below
        else:
            fires = denominador is not None and 0 < denominador < declaration.denominator_below
        fires = fires and ambito in suppressed
        magnitudes = []
        for magnitude, figure in figures.items():
            if magnitude is None or figure is None:
                continue
            key = ("indicadores", magnitude, ambito, clave_ambito)
            if key not in system.index:
                system.add(key, figure, always=ambito in ALWAYS_PUBLISHED)
            elif abs(system.values[system.index[key]] - float(figure)) > TOLERANCE:
                raise DisclosureModelError(f"{periodo}: {key} vale {system.values[system.index[key]]} y {figure}")
            if fires and magnitude == parts.protege:
                system.primary[system.index[key]] = True
            magnitudes.append(key)
        system.rows.append(Row((clave, periodo, ambito, clave_ambito), tuple(magnitudes), fires))


def _fact_cells(system: CellSystem, declaration: Declaration, cells: list[tuple]) -> list[tuple[Key, tuple]]:
    added = []
    for _periodo, *attributes, count in cells:
        key = ("fct_matricula", *attributes)
        system.add(key, count, primary=0 < count < declaration.count_below)
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


def _distinct_people(system: CellSystem, magnitude: str, hierarchy: Hierarchy) -> None:
    """UNIDAD ⊂ NIVEL: the units' people add up to at least their nivel's; each unit at most it."""
    units_of: dict[str, list[Key]] = defaultdict(list)
    for unit in sorted(hierarchy.unit_nivel):
        key = _mag(magnitude, "UNIDAD", unit)
        if key in system.index:
            units_of[hierarchy.unit_nivel[unit]].append(key)
    for nivel, units in units_of.items():
        whole = _mag(magnitude, "NIVEL", nivel)
        if whole not in system.index:
            raise DisclosureModelError(f"{system.period}: {magnitude} no tiene cifra de NIVEL {nivel}")
        whole_value = system.values[system.index[whole]]
        excess = sum(system.values[system.index[u]] for u in units) - whole_value
        over = system.slack(("exceso", magnitude, nivel), excess)
        system.relate([(whole, 1.0), (over, 1.0)] + [(u, -1.0) for u in units])
        for unit in units:
            room = system.slack(("margen", magnitude, unit[3]), whole_value - system.values[system.index[unit]])
            system.relate([(whole, 1.0), (unit, -1.0), (room, -1.0)])


def _upper_bounds(system: CellSystem, declaration: Declaration) -> None:
    """numerador ≤ denominador where the declaration says so, at the ámbitos that can be hidden."""
    for key in list(system.keys):
        if key[0] != "indicadores" or key[2] in ALWAYS_PUBLISHED:
            continue
        bound = declaration.magnitudes[key[1]].at_most
        whole = _mag(bound, key[2], key[3]) if bound else None
        if whole in system.index:
            room = system.slack(("margen", *key[1:]), system.values[system.index[whole]] - system.values[system.index[key]])
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


def _caps(system: CellSystem, declaration: Declaration, hierarchy: Hierarchy) -> None:
    """Each hideable cell's smallest always-published total of its own magnitude (it cannot range wider)."""
    def total(magnitude: str, ambito: str, clave: str) -> float:
        key = _mag(magnitude, ambito, clave)
        return system.values[system.index[key]] if key in system.index else float("inf")

    names = declaration.matricula_cells.key[1:]
    for i, key in enumerate(system.keys):
        if system.structural[i] or system.always_published[i]:
            continue
        if key[0] == "fct_matricula":
            row = dict(zip(names, key[1:], strict=True))
            nivel = hierarchy.program_nivel.get(row["cve_programa"])
            containing = [m for m, cond in declaration.matricula_cells.margins.items()
                          if all(row[c] == v for c, v in cond.items())]
            caps = [min(total(m, "NIVEL", nivel), total(m, "IPN", "IPN")) for m in containing]
        else:
            _, magnitude, ambito, clave = key
            if declaration.magnitudes[magnitude].sum_kind == DISTINCT_PEOPLE:
                nivel = hierarchy.unit_nivel.get(clave)
            else:
                nivel = hierarchy.program_nivel.get(clave) if ambito == "PROGRAMA" else None
            caps = [total(magnitude, "IPN", "IPN")] + ([total(magnitude, "NIVEL", nivel)] if nivel else [])
        system.cap[i] = min(caps, default=float("inf"))


def build_system(period: str, declaration: Declaration, hierarchy: Hierarchy,
                 indicator_rows: list[tuple], fact_cells: list[tuple]) -> CellSystem:
    system = CellSystem(period)
    _indicator_cells(system, declaration, indicator_rows)
    cells = _fact_cells(system, declaration, fact_cells)
    for magnitude in declaration.magnitudes.values():
        if magnitude.sum_kind == EXACT_SUM:
            _exact_sums(system, magnitude.code, hierarchy)
        else:
            _distinct_people(system, magnitude.code, hierarchy)
    _margins(system, declaration, cells)
    _upper_bounds(system, declaration)
    _hidden_together(system, declaration)
    _caps(system, declaration, hierarchy)
    return system


def read_systems(con: duckdb.DuckDBPyConnection, marts: str, declaration: Declaration) -> list[CellSystem]:
    """One system per period that has school or staff indicators, from the marts of `con`."""
    claves = ", ".join(f"'{c}'" for c in declaration.indicators)
    rows = con.execute(f"""
        SELECT clave_indicador, periodo, ambito, clave_ambito, valor, numerador, denominador
        FROM {marts}.indicadores WHERE clave_indicador IN ({claves})
        ORDER BY periodo, clave_indicador, ambito, clave_ambito""").fetchall()
    spec = declaration.matricula_cells
    cells = con.execute(f"SELECT {', '.join(spec.key)}, {spec.count} FROM {marts}.{spec.table} "
                        f"ORDER BY {', '.join(spec.key)}").fetchall()
    hierarchy = read_hierarchy(con, marts)
    by_period_rows: dict[str, list] = defaultdict(list)
    for clave, periodo, ambito, clave_ambito, *figures in rows:
        by_period_rows[periodo].append((clave, periodo, ambito, clave_ambito, *map(_number, figures)))
    by_period_cells: dict[str, list] = defaultdict(list)
    for cell in cells:
        by_period_cells[cell[0]].append(cell)
    periods = sorted(set(by_period_rows) | set(by_period_cells))
    return [build_system(p, declaration, hierarchy, by_period_rows[p], by_period_cells[p]) for p in periods]
