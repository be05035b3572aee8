"""The indicator catalog (models/indicadores.yml): code, name, formula, unit, source, ámbitos."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.config import AMBITOS as AMBITOS  # re-exported: every ámbito an entry may name
from pipelines.core.config import MODELS_DIR, SettingsError

CATALOG_PATH = MODELS_DIR / "indicadores.yml"
UNITS = ("alumnos", "personas", "porcentaje", "razón", "pesos")
PERIODICITIES = ("periodo escolar", "año", "mes", "ciclo")
# How a figure is judged against a target of the plan (docs/EVALUATION.md): more is better, less is
# better, or no target is accepted.
ASCENDING, DESCENDING, NEUTRAL = "ascendente", "descendente", "neutral"
SENSES = (ASCENDING, DESCENDING, NEUTRAL)
# An entry's `divulgacion:` (which magnitude each column publishes) is the disclosure
# declaration's, read by pipelines.specs.disclosure; the catalog itself does not keep it.
DISCLOSURE_KEY = "divulgacion"
# An entry's `divulgacion_derivada:` (a figure computed from a protected magnitude of other
# periods, published only where those are) is the disclosure declaration's too.
DERIVED_DISCLOSURE_KEY = "divulgacion_derivada"


@dataclass(frozen=True)
class Indicator:
    clave: str
    nombre: str
    formula: str
    unidad: str
    fuente: tuple[str, ...]
    ambitos: tuple[str, ...]
    periodicidad: str
    familia: str
    sentido: str  # one of SENSES
    numerador: str | None = None  # a ratio's terms, as published in indicadores
    denominador: str | None = None
    # (extract kind, n): a cell of period p also reads that kind's periods p+1 … p+n
    periodos_posteriores: tuple[tuple[str, int], ...] = ()

    def periods_ahead(self, kind: str) -> int:
        return dict(self.periodos_posteriores).get(kind, 0)

    @property
    def takes_targets(self) -> bool:
        return self.sentido in (ASCENDING, DESCENDING)


@dataclass(frozen=True)
class IndicatorCatalog:
    familias: dict[str, str]
    notacion: str
    indicadores: tuple[Indicator, ...]

    def of_family(self, familia: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicadores if i.familia == familia)

    def by_code(self) -> dict[str, Indicator]:
        return {i.clave: i for i in self.indicadores}


def _indicator(spec: dict[str, Any]) -> Indicator:
    spec = {k: v for k, v in spec.items() if k not in (DISCLOSURE_KEY, DERIVED_DISCLOSURE_KEY)}
    spec["fuente"], spec["ambitos"] = tuple(spec["fuente"]), tuple(spec["ambitos"])
    spec["periodos_posteriores"] = tuple(spec.get("periodos_posteriores", {}).items())
    spec["formula"] = " ".join(spec["formula"].split())
    if spec.get("sentido") not in SENSES:
        raise ValueError(
            f"models/indicadores.yml, {spec['clave']}: sentido debe ser uno de {', '.join(SENSES)}"
            f" (es {spec.get('sentido')!r})"
        )
    return Indicator(**spec)


def read_catalog(path: Path = CATALOG_PATH) -> IndicatorCatalog:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    return IndicatorCatalog(
        familias=dict(spec["familias"]),
        notacion=" ".join(spec["notacion"].split()),
        indicadores=tuple(_indicator(i) for i in spec["indicadores"]),
    )


@cache
def load_catalog() -> IndicatorCatalog:
    return read_catalog()


def check_explained_cells(cells: tuple[tuple[str, ...], ...]) -> None:
    """Each cell of SIIE_INFORME_EXPLICAR names an indicator of the catalog, in one of its
    ámbitos (the form CLAVE:AMBITO[:CLAVE_AMBITO] is checked with the other settings)."""
    ambitos = {i.clave: i.ambitos for i in load_catalog().indicadores}
    wrong = [
        ":".join(cell)
        + (
            " (indicador desconocido)"
            if cell[0] not in ambitos
            else f" (se publica por {', '.join(ambitos[cell[0]])})"
        )
        for cell in cells
        if cell[1] not in ambitos.get(cell[0], ())
    ]
    if wrong:
        raise SettingsError(
            f"SIIE_INFORME_EXPLICAR no es válido: {'; '.join(wrong)}; las claves de los "
            "indicadores y sus ámbitos están en models/indicadores.yml"
        )
