"""The yearbook's data rows: hierarchy forward-filled, totals told from programs, counts parsed.

How the rows are told apart (as ANUIES writes them, 2017-2018):
- a program row has a program name;
- a total row has no program name but has figures; it is the total of the OUTERMOST level whose
  label it writes (the first state row also repeats its first municipality and institution:
  those deeper labels are ignored, with a warning); a label in the ENTIDAD column whose first
  word is TOTAL ("Total general") is the grand total, NACIONAL;
- a row with labels but no figures only sets the labels; after the grand total, a row without
  figures is a footer note (source, notes) and is kept only as text (the ciclo is read from it);
- a blank label means "same as above"; writing a label clears the labels of the levels inside it.
Counts: integers, with or without thousands separators; `--` (the yearbook's "the information
does not exist") and an empty cell are NULL, never 0: ANUIES writes zeros explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingest.anuies.grid import Row, column_letter
from pipelines.ingest.anuies.layout import Layout, describe_row
from pipelines.ingest.anuies.spec import YearbookError, YearbookSpec, name_key

COUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
SHOWN_ERRORS = 5
NACIONAL = "NACIONAL"


@dataclass
class ParsedRows:
    programas: list[dict] = field(default_factory=list)
    totales: list[dict] = field(default_factory=list)
    notas: list[str] = field(default_factory=list)
    advertencias: list[str] = field(default_factory=list)


def parse_count(text: str | None, no_data: frozenset[str]) -> int | None:
    """`'1,234'`, `'1 234'`, `'1234.0'` → 1234; `None`, `'--'` → None; anything else ValueError."""
    if text is None or text in no_data:
        return None
    compact = re.sub(r"\.0+$", "", re.sub(r"[\s\u202f']", "", text))
    if not COUNT.match(compact):
        raise ValueError(text)
    return int(compact.replace(",", ""))


class _RowReader:
    def __init__(self, layout: Layout, spec: YearbookSpec, path: Path):
        self.layout, self.spec, self.path = layout, spec, path
        self.labels: dict[str, str | None] = {f.column: None for f in spec.hierarchy}
        self.classes: dict[str, str | None] = {f.column: None for f in layout.classifiers}
        self.grand_total_fila: int | None = None
        self.out = ParsedRows()
        self.bad_cells: list[str] = []
        self.null_cells = {"vacías": 0, "sin dato (--)": 0}
        self.deep_label_rows: list[int] = []
        self.label_only_rows: list[int] = []

    def cell(self, row: Row, column: str) -> str | None:
        j = self.layout.columns.get(column)
        return row[j] if j is not None and j < len(row) else None

    def read(self, rows: list[Row]) -> ParsedRows:
        for index in range(self.layout.header_index + 1, len(rows)):
            if any(rows[index]):
                self.read_row(rows[index], index + 1)
        self.finish()
        return self.out

    def read_row(self, row: Row, fila: int) -> None:
        program = self.cell(row, self.spec.program.column)
        written = {f.column: self.cell(row, f.column) for f in self.layout.hierarchy}
        has_figures = any(self.cell(row, m.column) is not None for m in self.layout.measures)
        if program is None and not has_figures:
            if self.grand_total_fila is not None or not any(written.values()):
                self.out.notas.append(" ".join(text for text in row if text))
            else:
                self.label_only_rows.append(fila)
                self.write_labels(written)
            return
        self.check_unheaded(row, fila)
        counts = self.counts(row, fila, is_program=program is not None)
        if program is not None:
            self.add_program(row, fila, program, written, counts)
        else:
            self.add_total(row, fila, written, counts)

    def write_labels(self, written: dict[str, str | None], only_outermost: bool = False) -> None:
        levels = [f.column for f in self.spec.hierarchy]
        for k, column in enumerate(levels):
            if written.get(column) is None:
                continue
            self.labels[column] = written[column]
            for inner in levels[k + 1 :]:
                self.labels[inner] = None
            self.classes = dict.fromkeys(self.classes)
            if only_outermost:
                return

    def add_program(self, row: Row, fila: int, program: str, written: dict, counts: dict) -> None:
        self.write_labels(written)
        missing = [
            f.headers[0]
            for f in self.spec.hierarchy
            if not f.optional and self.labels[f.column] is None
        ]
        if missing:
            raise YearbookError(
                self.path,
                f"fila {fila}: el programa {program!r} no tiene "
                f"{', '.join(missing)} (ni en la fila ni en las de arriba); "
                "se esperaba que un total o una etiqueta anterior la escribiera",
            )
        for f in self.layout.classifiers:
            self.classes[f.column] = self.cell(row, f.column) or self.classes[f.column]
        self.out.programas.append(
            {"fila": fila, **self.labels, "programa": program, **self.classes, **counts}
        )

    def add_total(self, row: Row, fila: int, written: dict, counts: dict) -> None:
        entidad = written.get("entidad")
        first_word = (name_key(entidad or "").split() or [""])[0]
        if first_word in self.spec.grand_total_words:
            self.add_grand_total(fila, counts)
            return
        level = next((f for f in self.layout.hierarchy if written[f.column] is not None), None)
        if level is None:
            raise YearbookError(
                self.path,
                f"fila {fila}: tiene cifras pero ni programa ni entidad, municipio o institución; "
                f"se esperaba una fila de total o de programa; se encontró: {describe_row(row)}",
            )
        depth = self.spec.hierarchy.index(level)
        if any(written.get(f.column) for f in self.spec.hierarchy[depth + 1 :]):
            self.deep_label_rows.append(fila)
        self.write_labels(written, only_outermost=True)
        self.out.totales.append({"fila": fila, "nivel_total": level.level, **self.labels, **counts})

    def add_grand_total(self, fila: int, counts: dict) -> None:
        if self.grand_total_fila is not None:
            raise YearbookError(
                self.path,
                f"fila {fila}: segundo total general (el primero está en la fila "
                f"{self.grand_total_fila}); se esperaba uno solo",
            )
        self.grand_total_fila = fila
        self.labels = dict.fromkeys(self.labels)
        self.out.totales.append({"fila": fila, "nivel_total": NACIONAL, **self.labels, **counts})

    def counts(self, row: Row, fila: int, is_program: bool) -> dict[str, int | None]:
        counts = {}
        for m in self.layout.measures:
            text = self.cell(row, m.column)
            try:
                counts[m.column] = parse_count(text, self.spec.no_data)
            except ValueError:
                letter = column_letter(self.layout.columns[m.column])
                self.bad_cells.append(f"fila {fila}, columna {letter} ({m.header}): {text!r}")
                counts[m.column] = None
                continue
            if is_program and counts[m.column] is None:
                self.null_cells["vacías" if text is None else "sin dato (--)"] += 1
        return counts

    def check_unheaded(self, row: Row, fila: int) -> None:
        known = set(self.layout.columns.values()) | self.layout.ignored
        for j, text in enumerate(row):
            if text is not None and j not in known:
                raise YearbookError(
                    self.path,
                    f"fila {fila}, columna {column_letter(j)}: valor {text!r} en una columna "
                    f"sin encabezado (encabezado en la fila {self.layout.header_fila}); "
                    "se esperaban datos sólo bajo columnas con nombre: ¿columnas desplazadas?",
                )

    def finish(self) -> None:
        if self.bad_cells:
            shown = "; ".join(self.bad_cells[:SHOWN_ERRORS])
            more = (
                f" (y {len(self.bad_cells) - SHOWN_ERRORS} más)"
                if len(self.bad_cells) > SHOWN_ERRORS
                else ""
            )
            raise YearbookError(
                self.path,
                f"celdas de cifras que no son enteros: {len(self.bad_cells)}; se esperaba un "
                f"entero ≥ 0 (con o sin separador de miles) o '--'; se encontró: {shown}{more}",
            )
        if not self.out.programas:
            raise YearbookError(
                self.path,
                f"no tiene filas de programa bajo el encabezado (fila {self.layout.header_fila})",
            )
        self.warn()

    def warn(self) -> None:
        warn = self.out.advertencias.append
        for kind, n in self.null_cells.items():
            if n:
                warn(f"{n} celdas de cifras {kind} en filas de programa; se dejan nulas (no 0)")
        if self.deep_label_rows:
            warn(
                f"{len(self.deep_label_rows)} filas de total escriben también etiquetas de niveles "
                "interiores, que se ignoran (total del nivel más "
                f"externo): filas {_few(self.deep_label_rows)}"
            )
        if self.label_only_rows:
            warn(
                f"{len(self.label_only_rows)} filas con etiquetas "
                f"y sin cifras: filas {_few(self.label_only_rows)}"
            )
        if self.grand_total_fila is None:
            warn("el archivo no trae total general; el total nacional no se puede conciliar")


def _few(filas: list[int]) -> str:
    return ", ".join(map(str, filas[:10])) + (" …" if len(filas) > 10 else "")


def parse_rows(rows: list[Row], layout: Layout, spec: YearbookSpec, path: Path) -> ParsedRows:
    return _RowReader(layout, spec, path).read(rows)
