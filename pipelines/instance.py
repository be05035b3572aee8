"""The local Dagster instance and the no-network switches, set before anything runs.

Run history lives under DAGSTER_HOME (default ./.dagster) so that runs started by `siie run`
show in the UI. Telemetry of Dagster, dbt and Great Expectations is off.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.config import PROJECT_ROOT

QUIET_ENVIRONMENT = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_VERSION_CHECK": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DAGSTER_DISABLE_TELEMETRY": "true",
}

DAGSTER_YAML = """\
# Written by SIIE on first use; edit freely (see README, "Producción").
telemetry:
  enabled: false
run_queue:
  max_concurrent_runs: 1
run_monitoring:  # a run whose worker died is marked failed instead of staying STARTED
  enabled: true
  start_timeout_seconds: 180
  max_resume_run_attempts: 0
"""


def prepare_environment() -> Path:
    """Set the no-telemetry switches and DAGSTER_HOME (unless given); return DAGSTER_HOME."""
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster")))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    return home
