"""The landing files of one scale, generated once and kept under bench/cache/sf<scale>/.

The sample has one school period more than a full refresh loads: `completo/` holds the first
`periods` periods (and the budget), `nuevo/` the files of the last period, which the
incremental run adds to a loaded warehouse. A cache is reused while the generator, contracts
and catalogs it came from are unchanged (`fuente` in meta.json).

    python -m bench.cache --scale 1 [--cache bench/cache]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.core.config import MODELS_DIR, PROJECT_ROOT, SEEDS_DIR

DEFAULT_CACHE = Path(__file__).resolve().parent / "cache"
SEED = 2026
FIRST_PERIOD = "22/1"
PERIODS = 8  # loaded by the full refresh; one more is generated for the incremental run
GENERATOR_INPUTS = (PROJECT_ROOT / "pipelines" / "generate", MODELS_DIR / "contracts", SEEDS_DIR)


@dataclass(frozen=True)
class Landing:
    """The cached files of one scale."""

    folder: Path

    @property
    def full(self) -> Path:
        return self.folder / "completo"

    @property
    def new_period(self) -> Path:
        return self.folder / "nuevo"

    @property
    def meta_path(self) -> Path:
        return self.folder / "meta.json"

    def meta(self) -> dict:
        return json.loads(self.meta_path.read_text())


def scale_label(scale: float) -> str:
    return f"sf{scale:g}"


def landing_for(scale: float, cache: Path = DEFAULT_CACHE) -> Landing:
    return Landing(Path(cache) / scale_label(scale))


def source_fingerprint() -> str:
    """sha256 over the files that decide what the generator writes."""
    digest = hashlib.sha256()
    for root in GENERATOR_INPUTS:
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(landing: Landing, scale: float) -> bool:
    if not landing.meta_path.exists():
        return False
    meta = landing.meta()
    return meta.get("escala") == scale and meta.get("fuente") == source_fingerprint()


def file_partition(kind: str, periodo: str) -> str:
    """The school period a generated file belongs to (a staff cut: the period containing it)."""
    from pipelines.core.periods import period_of_date

    if kind == "plantilla":
        return period_of_date(date.fromisoformat(periodo))
    return periodo


def generate_landing(scale: float, cache: Path = DEFAULT_CACHE) -> Landing:
    """Generate PERIODS + 1 periods and split them into completo/ and nuevo/."""
    from pipelines.core.periods import period_range
    from sample_extracts.sample import build_sample
    from sample_extracts.writers import write_file

    landing = landing_for(scale, cache)
    shutil.rmtree(landing.folder, ignore_errors=True)
    started = time.perf_counter()
    sample = build_sample(scale=scale, seed=SEED, first_period=FIRST_PERIOD, periods=PERIODS + 1)
    held_back = period_range(FIRST_PERIOD, PERIODS + 1)[-1]
    files = []
    for sample_file in sample.files:
        is_new = (
            sample_file.kind != "presupuesto"
            and file_partition(sample_file.kind, sample_file.periodo) == held_back
        )
        path = write_file(sample_file, landing.new_period if is_new else landing.full)
        files.append(
            {
                "archivo": str(path.relative_to(landing.folder)),
                "bytes": path.stat().st_size,
                "filas": sample_file.rows.height,
            }
        )
    meta = {
        "escala": scale,
        "semilla": SEED,
        "primer_periodo": FIRST_PERIOD,
        "periodos_completos": PERIODS,
        "periodo_nuevo": held_back,
        "fuente": source_fingerprint(),
        "segundos_generacion": round(time.perf_counter() - started, 1),
        "filas_matricula_por_periodo": round(sample.matricula.height / (PERIODS + 1)),
        "archivos": files,
    }
    landing.meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False))
    return landing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cache", description=__doc__)
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    landing = generate_landing(args.scale, args.cache)
    meta = landing.meta()
    print(f"{landing.folder}: {len(meta['archivos'])} archivos en {meta['segundos_generacion']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
