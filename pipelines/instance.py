"""The local Dagster instance and the no-network switches, set before anything runs.

Run history lives under DAGSTER_HOME (default ./.dagster) so that runs started by `siie run`
show in the UI. Telemetry of Dagster, dbt and Great Expectations is off.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.core.config import PROJECT_ROOT, SettingsError

QUIET_ENVIRONMENT = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_VERSION_CHECK": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DAGSTER_DISABLE_TELEMETRY": "true",
}

MARK = "# Written by SIIE"
# Each section SIIE needs; added to a dagster.yaml SIIE wrote earlier that lacks it.
SECTIONS = {
    "telemetry": "telemetry:\n  enabled: false\n",
    "nux": "nux:  # no first-visit pop-up in the UI\n  enabled: false\n",
    "run_queue": "run_queue:\n  max_concurrent_runs: 1\n",
    "run_monitoring": (
        "run_monitoring:  # a run whose worker died is marked failed instead of staying STARTED\n"
        "  enabled: true\n  start_timeout_seconds: 180\n  max_resume_run_attempts: 0\n"
    ),
}
DAGSTER_YAML = f'{MARK} on first use; edit freely (see README, "Production notes").\n' + "".join(
    SECTIONS.values()
)


def prepare_environment() -> Path:
    """Set the no-telemetry switches and DAGSTER_HOME (unless given); return DAGSTER_HOME."""
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster")))
    if home.exists() and not home.is_dir():
        raise SettingsError(
            f"DAGSTER_HOME={str(home)!r} no es válido: es un archivo, se espera una carpeta"
        )
    home.mkdir(parents=True, exist_ok=True)
    _write_config(home / "dagster.yaml")
    return home


def _write_config(config: Path) -> None:
    """Write SIIE's dagster.yaml, or add what is missing to one SIIE wrote; never touch another."""
    if not config.exists():
        config.write_text(DAGSTER_YAML)
        return
    text = config.read_text()
    if not text.startswith(MARK):
        return
    present = {line.split(":")[0] for line in text.splitlines() if line and not line[0].isspace()}
    missing = [section for name, section in SECTIONS.items() if name not in present]
    if missing:
        config.write_text(text.rstrip("\n") + "\n" + "".join(missing))
