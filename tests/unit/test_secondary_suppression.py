"""Secondary suppression on a hand-made table, and the memo of solved patterns."""

from pipelines.publish.disclosure.cells import CellSystem
from pipelines.publish.disclosure.memo import PatternMemo, fingerprint
from pipelines.publish.disclosure.secondary import choose_hidden

LEVEL = 5.0


def nivel_of_three_programs(small: float = 2.0) -> CellSystem:
    """A NIVEL total (always published) = three programs; the first is a small count."""
    system = CellSystem("25/1")
    nivel = ("indicadores", "MAT", "NIVEL", "SUP")
    system.add(nivel, small + 38, always=True)
    for clave, value in (("P1", small), ("P2", 30.0), ("P3", 8.0)):
        system.add(("indicadores", "MAT", "PROGRAMA", clave), value, primary=value < LEVEL)
    system.relate([(("indicadores", "MAT", "PROGRAMA", p), 1.0) for p in ("P1", "P2", "P3")] + [(nivel, -1.0)])
    return system


def hidden_programs(system: CellSystem, hidden) -> set[str]:
    return {key[3] for key, h in zip(system.keys, hidden, strict=True) if h}


def test_the_cheapest_partner_is_hidden_with_the_small_cell():
    system = nivel_of_three_programs()
    # P1 = 40 − P2 − P3 if only P1 were hidden; with P3 also hidden, P1 ∈ [0, 10]: width 10 ≥ 5.
    assert hidden_programs(system, choose_hidden(system, LEVEL)) == {"P1", "P3"}


def test_a_solved_pattern_is_recalled_only_for_the_same_system(tmp_path):
    memo = PatternMemo(tmp_path)
    system = nivel_of_three_programs()
    key = fingerprint(system, LEVEL, set())
    assert memo.recall(key, len(system.keys)) is None
    memo.keep(key, system.period, choose_hidden(system, LEVEL))

    assert hidden_programs(system, memo.recall(key, len(system.keys))) == {"P1", "P3"}
    changed = nivel_of_three_programs(small=3.0)
    assert fingerprint(changed, LEVEL, set()) != key
    assert fingerprint(system, LEVEL + 1, set()) != key
    assert fingerprint(system, LEVEL, {("indicadores", "MAT", "PROGRAMA", "P2")}) != key
