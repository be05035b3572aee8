"""How dbt resources appear in Dagster: sources → ingestion assets, models → groups by layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetDep, AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator

LAYERS = ("staging", "intermediate", "marts")


class SiieDbtTranslator(DagsterDbtTranslator):
    """Groups: staging, intermediate, marts (the model's folder), seeds and snapshots.

    Sources carry their ingestion asset in meta (dagster.asset_key, e.g. raw_matricula). A source
    that is not one asset's alone names its writers in meta siie.escrita_por, and a model that
    reads it depends on those assets instead: the load log tables raw.cargas and raw.rechazos
    (written by the ingestion assets), and raw.anuies and raw.anuies_conciliacion (both written by
    raw_anuies; two sources cannot share one asset key).
    """

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        resource_type = dbt_resource_props["resource_type"]
        if resource_type == "seed":
            return "seeds"
        if resource_type == "snapshot":
            return "snapshots"
        folder = dbt_resource_props["fqn"][1] if len(dbt_resource_props["fqn"]) > 2 else None
        return folder if folder in LAYERS else super().get_group_name(dbt_resource_props)

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        writers = self.source_writers(manifest)
        if not any(dep.asset_key in writers for dep in spec.deps):
            return spec
        deps = [dep for dep in spec.deps if dep.asset_key not in writers]
        keys = {dep.asset_key for dep in deps}
        for dep in spec.deps:
            for writer in writers.get(dep.asset_key, ()):
                if writer not in keys:
                    deps.append(AssetDep(writer))
                    keys.add(writer)
        return spec.replace_attributes(deps=deps)

    def source_writers(self, manifest: Mapping[str, Any]) -> dict[AssetKey, list[AssetKey]]:
        """Key of each source with siie.escrita_por → the ingestion assets that write it."""
        cache = self.__dict__.setdefault("_writers_cache", {})
        if id(manifest) not in cache:
            writers = {}
            for source in manifest.get("sources", {}).values():
                written_by = source.get("meta", {}).get("siie", {}).get("escrita_por")
                if written_by:
                    key = self.get_asset_key(source)
                    writers[key] = [AssetKey(k) for k in written_by]
            cache[id(manifest)] = writers
        return cache[id(manifest)]
