"""The disclosure audit: an attacker's linear programming over a publication, written apart from
the suppression step so that a bug in one is caught by the other.

It reads only the publication (its `indicadores`, `fct_matricula`, `dim_programa`, `dim_unidad`)
and the relations the declaration documents (models/divulgacion.yml). For each period every
hidden figure is an unknown x ≥ 0; published figures are constants; the relations are
equalities and inequalities between them. For each cell with primary suppression (status A) it
finds the values the cell can take; publication is refused when that interval is narrower than
the protection level (or than the width the IPN and NIVEL totals published anyway leave it), and
when a figure that the primary rule hides is shown.

Exact bounds cost two LPs per cell; most cells are settled without their own LPs: every optimal
solution of any LP is a feasible assignment of all unknowns, so the spread of values seen across
solutions is inside the true interval, and a cell whose seen spread is already wide enough is
protected. Every cell left narrow gets its exact minimum and maximum.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import duckdb
import highspy
import numpy as np

from pipelines.core.parallel import map_in_processes
from pipelines.specs.disclosure import (
    DISTINCT_PEOPLE,
    PRIMARY,
    Declaration,
    load_declaration,
)

SLACK = 1e-6
MAX_NAMED = 20  # cells named in a refusal (all are counted)


@dataclass
class Interval:
    key: tuple
    period: str
    low: float
    high: float
    needed: float
    exact: bool

    @property
    def protected(self) -> bool:
        return self.high - self.low >= self.needed - SLACK

    @property
    def cell(self) -> str:
        return _name(self.key)


@dataclass
class AuditResult:
    protected_cells: int = 0
    narrow: list[Interval] = field(default_factory=list)
    exposed: list[str] = field(default_factory=list)  # figures shown that the primary rule hides
    lps: int = 0
    periods: int = 0
    seconds: float = 0.0
    # not run: the rows are those of this version, audited when published
    same_as_version: int | None = None

    @property
    def passed(self) -> bool:
        return not self.narrow and not self.exposed

    def summary(self) -> dict:
        return {
            "aprobada": self.passed,
            "periodos": self.periods,
            "celdas_primarias": self.protected_cells,
            "programas_lineales": self.lps,
            "segundos": self.seconds,
            "angostas": [asdict(i) | {"key": i.cell} for i in self.narrow[:MAX_NAMED]],
            "expuestas": self.exposed[:MAX_NAMED],
            "igual_a_version": self.same_as_version,
        }

    def refusal_reasons(self) -> list[str]:
        reasons = []
        if self.exposed:
            reasons.append(
                f"auditoría de divulgación: {len(self.exposed)} cifras publicadas caen bajo "
                f"la regla primaria y debían ocultarse: {'; '.join(self.exposed[:MAX_NAMED])}"
            )
        if self.narrow:
            named = "; ".join(
                f"{i.period} {i.cell}: entre {i.low:g} y {i.high:g} (ancho mínimo {i.needed:g})"
                for i in self.narrow[:MAX_NAMED]
            )
            reasons.append(
                f"auditoría de divulgación: {len(self.narrow)} celdas suprimidas pueden "
                f"acotarse a un intervalo más angosto que el nivel de protección: {named}"
            )
        return reasons


class Problem:
    """One period: unknowns, and linear constraints low ≤ Σ coef·x ≤ high over them."""

    def __init__(self, period: str):
        self.period = period
        self.unknown: dict[tuple, int] = {}
        self.known: dict[tuple, float] = {}
        self.constraints: list[tuple[dict[int, float], float, float]] = []

    def figure(self, key: tuple, value: float | None, hide: bool = False) -> None:
        """A figure of the publication; unknown when hidden (or when `hide` takes it as hidden)."""
        if value is None or hide:
            self.unknown.setdefault(key, len(self.unknown))
        elif key not in self.known:
            self.known[key] = float(value)
            self.unknown.pop(key, None)

    def settle(self) -> None:
        """A figure hidden in one row but shown in another is known: renumber the unknowns."""
        keys = [k for k in self.unknown if k not in self.known]
        self.unknown = {k: i for i, k in enumerate(keys)}

    def constrain(self, terms: list[tuple[tuple, float]], low: float, high: float) -> None:
        """low ≤ Σ coef·figure ≤ high, with absent figures (no row published) being 0."""
        coefficients: dict[int, float] = defaultdict(float)
        constant = 0.0
        for key, coef in terms:
            if key in self.known:
                constant += coef * self.known[key]
            elif key in self.unknown:
                coefficients[self.unknown[key]] += coef
        if coefficients:
            self.constraints.append((dict(coefficients), low - constant, high - constant))


def _read(
    con: duckdb.DuckDBPyConnection, declaration: Declaration
) -> tuple[list, list, dict, dict, dict]:
    claves = ", ".join(f"'{c}'" for c in declaration.indicators)
    rows = con.execute(f"""SELECT clave_indicador, periodo, ambito, clave_ambito, numerador,
        denominador, valor,
                                  estado_confidencialidad
                           FROM indicadores WHERE clave_indicador IN ({claves})""").fetchall()
    spec = declaration.matricula_cells
    cells = con.execute(
        f"SELECT {', '.join(spec.key)}, {spec.count}, estado_confidencialidad FROM {spec.table}"
    ).fetchall()
    programs = con.execute("SELECT cve_programa, cve_unidad, nivel FROM dim_programa").fetchall()
    units = dict(con.execute("SELECT cve_unidad, nivel FROM dim_unidad WHERE es_actual").fetchall())
    return rows, cells, {p: u for p, u, _ in programs}, {p: n for p, _, n in programs}, units


def _number(value) -> float | None:
    return None if value is None else float(value)


def _protected_totals(rows: list, declaration: Declaration) -> set[tuple[str, str]]:
    """(period, magnitude) where an IPN or NIVEL figure is itself protected, or hidden with one
    (a magnitude that no indicator shows as its value): the declaration lets every total of that
    magnitude and period be hidden then."""
    own_rows = {parts.valor for parts in declaration.indicators.values() if parts.valor}
    opened = set()
    for clave, period, ambito, _, _, _, _, estado in rows:
        if estado == PRIMARY and ambito in declaration.totals:
            parts = declaration.indicators[clave]
            opened |= {
                (period, m) for m in parts.magnitudes if m == parts.protege or m not in own_rows
            }
    return opened


def build_problems(
    con: duckdb.DuckDBPyConnection, declaration: Declaration, everything_hideable: bool = False
) -> dict[str, tuple[Problem, set]]:
    """Per period: the attacker's problem and its primary cells. With `everything_hideable`,
    every figure the declaration lets be hidden is unknown: what the totals published anyway
    allow."""
    rows, cells, program_unit, program_nivel, unit_nivel = _read(con, declaration)
    opened = _protected_totals(rows, declaration) if everything_hideable else set()
    problems: dict[str, Problem] = {}
    primary: dict[str, set] = defaultdict(set)
    present: dict[str, set] = defaultdict(set)

    def problem(period: str) -> Problem:
        return problems.setdefault(period, Problem(period))

    def hideable(period: str, magnitude: str, ambito: str) -> bool:
        return everything_hideable and (
            ambito not in declaration.totals or (period, magnitude) in opened
        )

    for clave, period, ambito, clave_ambito, numerador, denominador, valor, estado in rows:
        parts = declaration.indicators[clave]
        for magnitude, figure in (
            (parts.valor, valor),
            (parts.numerador, numerador),
            (parts.denominador, denominador),
        ):
            if magnitude:
                key = (magnitude, ambito, clave_ambito)
                problem(period).figure(key, _number(figure), hideable(period, magnitude, ambito))
                present[period].add(key)
        if estado == PRIMARY and parts.protege:
            primary[period].add((parts.protege, ambito, clave_ambito))
    spec = declaration.matricula_cells
    names = spec.key[1:]
    cells_of: dict[str, list] = defaultdict(list)
    for period, *rest, count, estado in cells:
        key = ("celda", *rest)
        problem(period).figure(key, _number(count), everything_hideable)
        cells_of[period].append((key, dict(zip(names, rest, strict=True))))
        if estado == PRIMARY:
            primary[period].add(key)
    result = {}
    for period, p in problems.items():
        p.settle()
        _relations(
            p,
            declaration,
            present[period],
            cells_of[period],
            program_unit,
            program_nivel,
            unit_nivel,
        )
        result[period] = (p, primary[period])
    return result


def _relations(
    p: Problem,
    declaration: Declaration,
    present: set,
    cells: list,
    program_unit: dict,
    program_nivel: dict,
    unit_nivel: dict,
) -> None:
    for code, magnitude in declaration.magnitudes.items():
        if magnitude.sum_kind == DISTINCT_PEOPLE:
            members: dict[str, list] = defaultdict(list)
            for unit, nivel in unit_nivel.items():
                if (code, "UNIDAD", unit) in present:
                    members[nivel].append((code, "UNIDAD", unit))
            wholes = {(code, "NIVEL", nivel): units for nivel, units in members.items()}
            if (code, "IPN", "IPN") in present:
                wholes[(code, "IPN", "IPN")] = [(code, "NIVEL", nivel) for nivel in members]
            for whole, parts in wholes.items():
                # Σ parts ≥ whole
                p.constrain([(q, 1.0) for q in parts] + [(whole, -1.0)], 0.0, np.inf)
                for part in parts:
                    p.constrain([(whole, 1.0), (part, -1.0)], 0.0, np.inf)  # part ≤ whole
        else:
            sums: dict[tuple, list] = defaultdict(list)
            for program, unit in program_unit.items():
                part = (code, "PROGRAMA", program)
                if part in present:
                    for whole in (
                        (code, "UNIDAD", unit),
                        (code, "NIVEL", program_nivel[program]),
                        (code, "IPN", "IPN"),
                    ):
                        sums[whole].append(part)
            for whole, parts in sums.items():
                p.constrain([(whole, 1.0)] + [(q, -1.0) for q in parts], 0.0, 0.0)
        if magnitude.at_most:
            for key in present:
                if key[0] == code and (magnitude.at_most, *key[1:]) in present:
                    p.constrain([((magnitude.at_most, *key[1:]), 1.0), (key, -1.0)], 0.0, np.inf)
    by_program: dict[str, list] = defaultdict(list)
    for key, attributes in cells:
        by_program[attributes["cve_programa"]].append((key, attributes))
    for program in sorted({key[2] for key in present if key[1] == "PROGRAMA"}):
        program_cells = by_program.get(program, [])
        for code, condition in declaration.matricula_cells.margins.items():
            margin = (code, "PROGRAMA", program)
            if margin in present:
                chosen = [
                    k for k, a in program_cells if all(a[c] == v for c, v in condition.items())
                ]
                p.constrain([(margin, 1.0)] + [(k, -1.0) for k in chosen], 0.0, 0.0)


class Attacker:
    """HiGHS over one group of linked unknowns, bounded by a total no figure can exceed."""

    def __init__(self, variables: list[int], constraints: list, ceiling: float):
        self.columns = {v: j for j, v in enumerate(variables)}
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        n = len(variables)
        self.highs.addVars(n, np.zeros(n), np.full(n, ceiling))
        for coefficients, low, high in constraints:
            idx = np.array([self.columns[v] for v in coefficients], dtype=np.int32)
            self.highs.addRow(low, high, len(idx), idx, np.array(list(coefficients.values())))
        self.lps = 0

    def optimum(self, objective: dict[int, float]) -> np.ndarray | None:
        n = len(self.columns)
        cost = np.zeros(n)
        for v, c in objective.items():
            cost[self.columns[v]] = c
        self.highs.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        self.highs.run()
        self.lps += 1
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(self.highs.getSolution().col_value)


def _groups(p: Problem) -> list[tuple[list[int], list]]:
    parent = list(range(len(p.unknown)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for coefficients, _, _ in p.constraints:
        first, *others = coefficients
        for v in others:
            parent[root(v)] = root(first)
    variables: dict[int, list[int]] = defaultdict(list)
    constraints: dict[int, list] = defaultdict(list)
    for v in range(len(p.unknown)):
        variables[root(v)].append(v)
    for constraint in p.constraints:
        constraints[root(next(iter(constraint[0])))].append(constraint)
    return [(variables[r], constraints[r]) for r in sorted(variables)]


def _audit_group(
    p: Problem,
    variables: list[int],
    constraints: list,
    needed: dict[int, float],
    ceiling: float,
    result: AuditResult,
    names: dict[int, tuple],
) -> list[Interval]:
    attacker = Attacker(variables, constraints, ceiling)
    low, high = np.full(len(variables), np.inf), np.full(len(variables), -np.inf)

    def see(solution: np.ndarray | None) -> None:
        if solution is None:
            raise RuntimeError(
                f"{p.period}: lo publicado no admite ninguna solución (relaciones inconsistentes)"
            )
        np.minimum(low, solution, out=low)
        np.maximum(high, solution, out=high)

    see(attacker.optimum({v: 1.0 for v in variables}))
    see(attacker.optimum({v: -1.0 for v in variables}))
    intervals = []
    for v in sorted(needed):
        j = attacker.columns[v]
        exact = False
        if high[j] - low[j] < needed[v] - SLACK:
            see(attacker.optimum({v: 1.0}))
            smallest = low[j]
            see(attacker.optimum({v: -1.0}))
            low[j], exact = smallest, True
        intervals.append(
            Interval(names[v], p.period, float(low[j]), float(high[j]), needed[v], exact)
        )
    result.lps += attacker.lps
    return intervals


def _intervals(
    problems: dict[str, tuple[Problem, set]], needed: dict[tuple, float], result: AuditResult
) -> list[Interval]:
    """The interval of every primary cell (exact where narrower than it needs), period by period."""
    jobs = [
        (p, primary, {k: needed[(period, k)] for k in primary})
        for period, (p, primary) in sorted(problems.items())
    ]
    intervals = []
    for found, lps in map_in_processes(_period_intervals, jobs):
        intervals += found
        result.lps += lps
        result.periods += 1
    return intervals


def _period_intervals(job: tuple) -> tuple[list[Interval], int]:
    p, primary, needed = job
    result = AuditResult()
    intervals = [
        Interval(key, p.period, p.known[key], p.known[key], needed[key], True)
        for key in sorted(k for k in primary if k not in p.unknown)
    ]  # a primary figure shown elsewhere
    names = {i: k for k, i in p.unknown.items()}
    ceiling = 10.0 * (max(p.known.values(), default=0.0) + 1.0)
    wanted = {p.unknown[k]: needed[k] for k in primary if k in p.unknown}
    for variables, constraints in _groups(p):
        mine = {v: wanted[v] for v in variables if v in wanted}
        if mine:
            intervals += _audit_group(p, variables, constraints, mine, ceiling, result, names)
    return intervals, result.lps


def _name(key: tuple) -> str:
    return " · ".join(map(str, key))


def exposed_figures(con: duckdb.DuckDBPyConnection, declaration: Declaration) -> list[str]:
    """Rows and fact cells published in the clear although their own figures fall under the
    primary rule, in any ámbito (a count of 1 to 4, a ratio over 1 to 9)."""
    exposed = []
    rows, cells, *_ = _read(con, declaration)
    for clave, periodo, ambito, clave_ambito, _, denominador, valor, _ in rows:
        counted = valor if declaration.indicators[clave].valor else denominador
        below = (
            declaration.count_below
            if declaration.indicators[clave].valor
            else declaration.denominator_below
        )
        if counted is not None and 0 < counted < below:
            exposed.append(_name((periodo, clave, ambito, clave_ambito)))
    for periodo, *rest, count, _ in cells:
        if count is not None and 0 < count < declaration.count_below:
            exposed.append(_name((periodo, declaration.matricula_cells.table, *rest)))
    return sorted(exposed)


def audit_publication(
    con: duckdb.DuckDBPyConnection, declaration: Declaration | None = None
) -> AuditResult:
    """Every primary cell of every period of the publication open in `con`, against the attacker.

    The width each cell needs is the protection level, or what it would have if every figure the
    declaration lets be hidden were hidden, when that is less (the totals published anyway allow
    no more). Any figure shown although the primary rule hides it refuses the publication too.
    """
    declaration = declaration or load_declaration()
    started = time.perf_counter()
    result = AuditResult(exposed=exposed_figures(con, declaration))
    level = declaration.protection_level
    problems = build_problems(con, declaration)
    at_level = {
        (period, key): level for period, (_, primary) in problems.items() for key in primary
    }
    intervals = _intervals(problems, at_level, result)
    attainable = _attainable_widths(
        con, declaration, [i for i in intervals if not i.protected], level
    )
    for interval in intervals:
        result.protected_cells += 1
        interval.needed = attainable.get((interval.period, interval.key), level)
        if not interval.protected:
            result.narrow.append(interval)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _attainable_widths(
    con: duckdb.DuckDBPyConnection, declaration: Declaration, short: list[Interval], level: float
) -> dict[tuple, float]:
    """For the cells narrower than the level: the width they would have if every figure that may
    be hidden were hidden, when less than the level. Only these cells can need less than the level
    (hiding more never narrows an interval), so only these pay for the attacker over everything
    hideable — the audit's largest linear programs."""
    wanted = {(i.period, i.key) for i in short}
    if not wanted:
        return {}
    periods = {period for period, _ in wanted}
    problems = {
        period: (p, {k for k in primary if (period, k) in wanted})
        for period, (p, primary) in build_problems(
            con, declaration, everything_hideable=True
        ).items()
        if period in periods
    }
    found = _intervals(problems, dict.fromkeys(wanted, level), AuditResult())
    return {(i.period, i.key): min(level, i.high - i.low) for i in found}
