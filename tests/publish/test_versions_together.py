"""A new version is suppressed together with the versions already published.

A miniature publication of one period's graduates (EGRESADOS) over two units, built with the
real parts: the suppression (pipelines/publish/disclosure), the published tables' SQL, the true
values read back (read_truth), the current publication read as `before` (read_before), the
retained versions' relations (together.py) and the disclosure audit with both versions retained.

Version 1: programmes PN200 20, PN201 3, PN202 20 in unit UN20 and PN210 6, PN212 6 in UN21;
PN201 is small, and the solver hides it with PN202 (published: everything else, so PN201 + PN202
= 23). Version 2: PN200 18 and PN210 4 (now small). PN201 and PN202 keep their values, so they
stay hidden and an intruder holding both versions knows they are the same two unknowns. Solved
against version 2's relations alone, hiding PN210 with both units looks enough (PN201 + PN202 +
PN210 = 27 from version 2's level total) — but version 1 says PN201 + PN202 = 23, so PN210 = 4.
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
PROGRAMMES = {  # programme → its unit (one level, N2)
    "PN200": "UN20",
    "PN201": "UN20",
    "PN202": "UN20",
    "PN210": "UN21",
    "PN212": "UN21",
}
VERSION_1 = {"PN200": 20, "PN201": 3, "PN202": 20, "PN210": 6, "PN212": 6}
VERSION_2 = {"PN200": 18, "PN201": 3, "PN202": 20, "PN210": 4, "PN212": 6}


def _warehouse(path: Path, graduates: dict[str, int]) -> None:
    """The marts the suppression reads: EGRESADOS by programme, unit, level and IPN (each whole the
    sum of its programmes), no fact cells."""
    units: dict[str, int] = {}
    for programme, unit in PROGRAMMES.items():
        units[unit] = units.get(unit, 0) + graduates[programme]
    rows = [("PROGRAMA", p, v) for p, v in graduates.items()]
    rows += [("UNIDAD", u, v) for u, v in units.items()]
    rows += [("NIVEL", "N2", sum(graduates.values())), ("IPN", "IPN", sum(graduates.values()))]
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute(
            "CREATE TABLE marts.indicadores (clave_indicador VARCHAR, periodo VARCHAR, "
            "ambito VARCHAR, clave_ambito VARCHAR, valor DOUBLE, numerador DOUBLE, "
            "denominador DOUBLE)"
        )
        con.executemany(
            "INSERT INTO marts.indicadores VALUES ('EGRESADOS', ?, ?, ?, ?, NULL, NULL)",
            [(PERIOD, *row) for row in rows],
        )
        con.execute(
            "CREATE TABLE marts.fct_matricula (periodo VARCHAR, cve_unidad VARCHAR, "
            "cve_programa VARCHAR, sexo VARCHAR, semestre BIGINT, tipo_ingreso VARCHAR, "
            "alumnos BIGINT, carga_id BIGINT)"
        )
        con.execute(
            "CREATE TABLE marts.dim_programa AS SELECT * FROM (VALUES "
            + ", ".join(f"('{p}', '{u}', 'N2')" for p, u in PROGRAMMES.items())
            + ") AS t(cve_programa, cve_unidad, nivel)"
        )
        con.execute(
            "CREATE TABLE marts.dim_unidad AS SELECT * FROM (VALUES "
            + ", ".join(f"('{u}', 'N2', true)" for u in sorted(set(PROGRAMMES.values())))
            + ") AS t(cve_unidad, nivel, es_actual)"
        )


def _publish(folder: Path, graduates: dict[str, int], before: Before | None, retained: list):
    """Suppress, write the published tables, read the truth back and audit with the retained
    versions: (pattern, audit, published file, truth)."""
    declaration = load_declaration()
    folder.mkdir()
    warehouse, published = folder / "almacen.duckdb", folder / "siie.duckdb"
    _warehouse(warehouse, graduates)
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


def _hidden(pattern: Pattern) -> set[str]:
    return {f"{r[2]} {r[3]}" for r in pattern.row_status if r[4] != "F"}


def _shown(pattern: Pattern, graduates: dict[str, int]) -> dict[str, float]:
    units: dict[str, int] = {}
    for programme, unit in PROGRAMMES.items():
        units[unit] = units.get(unit, 0) + graduates[programme]
    total = sum(graduates.values())
    values = (
        {f"PROGRAMA {p}": v for p, v in graduates.items()}
        | {f"UNIDAD {u}": v for u, v in units.items()}
        | {"NIVEL N2": total, "IPN IPN": total}
    )
    return {name: float(v) for name, v in values.items() if name not in _hidden(pattern)}


def _intervals_over_both(
    versions: list[tuple[dict[str, int], Pattern]], small: list[tuple[int, str]]
) -> dict[tuple[int, str], tuple[float, float]]:
    """min and max of each named figure (version, figure) by SciPy's linear programming, over what
    both versions publish: a figure with the same value in both is one unknown; every whole is
    the sum of its programmes; no count is negative."""
    unknowns: dict[tuple[str, float], int] = {}
    rows, rhs = [], []
    for graduates, pattern in versions:
        units = sorted(set(PROGRAMMES.values()))
        wholes = {f"UNIDAD {u}": [p for p in PROGRAMMES if PROGRAMMES[p] == u] for u in units}
        wholes |= {"NIVEL N2": list(PROGRAMMES), "IPN IPN": list(PROGRAMMES)}
        shown = _shown(pattern, graduates)
        value = {f"PROGRAMA {p}": float(v) for p, v in graduates.items()}
        for whole, parts in wholes.items():
            value[whole] = float(sum(graduates[p] for p in parts))
        for name, v in value.items():
            if name not in shown:
                unknowns.setdefault((name, v), len(unknowns))
        for whole, parts in wholes.items():  # whole − Σ parts = 0, known ones moved right
            row, constant = {}, 0.0
            for name, sign in [(whole, 1.0)] + [(f"PROGRAMA {p}", -1.0) for p in parts]:
                if name in shown:
                    constant -= sign * shown[name]
                else:
                    column = unknowns[(name, value[name])]
                    row[column] = row.get(column, 0.0) + sign
            rows.append(row)
            rhs.append(constant)
    a_eq = np.zeros((len(rows), len(unknowns)))
    for i, row in enumerate(rows):
        for column, coef in row.items():
            a_eq[i, column] = coef
    found = {}
    for version, name in small:
        graduates = versions[version][0]
        column = unknowns[(name, float(graduates[name.split()[1]]))]
        c = np.zeros(len(unknowns))
        c[column] = 1.0
        low = linprog(c, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs-ds")
        high = linprog(-c, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs-ds")
        assert low.status == 0 and high.status == 0
        found[(version, name)] = (low.fun, -high.fun)
    return found


def test_a_changed_small_figure_is_protected_against_both_versions(tmp_path):
    pattern_1, audit_1, published_1, truth_1 = _publish(tmp_path / "v1", VERSION_1, None, [])
    assert audit_1.passed, audit_1.refusal_reasons()
    assert _hidden(pattern_1) == {"PROGRAMA PN201", "PROGRAMA PN202"}
    before, retained = _as_before(published_1, truth_1)
    try:
        pattern_2, audit_2, *_ = _publish(tmp_path / "v2", VERSION_2, before, retained)
    finally:
        retained[0].con.close()
    assert audit_2.passed, audit_2.refusal_reasons()
    assert audit_2.versions == 2
    # what stayed the same keeps its mark (PN201, PN202 hidden; PN212 shown)
    assert {"PROGRAMA PN201", "PROGRAMA PN202"} <= _hidden(pattern_2)
    assert "PROGRAMA PN212" not in _hidden(pattern_2)
    # an intruder with both versions, by a second library: every small figure keeps its width
    small = [(0, "PROGRAMA PN201"), (1, "PROGRAMA PN201"), (1, "PROGRAMA PN210")]
    for figure, (low, high) in _intervals_over_both(
        [(VERSION_1, pattern_1), (VERSION_2, pattern_2)], small
    ).items():
        assert high - low >= LEVEL - 1e-6, (figure, low, high)


def test_version_two_alone_would_pin_the_changed_figure(tmp_path):
    """The case is a real one: the pattern chosen against version 2's relations alone (the
    relations of version 1 left out) leaves PN210 at one value for an intruder with both."""
    pattern_1, _, published_1, truth_1 = _publish(tmp_path / "v1", VERSION_1, None, [])
    before, retained = _as_before(published_1, truth_1)
    before.earlier = {}
    try:
        pattern_2, audit_2, *_ = _publish(tmp_path / "v2", VERSION_2, before, retained)
    finally:
        retained[0].con.close()
    [(low, high)] = _intervals_over_both(
        [(VERSION_1, pattern_1), (VERSION_2, pattern_2)], [(1, "PROGRAMA PN210")]
    ).values()
    assert (low, high) == pytest.approx((4.0, 4.0))
    assert not audit_2.passed
    assert "PN210: entre 4 y 4" in audit_2.refusal_reasons()[0]


def test_a_period_that_did_not_change_is_solved_alone_as_before(tmp_path):
    """Version 1 again beside itself: every relation of the earlier version is one the period
    already has, so its system — and so its pattern and its memo key — is the same object."""
    declaration = load_declaration()
    pattern_1, _, published_1, truth_1 = _publish(tmp_path / "v1", VERSION_1, None, [])
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
