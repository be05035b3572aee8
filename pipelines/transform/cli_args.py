"""The dbt command line of a SIIE run, built by one pure function."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path


def dbt_build_args(
    siie_home: Path,
    *,
    command: str = "build",
    full_refresh: bool = False,
    select: Sequence[str] = (),
    unit_tests: bool = False,
) -> list[str]:
    """`dbt build` (or run, test, docs generate…) on the warehouse under `siie_home`.

    The home goes as the `siie_home` var, which the profile prefers over SIIE_HOME, so dbt
    writes where the ingestion wrote. Under Dagster, dagster-dbt adds the --select of the assets
    being materialised; `select` is for direct calls.

    A load's `build` leaves dbt's unit tests out: they check the models' SQL against fixed
    inputs, not the data, so `make test` runs them (tests/transform/test_dbt_build.py)
    and a load does not pay for them every time.
    """
    args = [*command.split(), "--vars", json.dumps({"siie_home": str(Path(siie_home).resolve())})]
    if command == "build" and not unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    if full_refresh:
        args.append("--full-refresh")
    if select:
        args += ["--select", *select]
    return args
