"""Plant bad rows in every file and record where each one lands.

About 1% of each file (never 3%: ingestion rejects a whole file above 5%) is made of extra
rows, each with exactly one defect (defects.py). The defects of a kind are dealt round-robin
across its files, so every defect appears in the sample as soon as there are enough bad rows.
Rows are placed at random positions (a duplicate after the row it copies); `fila` is the row
number a person sees, with the header as row 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from sample_extracts.budget import budget_key, candidate_keys
from sample_extracts.catalogs import Catalogs
from sample_extracts.defects import Context, FreshIds, Variant
from sample_extracts.defects_budget import presupuesto_variants
from sample_extracts.defects_school import matricula_variants, trayectoria_variants
from sample_extracts.defects_staff import plantilla_variants
from sample_extracts.layout import FileSlice
from sample_extracts.render import FileStyle, render_rows
from sample_extracts.rng import stream

BAD_SHARE = (0.006, 0.014)  # share of bad rows drawn per file
MAX_SHARE = 0.03
VARIANTS = {
    "matricula": matricula_variants,
    "trayectoria": trayectoria_variants,
    "plantilla": plantilla_variants,
    "presupuesto": presupuesto_variants,
}
BAD_ROW_SCHEMA = {
    "kind": pl.String,
    "archivo": pl.String,
    "fila": pl.Int32,
    "columna": pl.String,
    "defecto": pl.String,
    "valor": pl.String,
}


@dataclass(frozen=True)
class SampleFile:
    """A file of the sample, ready to write: every cell as text, in file order."""

    kind: str
    name: str
    style: FileStyle
    periodo: str
    rows: pl.DataFrame  # String columns named as in the contract; null = empty cell
    clean_rows: int
    bad_rows: int


def bad_row_count(rng: np.random.Generator, clean: int) -> int:
    """About 0.6–1.4% of the file, at least one when one stays under 3%, never 3% or more."""
    wanted = round(rng.uniform(*BAD_SHARE) * clean)
    ceiling = int(np.ceil(MAX_SHARE * clean / (1 - MAX_SHARE))) - 1  # n / (clean + n) < 3%
    return max(0, min(max(wanted, 1), ceiling))


def plant_bad_rows(
    files: list[FileSlice], catalogs: Catalogs, seed: int
) -> tuple[list[SampleFile], pl.DataFrame]:
    fresh = FreshIds()
    unknown = _unknown_codes(catalogs)
    pools = _BudgetPools(catalogs, files)
    next_variant: dict[str, int] = {}
    written, records = [], []
    for file in files:
        variants = VARIANTS[file.kind]()
        rng = stream(seed, f"bad_rows/{file.kind}/{file.name}")
        count = bad_row_count(rng, file.clean.height)
        start = next_variant.get(file.kind, 0)
        next_variant[file.kind] = start + count
        chosen = [(start + i) % len(variants) for i in range(count)]
        ctx = Context(
            rng=rng, style=file.style, programs=_programs(catalogs), fresh=fresh,
            unknown_units=unknown["units"], unknown_programs=unknown["programs"],
            unknown_partidas=unknown["partidas"], budget_pool=pools.for_file(file, rng),
        )  # fmt: skip
        sample_file, found = _file_with_bad_rows(file, variants, chosen, ctx)
        written.append(sample_file)
        records.append(found)
    bad = pl.concat(records) if records else pl.DataFrame(schema=BAD_ROW_SCHEMA)
    return written, bad


def _programs(catalogs: Catalogs) -> pl.DataFrame:
    return catalogs.programas.select(
        "cve_programa", "cve_unidad", "duracion_semestres", "modalidad"
    )


def _file_with_bad_rows(
    file: FileSlice, variants: list[Variant], chosen: list[int], ctx: Context
) -> tuple[SampleFile, pl.DataFrame]:
    clean_text = render_rows(file.clean, file.kind, file.style).with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_pos"),
        pl.lit(1).alias("_orden"),
        pl.lit(None, pl.String).alias("_defecto"),
        pl.lit(None, pl.String).alias("_columna"),
    )
    pieces = [clean_text]
    for index in sorted(set(chosen)):
        variant = variants[index]
        count = chosen.count(index)
        pieces.append(_bad_rows_of(variant, variants[0], count, file, ctx))
    merged = (
        pl.concat(pieces, how="vertical")
        .with_row_index("_llegada")
        .sort("_pos", "_orden", "_llegada")
        .with_row_index("_indice")
        .with_columns((pl.col("_indice") + 2).cast(pl.Int32).alias("_fila"))
    )
    columns = [c for c in clean_text.columns if not c.startswith("_")]
    bad = merged.filter(pl.col("_orden") == 0)
    values = [pl.when(pl.col("_columna") == name).then(pl.col(name)) for name in columns]
    records = bad.select(
        pl.lit(file.kind).alias("kind"),
        pl.lit(file.name).alias("archivo"),
        pl.col("_fila").alias("fila"),
        pl.col("_columna").alias("columna"),
        pl.col("_defecto").alias("defecto"),
        pl.coalesce(values).alias("valor") if values else pl.lit(None, pl.String).alias("valor"),
    )
    sample_file = SampleFile(
        kind=file.kind, name=file.name, style=file.style, periodo=file.periodo,
        rows=merged.select(columns), clean_rows=file.clean.height, bad_rows=bad.height,
    )  # fmt: skip
    return sample_file, records


def _bad_rows_of(
    variant: Variant, fallback: Variant, count: int, file: FileSlice, ctx: Context
) -> pl.DataFrame:
    """`count` rows with `variant`'s defect, with their insertion positions."""
    clean = file.clean
    candidates = np.arange(clean.height)
    if variant.donors is not None:
        candidates = np.flatnonzero(
            clean.select(variant.donors.fill_null(False)).to_series().to_numpy()
        )
        if (
            len(candidates) == 0
        ):  # e.g. no BAJA to copy in this file: plant the first defect instead
            variant, candidates = fallback, np.arange(clean.height)
    donors_at = np.sort(ctx.rng.choice(candidates, size=count))
    native, overrides = variant.build(clean[donors_at], ctx)
    text = render_rows(native, file.kind, file.style)
    if overrides:
        text = text.with_columns(
            native.with_columns(**overrides).select(list(overrides)).cast(pl.String)
        )
    if variant.duplicate:
        positions = ctx.rng.integers(donors_at + 1, clean.height + 1)
    else:
        positions = ctx.rng.integers(0, clean.height + 1, size=count)
    return text.with_columns(
        pl.Series("_pos", positions, dtype=pl.Int64),
        pl.lit(0).alias("_orden"),
        pl.lit(variant.defecto).alias("_defecto"),
        pl.lit(variant.columna).alias("_columna"),
    )


