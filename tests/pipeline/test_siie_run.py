"""`siie run` as `make run` calls it: generated sample in — with malformed files of every class
among the good ones — published version out; then nothing new."""

from __future__ import annotations

import pytest

from pipelines.cli import main
from sample_extracts import generate
from sample_extracts.reference_samples import copy_reference_samples
from tests.ingest.test_fault_injection import PLANTED
from tests.ingest.test_pii import files_holding
from tests.pipeline.malformed_landing import (
    NAMED_AS_RECORDED,
    landed_boletas,
    leaked_identifiers,
    texts_left_behind,
    write_malformed_files,
)
from tests.quality.built import warm_cache

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCALE = 0.003


def test_run_publishes_the_good_files_accounts_for_the_bad_then_finds_nothing_new(
    settings, publication, monkeypatch, capsys, tmp_path
):
    """The same sample as the test base, so the publication's solved suppression patterns and
    audited periods are copied in as a warm cache (tests/publish solve them from scratch)."""
    dagster_home = tmp_path / "dagster"
    for name, value in (
        ("SIIE_HOME", settings.home),
        ("SIIE_LANDING_DIR", settings.landing_dir),
        ("SIIE_PSEUDONYM_KEY", "clave-de-prueba-no-usar-en-produccion"),
        ("DAGSTER_HOME", dagster_home),
    ):
        monkeypatch.setenv(name, str(value))
    sample = generate(settings.landing_dir, scale=SCALE)
    copy_reference_samples(settings.landing_dir)
    warm_cache(publication.settings.home, settings.home)
    malformed = write_malformed_files(settings.landing_dir)

    first = main(["run"])
    out = capsys.readouterr().out
    assert first == 1, out  # some files in error: documented exit status 1
    assert "ninguna ingesta lo procesó" not in out
    assert "Publicada la versión 1" in out and "Informe para auditoría:" in out
    assert (settings.published_dir / "current.duckdb").is_symlink()
    loads = _load_lines(settings)
    for name in malformed:
        assert len(loads.get(name, [])) == 1, f"{name}: {loads.get(name)}"
    good = [
        k
        for k in loads
        if not k.startswith(
            tuple(f"{kind}/zz_" for kind in ("matricula", "plantilla", "presupuesto"))
        )
    ]
    assert all(loads[k] == [("CARGADO",)] for k in good), {k: loads[k] for k in good}
    loaded = _scalar(
        settings,
        "SELECT sum(filas_cargadas) FROM raw.cargas WHERE archivo NOT LIKE '%/zz\\_%' ESCAPE '\\'",
    )
    assert (
        loaded
        == sum(
            f.height
            for f in (sample.matricula, sample.trayectoria, sample.plantilla, sample.presupuesto)
        )
        + sample.clean("metas").height  # the plan's targets
        + 22370
    )
    assert (
        _scalar(
            settings,
            "SELECT count(*) FROM raw.cargas "
            "WHERE filas_leidas <> filas_cargadas + filas_rechazadas",
        )
        == 0
    )

    [report] = _reports(settings)  # one report for the whole run, whatever Dagster runs it took
    assert f"Informe para auditoría: {report}" in out
    assert (settings.reports_dir / "informe.html").read_bytes() == report.read_bytes()

    assert main(["run"]) == 0
    assert "Nada nuevo que transformar ni publicar" in capsys.readouterr().out
    assert _reports(settings) == [report]  # nothing ran, nothing to report

    assert main(["run", "--forzar"]) == 0
    printed = out + capsys.readouterr().out
    assert "Nada nuevo que publicar: sigue vigente la versión 1" in printed
    reports = _reports(settings)
    assert len(reports) == 2
    newest = max(reports, key=lambda r: r.stat().st_mtime).read_text(encoding="utf-8")
    assert "Sin cambios que publicar: sigue vigente la versión 1." in newest
    index = (settings.reports_dir / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{r.name}"' in index for r in reports)

    boletas = landed_boletas(settings.landing_dir)
    assert len(boletas) > 100  # the scan looks for something real
    assert (
        leaked_identifiers(texts_left_behind(settings.home, dagster_home, printed), boletas) == {}
    )
    # the same identifiers as bytes, in every file a run leaves (databases, Parquet, JSON, HTML,
    # logs, Dagster's SQLite), and on the console; the file named after a student is reported
    assert files_holding(PLANTED, settings.home, dagster_home) == {}
    assert not [i for i in PLANTED if i in printed]
    assert f"{NAMED_AS_RECORDED}: el nombre del archivo contiene" in printed


def _reports(settings) -> list:
    return sorted(p for p in settings.reports_dir.glob("informe_*.html"))


def _load_lines(settings) -> dict[str, list[tuple]]:
    import duckdb

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        rows = con.execute("SELECT archivo, estado FROM raw.cargas ORDER BY iniciado_en").fetchall()
    lines: dict[str, list[tuple]] = {}
    for archivo, estado in rows:
        lines.setdefault(archivo, []).append((estado,))
    return lines


def _scalar(settings, sql: str):
    import duckdb

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return con.execute(sql).fetchone()[0]
