"""The suppression pattern of a publication: a confidentiality status (SDMX CONF_STATUS) for every
row of `indicadores` under disclosure control and every cell of fct_matricula, period by period.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import duckdb
import numpy as np
import pyarrow as pa

from pipelines.core.parallel import map_in_processes
from pipelines.publish.disclosure.cells import CellSystem, read_systems
from pipelines.publish.disclosure.memo import PatternMemo, fingerprint
from pipelines.publish.disclosure.secondary import choose_hidden
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


def _hidden_magnitudes(con: duckdb.DuckDBPyConnection, declaration: Declaration) -> set[tuple]:
    """(periodo, (magnitude, ambito, clave_ambito)) of every magnitude no published row shows: a
    suppressed row hides all its magnitudes, but one of them may still be shown by another row."""
    shown: set[tuple] = set()
    in_hidden_rows: set[tuple] = set()
    for clave, periodo, ambito, clave_ambito, suprimido in con.execute(
        "SELECT clave_indicador, periodo, ambito, clave_ambito, suprimido FROM indicadores"
    ).fetchall():
        parts = declaration.indicators.get(clave)
        for magnitude in parts.magnitudes if parts else ():
            (in_hidden_rows if suprimido else shown).add(
                (periodo, (magnitude, ambito, clave_ambito))
            )
    return in_hidden_rows - shown


def previously_hidden(published_database: Path, declaration: Declaration) -> dict[str, set]:
    """The cells hidden in the current publication, by period (to keep the pattern stable)."""
    hidden: dict[str, set] = defaultdict(set)
    if not published_database.exists():
        return hidden
    with duckdb.connect(str(published_database), read_only=True) as con:
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "indicadores" in tables:
            for periodo, magnitude in _hidden_magnitudes(con, declaration):
                hidden[periodo].add(("indicadores", *magnitude))
        spec = declaration.matricula_cells
        if spec.table in tables:
            for periodo, *rest in con.execute(
                f"SELECT {', '.join(spec.key)} FROM {spec.table} WHERE suprimido"
            ).fetchall():
                hidden[periodo].add((spec.table, *rest))
    return hidden


def _hidden_cells(
    systems: list[CellSystem], level: float, previous: dict[str, set], memo: PatternMemo | None
) -> list[np.ndarray]:
    """Each period's pattern: from the memo when nothing that decides it changed, else solved
    (the periods left to solve, each in its own process)."""
    before = [previous.get(system.period, set()) for system in systems]
    keys = [fingerprint(s, level, b) for s, b in zip(systems, before, strict=True)] if memo else []
    patterns: list[np.ndarray | None] = (
        [memo.recall(k, len(s.keys)) for s, k in zip(systems, keys, strict=True)]
        if memo
        else [None] * len(systems)
    )
    unsolved = [i for i, hidden in enumerate(patterns) if hidden is None]
    solved = map_in_processes(
        choose_hidden,
        [systems[i] for i in unsolved],
        [level] * len(unsolved),
        [before[i] for i in unsolved],
    )
    for i, hidden in zip(unsolved, solved, strict=True):
        patterns[i] = hidden
        if memo:
            memo.keep(keys[i], systems[i].period, hidden)
    solved_all = cast(list[np.ndarray], patterns)  # every period recalled or solved above
    if memo:
        _remember_as_published(memo, systems, level, solved_all)
    return solved_all


def _remember_as_published(
    memo: PatternMemo, systems: list[CellSystem], level: float, patterns: list[np.ndarray]
) -> None:
    """A solved pattern protects its system, so publishing it makes it the answer for the next
    version with the same figures too (the solver keeps a previous pattern that still protects):
    the memo records that answer as well, and the next publication needs no solver either."""
    for system, hidden in zip(systems, patterns, strict=True):
        as_published = {
            k
            for k, h, structural in zip(system.keys, hidden, system.structural, strict=True)
            if h and not structural
        }
        memo.keep(fingerprint(system, level, as_published), system.period, hidden)


def suppression_pattern(
    con: duckdb.DuckDBPyConnection,
    marts: str,
    previous: dict[str, set] | None = None,
    declaration: Declaration | None = None,
    memo: PatternMemo | None = None,
) -> Pattern:
    """Primary rules, then secondary suppression chosen by the solver, for every period."""
    declaration = declaration or load_declaration()
    started = time.perf_counter()
    pattern = Pattern()
    systems = read_systems(con, marts, declaration)
    for system, hidden in zip(
        systems,
        _hidden_cells(systems, declaration.protection_level, previous or {}, memo),
        strict=True,
    ):
        pattern.row_status += _row_status(system, hidden)
        pattern.cell_status += _cell_status(system, hidden)
    pattern.seconds = round(time.perf_counter() - started, 2)
    return pattern
