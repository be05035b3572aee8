"""Write-audit-publish: a new read-only version only when the gate passed; a failed gate leaves
the current publication untouched."""

from __future__ import annotations

import hashlib
import json
import os
import stat

import duckdb
import pytest

from pipelines.publish.history import read_history
from pipelines.publish.publication import publish
from pipelines.publish.tables import published_tables
from pipelines.publish.versions import versions
from pipelines.summary import format_publication_summary
from tests.publish.helpers import audit, audit_and_publish, break_a_percentage, new_load_log_entry

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EXTRA_TABLES = {"manifest", "diccionario"}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_publication_is_a_new_read_only_file_with_parquet_manifest_and_dictionary(home):
    result = audit_and_publish(home, "ejecucion-1")

    assert result.publicada and result.version == 1
    published = home.settings.published_dir
    assert os.readlink(published / "current") == "v0001"  # the one switch
    assert os.readlink(published / "current.duckdb") == "current/siie.duckdb"  # fixed
    folder = published / "v0001"
    tables = {t for (t,) in home.published("SELECT table_name FROM duckdb_tables()")}
    assert tables == {t.name for t in published_tables()} | EXTRA_TABLES
    for table in tables:
        parquet = folder / "parquet" / f"{table}.parquet"
        with duckdb.connect() as con:
            in_parquet = con.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchone()[
                0
            ]
        assert in_parquet == home.published(f"SELECT count(*) FROM {table}")[0][0], table
    for path in folder.rglob("*"):
        if path.is_file():
            assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), path
    assert [
        c
        for (c,) in home.published(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = "
            "'indicadores' ORDER BY column_index"
        )
    ] == [
        "clave_indicador",
        "periodo",
        "ambito",
        "clave_ambito",
        "valor",
        "numerador",
        "denominador",
        "suprimido",
        "estado_confidencialidad",
    ]
    assert (
        (folder / "diccionario.md").read_text(encoding="utf-8").startswith("# Diccionario de datos")
    )


def test_the_manifest_names_every_source_file_with_its_sha256_and_the_validation(published):
    [(version, approved, checks, files, validation, invocation)] = published.published(
        "SELECT version, validacion_aprobada, verificaciones, "
        "archivos, validacion, dbt_invocation_id FROM manifest"
    )
    loaded = published.query(
        "SELECT archivo, sha256 FROM raw.cargas WHERE estado = 'CARGADO' ORDER BY archivo"
    )
    from pipelines.quality.registry import checks_of_gate

    every_check = len(checks_of_gate("raw")) + len(checks_of_gate("marts"))
    assert (version, approved, checks) == (1, True, every_check) and every_check >= 11
    assert sorted((f["archivo"], f["sha256"]) for f in json.loads(files)) == loaded
    assert {g["puerta"] for g in json.loads(validation)} == {"raw", "marts"}
    assert invocation  # the dbt build that made the marts
    on_disk = json.loads(
        (published.settings.published_dir / "current" / "manifest.json").read_text(encoding="utf-8")
    )
    assert on_disk["version"] == 1 and len(on_disk["archivos"]) == len(loaded)


def test_a_broken_mart_blocks_the_gate_and_the_previous_publication_survives(published_home):
    first = published_home.settings.published_dir / "v0001" / "siie.duckdb"
    before = _digest(first)

    break_a_percentage(published_home)
    second = audit_and_publish(published_home, "ejecucion-2")

    assert not second.publicada and second.version_vigente == 1
    assert any(m.startswith("marts/indicadores · valores_validos") for m in second.motivos)
    assert versions(published_home.settings.published_dir) == [1]
    assert os.readlink(published_home.settings.published_dir / "current") == "v0001"
    assert _digest(first) == before
    highest = "SELECT max(valor) FROM indicadores WHERE clave_indicador = 'PCT_MUJERES'"
    assert published_home.published(highest)[0][0] <= 100
    last = read_history(published_home.settings.published_dir)[-1]
    assert (last.run_id, last.publicada, last.version_vigente) == ("ejecucion-2", False, 1)
    assert last.estado == "rechazada"
    summary = format_publication_summary(published_home.settings, "ejecucion-2")
    assert (
        "FALLÓ marts/indicadores · valores_validos: "
        "los porcentajes están entre 0 y 100 — 1 caso: " in summary
    )
    assert "No se publicó (sigue vigente la versión 1)" in summary


def test_each_publication_is_a_new_version_and_only_the_last_ones_are_kept(published_home):
    home = published_home  # version 1 published
    gates = audit(home, "ejecucion")
    results = []
    for n in (2, 3):
        new_load_log_entry(home, n)
        results.append(publish(home.settings, f"ejecucion-{n}", gates, keep=2))

    assert [(r.version, r.eliminadas) for r in results] == [(2, []), (3, [1])]
    assert versions(home.settings.published_dir) == [2, 3]
    assert os.readlink(home.settings.published_dir / "current") == "v0003"
    assert home.published("SELECT list(version ORDER BY version) FROM manifest")[0][0] == [1, 2, 3]


def test_the_same_content_is_not_published_again(home):
    gates = audit(home, "ejecucion")
    first = publish(home.settings, "ejecucion-1", gates)
    again = publish(home.settings, "ejecucion-2", gates)

    assert (first.version, again.publicada, again.sin_cambios, again.version_vigente) == (
        1,
        False,
        True,
        1,
    )
    # version 1's rows: audited then (its periods solved, or recalled from the publication's
    # audit memo that the test's home starts with), not again
    assert first.auditoria.periods > 0 and first.auditoria.same_as_version is None
    assert again.auditoria.same_as_version == 1 and again.auditoria.periods == 0
    assert versions(home.settings.published_dir) == [1]
    assert [a.estado for a in read_history(home.settings.published_dir)] == [
        "publicada",
        "sin_cambios",
    ]
    assert "Nada nuevo que publicar: sigue vigente la versión 1" in format_publication_summary(
        home.settings, "ejecucion-2"
    )


def test_without_the_gate_of_this_run_nothing_is_published(home):
    result = publish(home.settings, "sin-puerta", [])
    assert not result.publicada
    assert (
        "la verificación marts/indicadores · valores_validos no se ejecutó en esta ejecución"
        in result.motivos
    )
    assert versions(home.settings.published_dir) == []
    assert "aún no hay publicación" in format_publication_summary(home.settings, "sin-puerta")
