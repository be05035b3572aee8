"""Run the SQL dbt compiled for `indicadores` and everything upstream, in dependency order,
straight in DuckDB: CREATE VIEW / CREATE TABLE ... AS <compiled select>. Seeds, the snapshot and
the sources are the tables loading.py made."""

from __future__ import annotations

import json
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

TARGET = "model.siie.indicadores"


def read_manifest(path: Path) -> dict:
    return json.loads(Path(path).read_text())


def database_name(manifest: dict) -> str:
    return manifest["nodes"][TARGET]["database"]


def models_in_order(manifest: dict, target: str = TARGET) -> list[dict]:
    """The models `target` needs, each after the models it reads."""
    nodes, graph, pending = manifest["nodes"], {}, [target]
    while pending:
        unique_id = pending.pop()
        if unique_id in graph:
            continue
        parents = [p for p in nodes[unique_id]["depends_on"]["nodes"] if p.startswith("model.")]
        graph[unique_id] = parents
        pending.extend(parents)
    return [nodes[unique_id] for unique_id in TopologicalSorter(graph).static_order()]


def build_models(con: duckdb.DuckDBPyConnection, manifest: dict, tables: bool = False) -> list[str]:
    """Create every model as dbt materialises it (or every one as a table, with `tables`)."""
    built = []
    for node in models_in_order(manifest):
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{node["database"]}"."{node["schema"]}"')
        kind = "TABLE" if tables or node["config"]["materialized"] != "view" else "VIEW"
        con.execute(f"CREATE OR REPLACE {kind} {node['relation_name']} AS {node['compiled_code']}")
        built.append(node["name"])
    return built
