"""Release notes: a second real publication compares with the first; planted changes between
two published files (revised, newly hidden, newly shown figures, a new period, a new source file)
are each reported as an independent SQL comparison of the two files says, and a newly hidden
figure's earlier value is written nowhere."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from decimal import Decimal

import duckdb
import pytest

from pipelines.publish.open_data.package import build_package
from tests.publish.helpers import audit_and_publish, new_load_log_entry
from tests.publish.open_data.readers import database, package_dir, read_csv, rows

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEY = "clave_indicador, periodo, ambito, clave_ambito"
PLANTED_OLD_VALUE = Decimal("987.6543")  # the value the newly hidden cell had before
SHOWN_VALUE = Decimal("123.4567")
NEW_PERIOD = "29/1"
NEW_FILE = "matricula/matricula_29-1.csv"


def test_a_second_publication_compares_with_the_first(published):
    new_load_log_entry(published, 1)
    assert audit_and_publish(published, "segunda").version == 2
    notes = (package_dir(published) / "notas_de_version.md").read_text(encoding="utf-8")
    assert notes.startswith("# Notas de la versión 2")
    assert "respecto de la versión 1" in notes
    first = package_dir(published, "v0001") / "notas_de_version.md"
    assert "primera versión" in first.read_text(encoding="utf-8")


def _writable_copy(source, target):
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


def _one(con, sql: str) -> tuple:
    return con.execute(sql).fetchone()


def _plant(old_path, new_path) -> dict:
    """Changes between two copies of a published file; returns the cells they touch."""
    with duckdb.connect(str(old_path)) as old, duckdb.connect(str(new_path)) as new:
        free = f"SELECT {KEY} FROM indicadores WHERE estado_confidencialidad = 'F' AND valor "
        hidden_cell = _one(old, f"{free} IS NOT NULL AND ambito = 'UNIDAD' ORDER BY ALL LIMIT 1")
        revised_cell = _one(old, f"{free} IS NOT NULL AND ambito = 'IPN' ORDER BY ALL LIMIT 1")
        shown_cell = _one(
            old,
            f"SELECT {KEY} FROM indicadores WHERE estado_confidencialidad = 'C' "
            "ORDER BY ALL LIMIT 1",
        )
        where = f"WHERE ({KEY}) = (?, ?, ?, ?)"
        for con in (old, new):
            con.execute(
                f"UPDATE indicadores SET valor = ? {where}", [PLANTED_OLD_VALUE, *hidden_cell]
            )
        new.execute(
            "UPDATE indicadores SET valor = NULL, numerador = NULL, denominador = NULL, "
            f"suprimido = true, estado_confidencialidad = 'C' {where}",
            list(hidden_cell),
        )
        new.execute(f"UPDATE indicadores SET valor = valor + 1 {where}", list(revised_cell))
        new.execute(
            f"UPDATE indicadores SET valor = ?, suprimido = false, estado_confidencialidad = 'F' "
            f"{where}",
            [SHOWN_VALUE, *shown_cell],
        )
        new.execute(
            f"INSERT INTO indicadores SELECT * REPLACE ('{NEW_PERIOD}' AS periodo) "
            "FROM indicadores WHERE ambito = 'IPN' AND clave_indicador = 'MATRICULA_TOTAL' LIMIT 1"
        )
        (archivos,) = _one(new, "SELECT archivos FROM manifest ORDER BY version DESC LIMIT 1")
        listed = [*json.loads(archivos), {"archivo": NEW_FILE, "sha256": "ab" * 32}]
        new.execute(
            "UPDATE manifest SET archivos = ? WHERE version = (SELECT max(version) FROM manifest)",
            [json.dumps(listed)],
        )
    return {"hidden": hidden_cell, "revised": revised_cell, "shown": shown_cell}


def _revisions_by_sql(old_path, new_path) -> Counter:
    """Figures shown in both files whose value, numerator or denominator differ."""
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{old_path}' AS o (READ_ONLY)")
        con.execute(f"ATTACH '{new_path}' AS n (READ_ONLY)")
        changed = con.execute(
            f"SELECT n.clave_indicador FROM n.indicadores n JOIN o.indicadores o USING ({KEY}) "
            "WHERE n.estado_confidencialidad = 'F' AND o.estado_confidencialidad = 'F' AND "
            "(n.valor IS DISTINCT FROM o.valor OR n.numerador IS DISTINCT FROM o.numerador OR "
            "n.denominador IS DISTINCT FROM o.denominador)"
        ).fetchall()
    return Counter(k for (k,) in changed)


def test_planted_changes_are_each_reported_and_a_hidden_figure_keeps_no_value(published, tmp_path):
    old = _writable_copy(database(published, "v0001"), tmp_path / "anterior.duckdb")
    new = _writable_copy(database(published, "v0001"), tmp_path / "nueva.duckdb")
    cells = _plant(old, new)
    folder = build_package(new, tmp_path / "paquete", 2, "2026-12-07T10:00:00-06:00", (1, old))
    notes = read_csv(folder / "notas_de_version.csv")
    by_kind: dict[str, list[dict]] = {}
    for row in notes:
        by_kind.setdefault(row["tipo"], []).append(row)

    def key(row):
        return (row["clave_indicador"], row["periodo"], row["ambito"], row["clave_ambito"])

    assert [r["periodo"] for r in by_kind["periodo_agregado"]] == [NEW_PERIOD]
    assert [r["detalle"] for r in by_kind["archivo_nuevo"]] == [NEW_FILE]
    assert "archivo_retirado" not in by_kind
    [hidden] = by_kind["cifra_oculta"]
    assert key(hidden) == cells["hidden"]
    assert hidden["valor_anterior"] == hidden["valor_nuevo"] == "" and hidden["estado_nuevo"] == "C"
    [shown] = by_kind["cifra_mostrada"]
    assert key(shown) == cells["shown"] and Decimal(shown["valor_nuevo"]) == SHOWN_VALUE
    revised = {key(r): r for r in by_kind["cifra_revisada"]}
    old_value = rows(
        old, f"SELECT valor FROM indicadores WHERE ({KEY}) = (?, ?, ?, ?)", list(cells["revised"])
    )[0][0]
    assert Decimal(revised[cells["revised"]]["valor_anterior"]) == old_value
    assert Decimal(revised[cells["revised"]]["valor_nuevo"]) == old_value + 1
    assert all(r["ambito"] in ("IPN", "NIVEL") for r in revised.values())
    counted = {r["clave_indicador"]: int(r["cuantas"]) for r in by_kind["revisiones_por_indicador"]}
    assert counted == dict(_revisions_by_sql(old, new))
    for name in ("notas_de_version.md", "notas_de_version.csv"):
        text = (folder / name).read_text(encoding="utf-8")
        for form in ("987.6543", "987,6543", "987.65", "987.7", "988"):
            assert not re.search(rf"(?<![\d.]){re.escape(form)}(?!\d)", text), (name, form)
    markdown = (folder / "notas_de_version.md").read_text(encoding="utf-8")
    assert "respecto de la versión 1" in markdown and NEW_FILE in markdown
