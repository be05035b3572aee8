"""A new version is suppressed together with the versions already published.

Miniature publications of one period's graduates (EGRESADOS: EG) and graduates titled on time
(TASA_TITULACION: TTN over EG), built with the real parts: the suppression
(pipelines/publish/disclosure), the published tables' SQL, the true values read back
(read_truth), the current publication read as `before` (read_before), the retained versions'
relations (together.py) and the disclosure audit with both versions retained. Each case is one
the joint audit refused before the mend, and an intruder written here with SciPy checks the
result.

Complement bounded by the earlier version: version 1 has programmes PN200 20, PN201 3, PN202 20
in unit UN20 and PN210 6, PN212 6 in UN21; PN201 is small, hidden with PN202 (so PN201 + PN202 =
23 is public). Version 2: PN200 18 and PN210 4 (now small); PN201 and PN202 keep their values,
stay hidden, and are the same two unknowns in both versions. Against version 2's relations alone
hiding PN210 with both units looks enough (PN201 + PN202 + PN210 = 27), but version 1 says
PN201 + PN202 = 23, so PN210 = 4.

Complement published earlier: P23's TTN (2 of 6 graduates) is protected in version 1 with P22's
(3), P21's (5) being shown. Version 2 changes P22's to 1: hiding P21's row as the complement
protects nothing, since version 1 published the same 5.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest
from scipy.optimize import linprog

from pipelines.audit.disclosure_audit import audit_publication
from pipelines.audit.intruder import Version
from pipelines.audit.truth import Truth, read_truth
from pipelines.publish.disclosure.cells import read_systems
from pipelines.publish.disclosure.pattern import Pattern, suppression_pattern
from pipelines.publish.disclosure.published import (
    published_indicators_sql,
    published_matricula_sql,
)
from pipelines.publish.disclosure.stability import Before, pin_unchanged, read_before
from pipelines.publish.disclosure.together import earlier_relations, solved_together
from pipelines.specs.disclosure import load_declaration

pytestmark = pytest.mark.integration

PERIOD = "22/2"
LEVEL = 5


class Case:
    """One period of a miniature warehouse: programmes by unit (one level), each programme's EG
    and, where given, its TTN; every whole is the sum of its programmes."""

    def __init__(
        self, units: dict[str, str], eg: dict[str, int], ttn: dict[str, int] | None = None
    ):
        self.units, self.eg, self.ttn = units, eg, ttn

    def scopes(self, programme: str) -> list[tuple[str, str]]:
        return [
            ("PROGRAMA", programme),
            ("UNIDAD", self.units[programme]),
            ("NIVEL", "N1"),
            ("IPN", "IPN"),
        ]

    def figures(self) -> dict[tuple[str, str, str], float]:
        """(magnitude, ámbito, clave) → value."""
        figures: dict[tuple[str, str, str], float] = {}
        for magnitude, values in (("EG", self.eg), ("TTN", self.ttn or {})):
            for programme, value in values.items():
                for scope in self.scopes(programme):
                    key = (magnitude, *scope)
                    figures[key] = figures.get(key, 0.0) + value
        return figures

    def rows(self) -> list[tuple]:
        figures = self.figures()
        rows = []
        for (magnitude, ambito, clave), value in sorted(figures.items()):
            if magnitude == "EG":
                rows.append(("EGRESADOS", PERIOD, ambito, clave, value, None, None))
            else:
                eg = figures[("EG", ambito, clave)]
                rows.append(("TASA_TITULACION", PERIOD, ambito, clave, 100 * value / eg, value, eg))
        return rows

    def wholes(self, magnitude: str) -> dict[tuple, list[tuple]]:
        """Each unit, level and IPN figure of `magnitude` and its programmes' figures."""
        wholes: dict[tuple, list[tuple]] = {}
        for programme in self.units:
            for scope in self.scopes(programme)[1:]:
                wholes.setdefault((magnitude, *scope), []).append(
                    (magnitude, "PROGRAMA", programme)
                )
        return wholes


