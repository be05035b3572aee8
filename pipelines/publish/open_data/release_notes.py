"""Release notes (notas_de_version.md and .csv): what changed from the previous published
version — periods added, the source files behind the change, figures revised (old → new),
figures newly hidden or newly shown.

Both versions are read from their published files. A newly hidden figure is listed with its mark
only, never with the value it had before: the notes add no figure to what is published.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import duckdb

from pipelines.publish.open_data.sdmx_csv import number_text
from pipelines.specs.disclosure import CONFIDENTIAL, FREE

LISTED_SCOPES = ("IPN", "NIVEL")  # revisions listed one by one; the rest counted per indicator
KEY = ("clave_indicador", "periodo", "ambito", "clave_ambito")
FIGURES = ("valor", "numerador", "denominador")
WHY_HIDDEN = (
    "Control de divulgación: con los datos de esta versión la cifra, o una que permitiría "
    "deducirla, corresponde a pocas personas."
)
WHY_SHOWN = "Con los datos de esta versión la cifra ya no necesita protección."


@dataclass
class Change:
    tipo: str
    tabla: str = ""
    clave_indicador: str = ""
    periodo: str = ""
    ambito: str = ""
    clave_ambito: str = ""
    valor_anterior: str = ""
    valor_nuevo: str = ""
    estado_anterior: str = ""
    estado_nuevo: str = ""
    cuantas: str = ""
    detalle: str = ""


COLUMNS = [f.name for f in fields(Change)]


def _cells(con: duckdb.DuckDBPyConnection) -> dict[tuple, tuple]:
    rows = con.execute(
        f"SELECT {', '.join(KEY)}, {', '.join(FIGURES)}, estado_confidencialidad FROM indicadores"
    ).fetchall()
    return {row[:4]: row[4:] for row in rows}


def _files(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """sha256 → file name of the source files of the version (its manifest)."""
    row = con.execute("SELECT archivos FROM manifest ORDER BY version DESC LIMIT 1").fetchone()
    listed = json.loads(row[0]) if row and row[0] else []
    return {f["sha256"]: f["archivo"] for f in listed}


def _text(value: object) -> str:
    return number_text(value) or ""  # type: ignore[arg-type]


def _cell_change(key: tuple, old: tuple, new: tuple) -> Change | None:
    old_mark, new_mark = old[-1], new[-1]
    base = dict(zip(KEY, key, strict=True))
    if old_mark != CONFIDENTIAL and new_mark == CONFIDENTIAL:
        return Change("cifra_oculta", "indicadores", **base, estado_anterior=old_mark or "",
                      estado_nuevo=CONFIDENTIAL, detalle=WHY_HIDDEN)  # fmt: skip
    if old_mark == CONFIDENTIAL and new_mark != CONFIDENTIAL:
        return Change("cifra_mostrada", "indicadores", **base, valor_nuevo=_text(new[0]),
                      estado_anterior=CONFIDENTIAL, estado_nuevo=new_mark or FREE,
                      detalle=WHY_SHOWN)  # fmt: skip
    if new_mark != CONFIDENTIAL and old[:3] != new[:3]:
        return Change("cifra_revisada", "indicadores", **base, valor_anterior=_text(old[0]),
                      valor_nuevo=_text(new[0]), estado_anterior=old_mark or "",
                      estado_nuevo=new_mark or "")  # fmt: skip
    return None


def _file_changes(new: dict[str, str], old: dict[str, str]) -> list[Change]:
    """Source files (by sha256) the new version has and the old one had not, and the reverse."""
    added = [Change("archivo_nuevo", detalle=new[h]) for h in sorted(new.keys() - old.keys())]
    gone = [Change("archivo_retirado", detalle=old[h]) for h in sorted(old.keys() - new.keys())]
    return added + gone


def _revision_line(c: Change) -> str:
    return f"- {_cell_name(c)}: {_or_empty(c.valor_anterior)} → {_or_empty(c.valor_nuevo)}"


def release_changes(
    new: duckdb.DuckDBPyConnection, old: duckdb.DuckDBPyConnection | None
) -> list[Change]:
    """Every change, in the order the notes list them."""
    if old is None:
        return []
    new_cells, old_cells = _cells(new), _cells(old)
    old_periods = {key[1] for key in old_cells}
    changes = [
        Change("periodo_agregado", "indicadores", periodo=p)
        for p in sorted({key[1] for key in new_cells} - old_periods)
    ]
    changes += _file_changes(_files(new), _files(old))
    cell_changes = [
        change
        for key in sorted(new_cells.keys() & old_cells.keys())
        if (change := _cell_change(key, old_cells[key], new_cells[key]))
    ]
    counts = Counter(c.clave_indicador for c in cell_changes if c.tipo == "cifra_revisada")
    changes += [c for c in cell_changes if c.tipo != "cifra_revisada" or c.ambito in LISTED_SCOPES]
    changes += [
        Change("revisiones_por_indicador", "indicadores", clave_indicador=k, cuantas=str(n))
        for k, n in sorted(counts.items())
    ]
    return changes


def write_notes_csv(changes: list[Change], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(c) for c in changes)


def _lines(changes: list[Change], kind: str) -> list[Change]:
    return [c for c in changes if c.tipo == kind]


def _cell_name(c: Change) -> str:
    return f"{c.clave_indicador} · {c.periodo} · {c.ambito} {c.clave_ambito}"


def _or_empty(value: str) -> str:
    return value or "vacía"


def notes_markdown(changes: list[Change], version: int, previous: int | None) -> str:
    title = f"# Notas de la versión {version}\n"
    if previous is None:
        return title + (
            "\nEs la primera versión publicada (o la anterior ya no se conserva): no hay con qué "
            "compararla.\n"
        )
    out = [title, f"Cambios respecto de la versión {previous}.\n"]
    sections = [
        ("Periodos agregados", "periodo_agregado", lambda c: f"- {c.periodo}"),
        ("Archivos nuevos de los que sale el cambio", "archivo_nuevo",
         lambda c: f"- `{c.detalle}`"),
        ("Archivos que ya no forman parte", "archivo_retirado", lambda c: f"- `{c.detalle}`"),
        ("Cifras revisadas del IPN y de los niveles (anterior → nueva)", "cifra_revisada",
         _revision_line),
        ("Cifras revisadas por indicador (todos los ámbitos)", "revisiones_por_indicador",
         lambda c: f"- {c.clave_indicador}: {c.cuantas}"),
        ("Cifras que ahora se ocultan (marca C)", "cifra_oculta",
         lambda c: f"- {_cell_name(c)}: {c.estado_anterior} → C"),
        ("Cifras que ahora se muestran", "cifra_mostrada",
         lambda c: f"- {_cell_name(c)}: C → {c.valor_nuevo or 'vacía'}"),
    ]  # fmt: skip
    for heading, kind, line in sections:
        listed = _lines(changes, kind)
        out.append(f"\n## {heading} ({len(listed)})\n")
        out += [line(c) for c in listed] or ["- Ninguno."]
        if kind == "cifra_oculta" and listed:
            out.append(f"\nPor qué: {WHY_HIDDEN} No se publica su valor anterior.")
        if kind == "cifra_mostrada" and listed:
            out.append(f"\nPor qué: {WHY_SHOWN}")
    return "\n".join(out) + "\n"


def write_notes_markdown(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")
