"""The suppression pattern of a publication: a confidentiality status (SDMX CONF_STATUS) for every
row of `indicadores` under disclosure control and every cell of fct_matricula, period by period.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import duckdb
import numpy as np
import pyarrow as pa

from pipelines.core.parallel import map_in_processes
from pipelines.publish.disclosure.cells import CellSystem, Key, read_systems
from pipelines.publish.disclosure.memo import PatternMemo, fingerprint
from pipelines.publish.disclosure.secondary import choose_hidden
from pipelines.publish.disclosure.stability import Before, pin_unchanged
from pipelines.publish.disclosure.together import solved_together
from pipelines.specs.disclosure import (
    FREE,
    PRIMARY,
    SECONDARY,
    Declaration,
    load_declaration,
)

ROW_STATUS_TABLE = "estado_indicadores"
CELL_STATUS_TABLE = "estado_celdas_matricula"


@dataclass
class Pattern:
    row_status: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    cell_status: list[tuple] = field(default_factory=list)
    seconds: float = 0.0

    def register(self, con: duckdb.DuckDBPyConnection, declaration: Declaration) -> None:
        """Make the statuses queryable as two views of `con` (for the published tables' SQL)."""
        rows: list[Sequence[Any]] = list(zip(*self.row_status, strict=True)) or [[]] * 5
        con.register(
            ROW_STATUS_TABLE,
            pa.table(
                dict(
                    zip(
                        ["clave_indicador", "periodo", "ambito", "clave_ambito", "estado"],
                        rows,
                        strict=True,
                    )
                ),
                schema=pa.schema(
                    [
                        (n, pa.string())
                        for n in ("clave_indicador", "periodo", "ambito", "clave_ambito", "estado")
                    ]
                ),
            ),
        )
        names = [*declaration.matricula_cells.key, "estado"]
        cells: list[Sequence[Any]] = list(zip(*self.cell_status, strict=True)) or [[]] * len(names)
        types = {"semestre": pa.int64()}
        con.register(
            CELL_STATUS_TABLE,
            pa.table(
                dict(zip(names, cells, strict=True)),
                schema=pa.schema([(n, types.get(n, pa.string())) for n in names]),
            ),
        )


def _row_status(system: CellSystem, hidden: np.ndarray) -> list[tuple]:
    statuses = []
    for row in system.rows:
        cells = [system.index[m] for m in row.magnitudes]
        if row.primary or any(system.primary[i] for i in cells):
            status = PRIMARY
        elif any(hidden[i] for i in cells):
            status = SECONDARY
        else:
            status = FREE
        statuses.append((*row.key, status))
    return statuses


def _cell_status(system: CellSystem, hidden: np.ndarray) -> list[tuple]:
    statuses = []
    for i, key in enumerate(system.keys):
        if key[0] != "fct_matricula":
            continue
        status = PRIMARY if system.primary[i] else SECONDARY if hidden[i] else FREE
        statuses.append((system.period, *key[1:], status))
    return statuses


def _unshown_figures(systems: list[CellSystem], row_status: list[tuple]) -> set[tuple]:
    """(periodo, magnitude, ambito, clave_ambito) of every indicator figure that some row carries
    and no published row shows (a figure the solver left visible but whose every row is hidden
    is not published either)."""
    status = {tuple(r[:4]): r[4] for r in row_status}
    present, shown = set(), set()
    for system in systems:
        for row in system.rows:
            figures = {(system.period, *key[1:]) for key in row.magnitudes}
            present |= figures
            if status[row.key] == FREE:
                shown |= figures
    return present - shown


def derived_row_status(
    con: duckdb.DuckDBPyConnection, marts: str, declaration: Declaration, hidden: set[tuple]
) -> list[tuple]:
    """A figure derived from a protected magnitude of other periods (GASTO_POR_ALUMNO: budget over
    the mean enrollment of two periods) is hidden wherever one of those is: the budget being
    public, the published figure would give the hidden enrollment."""
    if not declaration.derived:
        return []
    claves = ", ".join(f"'{c}'" for c in declaration.derived)
    statuses = []
    for clave, periodo, ambito, clave_ambito in con.execute(f"""
        SELECT clave_indicador, periodo, ambito, clave_ambito FROM {marts}.indicadores
        WHERE clave_indicador IN ({claves}) ORDER BY ALL""").fetchall():
        derived = declaration.derived[clave]
        parts_hidden = any(
            (period, derived.magnitude, ambito, clave_ambito) in hidden
            for period in derived.periods_of(periodo)
        )
        statuses.append((clave, periodo, ambito, clave_ambito, SECONDARY if parts_hidden else FREE))
    return statuses


def _hidden_cells(
    systems: list[CellSystem], level: float, before: Before, memo: PatternMemo | None
) -> list[np.ndarray]:
    """Each period's pattern, its unchanged figures pinned to their public status and its system
    joined with the retained versions' relations: from the memo when nothing that decides it
    changed, else solved (each period left in its own process)."""
    hidden_before = [before.hidden.get(s.period, set()) for s in systems]
    pinned = [
        pin_unchanged(s, before.values.get(s.period, {}), h)
        for s, h in zip(systems, hidden_before, strict=True)
    ]
    joint = [solved_together(s, before.earlier.get(s.period)) for s in pinned]
    keys = (
        [fingerprint(s, level, h) for s, h in zip(joint, hidden_before, strict=True)]
        if memo
        else []
    )
    patterns: list[np.ndarray | None] = (
        [memo.recall(k, len(s.keys)) for s, k in zip(joint, keys, strict=True)]
        if memo
        else [None] * len(joint)
    )
    unsolved = [i for i, hidden in enumerate(patterns) if hidden is None]
    solved = map_in_processes(
        choose_hidden,
        [joint[i] for i in unsolved],
        [level] * len(unsolved),
        [hidden_before[i] for i in unsolved],
    )
    for i, hidden in zip(unsolved, solved, strict=True):
        patterns[i] = hidden
        if memo:
            memo.keep(keys[i], joint[i].period, hidden)
    solved_all = cast(list[np.ndarray], patterns)  # every period recalled or solved above
    if memo:
        _remember_as_published(memo, pinned, level, solved_all, before)
    # the retained versions' cells come after the system's own
    return [hidden[: len(s.keys)] for s, hidden in zip(systems, solved_all, strict=True)]


def read_as_hidden(system: CellSystem, hidden: np.ndarray) -> set[Key]:
    """The figures of the period that the next publication will read as hidden in this one
    (stability.read_before): the unpublished cells of fct_matricula, and every indicator figure
    that some row carries and no published row shows, whether the solver hid it or not."""
    statuses = _row_status(system, hidden)
    carried = {key for row in system.rows for key in row.magnitudes}
    shown = {
        key
        for row, status in zip(system.rows, statuses, strict=True)
        if status[-1] == FREE
        for key in row.magnitudes
    }
    cells = {
        key
        for key, status in zip(_fact_keys(system), _cell_status(system, hidden), strict=True)
        if status[-1] != FREE
    }
    return (carried - shown) | cells


def _fact_keys(system: CellSystem) -> list[Key]:
    return [key for key in system.keys if key[0] == "fct_matricula"]


def _remember_as_published(
    memo: PatternMemo,
    systems: list[CellSystem],
    level: float,
    patterns: list[np.ndarray],
    before: Before,
) -> None:
    """A solved pattern protects its system, so publishing it makes it the answer for the next
    version with the same figures too (every figure then unchanged, pinned where it is, and the
    same earlier versions' relations beside it): the memo records that answer as well, and the
    next publication needs no solver either."""
    for system, hidden in zip(systems, patterns, strict=True):
        as_published = read_as_hidden(system, hidden[: len(system.keys)])
        next_time = pin_unchanged(
            system, dict(zip(system.keys, system.values, strict=True)), as_published
        )
        next_time = solved_together(next_time, before.earlier.get(system.period))
        memo.keep(fingerprint(next_time, level, as_published), system.period, hidden)


def suppression_pattern(
    con: duckdb.DuckDBPyConnection,
    marts: str,
    before: Before | None = None,
    declaration: Declaration | None = None,
    memo: PatternMemo | None = None,
) -> Pattern:
    """Primary rules, then secondary suppression chosen by the solver, for every period;
    `before` is the current publication, whose unchanged figures keep their status."""
    declaration = declaration or load_declaration()
    started = time.perf_counter()
    pattern = Pattern()
    systems = read_systems(con, marts, declaration)
    patterns = _hidden_cells(systems, declaration.protection_level, before or Before(), memo)
    for system, hidden in zip(systems, patterns, strict=True):
        pattern.row_status += _row_status(system, hidden)
        pattern.cell_status += _cell_status(system, hidden)
    pattern.row_status += derived_row_status(
        con, marts, declaration, _unshown_figures(systems, pattern.row_status)
    )
    pattern.seconds = round(time.perf_counter() - started, 2)
    return pattern
