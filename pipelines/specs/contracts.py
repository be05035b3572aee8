"""The extract contracts of models/contracts/*.yml, loaded once and asked by every stage.

Ingestion casts and checks with them, the dbt sources are described from them and the
Great Expectations suites are built from them: no column list is typed anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.config import EXTRACT_KINDS, MODELS_DIR

CONTRACTS_DIR = MODELS_DIR / "contracts"

# RENAPO's CURP pattern (docs/CONTRACTS.md); contracts refer to it by the name "curp". Digits are
# written [0-9], never \d: \d is any Unicode digit in Python and in polars, and a boleta of
# full-width or Arabic-Indic digits would pass as a second, different identifier.
CURP_PATTERN = (
    r"^[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[HM]"
    r"(AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)"
    r"[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9][0-9]$"
)
NAMED_PATTERNS = {"curp": CURP_PATTERN}

DUCKDB_TYPES = {"text": "VARCHAR", "date": "DATE", "integer": "INTEGER"}

# Lineage columns that every raw.<kind> table carries after the contract's own columns.
LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_carga_id", "VARCHAR"),
    ("_archivo", "VARCHAR"),
    ("_sha256", "VARCHAR"),
    ("_fila", "INTEGER"),
    ("_cargado_en", "TIMESTAMP"),
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = True
    values: tuple[str, ...] | None = None
    pattern: str | None = None
    min: float | None = None
    min_exclusive: bool = False  # the value must be greater than `min`, not equal to it
    max: float | None = None
    scale: int | None = None
    references: str | None = None
    pii: str | None = None
    pseudonym: str | None = None
    confidential: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def regex(self) -> str | None:
        return NAMED_PATTERNS.get(self.pattern, self.pattern) if self.pattern else None

    @property
    def free_text(self) -> bool:
        """Text that no code list, pattern or catalog constrains (e.g. plantilla.categoria)."""
        return (
            self.type == "text"
            and not self.pii
            and self.values is None
            and self.pattern is None
            and self.references is None
        )

    @property
    def duckdb_type(self) -> str:
        if self.type == "decimal":
            return f"DECIMAL(18,{self.scale or 2})"
        return DUCKDB_TYPES[self.type]

    @property
    def stored_name(self) -> str | None:
        """The column's name in raw.<kind>: its pseudonym, itself, or None when dropped."""
        if self.pii == "pseudonymise":
            return self.pseudonym
        if self.pii == "drop":
            return None
        return self.name


@dataclass(frozen=True)
class Contract:
    kind: str
    title: str
    description: str
    formats: tuple[str, ...]
    period_columns: tuple[str, ...]
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    rules: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    # What a new file replaces in raw.<kind>: the rows of its period ("period"), or the earlier
    # rows of the same file name ("file", for an extract that is not partitioned by period).
    replaced_by: str = "period"
    duplicate_key_reason: str | None = None  # the rejection of a key seen earlier in the file

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.kind}: no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def stored_columns(self) -> tuple[tuple[str, str], ...]:
        """(name, DuckDB type) of raw.<kind>: PII replaced or dropped, lineage appended."""
        own = tuple(
            (c.stored_name, "VARCHAR" if c.pii else c.duckdb_type)
            for c in self.columns
            if c.stored_name
        )
        return own + LINEAGE_COLUMNS

    @property
    def pii_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.pii)

    def rules_named(self, name: str) -> list[dict[str, Any]]:
        return [r for r in self.rules if r["rule"] == name]

    @property
    def replaced_by_file(self) -> bool:
        return self.replaced_by == "file"

    @property
    def stored_key(self) -> tuple[str, ...]:
        """The key unique in raw.<kind>: per file when files do not replace one another."""
        return (*self.key, "_archivo") if self.replaced_by_file else self.key


def _column_from_yaml(spec: dict[str, Any]) -> Column:
    spec = dict(spec)
    for listed in ("values", "aliases"):
        if listed in spec:
            spec[listed] = tuple(str(v) for v in spec[listed])
    return Column(**spec)


def read_contract(path: Path) -> Contract:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Contract(
        kind=spec["kind"],
        title=spec["title"],
        description=" ".join(spec["description"].split()),
        formats=tuple(spec["formats"]),
        period_columns=tuple(spec["period_columns"]),
        key=tuple(spec["key"]),
        columns=tuple(_column_from_yaml(c) for c in spec["columns"]),
        rules=tuple(spec.get("rules", ())),
        replaced_by=_replaced_by(spec, path),
        duplicate_key_reason=spec.get("duplicate_key_reason"),
    )


def _replaced_by(spec: dict[str, Any], path: Path) -> str:
    replaced_by = str(spec.get("replaced_by", "period"))
    if replaced_by not in ("period", "file"):
        raise ValueError(f"{path}: replaced_by debe ser period o file (es {replaced_by!r})")
    if replaced_by == "period" and not spec["period_columns"]:
        raise ValueError(f"{path}: un extracto sin period_columns se reemplaza por archivo")
    return replaced_by


@cache
def load_contract(kind: str) -> Contract:
    path = CONTRACTS_DIR / f"{kind}.yml"
    if not path.exists():
        raise KeyError(f"no contract for extract kind {kind!r} (expected {path})")
    return read_contract(path)


def all_contracts() -> dict[str, Contract]:
    return {kind: load_contract(kind) for kind in EXTRACT_KINDS}
