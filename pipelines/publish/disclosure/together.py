"""A period solved together with the versions already published: the retained versions' relations,
as the audit's intruder writes them, added to the new version's cell system.

Every retained version stays published (SIIE_PUBLISHED_KEEP) and the audit holds them all at once
(pipelines/audit/intruder.py): a figure is named by what it is and the value behind it, so one
whose value did not change is one unknown in every version, and one that changed has an unknown
per value. A complement hidden in two versions with the same value is then bounded by the earlier
version's relations too. Solving the new version against its own relations only, the solver could
choose a pattern that protects a changed small figure less than it believes (a new-period load
at scale 0.3 was refused so: docs/INDICATORS.md, «Versions together»).

So each period's system gains, from every retained version, the relations that reach past the new
version's own figures: the earlier value of a changed figure is a cell of its own, fixed at its
public status in that version (published: known; hidden: hidden, and protected where that version
protected it), and a figure of the same value is the new version's own cell — known if some
version published it, so never taken for a complement. A relation written only over the new
version's own figures is its own relation again and is left out, so a period whose figures did
not change is solved (and remembered) exactly as before; a first publication has no earlier
version at all.

The relations come from the audit's intruder model (written once, apart from cells.py, which
states the new version's own relations for the solver); the audit still checks the result.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.audit.intruder import (
    Problem,
    Version,
    VersionFigures,
    add_version,
    read_publication,
)
from pipelines.publish.disclosure.cells import CellSystem, Key
from pipelines.publish.disclosure.records import retained_versions
from pipelines.specs.disclosure import Declaration

Name = tuple  # the audit's name of a figure: (what it is, the value behind it)
EARLIER = "anterior"  # first element of the key of a figure's earlier value


@dataclass
class Earlier:
    """One period as the retained versions published it, in the audit's names."""

    relations: list[tuple[list[tuple[Name, float]], float, float]] = field(default_factory=list)
    known: dict[Name, float] = field(default_factory=dict)  # published in some retained version
    lower: dict[Name, float] = field(default_factory=dict)  # what being listed tells
    primary: set[Name] = field(default_factory=set)  # protected in some retained version


def earlier_relations(versions: list[Version], declaration: Declaration) -> dict[str, Earlier]:
    """Per period, every relation the intruder holds over the retained versions."""
    problems: dict[str, Problem] = {}
    primary: dict[str, set[Name]] = defaultdict(set)
    for version in versions:
        figures = VersionFigures(version, read_publication(version.con, declaration), declaration)
        for period, names in add_version(problems, figures).items():
            primary[period] |= names
    return {
        period: Earlier(list(p.relations), dict(p.known), dict(p.lower), primary[period])
        for period, p in problems.items()
    }


def read_earlier(home: Path, published_dir: Path, declaration: Declaration) -> dict[str, Earlier]:
    """The relations of every version still on disk (the ones the audit will hold)."""
    versions = retained_versions(home, published_dir)
    try:
        return earlier_relations(versions, declaration)
    finally:
        for version in versions:
            version.con.close()


def audit_name(key: Key, value: float) -> Name:
    """The audit's name of one of the solver's cells (intruder.VersionFigures.name)."""
    if key[0] == "fct_matricula":
        return (("celda", *map(str, key[1:])), value)
    return (tuple(key[1:]), value)


def _has_value(name: Name) -> bool:
    return isinstance(name[1], int | float) and math.isfinite(name[1])


class _Joint:
    """The new version's system growing the earlier versions' cells and relations."""

    def __init__(self, system: CellSystem, earlier: Earlier):
        self.system = replace(
            system,
            keys=list(system.keys),
            values=list(system.values),
            lower=list(system.lower),
            primary=list(system.primary),
            structural=list(system.structural),
            always_published=list(system.always_published),
            kept_hidden=list(system.kept_hidden),
            cost_factor=list(system.cost_factor),
            equations=list(system.equations),
            index=dict(system.index),
        )
        self.earlier = earlier
        self.own = {
            audit_name(key, value): key
            for key, value, structural in zip(
                system.keys, system.values, system.structural, strict=True
            )
            if not structural
        }
        self.slacks = 0

    def cell(self, name: Name, own: bool = True) -> Key:
        """The new version's own cell of that name, or the earlier value's cell (added once)."""
        if own and name in self.own:
            return self.own[name]
        key = (EARLIER, *name)
        if key not in self.system.index:
            known = name in self.earlier.known
            i = self.system.add(
                key,
                name[1],
                primary=not known and name in self.earlier.primary,
                lower=0.0 if known else self.earlier.lower.get(name, 0.0),
            )
            self.system.always_published[i] = known
            self.system.kept_hidden[i] = not known
        return key

    def relate(self, terms: list[tuple[Name, float]], high: float) -> None:
        """0 ≤ Σ coef·x ≤ high (0 or unbounded), as the equations the solver reads: Σ coef·x = 0,
        or Σ coef·x − s = 0 with a structural slack s ≥ 0."""
        keys = [(self.cell(name), coef) for name, coef in terms]
        if high == 0.0:
            self.system.relate(keys)
            return
        excess = sum(coef * name[1] for name, coef in terms)
        self.slacks += 1
        slack = self.system.slack((EARLIER, self.slacks), excess)
        self.system.relate([*keys, (slack, -1.0)])

    def mark_own(self) -> int:
        """An own figure published in an earlier version with the same value is known: counted
        as published where its row may be (stability.pin_unchanged), else tied to its earlier,
        published value (hiding it now protects nothing). One protected there is protected here
        too. Returns how many were tied."""
        system = self.system
        known = {
            system.index[key]
            for name, key in self.own.items()
            if name in self.earlier.known and not system.always_published[system.index[key]]
        }
        free = {i for i in known if not (system.primary[i] or system.kept_hidden[i])}
        for i in system.shown_with_their_rows(free):
            system.always_published[i] = True
        tied = sorted(i for i in known if not system.always_published[i])
        for i in tied:
            earlier = self.cell(audit_name(system.keys[i], system.values[i]), own=False)
            system.relate([(system.keys[i], 1.0), (earlier, -1.0)])
        for name, key in self.own.items():
            i = system.index[key]
            if name in self.earlier.primary and not system.always_published[i]:
                system.primary[i] = True
        return len(tied)


def solved_together(system: CellSystem, earlier: Earlier | None) -> CellSystem:
    """`system` with the earlier versions' relations that reach past its own figures; `system`
    itself when there are none."""
    if earlier is None:
        return system
    joint = _Joint(system, earlier)
    reaching = [
        (terms, high)
        for terms, low, high in earlier.relations
        if low == 0.0  # as the intruder writes every relation
        and high in (0.0, math.inf)
        and all(_has_value(name) for name, _ in terms)
        and not all(name in joint.own for name, _ in terms)
        and not all(name in earlier.known for name, _ in terms)
    ]
    tied = joint.mark_own()
    for terms, high in reaching:
        joint.relate(terms, high)
    if (
        not reaching
        and not tied
        and joint.system.always_published == system.always_published
        and joint.system.primary == system.primary
    ):
        return system
    return joint.system
