"""A plan of an unchanged landing reads no byte: each file's sha256 is remembered by its size,
modification and change times, inode and device, and a file whose bytes changed is hashed again —
also when its size and modification time were put back as they were.

The plans are the real planner over real files; the hashes are checked against hashlib over the
files' bytes."""

from __future__ import annotations

import hashlib
import json
import os
import time

import pytest

from pipelines.ingest import loader
from pipelines.ingest.landing import load_landing
from pipelines.ingest.landing_hashes import FILE_NAME, signature
from pipelines.ingest.planning import plan_ingestion
from tests.ingest.extracts import valid_rows, write_extract

pytestmark = pytest.mark.integration


def _hashes(settings) -> dict:
    return json.loads((settings.home / "cache" / FILE_NAME).read_text())


def _sha256s(plan) -> dict[str, str | None]:
    return {f.path.name: f.sha256 for f in plan.files}


def _landing(settings) -> None:
    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    write_extract(settings.landing_for("plantilla") / "p.csv", valid_rows("plantilla", 20))
    write_extract(settings.landing_for("presupuesto") / "b.csv", valid_rows("presupuesto", 20))


def test_a_second_plan_of_an_unchanged_landing_hashes_no_file(settings):
    _landing(settings)

    first = plan_ingestion(settings)
    second = plan_ingestion(settings)

    assert (first.files_hashed, second.files_hashed) == (3, 0)
    assert (
        _sha256s(second)
        == _sha256s(first)
        == {f.path.name: hashlib.sha256(f.path.read_bytes()).hexdigest() for f in first.files}
    )
    assert second.school_periods == first.school_periods == {"25/1"}


def test_an_edit_with_the_same_size_and_a_restored_modification_time_is_hashed_again(settings):
    path = write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    before = path.stat()
    assert plan_ingestion(settings).school_periods == {"25/1"}

    time.sleep(0.01)  # a change time the kernel can tell apart
    path.write_bytes(path.read_bytes().replace(b"25/1", b"25/2"))  # the same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -d` would
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    plan = plan_ingestion(settings)

    assert plan.files_hashed == 1 and plan.school_periods == {"25/2"}
    assert _sha256s(plan) == {"m.csv": hashlib.sha256(path.read_bytes()).hexdigest()}


def test_a_file_changed_in_size_or_replaced_is_hashed_again(settings):
    _landing(settings)
    plan_ingestion(settings)
    folder = settings.landing_for("matricula")
    write_extract(folder / "m.csv", valid_rows("matricula", 31))  # grown in place
    replacement = write_extract(folder / "nuevo.tmp", valid_rows("matricula", 30, periodo="25/2"))
    os.replace(replacement, folder / "otro.csv")  # a new file moved in

    plan = plan_ingestion(settings)

    assert plan.files_hashed == 2 and plan.school_periods == {"25/1", "25/2"}


def test_what_the_kernel_does_not_see_is_found_by_hashing_again(settings):
    """The documented trade-off: bytes changed behind the file system's bookkeeping (here, the
    remembered signature rewritten to the edited file's) are trusted until `siie ejecutar
    --forzar` hashes every file again."""
    path = write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    plan_ingestion(settings)
    write_extract(path, valid_rows("matricula", 30, periodo="25/2"))
    new = hashlib.sha256(path.read_bytes()).hexdigest()
    cache = _hashes(settings)
    [entry] = cache["archivos"].values()
    entry["firma"] = signature(path.stat())
    (settings.home / "cache" / FILE_NAME).write_text(json.dumps(cache))

    trusted = plan_ingestion(settings)
    forced = plan_ingestion(settings, rehash=True)
    after_force = plan_ingestion(settings)

    assert _sha256s(trusted) == {"m.csv": old} and trusted.school_periods == {"25/1"}
    assert _sha256s(forced) == {"m.csv": new} and forced.school_periods == {"25/2"}
    assert (trusted.files_hashed, forced.files_hashed, after_force.files_hashed) == (0, 1, 0)
    assert _sha256s(after_force) == {"m.csv": new}


def test_the_cache_names_no_file_and_forgets_the_files_gone(settings):
    named = "GOMR850101HDFRRN09_matricula.csv"  # a CURP in a file name is never written down
    write_extract(settings.landing_for("matricula") / named, valid_rows("matricula", 30))
    _landing(settings)
    plan_ingestion(settings)
    text = (settings.home / "cache" / FILE_NAME).read_text()
    entries = _hashes(settings)["archivos"]

    assert "GOMR850101HDFRRN09" not in text and "matricula" not in text
    assert len(entries) == 4
    for key, entry in entries.items():
        assert len(key) == 64 and set(entry) == {"firma", "sha256"}

    (settings.landing_for("matricula") / named).unlink()
    plan_ingestion(settings)
    assert len(_hashes(settings)["archivos"]) == 3


def test_a_broken_cache_only_costs_a_hash(settings):
    _landing(settings)
    first = plan_ingestion(settings)
    (settings.home / "cache" / FILE_NAME).write_text("{no es json")

    plan = plan_ingestion(settings)

    assert plan.files_hashed == 3 and _sha256s(plan) == _sha256s(first)


def test_a_load_takes_the_remembered_sha256_only_of_an_unchanged_file(settings, monkeypatch):
    hashed: list[str] = []
    real = loader.file_sha256

    def file_sha256(path):
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(loader, "file_sha256", file_sha256)
    _landing(settings)
    changed = settings.landing_for("plantilla") / "p.csv"
    plan_ingestion(settings)
    write_extract(changed, valid_rows("plantilla", 21))  # changed after the plan

    results = load_landing(settings, ("matricula", "plantilla", "presupuesto"))

    assert hashed == ["p.csv"]
    assert {r.archivo: r.sha256 for r in results} == {
        f"{kind}/{path.name}": hashlib.sha256(path.read_bytes()).hexdigest()
        for kind in ("matricula", "plantilla", "presupuesto")
        for path in settings.landing_for(kind).iterdir()
    }
