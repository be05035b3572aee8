"""The pseudonym key: strong enough, remembered by its fingerprint, never silently replaced, and
changed only by `siie clave rotar`, which rebuilds the warehouse from landing.

Fingerprints and pseudonyms are recomputed here with the standard library's `hmac`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat

import pytest

from pipelines.cli import main
from pipelines.core.config import SettingsError, load_settings
from pipelines.ingest.key_guard import KeyMismatch
from tests.conftest import TEST_KEY
from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.test_pii import files_holding
from tests.ingest.warehouse_helpers import load, query

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

OTHER_KEY = "otra-clave-de-prueba-que-no-es-la-del-almacen"
LABEL = b"SIIE: huella de la clave de seudonimos, v1"


def _fingerprint(key: str) -> str:
    return hmac.new(key.encode(), LABEL, hashlib.sha256).hexdigest()[:16]


def _pseudonym(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def _with_key(settings, key: str | None):
    environ = {"SIIE_HOME": str(settings.home), "SIIE_LANDING_DIR": str(settings.landing_dir)}
    if key is None:
        os.environ.pop("SIIE_PSEUDONYM_KEY", None)
        return load_settings(environ)
    return load_settings(environ | {"SIIE_PSEUDONYM_KEY": key})


def _siie(monkeypatch, capsys, settings, key: str | None, *argv: str) -> tuple[int, str]:
    monkeypatch.setenv("SIIE_HOME", str(settings.home))
    monkeypatch.setenv("SIIE_LANDING_DIR", str(settings.landing_dir))
    if key is None:
        monkeypatch.delenv("SIIE_PSEUDONYM_KEY", raising=False)
    else:
        monkeypatch.setenv("SIIE_PSEUDONYM_KEY", key)
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _loaded(settings) -> list[dict]:
    rows = valid_rows("matricula", 30)
    write_extract(settings.landing_for("matricula") / "m.csv", rows)
    [result] = load(settings, "matricula")
    assert result.estado == "CARGADO"
    return rows


@pytest.mark.parametrize("key", ["Q7", "clave-corta", "Z" * 64, "QZ" * 40])
def test_a_short_or_repetitive_key_is_refused_without_quoting_it(key):
    with pytest.raises(SettingsError) as refused:
        load_settings({"SIIE_PSEUDONYM_KEY": key})
    message = str(refused.value)
    assert "SIIE_PSEUDONYM_KEY" in message and "al menos 32 caracteres" in message
    assert key not in message


def test_a_random_key_of_32_bytes_is_accepted():
    key = secrets.token_hex(32)
    assert load_settings({"SIIE_PSEUDONYM_KEY": key}).pseudonym_key == key


def test_siie_refuses_to_start_with_a_weak_key(settings, monkeypatch, capsys):
    status, printed = _siie(monkeypatch, capsys, settings, "Wq9-7", "status")
    assert status == 2 and "configuración no válida" in printed and "Wq9-7" not in printed


def test_the_warehouse_records_the_keys_fingerprint_never_the_key(settings):
    _loaded(settings)
    assert query(settings, "SELECT huella FROM raw.clave_seudonimos") == [(_fingerprint(TEST_KEY),)]
    assert files_holding((TEST_KEY,), settings.home) == {}


def test_a_load_with_another_key_is_refused_and_changes_nothing(settings):
    rows = _loaded(settings)
    before = query(settings, "SELECT id_alumno FROM raw.matricula ORDER BY 1")
    write_extract(settings.landing_for("matricula") / "m2.csv", valid_rows("matricula", 5))

    with pytest.raises(KeyMismatch, match="siie clave rotar"):
        load(_with_key(settings, OTHER_KEY), "matricula")

    assert query(settings, "SELECT id_alumno FROM raw.matricula ORDER BY 1") == before
    assert {i for (i,) in before} == {_pseudonym(TEST_KEY, r["boleta"]) for r in rows}
    assert query(settings, "SELECT count(*) FROM raw.cargas") == [(1,)]


def test_siie_run_with_another_key_is_refused_before_anything_is_written(
    settings, monkeypatch, capsys, tmp_path
):
    _loaded(settings)
    write_extract(settings.landing_for("matricula") / "m2.csv", valid_rows("matricula", 5))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    warehouse = settings.warehouse_path
    before = (warehouse.read_bytes(), warehouse.stat().st_mtime_ns)
    home_before = sorted(p.relative_to(settings.home) for p in settings.home.rglob("*"))

    status, printed = _siie(monkeypatch, capsys, settings, OTHER_KEY, "run")

    assert status == 2
    assert "La clave de seudónimos no es la del almacén" in printed
    assert _fingerprint(TEST_KEY) in printed and _fingerprint(OTHER_KEY) in printed
    assert "no se escribió nada" in printed and OTHER_KEY not in printed
    assert (warehouse.read_bytes(), warehouse.stat().st_mtime_ns) == before
    home_after = sorted(p.relative_to(settings.home) for p in settings.home.rglob("*"))
    # only the empty flock file that keeps two runs apart (pipelines/core/run_lock.py)
    assert [p for p in home_after if p.name != ".siie_run.lock"] == home_before
    dagster = tmp_path / "dagster"  # the command line writes only its instance's settings
    assert [p.name for p in dagster.rglob("*")] == ["dagster.yaml"]


def test_siie_clave_huella_compares_the_configured_key_with_the_warehouses(
    settings, monkeypatch, capsys
):
    _loaded(settings)
    same, printed = _siie(monkeypatch, capsys, settings, TEST_KEY, "clave", "huella")
    assert same == 0 and printed.count(_fingerprint(TEST_KEY)) == 2
    other, printed = _siie(monkeypatch, capsys, settings, OTHER_KEY, "clave", "huella")
    assert other == 1 and _fingerprint(OTHER_KEY) in printed and "No coinciden" in printed


def test_siie_clave_rotar_rebuilds_the_warehouse_from_landing_with_the_new_key(
    settings, monkeypatch, capsys
):
    rows = _loaded(settings)
    warehouse = settings.warehouse_path
    before = warehouse.read_bytes()

    same, printed = _siie(monkeypatch, capsys, settings, TEST_KEY, "clave", "rotar")
    assert same == 1 and "ponga la clave nueva" in printed
    plan, printed = _siie(monkeypatch, capsys, settings, OTHER_KEY, "clave", "rotar")
    assert plan == 1 and "--confirmar" in printed and "1 archivo" in printed
    assert warehouse.read_bytes() == before, "without --confirmar nothing changes"

    done, printed = _siie(monkeypatch, capsys, settings, OTHER_KEY, "clave", "rotar", "--confirmar")

    assert done == 0 and _fingerprint(OTHER_KEY) in printed and "siie run" in printed
    assert query(settings, "SELECT huella FROM raw.clave_seudonimos") == [
        (_fingerprint(OTHER_KEY),)
    ]
    assert query(settings, "SELECT count(*) FROM raw.matricula") == [(0,)]
    old = {_pseudonym(TEST_KEY, r["boleta"]) for r in rows}
    assert files_holding(tuple(old), settings.home) == {}, "no old pseudonym is left"
    [result] = load(_with_key(settings, OTHER_KEY), "matricula")
    assert result.estado == "CARGADO"
    new = {i for (i,) in query(settings, "SELECT id_alumno FROM raw.matricula")}
    assert new == {_pseudonym(OTHER_KEY, r["boleta"]) for r in rows}
    with pytest.raises(KeyMismatch):
        load(settings, "matricula")  # the old key is now the wrong one


def test_rotation_is_refused_while_a_loaded_file_is_missing_from_landing(
    settings, monkeypatch, capsys
):
    _loaded(settings)
    (settings.landing_for("matricula") / "m.csv").rename(settings.home / "fuera.csv")
    before = settings.warehouse_path.read_bytes()

    status, printed = _siie(
        monkeypatch, capsys, settings, OTHER_KEY, "clave", "rotar", "--confirmar"
    )

    assert status == 2 and "matricula/m.csv" in printed and "Nada se cambió" in printed
    assert settings.warehouse_path.read_bytes() == before


def test_rotation_of_a_key_file_writes_a_new_key_file(settings, monkeypatch, capsys):
    keyed_by_file = _with_key(settings, None)
    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 10))
    load(keyed_by_file, "matricula")
    old_key = keyed_by_file.key_file.read_text().strip()

    status, _ = _siie(monkeypatch, capsys, settings, None, "clave", "rotar", "--confirmar")

    new_key = keyed_by_file.key_file.read_text().strip()
    assert status == 0 and new_key != old_key and len(new_key) == 64
    assert stat.S_IMODE(keyed_by_file.key_file.stat().st_mode) == 0o600
    assert query(settings, "SELECT huella FROM raw.clave_seudonimos") == [(_fingerprint(new_key),)]