def _warehouse(path: Path, case: Case) -> None:
    """The marts the suppression reads (no fact cells)."""
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute(
            "CREATE TABLE marts.indicadores (clave_indicador VARCHAR, periodo VARCHAR, "
            "ambito VARCHAR, clave_ambito VARCHAR, valor DOUBLE, numerador DOUBLE, "
            "denominador DOUBLE)"
        )
        con.executemany("INSERT INTO marts.indicadores VALUES (?, ?, ?, ?, ?, ?, ?)", case.rows())
        con.execute(
            "CREATE TABLE marts.fct_matricula (periodo VARCHAR, cve_unidad VARCHAR, "
            "cve_programa VARCHAR, sexo VARCHAR, semestre BIGINT, tipo_ingreso VARCHAR, "
            "alumnos BIGINT, carga_id BIGINT)"
        )
        con.execute(
            "CREATE TABLE marts.dim_programa AS SELECT * FROM (VALUES "
            + ", ".join(f"('{p}', '{u}', 'N1')" for p, u in case.units.items())
            + ") AS t(cve_programa, cve_unidad, nivel)"
        )
        con.execute(
            "CREATE TABLE marts.dim_unidad AS SELECT * FROM (VALUES "
            + ", ".join(f"('{u}', 'N1', true)" for u in sorted(set(case.units.values())))
            + ") AS t(cve_unidad, nivel, es_actual)"
        )


def _publish(folder: Path, case: Case, before: Before | None, retained: list):
    """Suppress, write the published tables, read the truth back and audit with the retained
    versions: (pattern, audit, published file, truth)."""
    declaration = load_declaration()
    folder.mkdir()
    warehouse, published = folder / "almacen.duckdb", folder / "siie.duckdb"
    _warehouse(warehouse, case)
    with duckdb.connect(str(published)) as con:
        con.execute(f"ATTACH '{warehouse}' AS w (READ_ONLY)")
        pattern = suppression_pattern(con, "w.marts", before, declaration)
        pattern.register(con, declaration)
        for table, sql in (
            ("indicadores", published_indicators_sql("w.marts.indicadores")),
            ("fct_matricula", published_matricula_sql("w.marts.fct_matricula")),
        ):
            con.execute(f"CREATE TABLE {table} AS {sql}")
        for table in ("dim_programa", "dim_unidad"):
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM w.marts.{table}")
        truth = read_truth(con, "w.marts", declaration)
        audit = audit_publication(con, truth, retained, declaration)
        con.execute("DETACH w")
    return pattern, audit, published, truth


def _as_before(published: Path, truth: Truth) -> tuple[Before, list[Version]]:
    """What the next publication reads of this one: its statuses and values, and its relations."""
    declaration = load_declaration()
    before = read_before(published, truth, declaration)
    retained = [Version("v0001", duckdb.connect(str(published), read_only=True), truth)]
    before.earlier = earlier_relations(retained, declaration)
    return before, retained


def _two_versions(tmp_path: Path, first: Case, second: Case, together: bool = True):
    pattern_1, audit_1, published_1, truth_1 = _publish(tmp_path / "v1", first, None, [])
    assert audit_1.passed, audit_1.refusal_reasons()
    before, retained = _as_before(published_1, truth_1)
    if not together:
        before.earlier = {}
    try:
        pattern_2, audit_2, *_ = _publish(tmp_path / "v2", second, before, retained)
    finally:
        retained[0].con.close()
    return pattern_1, pattern_2, audit_2


def _hidden_rows(pattern: Pattern) -> set[tuple[str, str, str]]:
    return {(r[0], r[2], r[3]) for r in pattern.row_status if r[4] != "F"}


def _shown(pattern: Pattern, case: Case) -> dict[tuple, float]:
    """The figures some shown row carries (an intruder has a figure any row shows)."""
    carried = {"EGRESADOS": ("EG",), "TASA_TITULACION": ("TTN", "EG")}
    figures = case.figures()
    shown = {}
    for clave, _, ambito, clave_ambito, status in pattern.row_status:
        if status == "F":
            for magnitude in carried[clave]:
                shown[(magnitude, ambito, clave_ambito)] = figures[
                    (magnitude, ambito, clave_ambito)
                ]
    return shown


