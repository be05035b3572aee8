"""A snapshot of the dbt part of the asset graph (keys, groups, deps, checks): a change to the
graph must be deliberate. After an intended change:

    .venv/bin/python -m tests.transform.test_asset_graph
"""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.transform.assets import siie_dbt_assets

SNAPSHOT = Path(__file__).with_name("asset_graph.json")


def asset_graph() -> dict:
    checks: dict[str, list[str]] = {}
    for check in siie_dbt_assets.check_specs:
        checks.setdefault(check.asset_key.to_user_string(), []).append(check.name)
    return {
        spec.key.to_user_string(): {
            "group": spec.group_name,
            "deps": sorted(dep.asset_key.to_user_string() for dep in spec.deps),
            "checks": sorted(checks.get(spec.key.to_user_string(), [])),
        }
        for spec in sorted(siie_dbt_assets.specs, key=lambda s: s.key.to_user_string())
    }


def test_the_asset_graph_matches_its_snapshot():
    assert asset_graph() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    SNAPSHOT.write_text(
        json.dumps(asset_graph(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"escrito {SNAPSHOT}")
