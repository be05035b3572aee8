"""Secondary (complementary) suppression: the cheapest set of extra cells to hide so that no cell
with primary suppression can be pinned down from everything published in its period.

Why this formulation and not τ-Argus (pytauargus): τ-Argus protects one table of crossed,
hierarchical dimensions built from microdata. What SIIE publishes is a set of linked tables whose
relations τ-Argus cannot state: counts of distinct people that add up to *at least* their whole,
numerators bounded by denominators, rows that hide two magnitudes together, and fact cells whose
margins live in another table. So the problem is written as it is and solved with HiGHS, the
open-source solver τ-Argus itself now ships with: Fischetti and Salazar's cell-suppression
model, solved by Benders decomposition.

- Master (MILP): binary z_i = 1 when cell i is hidden; minimise Σ w_i·z_i, w_i = 1 + value
  (information lost; times the declared cost factor for an IPN or NIVEL total, which may be
  hidden only where a total of its magnitude is itself protected), halved for cells hidden in the
  current publication so the pattern stays stable from one version to the next.
- Attacker (LP, one per protected cell and direction): with the cells hidden by z, how far can
  an attacker move cell k up (down) while every relation still holds and no cell goes below what
  its being listed tells (0, or 1 for a cell listed only where it has someone)?
  Deviations y: A·y = 0, -(x_i - l_i)·z_i ≤ y_i ≤ room_i·z_i.
- Cut: when the attacker's reach is short of the required protection, LP duality gives, for any
  row multipliers λ and d = c − Aᵀλ, reach(z) ≤ Σ_i max(0, d_i·(x_i − l_i), −d_i·room_i)·z_i; the
  optimal λ of the failing LP makes it a valid inequality that the current pattern violates.
  The master starts with these cuts for λ on each single relation (hide a partner in every sum)
  and gains more until every protected cell reaches its protection.

The attacker LPs only need the hidden cells connected to k through relations (published cells
are fixed), so each is small; each solution is also a witness of how far every other cell of the
component can move, which spares most LPs. Deterministic: same inputs, same model, same pattern.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import highspy
import numpy as np

from pipelines.publish.disclosure.cells import CellSystem, DisclosureModelError

MAX_ROUNDS = 80
# rounds of Benders cuts before the cells of a cut still violated are forced hidden
ESCALATE_AFTER = 12
PREVIOUSLY_HIDDEN_DISCOUNT = 0.5
EPSILON = 1e-6


@dataclass(frozen=True)
class Protection:
    """How far each protected cell must be able to move down and up (their sum is the width)."""

    down: np.ndarray
    up: np.ndarray
    room: np.ndarray  # how far any cell can move up at most (its smallest published total)
    floor_room: np.ndarray  # how far any cell can move down: its value less its listed bound


def _room(system: CellSystem, level: float) -> np.ndarray:
    """An upper bound on any cell's upward move: twice the largest figure of the period (no cell
    can exceed its IPN total; a finite bound keeps every attacker LP bounded)."""
    largest = max(max(system.values, default=0.0), level)
    return np.full(len(system.keys), 2 * largest)


def protection_needed(system: CellSystem, level: float) -> Protection:
    """Down and up reach each primary cell needs: the protection level, or less where even hiding
    every figure that may be hidden would not give more (the IPN and NIVEL totals that are always
    published then pin it down that far)."""
    arrays = system.as_arrays()
    primary = arrays["primary"]
    floor_room = arrays["values"] - arrays["lower"]
    room = _room(system, level)
    unlimited = Protection(
        np.where(primary, np.minimum(floor_room, level), 0.0),
        np.where(primary, level, 0.0),
        room,
        floor_room,
    )
    most_up, most_down = best_reach(system, ~arrays["always"], unlimited)
    width = np.where(primary, np.minimum(level, most_up + most_down), 0.0)
    down = np.minimum(np.minimum(floor_room, width), most_down)
    up = np.minimum(width - down, most_up)
    return Protection(down, up, room, floor_room)


def _new_highs() -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    return highs


class Master:
    """min Σ w·z over binary z, with the fixed cells, the hidden-together pairs and the cuts."""

    def __init__(self, system: CellSystem, weights: np.ndarray):
        arrays = system.as_arrays()
        n = len(system.keys)
        lower = np.where(arrays["primary"] | arrays["structural"] | arrays["kept"], 1.0, 0.0)
        upper = np.where(arrays["always"], 0.0, 1.0)
        self.highs = _new_highs()
        self.highs.setOptionValue("mip_rel_gap", 0.01)
        self.highs.addVars(n, lower, upper)
        self.highs.changeColsCost(n, np.arange(n, dtype=np.int32), weights)
        self.highs.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
        )
        for a, b in system.hidden_with:
            self.add_cut({a: 1.0, b: -1.0}, 0.0)

    def add_cut(self, coefficients: dict[int, float], at_least: float) -> None:
        indices = np.fromiter(coefficients, dtype=np.int32)
        values = np.fromiter(coefficients.values(), dtype=float)
        self.highs.addRow(at_least, highspy.kHighsInf, len(indices), indices, values)

    def hide(self, cells: list[int]) -> None:
        for cell in cells:
            self.highs.changeColBounds(cell, 1.0, 1.0)

    def solve(self) -> np.ndarray:
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise DisclosureModelError(
                f"la supresión secundaria no tiene solución: {self.highs.getModelStatus()}"
            )
        return np.round(np.asarray(self.highs.getSolution().col_value)) > 0.5


class Attacker:
    """The deviations an attacker can give the hidden cells of one component."""

    def __init__(
        self, system: CellSystem, cells: list[int], rows: list[int], protection: Protection
    ):
        self.cells, self.rows, self.system = cells, rows, system
        self.position = {cell: j for j, cell in enumerate(cells)}
        self.highs = _new_highs()
        self.bounds = (-protection.floor_room[cells], protection.room[cells])
        self.matrix = []
        for row in rows:
            idx, coef = system.equations[row]
            kept = [
                (self.position[i], c) for i, c in zip(idx, coef, strict=True) if i in self.position
            ]
            self.matrix.append(
                (np.array([j for j, _ in kept], dtype=np.int32), np.array([c for _, c in kept]))
            )
        self._load(self.highs)

    def _load(self, highs: highspy.Highs) -> None:
        highs.addVars(len(self.cells), *self.bounds)
        for idx, coef in self.matrix:
            highs.addRow(0.0, 0.0, len(idx), idx, coef)

    def capped_spread(self, targets: dict[int, tuple[float, float]]) -> np.ndarray:
        """Deviations maximising Σ min(sign_k·y_k, need_k): as many cells as possible reach their
        need together, without one cell's unlimited reach hiding the others' (t_k ≤ sign_k·y_k)."""
        highs = _new_highs()
        self._load(highs)
        n, m = len(self.cells), len(targets)
        needs = np.array([need for _, need in targets.values()])
        highs.addVars(m, np.full(m, -highspy.kHighsInf), needs)
        highs.changeColsCost(m, np.arange(n, n + m, dtype=np.int32), np.full(m, -1.0))
        for t, (cell, (sign, _)) in enumerate(targets.items()):
            highs.addRow(
                -highspy.kHighsInf,
                0.0,
                2,
                np.array([n + t, self.position[cell]], dtype=np.int32),
                np.array([1.0, -sign]),
            )
        highs.run()
        return np.asarray(highs.getSolution().col_value)[:n]

    def reach(self, cell: int, sign: float) -> tuple[float, np.ndarray, np.ndarray]:
        """max sign·y_cell, the deviations that reach it and the row multipliers (λ)."""
        cost = np.zeros(len(self.cells))
        cost[self.position[cell]] = -sign
        self.highs.changeColsCost(len(self.cells), np.arange(len(self.cells), dtype=np.int32), cost)
        self.highs.run()
        solution = self.highs.getSolution()
        return (
            -self.highs.getInfo().objective_function_value,
            np.asarray(solution.col_value),
            np.asarray(solution.row_dual),
        )


def benders_cut(
    system: CellSystem,
    attacker: Attacker,
    cell: int,
    sign: float,
    duals: np.ndarray,
    protection: Protection,
) -> dict[int, float]:
    """reach(z) ≤ Σ_i max(0, d_i·(x_i − l_i), −d_i·room_i)·z_i with d = c − Aᵀλ over every cell
    of the rows."""
    reduced: dict[int, float] = {cell: -sign}
    for row, multiplier in zip(attacker.rows, duals, strict=True):
        if multiplier == 0.0:
            continue
        idx, coef = system.equations[row]
        for i, c in zip(idx, coef, strict=True):
            reduced[i] = reduced.get(i, 0.0) - c * multiplier
    cut = {}
    for i, d in reduced.items():
        weight = max(d * protection.floor_room[i], -d * protection.room[i], 0.0)
        if weight > EPSILON:
            cut[i] = weight
    return cut


def single_relation_cuts(
    system: CellSystem, protection: Protection
) -> list[tuple[dict[int, float], float]]:
    """For each protected cell and each relation it is in: the cut of λ on that relation alone."""
    cuts = []
    for idx, coef in system.equations:
        for cell, own in zip(idx, coef, strict=True):
            if not system.primary[cell]:
                continue
            for sign, needed in ((1.0, protection.up[cell]), (-1.0, protection.down[cell])):
                if needed <= EPSILON:
                    continue
                cut = {}
                for i, c in zip(idx, coef, strict=True):
                    if i == cell:
                        continue
                    d = sign * c / own  # d_i for λ = -sign/own on this row
                    weight = max(d * protection.floor_room[i], -d * protection.room[i], 0.0)
                    if weight > EPSILON:
                        cut[i] = weight
                cuts.append((cut, needed))
    return cuts


def _components(system: CellSystem, hidden: np.ndarray) -> list[tuple[list[int], list[int]]]:
    parent = list(range(len(system.keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for idx, _ in system.equations:
        members = [i for i in idx if hidden[i]]
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict[int, list[int]] = {}
    for cell in np.flatnonzero(hidden):
        groups.setdefault(root(int(cell)), []).append(int(cell))
    rows_of: dict[int, set[int]] = {}
    for row, (idx, _) in enumerate(system.equations):
        for i in idx:
            if hidden[i]:
                rows_of.setdefault(root(i), set()).add(row)
    return [(cells, sorted(rows_of.get(r, ()))) for r, cells in sorted(groups.items())]


class Witnesses:
    """Deviations an attacker can give the hidden cells, kept across rounds.

    Each attacker solution is a feasible deviation; it stays feasible under any later pattern that
    still hides every cell it moves, so it keeps proving how far those cells reach.
    """

    def __init__(self, size: int):
        self.size = size
        self.kept: list[tuple[np.ndarray, np.ndarray]] = []

    def add(self, cells: list[int], deviations: np.ndarray) -> None:
        moved = np.abs(deviations) > EPSILON
        if moved.any():
            self.kept.append((np.asarray(cells)[moved], deviations[moved]))

    def reach(self, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        up, down = np.zeros(self.size), np.zeros(self.size)
        for cells, deviations in self.kept:
            if hidden[cells].all():
                np.maximum.at(up, cells, deviations)
                np.maximum.at(down, cells, -deviations)
        return up, down


def _short(cells: list[int], needed: np.ndarray, reached: np.ndarray) -> list[int]:
    return [c for c in cells if needed[c] > EPSILON and reached[c] < needed[c] - EPSILON]


def _record(
    attacker: Attacker,
    deviations: np.ndarray,
    witnesses: Witnesses,
    reach_up: np.ndarray,
    reach_down: np.ndarray,
) -> None:
    witnesses.add(attacker.cells, deviations)
    np.maximum.at(reach_up, attacker.cells, deviations)
    np.maximum.at(reach_down, attacker.cells, -deviations)


def _spread_witnesses(
    attacker: Attacker,
    protected: list[int],
    protection: Protection,
    witnesses: Witnesses,
    reach_up: np.ndarray,
    reach_down: np.ndarray,
    rounds: int = 6,
) -> None:
    """A few LPs that push every unproven cell at once: most cells are proven without their own
    LP."""
    for sign, needed, reached in (
        (1.0, protection.up, reach_up),
        (-1.0, protection.down, reach_down),
    ):
        for _ in range(rounds):
            short = _short(protected, needed, reached)
            if len(short) < 4:
                break
            _record(
                attacker,
                attacker.capped_spread({c: (sign, needed[c]) for c in short}),
                witnesses,
                reach_up,
                reach_down,
            )
            if len(_short(protected, needed, reached)) > 0.8 * len(short):
                break


def best_reach(
    system: CellSystem, hidden: np.ndarray, wanted: Protection
) -> tuple[np.ndarray, np.ndarray]:
    """How far each primary cell can move up and down under `hidden`, as far as `wanted` asks."""
    witnesses = Witnesses(len(system.keys))
    reach_up, reach_down = np.zeros(len(system.keys)), np.zeros(len(system.keys))
    for cells, rows in _components(system, hidden):
        protected = [c for c in cells if system.primary[c]]
        if not protected:
            continue
        if not rows:  # hidden and in no relation: unbounded
            reach_up[protected], reach_down[protected] = (
                wanted.up[protected],
                wanted.down[protected],
            )
            continue
        attacker = Attacker(system, cells, rows, wanted)
        _spread_witnesses(attacker, protected, wanted, witnesses, reach_up, reach_down)
        for sign, needed, reached in ((1.0, wanted.up, reach_up), (-1.0, wanted.down, reach_down)):
            for cell in _short(protected, needed, reached):
                if reached[cell] < needed[cell] - EPSILON:
                    _, deviations, _ = attacker.reach(cell, sign)
                    _record(attacker, deviations, witnesses, reach_up, reach_down)
    return np.minimum(reach_up, wanted.up), np.minimum(reach_down, wanted.down)


def violated_cuts(
    system: CellSystem, hidden: np.ndarray, protection: Protection, witnesses: Witnesses
) -> list[tuple[dict, float]]:
    """A Benders cut for every protected cell the attacker can pin down under this pattern."""
    cuts = []
    reach_up, reach_down = witnesses.reach(hidden)
    for cells, rows in _components(system, hidden):
        protected = [c for c in cells if system.primary[c]]
        if not rows or not (
            _short(protected, protection.up, reach_up)
            or _short(protected, protection.down, reach_down)
        ):
            continue
        attacker = Attacker(system, cells, rows, protection)
        _spread_witnesses(attacker, protected, protection, witnesses, reach_up, reach_down)
        for sign, needed, reached in (
            (1.0, protection.up, reach_up),
            (-1.0, protection.down, reach_down),
        ):
            for cell in _short(protected, needed, reached):
                if reached[cell] >= needed[cell] - EPSILON:  # a witness found meanwhile
                    continue
                value, deviations, duals = attacker.reach(cell, sign)
                _record(attacker, deviations, witnesses, reach_up, reach_down)
                if value < needed[cell] - EPSILON:
                    cuts.append(
                        (benders_cut(system, attacker, cell, sign, duals, protection), needed[cell])
                    )
    return cuts


def weights_of(system: CellSystem, previously_hidden: AbstractSet) -> np.ndarray:
    values = np.asarray(system.values)
    weights = (1.0 + values) * np.asarray(system.cost_factor)
    again = np.array([key in previously_hidden for key in system.keys], dtype=bool)
    weights[again] *= PREVIOUSLY_HIDDEN_DISCOUNT
    weights[np.asarray(system.structural)] = 0.0
    return weights


def _previous_if_still_protected(
    system: CellSystem, previously_hidden: AbstractSet, protection: Protection
) -> np.ndarray | None:
    """The current publication's pattern, when it still protects every primary cell: same data, same
    pattern, whatever path the solver would take this time."""
    if not previously_hidden:
        return None
    arrays = system.as_arrays()
    hidden = (
        np.array([key in previously_hidden for key in system.keys], dtype=bool)
        | arrays["structural"]
        | arrays["kept"]  # an earlier version's hidden figure (together.py) stays hidden
    )
    if ((arrays["primary"] | arrays["kept"]) & ~hidden).any() or any(
        hidden[b] and not hidden[a] for a, b in system.hidden_with
    ):
        return None
    return (
        hidden
        if not violated_cuts(system, hidden, protection, Witnesses(len(system.keys)))
        else None
    )


def choose_hidden(
    system: CellSystem, level: float, previously_hidden: AbstractSet = frozenset()
) -> np.ndarray:
    """The suppression pattern (True = hidden) that protects every primary cell of `system`."""
    protection = protection_needed(system, level)
    kept = _previous_if_still_protected(system, previously_hidden, protection)
    if kept is not None:
        return kept
    master = Master(system, weights_of(system, previously_hidden))
    for cut, at_least in single_relation_cuts(system, protection):
        master.add_cut(cut, at_least)
    witnesses = Witnesses(len(system.keys))
    always = np.asarray(system.always_published)
    for round_ in range(MAX_ROUNDS):
        hidden = master.solve()
        cuts = violated_cuts(system, hidden, protection, witnesses)
        if not cuts:
            return hidden
        for cut, at_least in cuts:
            master.add_cut(cut, at_least)
            if round_ >= ESCALATE_AFTER:
                # Weak cuts converge slowly: hide every cell that could help this one. The pattern
                # is still checked by the attacker LPs; hiding all of them is protected by
                # construction of the protection needed, so this ends.
                master.hide([i for i in cut if not always[i]])
    raise DisclosureModelError(
        f"{system.period}: la supresión secundaria no convergió en {MAX_ROUNDS} rondas"
    )
