"""`siie run` as `make run` calls it: generated sample in, published version out; then nothing new."""

from __future__ import annotations

import shutil

from pipelines.cli import main
from pipelines.generate import generate
from pipelines.samples import copy_reference_samples

SCALE = 0.003


def test_run_publishes_then_finds_nothing_new(settings, base, monkeypatch, capsys, tmp_path):
    """The same sample as the test base, so its solved suppression patterns are copied in as a
    warm cache (tests/publish solve them from scratch)."""
    for name, value in (("SIIE_HOME", settings.home), ("SIIE_LANDING_DIR", settings.landing_dir),
                        ("SIIE_PSEUDONYM_KEY", "clave-de-prueba"), ("DAGSTER_HOME", tmp_path / "dagster")):
        monkeypatch.setenv(name, str(value))
    sample = generate(settings.landing_dir, scale=SCALE)
    copy_reference_samples(settings.landing_dir)
    shutil.copytree(base.home / "cache", settings.home / "cache")

    first = main(["run"])
    out = capsys.readouterr().out
    assert first == 0, out
    assert f"cargadas {sum(f.height for f in (sample.matricula, sample.trayectoria, sample.plantilla, sample.presupuesto)) + 22370}" in out
    assert f"rechazadas {sample.bad_rows.height}" in out
    assert "published version 1" in out and "Informe para auditoría:" in out
    assert (settings.published_dir / "current.duckdb").is_symlink()

    assert main(["run"]) == 0
    assert "Nada nuevo que transformar ni publicar" in capsys.readouterr().out

    assert main(["run", "--forzar"]) == 0
    assert "Nada nuevo que publicar: sigue vigente la versión 1" in capsys.readouterr().out
