"""The disclosure audit: an intruder's linear programming over everything published, written apart
from the suppression step so that a bug in one is caught by the other.

The intruder (pipelines/audit/intruder.py) holds every retained version and the one about to be
published, and knows the relations the declaration documents (models/divulgacion.yml), that a
listed row or cell is at least 1 where the declaration says so, that counts are whole numbers,
and which figures did not change between versions. The publication marks every hidden figure
alike (`C`), so which hidden cells are small comes from their true values, kept beside the
warehouse (pipelines/audit/truth.py). For each small cell the audit finds the values it can take;
publication is refused when that interval is narrower than the protection level (or than the
width the IPN and NIVEL totals published anyway, and the earlier versions, leave it), when a
figure that the primary rule hides is shown, or when a figure derived from hidden ones is shown.

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

from pipelines.audit.derived_tables import derived_table_leaks
from pipelines.audit.intruder import (
    Problem,
    Version,
    VersionFigures,
    add_version,
    read_publication,
)
from pipelines.audit.memo import AuditMemo, fingerprint
from pipelines.audit.truth import Truth
from pipelines.core.parallel import map_in_processes
from pipelines.specs.disclosure import FREE, Declaration, load_declaration

SLACK = 1e-6
MAX_NAMED = 20  # cells named in a refusal (all are counted)
NEW = "nueva"  # the label of the version being audited


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
    recalled: int = 0  # periods whose intervals came from the memo (pipelines/audit/memo.py)
    seconds: float = 0.0
    versions: int = 1  # versions the intruder held together
    # not run: the rows are those of this version, audited when published
    same_as_version: int | None = None
    # evaluacion / comparacion_unidades rows showing a figure indicadores hides (derived_tables.py)
    derived: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.narrow and not self.exposed and not self.derived

    def summary(self) -> dict:
        """Everything the audit found, for the internal auditors' report (never published)."""
        return self.public_summary() | {
            "celdas_primarias": self.protected_cells,
            "programas_lineales": self.lps,
            "periodos_recordados": self.recalled,
            "segundos": self.seconds,
            "angostas": [asdict(i) | {"key": i.cell} for i in self.narrow[:MAX_NAMED]],
            "expuestas": self.exposed[:MAX_NAMED],
            "igual_a_version": self.same_as_version,
            "derivadas": self.derived[:MAX_NAMED],
        }

    def public_summary(self) -> dict:
        """What may be published of the audit: whether it passed, over how much; no cell."""
        return {
            "aprobada": self.passed,
            "periodos": self.periods,
            "versiones_auditadas_juntas": self.versions,
        }

    def refusal_reasons(self) -> list[str]:
        """Why the audit refused, cell by cell (for the console, the log and the internal
        report)."""
        reasons = []
        if self.exposed:
            reasons.append(
                f"auditoría de divulgación: {len(self.exposed)} cifras publicadas debían "
                f"ocultarse: {'; '.join(self.exposed[:MAX_NAMED])}"
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
        if self.derived:
            reasons.append(
                f"auditoría de divulgación: {len(self.derived)} renglones de evaluacion o "
                "comparacion_unidades muestran una cifra que indicadores no muestra: "
                f"{'; '.join(self.derived[:MAX_NAMED])}"
            )
        return reasons

    def public_refusal_reasons(self) -> list[str]:
        """Why the audit refused, as the published history may say it: which check, how many
        cells; never a cell, its interval or its value."""
        if self.passed:
            return []
        return [
            "rechazada por la auditoría de divulgación "
            f"({len(self.exposed) + len(self.narrow) + len(self.derived)} celdas sin la "
            "protección requerida; "
            "el detalle está en el informe interno de los auditores)"
        ]


class Attacker:
    """HiGHS over one group of linked unknowns, bounded by a total no figure can exceed."""

    def __init__(self, variables: list[int], constraints: list, lower: np.ndarray, ceiling):
        self.columns = {v: j for j, v in enumerate(variables)}
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        n = len(variables)
        self.highs.addVars(n, lower, np.full(n, ceiling))
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
    result: AuditResult,
    names: dict[int, tuple],
) -> list[Interval]:
    ceiling = 10.0 * (max(p.known.values(), default=0.0) + 1.0)
    lower = np.array([p.lower.get(names[v], 0.0) for v in variables])
    attacker = Attacker(variables, constraints, lower, ceiling)
    low, high = np.full(len(variables), np.inf), np.full(len(variables), -np.inf)

    def see(solution: np.ndarray | None) -> None:
        if solution is None:
            raise RuntimeError(
                f"{p.period}: lo publicado no admite ninguna solución (relaciones inconsistentes)"
            )
        np.minimum(low, solution, out=low)
        np.maximum(high, solution, out=high)

    def width(v: int, j: int) -> float:
        smallest, largest = p.bounds_of(names[v], low[j], high[j])
        return largest - smallest

    see(attacker.optimum({v: 1.0 for v in variables}))
    see(attacker.optimum({v: -1.0 for v in variables}))
    intervals = []
    for v in sorted(needed):
        j = attacker.columns[v]
        exact = False
        if width(v, j) < needed[v] - SLACK:
            see(attacker.optimum({v: 1.0}))
            smallest = low[j]
            see(attacker.optimum({v: -1.0}))
            low[j], exact = smallest, True
        smallest, largest = p.bounds_of(names[v], low[j], high[j])
        intervals.append(
            Interval(names[v][0], p.period, float(smallest), float(largest), needed[v], exact)
        )
    result.lps += attacker.lps
    return intervals


