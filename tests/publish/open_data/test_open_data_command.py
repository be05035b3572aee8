"""`siie datos-abiertos` (alias `open-data`) as a user runs it: the copy is the package, byte for
byte; a version not kept and a destination not empty are refused in Spanish (exit status 2)."""

from __future__ import annotations

import filecmp

import pytest

from pipelines.cli import main as siie
from tests.conftest import TEST_KEY
from tests.publish.open_data.readers import package_dir

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def office(published, monkeypatch):
    monkeypatch.setenv("SIIE_HOME", str(published.settings.home))
    monkeypatch.setenv("SIIE_LANDING_DIR", str(published.settings.landing_dir))
    monkeypatch.setenv("SIIE_PSEUDONYM_KEY", TEST_KEY)
    return published


def _same_tree(left, right) -> bool:
    files = sorted(str(p.relative_to(left)) for p in left.rglob("*") if p.is_file())
    copied = sorted(str(p.relative_to(right)) for p in right.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(left, right, files, shallow=False)
    return files == copied and mismatch == errors == [] and len(match) == len(files)


def test_the_current_package_is_copied_whole_and_writable(office, tmp_path, capsys):
    target = tmp_path / "para_subir"
    assert siie(["datos-abiertos", "--destino", str(target)]) == 0
    assert _same_tree(package_dir(office), target)
    assert "coincide con el SHA-256" in capsys.readouterr().out
    (target / "catalogo.json").write_text("{}", encoding="utf-8")  # the copy is the user's


def test_the_english_alias_copies_a_kept_version_into_the_working_folder(
    office, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert siie(["open-data", "--version", "1"]) == 0
    assert _same_tree(package_dir(office, "v0001"), tmp_path / "datos_abiertos_v0001")
    assert siie(["open-data", "--version", "1", "--destination", str(tmp_path / "otra")]) == 0


def test_a_version_not_kept_is_refused_in_spanish(office, capsys):
    assert siie(["datos-abiertos", "--version", "99"]) == 2
    error = capsys.readouterr().err
    assert "la versión 99 no se conserva" in error and "se conservan: 1" in error


def test_a_destination_not_empty_is_refused_and_left_alone(office, tmp_path, capsys):
    target = tmp_path / "ocupada"
    target.mkdir()
    (target / "mio.txt").write_text("no tocar", encoding="utf-8")
    assert siie(["datos-abiertos", "--destino", str(target)]) == 2
    assert "no está vacío" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["mio.txt"]