def _all_but_totals_hidden(case: Case) -> Pattern:
    return Pattern(
        row_status=[
            (row[0], row[1], row[2], row[3], "F" if row[2] in ("IPN", "NIVEL") else "C")
            for row in case.rows()
        ]
    )


def _intervals_over_both(
    versions: list[tuple[Case, Pattern]], wanted: list[tuple[int, tuple]]
) -> dict[tuple[int, tuple], tuple[float, float]]:
    """min and max of each wanted figure (version, figure) by SciPy's linear programming, over
    what both versions publish: a figure with the same value in both is one unknown; every whole
    is the sum of its programmes, a TTN at most its EG; no count is negative."""
    unknowns: dict[tuple, int] = {}
    equal: list[tuple[dict[int, float], float]] = []
    at_most: list[tuple[dict[int, float], float]] = []

    # shown in one version, known in every version where its value is the same
    known = {(f, v) for case, pattern in versions for f, v in _shown(pattern, case).items()}

    def linear(terms: list[tuple[tuple, float]], case: Case) -> tuple[dict, float]:
        """Σ coef·figure as (coefficients over unknowns, constant)."""
        row: dict[int, float] = {}
        constant = 0.0
        for figure, coef in terms:
            named = (figure, case.figures()[figure])
            if named in known:
                constant += coef * named[1]
            else:
                column = unknowns.setdefault(named, len(unknowns))
                row[column] = row.get(column, 0.0) + coef
        return row, constant

    for case, _ in versions:
        for magnitude in ("EG", "TTN") if case.ttn else ("EG",):
            for whole, parts in case.wholes(magnitude).items():
                row, constant = linear([(whole, 1.0)] + [(p, -1.0) for p in parts], case)
                equal.append((row, -constant))
        for figure in case.figures():
            if figure[0] == "TTN":
                row, constant = linear([(figure, 1.0), (("EG", *figure[1:]), -1.0)], case)
                at_most.append((row, -constant))

    def matrix(rows: list[tuple[dict[int, float], float]]) -> tuple[np.ndarray, list[float]]:
        a = np.zeros((len(rows), len(unknowns)))
        for i, (row, _) in enumerate(rows):
            for column, coef in row.items():
                a[i, column] = coef
        return a, [b for _, b in rows]

    a_eq, b_eq = matrix(equal)
    a_ub, b_ub = matrix(at_most) if at_most else (None, None)
    found = {}
    for version, figure in wanted:
        case = versions[version][0]
        named = (figure, case.figures()[figure])
        if named in known:
            found[(version, figure)] = (named[1], named[1])
            continue
        c = np.zeros(len(unknowns))
        c[unknowns[named]] = 1.0
        bounds = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * c,
                A_eq=a_eq,
                b_eq=b_eq,
                A_ub=a_ub,
                b_ub=b_ub,
                bounds=(0, None),
                method="highs-ds",
            )
            assert result.status == 0
            bounds.append(sign * result.fun)
        found[(version, figure)] = (bounds[0], bounds[1])
    return found


BOUNDED_BY_THE_EARLIER = (
    Case(
        {"PN200": "UN20", "PN201": "UN20", "PN202": "UN20", "PN210": "UN21", "PN212": "UN21"},
        {"PN200": 20, "PN201": 3, "PN202": 20, "PN210": 6, "PN212": 6},
    ),
    Case(
        {"PN200": "UN20", "PN201": "UN20", "PN202": "UN20", "PN210": "UN21", "PN212": "UN21"},
        {"PN200": 18, "PN201": 3, "PN202": 20, "PN210": 4, "PN212": 6},
    ),
)
PUBLISHED_EARLIER = (
    Case(
        {"P21": "U2", "P22": "U2", "P23": "U2"},
        {"P21": 15, "P22": 35, "P23": 6},
        {"P21": 5, "P22": 3, "P23": 2},
    ),
    Case(
        {"P21": "U2", "P22": "U2", "P23": "U2"},
        {"P21": 15, "P22": 35, "P23": 6},
        {"P21": 5, "P22": 1, "P23": 2},
    ),
)