def _intervals(
    problems: dict[str, tuple[Problem, set]],
    needed: dict[tuple, float],
    result: AuditResult,
    memo: AuditMemo | None = None,
) -> list[Interval]:
    """The interval of every primary cell (exact where narrower than it needs), period by period:
    from the memo for a period whose whole problem was audited before, else solved (each period
    in its own process)."""
    jobs = [
        (p, primary, {k: needed[(period, k)] for k in primary})
        for period, (p, primary) in sorted(problems.items())
    ]
    keys = [fingerprint(*job) for job in jobs] if memo else []
    found: list[list[Interval] | None] = (
        [_recalled(memo.recall(key)) for key in keys] if memo else [None] * len(jobs)
    )
    unsolved = [i for i, intervals in enumerate(found) if intervals is None]
    for i, (intervals, lps) in zip(
        unsolved, map_in_processes(_period_intervals, [jobs[i] for i in unsolved]), strict=True
    ):
        found[i] = intervals
        result.lps += lps
        if memo:
            memo.keep(keys[i], jobs[i][0].period, [asdict(interval) for interval in intervals])
    result.periods += len(jobs)
    result.recalled += len(jobs) - len(unsolved)
    return [interval for intervals in found for interval in intervals or []]


def _recalled(fields: list[dict] | None) -> list[Interval] | None:
    return None if fields is None else [Interval(**f) for f in fields]


def _period_intervals(job: tuple) -> tuple[list[Interval], int]:
    p, primary, needed = job
    result = AuditResult()
    intervals = [
        Interval(key[0], p.period, p.known[key], p.known[key], needed[key], True)
        for key in sorted(k for k in primary if k not in p.unknown)
    ]  # a primary figure shown elsewhere, or in another version
    names = {i: k for k, i in p.unknown.items()}
    wanted = {p.unknown[k]: needed[k] for k in primary if k in p.unknown}
    for variables, constraints in _groups(p):
        mine = {v: wanted[v] for v in variables if v in wanted}
        if mine:
            intervals += _audit_group(p, variables, constraints, mine, result, names)
    return intervals, result.lps


def _name(key: tuple) -> str:
    return " · ".join(map(str, key))


def exposed_figures(con: duckdb.DuckDBPyConnection, declaration: Declaration) -> list[str]:
    """Rows and fact cells published in the clear although their own figures fall under the
    primary rule, in any ámbito (a count of 1 to 4, a ratio over 1 to 9)."""
    exposed = []
    publication = read_publication(con, declaration)
    for indicator, period, scope, scope_key, _, denominator, value, _ in publication.rows:
        if declaration.primary_rule_fires(indicator, _float(value), _float(denominator)):
            exposed.append(_name((period, indicator, scope, scope_key)))
    for period, *rest, count, _ in publication.cells:
        if declaration.small_cell(_float(count)):
            exposed.append(_name((period, declaration.matricula_cells.table, *rest)))
    return sorted(exposed) + exposed_derived_figures(con, declaration)


def _float(value) -> float | None:
    return None if value is None else float(value)


