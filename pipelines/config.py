"""Paths and settings, read once from the environment (see README, "Configuración")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = PROJECT_ROOT / "models"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"

EXTRACT_KINDS = ("matricula", "trayectoria", "plantilla", "presupuesto")  # each has a contract
SOURCE_KINDS = (*EXTRACT_KINDS, "anuies")  # every landing subfolder


@dataclass(frozen=True)
class Settings:
    home: Path
    landing_dir: Path
    pseudonym_key: str | None
    max_reject_share: float
    published_keep: int = 5
    warehouse_wait_seconds: float = 600.0  # how long `siie run` waits for a warehouse another run holds

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def published_dir(self) -> Path:
        return self.home / "published"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def key_file(self) -> Path:
        return self.home / "pseudonym.key"

    def landing_for(self, kind: str) -> Path:
        return self.landing_dir / kind


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from environment variables (every one optional); `environ` overrides some."""
    env = dict(os.environ) if environ is None else {**os.environ, **environ}
    home = Path(env.get("SIIE_HOME") or PROJECT_ROOT / "data").resolve()
    landing = Path(env.get("SIIE_LANDING_DIR") or home / "landing").resolve()
    return Settings(
        home=home,
        landing_dir=landing,
        pseudonym_key=env.get("SIIE_PSEUDONYM_KEY") or None,
        max_reject_share=float(env.get("SIIE_MAX_REJECT_SHARE", "0.05")),
        published_keep=int(env.get("SIIE_PUBLISHED_KEEP", "5")),
        warehouse_wait_seconds=float(env.get("SIIE_ESPERA_ALMACEN", "600")),
    )