def test_a_changed_small_figure_is_protected_against_both_versions(tmp_path):
    first, second = BOUNDED_BY_THE_EARLIER
    pattern_1, pattern_2, audit = _two_versions(tmp_path, first, second)
    assert _hidden_rows(pattern_1) == {
        ("EGRESADOS", "PROGRAMA", "PN201"),
        ("EGRESADOS", "PROGRAMA", "PN202"),
    }
    assert audit.passed, audit.refusal_reasons()
    assert audit.versions == 2
    # what stayed the same keeps its mark (PN201, PN202 hidden; PN212 shown)
    assert _hidden_rows(pattern_1) <= _hidden_rows(pattern_2)
    assert ("EGRESADOS", "PROGRAMA", "PN212") not in _hidden_rows(pattern_2)
    small = [(0, ("EG", "PROGRAMA", "PN201")), (1, ("EG", "PROGRAMA", "PN210"))]
    for figure, (low, high) in _intervals_over_both(
        [(first, pattern_1), (second, pattern_2)], small
    ).items():
        assert high - low >= LEVEL - 1e-6, (figure, low, high)


def test_solved_against_version_two_alone_the_changed_figure_is_pinned(tmp_path):
    """The case is a real one: the pattern chosen without version 1's relations leaves PN210 at
    one value for an intruder with both versions, and the audit refuses it."""
    first, second = BOUNDED_BY_THE_EARLIER
    pattern_1, pattern_2, audit = _two_versions(tmp_path, first, second, together=False)
    [(low, high)] = _intervals_over_both(
        [(first, pattern_1), (second, pattern_2)], [(1, ("EG", "PROGRAMA", "PN210"))]
    ).values()
    assert (low, high) == pytest.approx((4.0, 4.0))
    assert not audit.passed
    assert "PN210: entre 4 y 4" in audit.refusal_reasons()[0]


def test_a_row_published_earlier_is_no_complement(tmp_path):
    first, second = PUBLISHED_EARLIER
    pattern_1, pattern_2, audit = _two_versions(tmp_path, first, second)
    assert ("TASA_TITULACION", "PROGRAMA", "P21") not in _hidden_rows(pattern_1)
    assert audit.passed, audit.refusal_reasons()
    assert ("TASA_TITULACION", "PROGRAMA", "P21") not in _hidden_rows(pattern_2)
    # P23 keeps the width it would have with every figure of version 2 hidden but the totals,
    # which are always published (less than the level here)
    p23 = [(1, ("TTN", "PROGRAMA", "P23"))]
    [(low, high)] = _intervals_over_both([(first, pattern_1), (second, pattern_2)], p23).values()
    [(least, most)] = _intervals_over_both(
        [(first, pattern_1), (second, _all_but_totals_hidden(second))], p23
    ).values()
    assert 0 < most - least < LEVEL
    assert high - low >= most - least - 1e-6


def test_a_period_that_did_not_change_is_solved_alone_as_before(tmp_path):
    """Version 1 again beside itself: every relation of the earlier version is one the period
    already has, so its system — and so its pattern and its memo key — is the same object."""
    declaration = load_declaration()
    first, _ = BOUNDED_BY_THE_EARLIER
    pattern_1, _, published_1, truth_1 = _publish(tmp_path / "v1", first, None, [])
    before, retained = _as_before(published_1, truth_1)
    try:
        with duckdb.connect() as con:
            con.execute(f"ATTACH '{tmp_path / 'v1' / 'almacen.duckdb'}' AS w (READ_ONLY)")
            [system] = read_systems(con, "w.marts", declaration)
            again = suppression_pattern(con, "w.marts", before, declaration)
    finally:
        retained[0].con.close()
    pinned = pin_unchanged(system, before.values[PERIOD], before.hidden[PERIOD])
    assert solved_together(pinned, before.earlier[PERIOD]) is pinned
    assert again.row_status == pattern_1.row_status