def exposed_derived_figures(con: duckdb.DuckDBPyConnection, declaration: Declaration) -> list[str]:
    """A figure derived from a magnitude of other periods (GASTO_POR_ALUMNO: budget, public, over
    the mean enrollment of two periods) shown where one of those is hidden: dividing gives the
    mean, and the mean less the published period gives the hidden one."""
    shown: set[tuple] = set()
    hidden: set[tuple] = set()
    for indicator, period, scope, scope_key, status in con.execute(
        "SELECT clave_indicador, periodo, ambito, clave_ambito, estado_confidencialidad "
        "FROM indicadores"
    ).fetchall():
        parts = declaration.indicators.get(indicator)
        for magnitude in parts.magnitudes if parts else ():
            (shown if status == FREE else hidden).add((period, magnitude, scope, scope_key))
    exposed = []
    for derived in declaration.derived.values():
        for period, scope, scope_key in con.execute(
            "SELECT periodo, ambito, clave_ambito FROM indicadores "
            f"WHERE clave_indicador = '{derived.clave}' AND estado_confidencialidad = '{FREE}' "
            "ORDER BY ALL"
        ).fetchall():
            behind = [(p, derived.magnitude, scope, scope_key) for p in derived.periods_of(period)]
            if any(part in hidden and part not in shown for part in behind):
                exposed.append(_name((period, derived.clave, scope, scope_key)))
    return exposed


def _problems(
    versions: list[Version], declaration: Declaration, hideable: str | None = None
) -> dict[str, tuple[Problem, set]]:
    """Per period: the intruder's problem over every version, and the primary cells of all."""
    problems: dict[str, Problem] = {}
    primary: dict[str, set] = defaultdict(set)
    for version in versions:
        figures = VersionFigures(version, read_publication(version.con, declaration), declaration)
        for period, cells in add_version(
            problems, figures, everything_hideable=version.label == hideable
        ).items():
            primary[period] |= cells
    for p in problems.values():
        p.settle()
    return {period: (p, primary[period]) for period, p in problems.items()}


def audit_publication(
    con: duckdb.DuckDBPyConnection,
    truth: Truth | None,
    retained: list[Version] | None = None,
    declaration: Declaration | None = None,
    memo: AuditMemo | None = None,
) -> AuditResult:
    """Every small hidden cell of the publication open in `con` (whose hidden true values are
    `truth`) and of every retained version, against the intruder holding them all.

    The width each cell needs is the protection level, or what it would have if every figure the
    declaration lets be hidden in the new version were hidden, when that is less (the totals
    published anyway, and the versions already out, allow no more). With a `memo`, a period
    whose whole problem was audited before takes the intervals found then.
    """
    declaration = declaration or load_declaration()
    started = time.perf_counter()
    versions = [Version(NEW, con, truth), *(retained or [])]
    result = AuditResult(exposed=exposed_figures(con, declaration), versions=len(versions))
    result.derived = derived_table_leaks(con)
    level = declaration.protection_level
    problems = _problems(versions, declaration)
    at_level = {
        (period, key): level for period, (_, primary) in problems.items() for key in primary
    }
    intervals = _intervals(problems, at_level, result, memo)
    attainable = _attainable_widths(
        versions, declaration, [i for i in intervals if not i.protected], level, result, memo
    )
    for interval in intervals:
        result.protected_cells += 1
        interval.needed = attainable.get((interval.period, interval.key), level)
        if not interval.protected:
            result.narrow.append(interval)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _attainable_widths(
    versions: list[Version],
    declaration: Declaration,
    short: list[Interval],
    level: float,
    result: AuditResult,
    memo: AuditMemo | None = None,
) -> dict[tuple, float]:
    """For the cells narrower than the level: the width they would have if every figure of the
    new version that may be hidden were hidden, when less than the level. Only these cells can
    need less than the level (hiding more never narrows an interval), so only these pay for the
    intruder over everything hideable — the audit's largest linear programs."""
    wanted = {(i.period, i.key) for i in short}
    if not wanted:
        return {}
    periods = {period for period, _ in wanted}
    problems = {
        period: (p, {k for k in primary if (period, k[0]) in wanted})
        for period, (p, primary) in _problems(versions, declaration, hideable=NEW).items()
        if period in periods
    }
    at_level = {(period, k): level for period, (_, primary) in problems.items() for k in primary}
    widths: dict[tuple, float] = {}
    hideable = AuditResult()  # its periods are the audit's own: only the programs count
    for i in _intervals(problems, at_level, hideable, memo):
        widths[(i.period, i.key)] = min(level, i.high - i.low, widths.get((i.period, i.key), level))
    result.lps += hideable.lps
    return widths
