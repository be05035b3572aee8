"""Paths and settings, read once from the environment (see README, "Configuration")."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipelines.core.wording import count

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = PROJECT_ROOT / "models"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"

EXTRACT_KINDS = (
    "matricula",
    "trayectoria",
    "plantilla",
    "presupuesto",
    "metas",
)  # each has a contract
SOURCE_KINDS = (*EXTRACT_KINDS, "anuies")  # every landing subfolder
# The ámbitos of a published figure, widest first (docs/INDICATORS.md). Written once, here,
# because the settings check SIIE_INFORME_EXPLICAR with them; the indicator catalog (each entry's
# `ambitos`), the quality gate, `siie explain` and the dbt macro `ambitos_de_publicacion()` (make
# generate) read this tuple.
AMBITOS = ("IPN", "NIVEL", "UNIDAD", "PROGRAMA")


@dataclass(frozen=True)
class Settings:
    home: Path
    landing_dir: Path
    pseudonym_key: str | None
    max_reject_share: float
    published_keep: int = 5
    # how long `siie run` waits for a warehouse another run holds
    warehouse_wait_seconds: float = 600.0
    # (clave, ámbito[, clave del ámbito]) the report explains
    explained_cells: tuple[tuple[str, ...], ...] = ()
    time_zone: str = "America/Mexico_City"  # the office's clock: times in reports and logs

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
    def dbt_target_dir(self) -> Path:
        """dbt's target of this warehouse's builds: kept, so that the next build parses only what
        changed."""
        return self.home / "cache" / "dbt"

    @property
    def portal_cache_dir(self) -> Path:
        """The portal's charts' JavaScript, bundled once per vl-convert version."""
        return self.home / "cache" / "portal"

    @property
    def key_file(self) -> Path:
        return self.home / "pseudonym.key"

    def landing_for(self, kind: str) -> Path:
        return self.landing_dir / kind


class SettingsError(ValueError):
    """A setting whose value cannot be used; the message names the variable, the value and what is
    allowed."""


N = TypeVar("N", int, float)


def _number(
    env: dict[str, str],
    name: str,
    default: str,
    kind: Callable[[str], N],
    low: float,
    high: float | None,
    allowed: str,
) -> N:
    text = env.get(name, default).strip()
    try:
        value = kind(text)
    except ValueError:
        value = None
    if (
        value is None
        or not math.isfinite(value)  # nan passes every comparison; inf is no limit
        or value < low
        or (high is not None and value > high)
    ):
        raise SettingsError(f"{name}={text!r} no es válido: se espera {allowed}")
    return value


MEMORY = re.compile(r"^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)
MEMORY_UNITS = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}
MEMORY_UNITS |= {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
LEAST_MEMORY = 128e6  # bytes: under this DuckDB cannot hold the build's largest join


def _check_memory_limit(env: dict[str, str]) -> None:
    """Read by dbt's profile, not here; checked here so that a typo is caught before a run."""
    text = env.get("SIIE_DUCKDB_MEMORY_LIMIT")
    if text is None:
        return
    found = MEMORY.match(text.strip())
    if not found or float(found[1]) * MEMORY_UNITS[found[2].lower()] < LEAST_MEMORY:
        raise SettingsError(
            f"SIIE_DUCKDB_MEMORY_LIMIT={text!r} no es válido: se espera una cantidad "
            "con unidad de al menos 128MB, p. ej. 2GB o 512MB"
        )


KEY_MIN_CHARS = 32
# Estimated as length × log2(distinct characters): catches short or repeated keys.
KEY_MIN_BITS = 128
NEW_KEY_COMMAND = 'python3 -c "import secrets; print(secrets.token_hex(32))"'


def key_weakness(key: str) -> str | None:
    """Why a pseudonym key is too weak to use, or None. The key itself is never quoted."""
    distinct = len(set(key))
    bits = len(key) * math.log2(distinct) if distinct > 1 else 0.0
    if len(key) >= KEY_MIN_CHARS and bits >= KEY_MIN_BITS:
        return None
    length = count(len(key), "carácter", "caracteres")
    return (
        f"la clave de seudónimos es demasiado corta o repetitiva ({length}, unos "
        f"{bits:.0f} bits estimados): se exigen al menos {KEY_MIN_CHARS} caracteres y "
        f"{KEY_MIN_BITS} bits (longitud × log2 de los caracteres distintos). Genere una con "
        f"`{NEW_KEY_COMMAND}`"
    )


