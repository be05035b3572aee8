"""Every dbt model has its YAML beside it: an entry with a description and at least one test (a data
test on the model or a column, or a dbt unit test), read from the files themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.core.config import DBT_PROJECT_DIR

pytestmark = pytest.mark.unit

MODELS = DBT_PROJECT_DIR / "models"


def _entries() -> dict[str, tuple[Path, dict]]:
    entries = {}
    for path in sorted(MODELS.rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            entries[model["name"]] = (path, model)
    return entries


def _unit_tested() -> set[str]:
    return {
        test["model"]
        for path in MODELS.rglob("*.yml")
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests") or []
    }


def _has_data_test(model: dict) -> bool:
    return bool(model.get("data_tests")) or any(
        column.get("data_tests") for column in model.get("columns") or []
    )


def test_every_model_has_a_yaml_entry_beside_it():
    entries = _entries()
    models = sorted(MODELS.rglob("*.sql"))
    missing = [p.relative_to(MODELS) for p in models if p.stem not in entries]
    assert not missing, f"modelos sin entrada en un YAML: {missing}"
    away = [
        name
        for name, (path, _) in entries.items()
        if not any(path.parent == sql.parent for sql in MODELS.rglob(f"{name}.sql"))
    ]
    assert not away, f"entradas de YAML que no están junto a su modelo: {away}"


def test_every_model_is_described_and_tested():
    entries = {name: model for name, (_, model) in _entries().items()}
    unit_tested = _unit_tested()
    undescribed = [n for n, m in entries.items() if not (m.get("description") or "").strip()]
    untested = [n for n, m in entries.items() if not _has_data_test(m) and n not in unit_tested]
    assert not undescribed, f"modelos sin descripción: {undescribed}"
    assert not untested, f"modelos sin pruebas: {untested}"
