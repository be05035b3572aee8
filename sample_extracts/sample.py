"""The sample: the clean truth of every extract, the files that carry it, and the bad rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sample_extracts.bad_rows import SampleFile, plant_bad_rows
from sample_extracts.budget import build_budget
from sample_extracts.catalogs import load_catalogs
from sample_extracts.layout import plan_files
from sample_extracts.population import build_population
from sample_extracts.staff import build_staff
from sample_extracts.targets import TargetSample, build_targets
from sample_extracts.writers import write_file


@dataclass
class Sample:
    """Exactly the rows that must load (contract columns, native types) and the planted defects."""

    matricula: pl.DataFrame
    trayectoria: pl.DataFrame
    plantilla: pl.DataFrame
    presupuesto: pl.DataFrame
    bad_rows: pl.DataFrame  # kind, archivo, fila, columna, defecto, valor
    files: list[SampleFile] = field(default_factory=list, repr=False)  # what write_sample writes
    # the plan's targets (metas): their own files and bad rows, apart from the extracts' above
    targets: TargetSample | None = field(default=None, repr=False)

    def clean(self, kind: str) -> pl.DataFrame:
        if kind == "metas":
            assert self.targets is not None
            return self.targets.rows
        return getattr(self, kind)

    @property
    def all_files(self) -> list[SampleFile]:
        """Every file write_sample writes: the extracts' and the targets'."""
        return self.files + (self.targets.files if self.targets else [])


def build_sample(
    scale: float = 0.02,
    seed: int = 2026,
    first_period: str = "22/1",
    periods: int = 8,
    budget_years: tuple[int, ...] = (2023, 2024),
    seeds_dir: Path | None = None,
) -> Sample:
    """Generate the sample in memory (nothing is written). Same arguments → same sample."""
    if scale <= 0:
        raise ValueError("la escala debe ser positiva")
    if periods < 1:
        raise ValueError("se necesita al menos un periodo")
    catalogs = load_catalogs(seeds_dir)
    population = build_population(catalogs, scale, seed, first_period, periods)
    plantilla = build_staff(catalogs, scale, seed, first_period, periods)
    presupuesto = build_budget(catalogs, scale, seed, tuple(budget_years))
    slices = plan_files(population.matricula, population.trayectoria, plantilla, presupuesto)
    files, bad_rows = plant_bad_rows(slices, catalogs, seed)
    return Sample(
        matricula=population.matricula,
        trayectoria=population.trayectoria,
        plantilla=plantilla,
        presupuesto=presupuesto,
        bad_rows=bad_rows.sort("kind", "archivo", "fila"),
        files=files,
        targets=build_targets(
            population.matricula, population.trayectoria, catalogs, tuple(budget_years)
        ),
    )


def write_sample(sample: Sample, landing_dir: Path) -> list[Path]:
    """Write every file under landing_dir/<kind>/ and return their paths."""
    return [write_file(file, Path(landing_dir)) for file in sample.all_files]


def generate(landing_dir: Path, scale: float = 0.02, seed: int = 2026, **kw) -> Sample:
    """Build the sample and write its files to landing_dir."""
    sample = build_sample(scale=scale, seed=seed, **kw)
    write_sample(sample, landing_dir)
    return sample
