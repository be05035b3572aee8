"""A disk that fills up during `siie run` (a small tmpfs as SIIE_HOME): exit status 2 with a
Spanish message, never a traceback and never 1 (which means "some file rejected, the rest
published"); the publication stays as it was."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.processes import run_siie

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

MEGABYTE = 1 << 20


@pytest.fixture
def small_disk(tmp_path):
    """Mount a tmpfs (we run as root in CI); yield (mountpoint, size setter)."""
    mountpoint = tmp_path / "disco"
    mountpoint.mkdir()
    mounted: list[Path] = []

    def mount(megabytes: int) -> Path:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(mountpoint)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"no se puede montar un tmpfs aquí ({done.stderr.strip()})")
        mounted.append(mountpoint)
        return mountpoint

    yield mount
    for path in mounted:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _siie_run(home: Path, landing: Path, dagster: Path, key: str, *extra: str):
    env = {
        "SIIE_HOME": str(home),
        "SIIE_LANDING_DIR": str(landing),
        "DAGSTER_HOME": str(dagster),
        "SIIE_PSEUDONYM_KEY": key,
    }
    return run_siie("run", *extra, env=env, timeout=900)


def _failed_in_spanish(done: subprocess.CompletedProcess) -> None:
    printed = done.stdout + done.stderr
    assert done.returncode == 2, printed
    assert "Traceback" not in printed
    assert "no queda espacio en disco" in printed or "Falló la ejecución" in printed, printed


def test_a_disk_full_while_loading_is_exit_status_2(small_disk, published, tmp_path):
    disk = small_disk(2)
    done = _siie_run(
        disk / "home",
        published.settings.landing_dir,
        tmp_path / "dagster",
        published.settings.pseudonym_key,
    )
    _failed_in_spanish(done)


def test_a_disk_full_while_transforming_keeps_the_publication(small_disk, published, tmp_path):
    needed = _size(published.settings.home) // MEGABYTE + 3
    disk = small_disk(needed)
    home = disk / "home"
    shutil.copytree(published.settings.home, home, symlinks=True)
    free = shutil.disk_usage(disk).free
    (disk / "lastre").write_bytes(b"\0" * max(0, free - MEGABYTE))  # 1 MB left
    current = home / "published" / "current.duckdb"
    before = hashlib.sha256(current.read_bytes()).hexdigest()

    done = _siie_run(
        home,
        published.settings.landing_dir,
        tmp_path / "dagster",
        published.settings.pseudonym_key,
        "--forzar",
    )

    _failed_in_spanish(done)
    assert hashlib.sha256(current.read_bytes()).hexdigest() == before
    assert _retried_steps(tmp_path / "dagster") == []  # a full disk stays full: never retried


def _retried_steps(dagster_home: Path) -> list[str]:
    from dagster import DagsterEventType, DagsterInstance

    with DagsterInstance.from_config(str(dagster_home)) as instance:
        return [
            record.event_log_entry.step_key or ""
            for run in instance.get_runs()
            for record in instance.get_records_for_run(
                run.run_id, of_type=DagsterEventType.STEP_UP_FOR_RETRY
            ).records
        ]
