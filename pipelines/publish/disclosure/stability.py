"""Versions together: a figure whose value did not change since the current publication keeps
its public status.

Both versions stay published (SIIE_PUBLISHED_KEEP), so an intruder holds both: a figure hidden
before and shown now with the same value would be read into the older version, and one shown
before is known whatever the new version does. So a figure hidden before with the same value
stays hidden, and one shown before with the same value counts as published (hiding it protects
nothing). Figures whose values changed, and new periods, are free for the solver, which sees them
with every retained version's relations (together.py). The audit then checks every retained
version together (pipelines/audit).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from pipelines.audit.truth import Truth
from pipelines.publish.disclosure.cells import TOLERANCE, CellSystem, Key
from pipelines.publish.disclosure.together import Earlier
from pipelines.specs.disclosure import FREE, Declaration


@dataclass
class Before:
    """The current publication as the next one sees it: per period, the value behind each figure
    (published, or true where it was hidden and its true values were kept) and which were
    hidden; and every retained version's relations, which the period is solved together with
    (together.py)."""

    values: dict[str, dict[Key, float]] = field(default_factory=lambda: defaultdict(dict))
    hidden: dict[str, set[Key]] = field(default_factory=lambda: defaultdict(set))
    earlier: dict[str, Earlier] = field(default_factory=dict)


def _number(value) -> float | None:
    return None if value is None else float(value)


def _indicator_figures(
    con: duckdb.DuckDBPyConnection, before: Before, truth: Truth | None, declaration: Declaration
) -> None:
    for clave, periodo, ambito, clave_ambito, valor, numerador, denominador, estado in con.execute(
        "SELECT clave_indicador, periodo, ambito, clave_ambito, valor, numerador, denominador, "
        "estado_confidencialidad FROM indicadores"
    ).fetchall():
        parts = declaration.indicators.get(clave)
        if parts is None:
            continue
        shown = estado == FREE
        true = truth.rows.get((clave, periodo, ambito, clave_ambito)) if truth else None
        figures = (valor, numerador, denominador) if shown else (true or (None,) * 3)
        for magnitude, figure in zip(
            (parts.valor, parts.numerador, parts.denominador), figures, strict=True
        ):
            key = ("indicadores", magnitude, ambito, clave_ambito)
            if magnitude is None:
                continue
            if shown:
                before.values[periodo][key] = float(figure)
                before.hidden[periodo].discard(key)
            elif key not in before.values[periodo] or key in before.hidden[periodo]:
                before.hidden[periodo].add(key)
                if figure is not None:
                    before.values[periodo][key] = float(figure)


def _fact_cells(
    con: duckdb.DuckDBPyConnection, before: Before, truth: Truth | None, declaration: Declaration
) -> None:
    spec = declaration.matricula_cells
    for periodo, *rest, count, estado in con.execute(
        f"SELECT {', '.join(spec.key)}, {spec.count}, estado_confidencialidad FROM {spec.table}"
    ).fetchall():
        key = (spec.table, *rest)
        if estado == FREE:
            before.values[periodo][key] = float(count)
            continue
        before.hidden[periodo].add(key)
        true = truth.cells.get(tuple(str(c) for c in (periodo, *rest))) if truth else None
        if true is not None:
            before.values[periodo][key] = float(true)


def read_before(published_database: Path, truth: Truth | None, declaration: Declaration) -> Before:
    before = Before()
    if not published_database.exists():
        return before
    with duckdb.connect(str(published_database), read_only=True) as con:
        _indicator_figures(con, before, truth, declaration)
        _fact_cells(con, before, truth, declaration)
    return before


def pin_unchanged(system: CellSystem, values: dict[Key, float], hidden: set[Key]) -> CellSystem:
    """The system with every unchanged figure pinned to its public status: kept hidden, or
    counted as published. A figure another may force hidden (shown only with it) is counted as
    published only when that other is too (a row shown before with the same figures)."""
    pinned = replace(
        system,
        always_published=list(system.always_published),
        kept_hidden=list(system.kept_hidden),
    )
    shown_before = set()
    for i, key in enumerate(system.keys):
        old = values.get(key)
        if system.structural[i] or old is None or abs(old - system.values[i]) > TOLERANCE:
            continue
        if key in hidden:
            pinned.kept_hidden[i] = True
        elif not system.primary[i]:
            shown_before.add(i)
    for i in pinned.shown_with_their_rows(shown_before):
        pinned.always_published[i] = True
    return pinned
