"""What an ANUIES yearbook looks like (models/anuies.yml), and the error for a file that does
not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.config import MODELS_DIR
from pipelines.ingest.errors import ExtractError
from pipelines.ingest.reading import normalise_header

SPEC_PATH = MODELS_DIR / "anuies.yml"


class YearbookError(ExtractError):
    """The file is not a yearbook SIIE can read; the message names the file, what was expected
    and what was found (row and column where it applies)."""


def header_key(text: str) -> str:
    """`'Programa de Estudios'`, `'PROGRAMADEESTUDIOS'` → `programadeestudios`."""
    return re.sub(r"[^a-z0-9]", "", normalise_header(text))


def name_key(text: str) -> str:
    """`'Instituto Politécnico Nacional (IPN)'` → `INSTITUTO POLITECNICO NACIONAL IPN`."""
    return " ".join(re.sub(r"[^A-Z0-9]", " ", normalise_header(text).upper()).split())


@dataclass(frozen=True)
class Field:
    """A label column: a hierarchy level, the program, or a program classifier."""

    column: str
    headers: tuple[str, ...]
    level: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Measure:
    column: str  # matricula_total
    header: str  # Matrícula Total
    required: bool


@dataclass(frozen=True)
class YearbookSpec:
    header_start: str
    hierarchy: tuple[Field, ...]
    program: Field
    classifiers: tuple[Field, ...]
    measures: tuple[Measure, ...]
    no_data: frozenset[str]
    grand_total_words: frozenset[str]
    ipn_names: tuple[str, ...]
    ipn_suffixes: tuple[str, ...]
    ipn_exclude: tuple[str, ...]

    @property
    def label_fields(self) -> tuple[Field, ...]:
        return (*self.hierarchy, self.program, *self.classifiers)

    @property
    def required_measures(self) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if m.required)

    def column_for_header(self) -> dict[str, str]:
        """header_key(any accepted header) → column name."""
        keys = {header_key(h): f.column for f in self.label_fields for h in f.headers}
        keys.update({header_key(m.header): m.column for m in self.measures})
        return keys

    def header_of(self, column: str) -> str:
        for f in self.label_fields:
            if f.column == column:
                return f.headers[0]
        return next(m.header for m in self.measures if m.column == column)


def _field(entry: dict[str, Any]) -> Field:
    return Field(
        column=entry["columna"],
        headers=tuple(entry["encabezados"]),
        level=entry.get("nivel"),
        optional=bool(entry.get("opcional", False)),
    )


def _measures(raw: dict[str, Any]) -> tuple[Measure, ...]:
    return tuple(
        Measure(
            column=f"{m['columna']}_{d['sufijo']}",
            header=f"{m['encabezado']} {d['encabezado']}",
            required=bool(d["obligatorio"]),
        )
        for d in raw["desgloses"]
        for m in raw["medidas"]
    )


@cache
def load_spec(path: Path = SPEC_PATH) -> YearbookSpec:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    ipn = raw["ipn"]
    return YearbookSpec(
        header_start=raw["inicio_encabezado"],
        hierarchy=tuple(_field(e) for e in raw["jerarquia"]),
        program=_field({**raw["programa"], "nivel": "PROGRAMA"}),
        classifiers=tuple(_field(e) for e in raw["clasificadores"]),
        measures=_measures(raw),
        no_data=frozenset(str(v).strip() for v in raw["sin_dato"]),
        grand_total_words=frozenset(name_key(w) for w in raw["total_general"]),
        ipn_names=tuple(name_key(n) for n in ipn["nombres"]),
        ipn_suffixes=tuple(name_key(n) for n in ipn["sufijos"]),
        ipn_exclude=tuple(name_key(n) for n in ipn["excluir"]),
    )