def _pseudonym_key(env: dict[str, str]) -> str | None:
    key = env.get("SIIE_PSEUDONYM_KEY") or None
    if key is not None and (weakness := key_weakness(key)):
        raise SettingsError(f"SIIE_PSEUDONYM_KEY no es válida: {weakness}")
    return key


DEFAULT_EXPLAINED = "MATRICULA_TOTAL:IPN,TASA_ABANDONO:IPN,DOCENTES:IPN,AVANCE_PRESUPUESTAL:IPN"
CELL_SPEC = re.compile(rf"^[A-Z_]+:({'|'.join(AMBITOS)})(:[A-Z0-9_-]+)?$")


def _explained_cells(env: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """The cells as written; that each names an indicator of the catalog in one of its ámbitos is
    checked by pipelines.specs.indicator_catalog.check_explained_cells (the catalog is a spec)."""
    text = env.get("SIIE_INFORME_EXPLICAR", DEFAULT_EXPLAINED).strip()
    if not text:
        return ()  # set and empty: the report explains no cell
    specs = [spec.strip().upper() for spec in text.split(",")]
    wrong = [spec or "(entrada vacía)" for spec in specs if not CELL_SPEC.match(spec)]
    if wrong:
        raise SettingsError(
            f"SIIE_INFORME_EXPLICAR={text!r} no es válido ({', '.join(wrong)}): "
            "se espera una lista separada por comas de CLAVE:AMBITO[:CLAVE_AMBITO], "
            "p. ej. MATRICULA_TOTAL:IPN,PCT_MUJERES:UNIDAD:ESCOM (vacía: ninguna)"
        )
    return tuple(tuple(spec.split(":")) for spec in specs)


# The office's time zone (SIIE_ZONA_HORARIA): every time a person reads is shown on its clock.
DEFAULT_TIME_ZONE = "America/Mexico_City"


def _time_zone(env: dict[str, str]) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = env.get("SIIE_ZONA_HORARIA", DEFAULT_TIME_ZONE).strip()
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"SIIE_ZONA_HORARIA={text!r} no es válido: se espera una zona horaria IANA, "
            "p. ej. America/Mexico_City o America/Tijuana"
        ) from None
    return text


def _folder(env: dict[str, str], name: str, default: Path) -> Path:
    """A folder setting: it may not exist yet (it is created when needed), but it cannot be a
    file."""
    path = Path(env.get(name) or default).resolve()
    if path.exists() and not path.is_dir():
        raise SettingsError(
            f"{name}={str(path)!r} no es válido: es un archivo, se espera una carpeta"
        )
    return path


def require_landing(settings: Settings) -> None:
    """Before a run reads landing: a folder that does not exist is a wrong setting (a typo in
    SIIE_LANDING_DIR would otherwise read as 'nothing new')."""
    if not settings.landing_dir.is_dir():
        raise SettingsError(
            f"SIIE_LANDING_DIR={str(settings.landing_dir)!r} no es válido: la carpeta de llegada "
            "no existe (créela con una subcarpeta por tipo de extracto, o `siie generate`)"
        )


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from environment variables (every one optional); `environ` overrides some."""
    env = dict(os.environ) if environ is None else {**os.environ, **environ}
    _check_memory_limit(env)
    home = _folder(env, "SIIE_HOME", PROJECT_ROOT / "data")
    landing = _folder(env, "SIIE_LANDING_DIR", home / "landing")
    return Settings(
        home=home,
        landing_dir=landing,
        pseudonym_key=_pseudonym_key(env),
        max_reject_share=_number(
            env,
            "SIIE_MAX_REJECT_SHARE",
            "0.05",
            float,
            0,
            1,
            "una proporción entre 0 y 1, p. ej. 0.05 para el 5 %",
        ),
        published_keep=_number(
            env, "SIIE_PUBLISHED_KEEP", "5", int, 1, None, "un número entero de versiones, 1 o más"
        ),
        warehouse_wait_seconds=_number(
            env, "SIIE_ESPERA_ALMACEN", "600", float, 0, None, "segundos (0 o más), p. ej. 600"
        ),
        explained_cells=_explained_cells(env),
        time_zone=_time_zone(env),
    )
