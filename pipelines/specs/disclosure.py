"""The disclosure declaration (models/divulgacion.yml): primary rules, protection level, the
magnitudes and how they add up; and, from each entry of the indicator catalog (its `divulgacion`
key in models/indicadores.yml), the magnitudes each published row carries. Read by the
suppression, the independent audit, the dictionary and the quality checks; nothing else states
these rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.config import MODELS_DIR
from pipelines.specs.indicator_catalog import (
    CATALOG_PATH,
    DERIVED_DISCLOSURE_KEY,
    DISCLOSURE_KEY,
)

DECLARATION_PATH = MODELS_DIR / "divulgacion.yml"
# SDMX CL_CONF_STATUS: what the publication says of a figure (F shown, C hidden, one mark for every
# hidden figure) and, only inside the warehouse's own records, which rule hid it (A, D).
FREE, CONFIDENTIAL = "F", "C"
PRIMARY, SECONDARY = "A", "D"
EXACT_SUM, DISTINCT_PEOPLE = "exacta", "personas"


@dataclass(frozen=True)
class Magnitude:
    code: str
    sum_kind: str  # EXACT_SUM or DISTINCT_PEOPLE
    at_most: str | None  # the magnitude of the same ámbito that bounds it from above
    description: str
    at_least_one: bool = False  # a row showing it exists only where it is at least 1
    integral: bool = True  # a whole number: an intruder rounds its bounds inward

    @property
    def listed_lower_bound(self) -> float:
        """What an intruder knows of a hidden figure of this magnitude from its row being listed."""
        return 1.0 if self.at_least_one else 0.0


@dataclass(frozen=True)
class IndicatorParts:
    """Which magnitude each column of an indicator's rows publishes, and which one its rule
    protects."""

    clave: str
    valor: str | None
    numerador: str | None
    denominador: str | None
    protege: str | None

    @property
    def rule(self) -> str:
        """'conteo' (the value is a count), 'razón' (a ratio of two magnitudes)."""
        return "conteo" if self.valor else "razón"

    @property
    def magnitudes(self) -> tuple[str, ...]:
        return tuple(m for m in (self.valor, self.numerador, self.denominador) if m)


@dataclass(frozen=True)
class FactCells:
    table: str
    count: str
    key: tuple[str, ...]
    # magnitude of a PROGRAMA = Σ its cells matching the filter
    margins: dict[str, dict[str, object]]
    at_least_one: bool = False  # only cells with someone are listed


@dataclass(frozen=True)
class DerivedFigure:
    """An indicator computed from a protected magnitude of other periods of its ámbito (its year
    Y reads the school periods (Y + year offset) / term): published only where they all are."""

    clave: str
    magnitude: str
    periods: tuple[tuple[int, int], ...]  # (year offset, term)

    def periods_of(self, year: str) -> tuple[str, ...]:
        return tuple(f"{(int(year) + offset) % 100:02d}/{term}" for offset, term in self.periods)


@dataclass(frozen=True)
class Declaration:
    totals: tuple[str, ...]  # ámbitos published unless one of their figures is itself protected
    total_cost_factor: float
    count_below: int
    denominator_below: int
    min_people_for_salaries: int
    protection_level: float
    status_codes: dict[str, str]  # the public marks
    internal_codes: dict[str, str]  # which rule hid a figure: never published
    magnitudes: dict[str, Magnitude]
    indicators: dict[str, IndicatorParts]
    matricula_cells: FactCells
    not_published: dict[str, str]
    derived: dict[str, DerivedFigure]

    def rule_of(self, clave: str) -> str:
        """The primary rule of an indicator: 'conteo', 'razón' or 'ninguna' (never suppressed)."""
        parts = self.indicators.get(clave)
        return parts.rule if parts else "ninguna"

    def primary_rule_fires(
        self, clave: str, valor: float | None, denominador: float | None
    ) -> bool:
        """Whether a row's own figures put it under primary suppression (in any ámbito)."""
        rule = self.rule_of(clave)
        if rule == "conteo":
            return valor is not None and 0 < valor < self.count_below
        if rule == "razón":
            return denominador is not None and 0 < denominador < self.denominator_below
        return False

    def small_cell(self, count: float | None) -> bool:
        """Whether a fact cell's count puts it under primary suppression."""
        return count is not None and 0 < count < self.count_below


def _texts(codes: dict[str, str]) -> dict[str, str]:
    return {code: " ".join(text.split()) for code, text in codes.items()}


def _magnitude(code: str, spec: dict[str, Any]) -> Magnitude:
    return Magnitude(
        code,
        spec["suma"],
        spec.get("no_mayor_que"),
        spec["descripcion"],
        at_least_one=bool(spec.get("al_menos_uno", False)),
        integral=not spec.get("fraccionaria", False),
    )


def _parts(clave: str, spec: dict[str, Any]) -> IndicatorParts:
    return IndicatorParts(
        clave,
        spec.get("valor"),
        spec.get("numerador"),
        spec.get("denominador"),
        spec.get("protege"),
    )


def _catalog_parts(catalog_path: Path) -> dict[str, IndicatorParts]:
    """Each catalog entry's `divulgacion` (entries without it are never suppressed)."""
    entries = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))["indicadores"]
    return {
        e["clave"]: _parts(e["clave"], e[DISCLOSURE_KEY]) for e in entries if DISCLOSURE_KEY in e
    }


def _catalog_derived(catalog_path: Path) -> dict[str, DerivedFigure]:
    entries = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))["indicadores"]
    return {
        e["clave"]: DerivedFigure(
            e["clave"],
            e[DERIVED_DISCLOSURE_KEY]["magnitud"],
            tuple((int(o), int(t)) for o, t in e[DERIVED_DISCLOSURE_KEY]["periodos"]),
        )
        for e in entries
        if DERIVED_DISCLOSURE_KEY in e
    }


def read_declaration(
    path: Path = DECLARATION_PATH, catalog_path: Path = CATALOG_PATH
) -> Declaration:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules, cells = spec["reglas_primarias"], spec["celdas_matricula"]
    return Declaration(
        totals=tuple(spec["totales"]),
        total_cost_factor=float(spec["costo_de_ocultar_un_total"]),
        count_below=rules["conteo_menor_que"],
        denominator_below=rules["denominador_menor_que"],
        min_people_for_salaries=rules["sueldos_minimo_personas"],
        protection_level=float(spec["nivel_de_proteccion"]),
        status_codes=_texts(spec["estado_confidencialidad"]),
        internal_codes=_texts(spec["estado_interno"]),
        magnitudes={code: _magnitude(code, m) for code, m in spec["magnitudes"].items()},
        indicators=_catalog_parts(catalog_path),
        matricula_cells=FactCells(
            cells["tabla"],
            cells["conteo"],
            tuple(cells["llave"]),
            {m: dict(f) for m, f in cells["margenes"].items()},
            at_least_one=bool(cells.get("al_menos_uno", False)),
        ),
        not_published={
            table: " ".join(why.split()) for table, why in spec["no_publicadas"].items()
        },
        derived=_catalog_derived(catalog_path),
    )


@cache
def load_declaration() -> Declaration:
    return read_declaration()
