"""Which raw partitions already passed their suite, so that a run validates only what changed.

A raw partition's rows change only through a load, which gives them a new `_carga_id`; so the
suite's own text, the partition and the load ids of its rows say exactly what was validated. A
partition whose fingerprint passed before is not read again; any change to its loads or to the
suite validates it anew. Failed or warned partitions are never recorded: they are checked (and
reported) on every run until they pass.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

from pipelines.core.config import Settings
from pipelines.quality.registry import SuiteSpec
from pipelines.quality.suite_files import suite_document

LOAD_ID = "_carga_id"


def ledger_path(settings: Settings) -> Path:
    return settings.reports_dir / "validaciones" / "particiones_validadas.json"


def _read(settings: Settings) -> dict[str, list[str]]:
    path = ledger_path(settings)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def fingerprints(con: duckdb.DuckDBPyConnection, spec: SuiteSpec) -> dict[tuple, str]:
    """partition values → fingerprint, for suites over raw tables (others: empty, always
    validated)."""
    columns = [d[0] for d in con.execute(f"SELECT * FROM ({spec.sql}) AS lote LIMIT 0").description]
    if LOAD_ID not in columns or not spec.partition_by:
        return {}
    suite = hashlib.sha256(
        json.dumps(suite_document(spec.name), sort_keys=True).encode()
    ).hexdigest()
    by = ", ".join(spec.partition_by)
    rows = con.execute(
        f"SELECT {by}, string_agg(DISTINCT {LOAD_ID}, ',' "
        f"ORDER BY {LOAD_ID}) FROM ({spec.sql}) AS lote GROUP BY ALL"
    ).fetchall()
    return {
        tuple(row[:-1]): hashlib.sha256(f"{suite}|{row[:-1]}|{row[-1]}".encode()).hexdigest()
        for row in rows
    }


def passed_before(settings: Settings, spec: SuiteSpec, prints: dict[tuple, str]) -> set[tuple]:
    known = set(_read(settings).get(spec.name, []))
    return {partition for partition, fingerprint in prints.items() if fingerprint in known}


def record_passed(
    settings: Settings, spec: SuiteSpec, prints: dict[tuple, str], passed: set[tuple]
) -> None:
    if not passed:
        return
    ledger = _read(settings)
    ledger[spec.name] = sorted(
        set(ledger.get(spec.name, [])) | {prints[p] for p in passed if p in prints}
    )
    path = ledger_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ledger, indent=0), encoding="utf-8")
