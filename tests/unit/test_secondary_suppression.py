"""Secondary suppression on hand-made tables, and the memo of solved patterns."""

import pytest

from pipelines.publish.disclosure.cells import CellSystem, Hierarchy, build_system
from pipelines.publish.disclosure.memo import PatternMemo, fingerprint
from pipelines.publish.disclosure.secondary import choose_hidden
from pipelines.specs.disclosure import load_declaration

pytestmark = pytest.mark.unit

LEVEL = 5.0
SUPERIOR = {"P1": 2.0, "P2": 30.0, "P3": 8.0}  # programs of unit U1, nivel SUP


def enrolment(programs: dict[str, float], medio_superior: float | None = None) -> CellSystem:
    """MATRICULA_TOTAL of unit U1's programs (nivel SUP), optionally a unit U2 of nivel MS with one
    program Q1, with every unit, nivel and IPN total they add up to; each program's students in one
    fct_matricula cell."""
    units = {p: "U1" for p in programs} | ({"Q1": "U2"} if medio_superior is not None else {})
    niveles = {p: "SUP" for p in programs} | ({"Q1": "MS"} if medio_superior is not None else {})
    figures = {("PROGRAMA", p): v for p, v in programs.items()}
    if medio_superior is not None:
        figures[("PROGRAMA", "Q1")] = medio_superior
    for program, value in list(figures.items()):
        for whole in (
            ("UNIDAD", units[program[1]]),
            ("NIVEL", niveles[program[1]]),
            ("IPN", "IPN"),
        ):
            figures[whole] = figures.get(whole, 0.0) + value
    rows = [
        ("MATRICULA_TOTAL", "25/1", ambito, clave, value, None, None)
        for (ambito, clave), value in sorted(figures.items())
    ]
    cells = [
        ("25/1", units[p], p, "H", 3, "REINGRESO", v)
        for (a, p), v in figures.items()
        if a == "PROGRAMA"
    ]
    return build_system("25/1", load_declaration(), Hierarchy(units, niveles, {}), rows, cells)


def hidden_figures(system: CellSystem, hidden) -> set[str]:
    """The hidden figures of `indicadores` (each program's one fact cell goes with it)."""
    return {
        f"{key[2]} {key[3]}"
        for key, h in zip(system.keys, hidden, strict=True)
        if h and key[0] == "indicadores"
    }


def test_the_cheapest_partner_is_hidden_with_the_small_cell_and_the_totals_stay():
    system = enrolment(SUPERIOR)
    # P1 = 40 − P2 − P3 if only P1 were hidden; with P3 also hidden, P1 ∈ [0, 10]: width 10 ≥ 5.
    assert hidden_figures(system, choose_hidden(system, LEVEL)) == {"PROGRAMA P1", "PROGRAMA P3"}


def test_a_small_nivel_is_hidden_with_a_total_that_would_give_it_away():
    system = enrolment(SUPERIOR, medio_superior=3.0)
    hidden = hidden_figures(system, choose_hidden(system, LEVEL))
    assert {"NIVEL MS", "UNIDAD U2", "PROGRAMA Q1"} <= hidden
    # MS = IPN − SUP: a total must go with it, although hiding a total costs ten times as much.
    assert hidden & {"IPN IPN", "NIVEL SUP"}


def test_totals_stay_published_where_none_of_their_magnitude_is_small():
    system = enrolment(SUPERIOR, medio_superior=30.0)
    assert not hidden_figures(system, choose_hidden(system, LEVEL)) & {
        "IPN IPN",
        "NIVEL SUP",
        "NIVEL MS",
    }


def test_a_solved_pattern_is_recalled_only_for_the_same_system(tmp_path):
    memo = PatternMemo(tmp_path)
    system = enrolment(SUPERIOR)
    key = fingerprint(system, LEVEL, set())
    assert memo.recall(key, len(system.keys)) is None
    memo.keep(key, system.period, choose_hidden(system, LEVEL))

    assert hidden_figures(system, memo.recall(key, len(system.keys))) == {
        "PROGRAMA P1",
        "PROGRAMA P3",
    }
    assert fingerprint(enrolment(SUPERIOR | {"P1": 3.0, "P2": 29.0}), LEVEL, set()) != key
    assert fingerprint(system, LEVEL + 1, set()) != key
    assert fingerprint(system, LEVEL, {("indicadores", "MAT", "PROGRAMA", "P2")}) != key
