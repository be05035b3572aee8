"""The dbt command line of a SIIE run, built by one pure function."""

from __future__ import annotations

import json
from pathlib import Path


def dbt_build_args(siie_home: Path, *, full_refresh: bool = False) -> list[str]:
    """`dbt build` on the warehouse under `siie_home` (passed as the `siie_home` var, which the
    profile prefers over SIIE_HOME, so dbt writes where the ingestion wrote).

    Dagster adds the --select of the assets being materialised.
    """
    args = ["build", "--vars", json.dumps({"siie_home": str(Path(siie_home).resolve())})]
    if full_refresh:
        args.append("--full-refresh")
    return args
