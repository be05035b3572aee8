"""A snapshot of the whole code location (pipelines.definitions.defs): every asset with its
group, dependencies, partitions and checks; every asset check and whether it blocks; every job
and what it selects; every sensor and schedule; the resources. A change to any of them must be
deliberate. After an intended change:

    .venv/bin/python -m tests.transform.test_asset_graph
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dagster import AssetChecksDefinition

from pipelines.definitions import defs

pytestmark = pytest.mark.unit

SNAPSHOT = Path(__file__).with_name("asset_graph.json")


def _partitions(partitions_def: Any) -> str | None:
    if partitions_def is None:
        return None
    return f"{type(partitions_def).__name__}:{getattr(partitions_def, 'name', '')}"


def _assets() -> dict[str, dict[str, Any]]:
    graph = defs.resolve_asset_graph()
    return {
        key.to_user_string(): {
            "group": node.group_name,
            "deps": sorted(k.to_user_string() for k in node.parent_keys),
            "partitions": _partitions(node.partitions_def),
            "checks": sorted(c.name for c in node.check_keys),
            "kinds": sorted(node.kinds),
        }
        for key, node in sorted((k, graph.get(k)) for k in graph.get_all_asset_keys())
    }


def _checks() -> dict[str, dict[str, Any]]:
    specs = [spec for a in defs.assets or [] for spec in getattr(a, "check_specs", [])]
    specs += [spec for c in defs.asset_checks or [] for spec in c.check_specs]
    return {
        f"{spec.asset_key.to_user_string()} · {spec.name}": {
            "blocking": spec.blocking,
            "op": next(
                (c.node_def.name for c in defs.asset_checks or [] if _defines(c, spec.key)), None
            ),
        }
        for spec in sorted(specs, key=lambda s: (s.asset_key.to_user_string(), s.name))
    }


def _defines(checks: AssetChecksDefinition, key: Any) -> bool:
    return key in checks.check_keys


def _jobs() -> dict[str, dict[str, Any]]:
    return {
        job.name: {
            "assets": sorted(k.to_user_string() for k in job.asset_layer.selected_asset_keys),
            "checks": sorted(
                f"{k.asset_key.to_user_string()} · {k.name}"
                for k in job.asset_layer.asset_graph.asset_check_keys
            ),
            "partitions": _partitions(job.partitions_def),
        }
        for job in sorted(defs.resolve_all_job_defs(), key=lambda j: j.name)
        if not job.name.startswith("__")
    }


def _sensors() -> dict[str, dict[str, Any]]:
    return {
        sensor.name: {
            "jobs": sorted(target.job_name for target in sensor.targets),
            "default_status": sensor.default_status.value,
            "minimum_interval_seconds": sensor.minimum_interval_seconds,
            "type": sensor.sensor_type.value,
        }
        for sensor in sorted(defs.sensors or [], key=lambda s: s.name)
    }


def _schedules() -> dict[str, dict[str, Any]]:
    return {
        schedule.name: {
            "cron": schedule.cron_schedule,
            "job": schedule.job_name,
            "timezone": schedule.execution_timezone,
            "default_status": schedule.default_status.value,
        }
        for schedule in sorted(defs.schedules or [], key=lambda s: s.name)
    }


def code_location() -> dict[str, Any]:
    return {
        "assets": _assets(),
        "asset_checks": _checks(),
        "jobs": _jobs(),
        "sensors": _sensors(),
        "schedules": _schedules(),
        "resources": sorted(defs.resources or {}),
    }


def test_the_code_location_matches_its_snapshot():
    assert code_location() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    SNAPSHOT.write_text(
        json.dumps(code_location(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"escrito {SNAPSHOT}")
