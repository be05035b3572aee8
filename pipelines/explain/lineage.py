"""The dbt models between the raw tables an indicator reads and the `indicadores` mart, from the
project's dbt manifest (target/manifest.json): what code turned the files into the cell."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pipelines.core.config import DBT_PROJECT_DIR

DBT_MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"  # written by `make install` (dbt parse)

MART = "indicadores"


@cache
def _graph(manifest_path: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    names = {uid: node["name"] for uid, node in manifest["nodes"].items()}
    names.update(
        {
            uid: f"{source['source_name']}.{source['name']}"
            for uid, source in manifest["sources"].items()
        }
    )
    return manifest["parent_map"], names


def _ancestors(parents: dict[str, list[str]], node: str) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        for parent in parents.get(stack.pop(), []):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def models_between(
    sources: tuple[str, ...], familia: str, manifest_path: Path | None = None
) -> dict[str, list[str]]:
    """The models (in build order), seeds and snapshots on the paths from `raw.<source>` through
    `int_indicadores__<familia>` to `indicadores`."""
    parents, names = _graph(manifest_path or DBT_MANIFEST)
    by_name = {name: uid for uid, name in names.items()}
    family_model = by_name[f"int_indicadores__{familia}"]
    upstream = _ancestors(parents, family_model) | {family_model}
    raw = {by_name[f"raw.{source}"] for source in sources if f"raw.{source}" in by_name}
    fed_by_raw = {
        uid for uid in upstream if uid.startswith("model.") and _ancestors(parents, uid) & raw
    }
    ordered = sorted(fed_by_raw, key=lambda uid: (len(_ancestors(parents, uid)), names[uid]))
    return {
        "fuentes": sorted(names[uid] for uid in raw),
        "modelos": [names[uid] for uid in ordered] + [MART],
        "catalogos": sorted(
            names[uid] for uid in upstream if uid.startswith(("seed.", "snapshot."))
        ),
    }