def _absent_units(known: set[str], count: int) -> list[str]:
    """Unit codes shaped like the catalog's (CECYT01 → CECYT99, CECYT98, …) that it lacks."""
    found: list[str] = []
    prefixes: set[str] = set()
    for code in sorted(known):
        prefix = code.rstrip("0123456789")
        width = len(code) - len(prefix)
        if prefix in prefixes:
            continue
        prefixes.add(prefix)
        for number in range(10**width - 1, 0, -1) if width else ():
            candidate = f"{prefix}{number:0{width}d}"
            if candidate not in known and candidate not in found:
                found.append(candidate)
                break
        if len(found) >= count:
            return found
    return found or [f"{min(known)}X"]


def _absent_programs(known: set[str], count: int) -> list[str]:
    """Program codes with one stray letter at the end (a typo), absent from the catalog."""
    return [f"{code}X" for code in sorted(known) if f"{code}X" not in known][:count]


def _unknown_codes(catalogs: Catalogs) -> dict[str, list]:
    units = set(catalogs.unidades["cve_unidad"].to_list())
    programs = set(catalogs.programas["cve_programa"].to_list())
    partidas = set(catalogs.partidas["partida"].to_list())
    absent_partidas = []
    for concepto in sorted(set(catalogs.partidas["concepto"].to_list())):
        for ending in range(99, 89, -1):
            candidate = concepto * 10 + ending
            if 10000 <= candidate <= 99999 and candidate not in partidas:
                absent_partidas.append(candidate)
                break
    return {
        "units": _absent_units(units, 5),
        "programs": _absent_programs(programs, 5),
        "partidas": absent_partidas or [99999],
    }


class _BudgetPools:
    """Budget keys no clean row of the year uses, handed out without repetition within a file."""

    def __init__(self, catalogs: Catalogs, files: list[FileSlice]) -> None:
        self._catalogs = catalogs
        self._unused: dict[int, pl.DataFrame] = {}
        self._files = files

    def _pool(self, year: int, clean: pl.DataFrame) -> pl.DataFrame:
        if year not in self._unused:
            key = budget_key()
            self._unused[year] = (
                candidate_keys(self._catalogs, date(year, 1, 1), date(year, 12, 31))
                .join(clean.select(key).unique(), on=key, how="anti")
                .sort(key)
            )
        return self._unused[year]

    def for_file(self, file: FileSlice, rng: np.random.Generator):
        if file.kind != "presupuesto":
            return None
        year = int(file.clean["ejercicio"][0])
        pool = self._pool(year, file.clean)
        order = rng.permutation(pool.height)
        taken = 0

        def take(n: int) -> pl.DataFrame:
            nonlocal taken
            if taken + n > pool.height:
                raise ValueError(
                    f"no quedan claves presupuestales libres para filas defectuosas en {file.name}"
                )
            rows = pool[order[taken : taken + n]]
            taken += n
            return rows

        return take
