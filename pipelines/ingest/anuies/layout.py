"""Where the yearbook's header is and which column holds what, found by content, never by position.

The header row is the first row whose first non-empty cell reads `ENTIDAD FEDERATIVA`; columns
are mapped by header name (case, accents, spaces and punctuation ignored), so a column moved or
an empty column inserted is harmless, while a missing or renamed column rejects the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingest.anuies.grid import Row, column_letter
from pipelines.ingest.anuies.spec import Field, Measure, YearbookError, YearbookSpec, header_key

SHOWN_CELLS = 10


@dataclass
class Layout:
    header_index: int  # grid row index; the spreadsheet row is header_index + 1
    columns: dict[str, int]  # column name → grid column index
    hierarchy: tuple[Field, ...]  # levels present, outermost first
    classifiers: tuple[Field, ...]  # program classifiers present
    measures: tuple[Measure, ...]  # measures present, the required ones first
    ignored: set[int] = field(default_factory=set)  # columns with an unknown header
    warnings: list[str] = field(default_factory=list)

    @property
    def header_fila(self) -> int:
        return self.header_index + 1


def find_layout(rows: list[Row], spec: YearbookSpec, path: Path) -> Layout:
    index = _header_index(rows, spec, path)
    columns, ignored, warnings = _map_columns(rows[index], index + 1, spec, path)
    return Layout(
        header_index=index,
        columns=columns,
        hierarchy=tuple(f for f in spec.hierarchy if f.column in columns),
        classifiers=tuple(f for f in spec.classifiers if f.column in columns),
        measures=tuple(m for m in spec.measures if m.column in columns),
        ignored=ignored,
        warnings=warnings,
    )


def describe_row(row: Row) -> str:
    cells = [f"{column_letter(j)}={text!r}" for j, text in enumerate(row) if text is not None]
    shown = ", ".join(cells[:SHOWN_CELLS])
    return shown + (f" … (+{len(cells) - SHOWN_CELLS} celdas)" if len(cells) > SHOWN_CELLS else "")


def _header_index(rows: list[Row], spec: YearbookSpec, path: Path) -> int:
    wanted = header_key(spec.header_start)
    for index, row in enumerate(rows):
        first = next((text for text in row if text is not None), None)
        if first is not None and header_key(first) == wanted:
            return index
    first_filled = next(((i, row) for i, row in enumerate(rows) if any(row)), None)
    if first_filled is None:
        found = "el archivo no tiene ninguna celda con datos"
    else:
        i, row = first_filled
        found = f"la primera fila con datos (fila {i + 1}) dice: {describe_row(row)}"
    raise YearbookError(
        path,
        "no es un anuario ANUIES: se esperaba una fila de encabezado cuya primera celda fuera "
        f"{spec.header_start!r}, y no hay ninguna; {found}",
    )


def _map_columns(
    header: Row, fila: int, spec: YearbookSpec, path: Path
) -> tuple[dict[str, int], set[int], list[str]]:
    known = spec.column_for_header()
    columns: dict[str, int] = {}
    ignored: set[int] = set()
    warnings: list[str] = []
    last = max(j for j, text in enumerate(header) if text is not None)
    for j, text in enumerate(header):
        letter = column_letter(j)
        if text is None:
            if j < last:
                warnings.append(
                    f"columna {letter} sin encabezado (fila {fila}); se ignora si está vacía"
                )
            continue
        column = known.get(header_key(text))
        if column is None:
            ignored.add(j)
            warnings.append(f"columna {letter} {text!r} no reconocida (fila {fila}); se ignora")
        elif column in columns:
            raise YearbookError(
                path,
                f"fila {fila}: la columna {spec.header_of(column)!r} aparece dos veces "
                f"(columnas {column_letter(columns[column])} y {letter}); se esperaba una sola",
            )
        else:
            columns[column] = j
    _require(columns, ignored, header, fila, spec, path)
    return columns, ignored, warnings


def _require(
    columns: dict[str, int],
    ignored: set[int],
    header: Row,
    fila: int,
    spec: YearbookSpec,
    path: Path,
) -> None:
    required = [f for f in (*spec.hierarchy, spec.program) if not f.optional]
    missing = [f.headers[0] for f in required if f.column not in columns]
    missing += [m.header for m in spec.required_measures if m.column not in columns]
    if not missing:
        return
    unknown = ", ".join(f"{column_letter(j)}={header[j]!r}" for j in sorted(ignored))
    raise YearbookError(
        path,
        f"encabezado de la fila {fila}: faltan las columnas {', '.join(repr(m) for m in missing)}"
        + (f" (no reconocidas: {unknown}; ¿columna renombrada?)" if unknown else "")
        + f"; se encontró: {describe_row(header)}",
    )
