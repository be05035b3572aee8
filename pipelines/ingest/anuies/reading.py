"""Read an ANUIES yearbook file into a Yearbook: its program rows, its total rows, its ciclo.

The ciclo (`2017-2018`) is read from the file's content first: the title lines above the header,
then the footer notes ("... al inicio del ciclo escolar 2017-2018."); the file name only when the
content names none, as for every SIIE extract the period comes from the content. A file name that
disagrees is a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
from polars.datatypes import DataTypeClass

from pipelines.ingest.anuies.grid import read_grid
from pipelines.ingest.anuies.layout import Layout, find_layout
from pipelines.ingest.anuies.rows import ParsedRows, parse_rows
from pipelines.ingest.anuies.spec import YearbookError, YearbookSpec, load_spec
from pipelines.ingest.anuies.yearbook import Yearbook

CICLO = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2}|\d{2})(?!\d)")


PolarsType = DataTypeClass | pl.DataType


def read_yearbook(path: Path, sheet: str | None = None) -> Yearbook:
    """The yearbook in `path` (XLSX, first sheet unless `sheet`; or CSV, UTF-8 or Windows-1252)."""
    path = Path(path)
    spec = load_spec()
    grid = read_grid(path, sheet)
    layout = find_layout(grid.rows, spec, path)
    parsed = parse_rows(grid.rows, layout, spec, path)
    titles = [" ".join(t for t in row if t) for row in grid.rows[: layout.header_index]]
    ciclo, ciclo_warnings = decide_ciclo(titles, parsed.notas, path)
    return Yearbook(
        archivo=path,
        ciclo=ciclo,
        programas=_programas_frame(parsed, layout, spec),
        totales=_totales_frame(parsed, layout, spec),
        advertencias=[*layout.warnings, *parsed.advertencias, *ciclo_warnings],
        formato=grid.formato,
        codificacion=grid.codificacion,
        fila_encabezado=layout.header_fila,
        medidas=tuple(m.column for m in layout.measures),
    )


def ciclos_in(text: str) -> set[str]:
    """`'ciclo escolar 2017-2018'`, `'2017-18'` → {'2017-2018'}; only consecutive years count."""
    found = set()
    for start, end in CICLO.findall(text):
        end_year = int(end) if len(end) == 4 else int(start[:2] + end)
        if end_year == int(start) + 1:
            found.add(f"{start}-{end_year}")
    return found


def decide_ciclo(titles: list[str], notes: list[str], path: Path) -> tuple[str, list[str]]:
    sources = [
        ("las líneas de título", ciclos_in(" | ".join(titles))),
        ("el pie del archivo", ciclos_in(" | ".join(notes))),
        ("el nombre del archivo", ciclos_in(path.name)),
    ]
    named = [(where, found) for where, found in sources if found]
    if not named:
        raise YearbookError(
            path,
            "no se encontró el ciclo: se esperaba un ciclo AAAA-AAAA (p. ej. "
            "2017-2018) en las líneas de título, en el pie o en el nombre del archivo",
        )
    where, found = named[0]
    if len(found) > 1:
        raise YearbookError(
            path,
            f"{where} mencionan más de un ciclo ({', '.join(sorted(found))}); se esperaba uno solo",
        )
    ciclo = found.pop()
    warnings = [
        f"{other} dice {', '.join(sorted(values))} pero {where} dice {ciclo}; se usa {ciclo}"
        for other, values in named[1:]
        if values != {ciclo}
    ]
    return ciclo, warnings


def _label_schema(spec: YearbookSpec) -> dict[str, PolarsType]:
    """Every hierarchy level, present or not (escuela is NULL when the layout has no school column),
    so that the frames keep one shape from year to year."""
    return {f.column: pl.String for f in spec.hierarchy}


def _measure_schema(layout: Layout) -> dict[str, PolarsType]:
    return {m.column: pl.Int64 for m in layout.measures}


def _programas_frame(parsed: ParsedRows, layout: Layout, spec: YearbookSpec) -> pl.DataFrame:
    schema: dict[str, PolarsType] = {
        "fila": pl.Int32,
        **_label_schema(spec),
        "programa": pl.String,
        **{f.column: pl.String for f in layout.classifiers},
        **_measure_schema(layout),
    }
    return pl.DataFrame(parsed.programas, schema=schema)


def _totales_frame(parsed: ParsedRows, layout: Layout, spec: YearbookSpec) -> pl.DataFrame:
    schema: dict[str, PolarsType] = {
        "fila": pl.Int32,
        "nivel_total": pl.String,
        **_label_schema(spec),
        **_measure_schema(layout),
    }
    return pl.DataFrame(parsed.totales, schema=schema)
