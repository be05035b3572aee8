"""docs/INDICATORS.md's indicator tables, generated from the catalog (models/indicadores.yml).

The page is hand-written except between its marker comments: each pair names a family, and the
generator writes there one row per indicator of that family (code, name, unit, ámbitos,
periodicity, formula), in the catalog's order. A family of the catalog without its pair of
markers, or a pair naming no family, is an error: the page must place every family.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipelines.core.config import PROJECT_ROOT
from pipelines.specs.indicator_catalog import Indicator, IndicatorCatalog, load_catalog

INDICATORS_DOC_PATH = PROJECT_ROOT / "docs" / "INDICATORS.md"
BEGIN = "<!-- tabla generada: familia {familia} (no editar: make generate) -->"
END = "<!-- fin de la tabla generada -->"
BLOCK = re.compile(
    r"<!-- tabla generada: familia (?P<familia>\S+) \(no editar: make generate\) -->\n"
    r".*?<!-- fin de la tabla generada -->",
    re.DOTALL,
)
COLUMNS = ("code", "name", "unit", "ámbitos", "periodicity", "formula")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _row(i: Indicator) -> str:
    values = (i.clave, i.nombre, i.unidad, ", ".join(i.ambitos), i.periodicidad, i.formula)
    return "| " + " | ".join(_cell(v) for v in values) + " |"


def family_table(catalog: IndicatorCatalog, familia: str) -> str:
    lines = [
        BEGIN.format(familia=familia),
        "| " + " | ".join(COLUMNS) + " |",
        "|" + " --- |" * len(COLUMNS),
        *(_row(i) for i in catalog.of_family(familia)),
        END,
    ]
    return "\n".join(lines)


class MissingFamilyTable(ValueError):
    pass


def render_indicator_doc(text: str, catalog: IndicatorCatalog | None = None) -> str:
    catalog = catalog or load_catalog()
    placed = [m.group("familia") for m in BLOCK.finditer(text)]
    missing = [f for f in catalog.familias if f not in placed]
    unknown = [f for f in placed if f not in catalog.familias]
    if missing or unknown or len(placed) != len(set(placed)):
        raise MissingFamilyTable(
            f"{INDICATORS_DOC_PATH}: cada familia de models/indicadores.yml necesita una tabla "
            f"entre {BEGIN.format(familia='<familia>')} y {END} (faltan: {missing}; "
            f"desconocidas: {unknown}; en el texto: {placed})"
        )
    return BLOCK.sub(lambda m: family_table(catalog, m.group("familia")), text)


def generated_indicator_doc(path: Path = INDICATORS_DOC_PATH) -> dict[Path, str]:
    return {path: render_indicator_doc(path.read_text(encoding="utf-8"))}
