"""Real reference files shipped with SIIE (data/samples/) that `siie generate` drops into
landing."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipelines.core.config import PROJECT_ROOT

SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
ANUIES_YEARBOOK_2017_2018 = SAMPLES_DIR / "anuies" / "anuario_licenciatura_2017-2018.xlsx"


def copy_reference_samples(landing_dir: Path) -> list[Path]:
    """Copy each sample (kept as samples/<kind>/<file>) into landing/<kind>/ unless it is there."""
    copied = []
    for source in sorted(SAMPLES_DIR.glob("*/*")):
        target = landing_dir / source.parent.name / source.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(target)
    return copied
