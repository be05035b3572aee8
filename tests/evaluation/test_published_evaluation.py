"""`evaluacion` and `comparacion_unidades` of the published sample against the independent
reference (tests/evaluation/reference.py), and what they may never show."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import duckdb
import pytest

from pipelines.audit.derived_tables import derived_table_leaks
from pipelines.audit.disclosure_audit import AuditResult
from pipelines.cli import main as siie
from pipelines.publish.pii import PIIFound, assert_no_pii
from tests.browser import chromium, rendered_dom
from tests.evaluation.reference import (
    KEY,
    reference_comparison,
    reference_evaluation,
    targets_in_force,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EVALUATED = (
    "instrumento", "meta", "meta_original", "linea_base", "sentido", "valor",
    "estado_confidencialidad", "cumplimiento", "semaforo", "valor_anterior", "variacion",
)  # fmt: skip


def _published_rows(published, table: str) -> list[dict]:
    with duckdb.connect(
        str(published.settings.published_dir / "current.duckdb"), read_only=True
    ) as con:
        cursor = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def evaluacion(published) -> dict[tuple, dict]:
    return {tuple(r[k] for k in KEY): r for r in _published_rows(published, "evaluacion")}


@pytest.fixture(scope="module")
def comparacion(published) -> dict[tuple, dict]:
    rows = _published_rows(published, "comparacion_unidades")
    return {(r["clave_indicador"], r["periodo"], r["cve_unidad"]): r for r in rows}


def _publication(published):
    return published.settings.published_dir / "current.duckdb"


def test_every_target_in_force_has_its_row_as_the_reference_computes_it(published, evaluacion):
    expected = reference_evaluation(published.settings.warehouse_path, _publication(published))
    assert set(evaluacion) == set(expected)
    for key, row in expected.items():
        got = {c: evaluacion[key][c] for c in EVALUATED}
        assert got == {c: row[c] for c in EVALUATED}, key


def test_the_sample_has_every_semaforo_both_senses_and_a_revision(evaluacion):
    semaforos = {r["semaforo"] for r in evaluacion.values()}
    assert semaforos == {"VERDE", "AMARILLO", "ROJO", "CONFIDENCIAL", "PENDIENTE", "SIN_DATO"}
    judged = {r["sentido"] for r in evaluacion.values() if r["cumplimiento"] is not None}
    assert judged == {"ascendente", "descendente"}
    revised = [r for r in evaluacion.values() if r["meta"] != r["meta_original"]]
    assert len(revised) == 4


def test_a_revision_resolves_to_the_latest_registration_whatever_the_file(published, evaluacion):
    in_force = targets_in_force(published.settings.warehouse_path)
    revised = {k: t for k, t in in_force.items() if t["revisiones"]}
    assert revised
    with duckdb.connect(str(published.settings.warehouse_path), read_only=True) as con:
        for key, target in revised.items():
            rows = con.execute(
                "SELECT meta, fecha_registro, _archivo FROM raw.metas WHERE clave_instrumento = ? "
                "AND clave_indicador = ? AND ambito = ? AND clave_ambito = ? AND periodo = ? "
                "ORDER BY fecha_registro",
                list(key),
            ).fetchall()
            assert len(rows) == 2 and "revision" in rows[-1][2]
            assert evaluacion[key]["meta"] == rows[-1][0] == target["meta"]
            assert evaluacion[key]["meta_original"] == rows[0][0]


def test_each_unit_among_its_peers_as_the_reference_computes_it(published, comparacion):
    expected = reference_comparison(_publication(published))
    assert set(comparacion) == set(expected)
    for key, row in expected.items():
        got = comparacion[key]
        for column in ("nivel", "valor", "n_pares", "posicion", "valor_ipn"):
            assert got[column] == row[column], (key, column)
        assert abs(Decimal(got["mediana_pares"]) - Decimal(row["mediana_pares"])) <= Decimal(
            "0.0001"
        ), key


def test_a_target_on_a_suppressed_figure_says_confidencial_and_nothing_else(
    published, evaluacion, comparacion
):
    confidential = [r for r in evaluacion.values() if r["semaforo"] == "CONFIDENCIAL"]
    assert confidential
    for row in confidential:
        assert row["estado_confidencialidad"] != "F"
        assert (row["valor"], row["cumplimiento"], row["valor_anterior"], row["variacion"]) == (
            None,
            None,
            None,
            None,
        )
        unit = (row["clave_indicador"], row["periodo"], row["clave_ambito"])
        if row["ambito"] == "UNIDAD":
            assert unit not in comparacion  # not compared, not counted among its peers


def test_no_value_in_either_table_is_one_that_indicadores_hides(published):
    with duckdb.connect(str(_publication(published)), read_only=True) as con:
        shown = set(
            con.execute(
                "SELECT clave_indicador, periodo, ambito, clave_ambito, valor FROM indicadores "
                "WHERE estado_confidencialidad = 'F' AND NOT suprimido AND valor IS NOT NULL"
            ).fetchall()
        )
        values = con.execute(
            "SELECT clave_indicador, periodo, ambito, clave_ambito, valor FROM evaluacion "
            "WHERE valor IS NOT NULL UNION ALL "
            "SELECT clave_indicador, periodo, 'UNIDAD', cve_unidad, valor FROM comparacion_unidades"
        ).fetchall()
        hidden_cells = con.execute(
            "SELECT count(*) FROM comparacion_unidades c JOIN indicadores i "
            "ON i.clave_indicador = c.clave_indicador AND i.periodo = c.periodo "
            "AND i.ambito = 'UNIDAD' AND i.clave_ambito = c.cve_unidad "
            "WHERE i.estado_confidencialidad <> 'F'"
        ).fetchone()
    assert values and set(values) <= shown
    assert hidden_cells == (0,)


def _writable_copy(published, tmp_path):
    copy = tmp_path / "copia.duckdb"
    shutil.copy(_publication(published), copy)
    copy.chmod(0o600)
    return copy


def test_the_disclosure_audit_refuses_a_hidden_figure_shown_in_either_table(published, tmp_path):
    """Put the warehouse's true value of a suppressed cell back into evaluacion, and a suppressed
    unit into comparacion_unidades: the audit names both rows and refuses."""
    with duckdb.connect(str(_writable_copy(published, tmp_path))) as con:
        assert derived_table_leaks(con) == []
        con.execute(f"ATTACH '{published.settings.warehouse_path}' AS w (READ_ONLY)")
        [(clave, periodo, ambito, clave_ambito)] = con.execute(
            "SELECT clave_indicador, periodo, ambito, clave_ambito FROM evaluacion "
            "WHERE semaforo = 'CONFIDENCIAL' ORDER BY ALL LIMIT 1"
        ).fetchall()
        con.execute(
            "UPDATE evaluacion AS e SET valor = w.valor FROM w.marts.indicadores AS w "
            "WHERE (e.clave_indicador, e.periodo, e.ambito, e.clave_ambito) = (?, ?, ?, ?) "
            "AND (w.clave_indicador, w.periodo, w.ambito, w.clave_ambito) "
            "= (e.clave_indicador, e.periodo, e.ambito, e.clave_ambito)",
            [clave, periodo, ambito, clave_ambito],
        )
        [(unit_indicator, unit_period, unit)] = con.execute(
            "SELECT clave_indicador, periodo, clave_ambito FROM indicadores "
            "WHERE ambito = 'UNIDAD' AND clave_indicador = 'MATRICULA_TOTAL' "
            "AND estado_confidencialidad <> 'F' "
            "ORDER BY ALL LIMIT 1"
        ).fetchall()
        con.execute(
            "INSERT INTO comparacion_unidades (clave_indicador, periodo, cve_unidad, valor) "
            "SELECT clave_indicador, periodo, clave_ambito, valor FROM w.marts.indicadores "
            "WHERE (clave_indicador, periodo, ambito, clave_ambito) = (?, ?, 'UNIDAD', ?)",
            [unit_indicator, unit_period, unit],
        )
        leaks = derived_table_leaks(con)
    assert leaks == sorted(
        [
            f"evaluacion: {clave} {periodo} {ambito} {clave_ambito}",
            f"comparacion_unidades: {unit_indicator} {unit_period} UNIDAD {unit}",
        ],
        key=lambda text: not text.startswith("evaluacion"),
    )
    refused = AuditResult(derived=leaks)
    assert not refused.passed and unit in refused.refusal_reasons()[0]


def test_the_pii_refusal_covers_both_tables(published, tmp_path):
    with duckdb.connect(str(_writable_copy(published, tmp_path))) as con:
        assert_no_pii(con)
        con.execute("UPDATE comparacion_unidades SET cve_unidad = repeat('ab', 32) WHERE rowid = 0")
        with pytest.raises(PIIFound, match="comparacion_unidades.cve_unidad"):
            assert_no_pii(con)
        con.execute("ALTER TABLE evaluacion ADD COLUMN id_alumno VARCHAR")
        with pytest.raises(PIIFound, match="evaluacion.id_alumno"):
            assert_no_pii(con)


def test_siie_explain_names_a_revised_targets_files_and_history(user, evaluacion, capsys):
    key = next(k for k, r in sorted(evaluacion.items()) if r["meta"] != r["meta_original"])
    clave_instrumento, clave, ambito, clave_ambito, periodo = key
    argv = ["explain", clave, periodo, ambito, clave_ambito, "--meta", clave_instrumento]

    assert siie([*argv, "--format", "json"]) == 0
    explanation = json.loads(capsys.readouterr().out)
    assert siie(argv) == 0
    text = capsys.readouterr().out

    history = explanation["historial"]
    assert [h["meta"] for h in history] == [
        str(evaluacion[key]["meta_original"]),
        str(evaluacion[key]["meta"]),
    ]
    assert history[0]["archivo"] == "metas/pdi_2022-2026.csv"
    assert explanation["archivo_vigente"] == "metas/pdi_2022-2026_revision_2024.csv"
    assert len(history[1]["sha256"]) == 64
    assert "Historial de registros" in text and "pdi_2022-2026_revision_2024.csv" in text
    assert siie(["explain", clave, periodo, ambito, clave_ambito, "--meta", "PDI-NO-EXISTE"]) == 2
    assert "no tiene la meta" in capsys.readouterr().err


def test_the_auditors_report_counts_targets_loaded_rejected_and_revised(published):
    page = (published.settings.home / "reports" / "informe.html").read_text("utf-8")
    section = page[page.index('<section id="metas">') :]
    section = section[: section.index("</section>")]
    with duckdb.connect(str(published.settings.warehouse_path), read_only=True) as con:
        loads = con.execute(
            "SELECT archivo, filas_rechazadas FROM raw.cargas WHERE tipo = 'metas' ORDER BY 1"
        ).fetchall()
    assert len(loads) == 4 and sum(r for _, r in loads) == 14
    for archivo, _ in loads:
        assert archivo in section
    assert "Metas vigentes y revisadas" in section and "Semáforo en la versión vigente" in section
    assert "<td>PDI</td>" in section.replace(' class="num"', "")


@pytest.mark.browser
def test_the_evaluation_report_renders_offline_and_prints_to_pdf(user, capsys, tmp_path):
    """`siie evaluacion --pdf`: the page renders in Chromium with the network cut (every section,
    a chart per evaluated cell, no suppressed figure) and its PDF is printed the same way."""
    assert chromium(), "las pruebas del informe necesitan Chromium (make browser)"
    assert siie(["evaluacion", "--pdf"]) == 0
    out = capsys.readouterr().out
    page = user.settings.reports_dir / "evaluacion_v0001.html"
    pdf = page.with_suffix(".pdf")
    assert str(page) in out and str(pdf) in out
    html = page.read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html) and "<script" not in html
    dom = rendered_dom(page, tmp_path / "perfil")
    assert "Resumen institucional" in dom and "Mayores brechas" in dom
    with duckdb.connect(str(_publication(user)), read_only=True) as con:
        scopes = con.execute(
            "SELECT DISTINCT ambito, clave_ambito FROM evaluacion WHERE ambito <> 'PROGRAMA'"
        ).fetchall()
        cells = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT clave_indicador, ambito, clave_ambito "
            "FROM evaluacion)"
        ).fetchone()[0]
    for ambito, clave in scopes:
        assert f'id="{ambito}-{clave}"' in dom
    assert dom.count('class="marks"') == cells  # one Vega-Lite chart per evaluated cell
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") > len(scopes)  # one per scope


def test_siie_evaluacion_without_that_version_says_so(user, capsys):
    assert siie(["evaluacion", "--version", "99"]) == 2
    assert "No hay la versión 99" in capsys.readouterr().err
