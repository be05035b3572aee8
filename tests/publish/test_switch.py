"""One switch for a published version, and publications killed (SIGKILL) at every moment.

`current` → vN is the only link that changes; `current.duckdb` → current/siie.duckdb is made
once. So SQL users (current.duckdb) and Parquet or dictionary users (current/) can never be
shown two versions. A publication killed before the switch leaves nothing behind after the next
start; one killed after the switch, before its history line, gets that line (and, at the next
`siie run`, its auditors' report)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from pipelines.publish.history import last_version_recorded, read_history
from pipelines.publish.recovery import recover_publications
from pipelines.publish.versions import current_version, next_version, versions
from tests.processes import home_env, run_module
from tests.quality.built import PUBLISHED_RUN

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _killed_publication(home, moment: str) -> subprocess.CompletedProcess:
    env = home_env(home.settings)
    done = run_module("tests.publish.kill_publication", moment, "ejecucion-2", env=env, timeout=600)
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
    return done


def _seen_by_readers(published: Path) -> tuple[int, int]:
    """The version SQL users open and the one Parquet and dictionary users read."""
    with open(Path(os.path.realpath(published / "current.duckdb")).parent / "manifest.json") as f:
        sql_version = json.load(f)["version"]
    with open(published / "current" / "manifest.json") as f:
        files_version = json.load(f)["version"]
    return sql_version, files_version


def _old_layout(published: Path) -> None:
    """current.duckdb as SIIE wrote it before the one switch: a link to vN/siie.duckdb."""
    temporary = published / ".viejo"
    os.symlink("v0001/siie.duckdb", temporary)
    os.replace(temporary, published / "current.duckdb")


@pytest.mark.parametrize(
    ("moment", "removed", "current"),
    [
        ("preparada", [".v0002.", ".tmp"], 1),
        ("instalada", ["v0002"], 1),
        ("entre_enlaces", ["v0002"], 1),
        ("conmutada", [], 2),
    ],
)
def test_a_publication_killed_at_any_moment_leaves_one_version_for_every_reader(
    published_home, moment, removed, current
):
    published = published_home.settings.published_dir
    if moment == "entre_enlaces":
        _old_layout(published)

    _killed_publication(published_home, moment)

    assert _seen_by_readers(published) == (current, current)
    recovery = recover_publications(published)
    assert all(any(part in name for name in recovery.removed) for part in removed), recovery
    assert sorted(p.name for p in published.iterdir() if p.name.endswith(".tmp")) == []
    assert versions(published) == list(range(1, current + 1))
    assert current_version(published) == current
    # Only "entre_enlaces" starts from the old layout, whose file the recovery must replace.
    old_layout_never_made = moment != "entre_enlaces" and current == 1
    assert (
        os.readlink(published / "current.duckdb") == "current/siie.duckdb" or old_layout_never_made
    )
    history = [(a.run_id, a.version) for a in read_history(published) if a.publicada]
    assert history == [(PUBLISHED_RUN, 1)] + ([("ejecucion-2", 2)] if current == 2 else [])
    assert (recovery.recorded is not None) == (moment == "conmutada")
    assert next_version(published, known=last_version_recorded(published)) == current + 1
    assert recover_publications(published).removed == []  # nothing more to put right


def test_the_next_siie_run_writes_the_report_a_killed_run_never_wrote(published_home, capsys):
    from pipelines.report.index import find_entry
    from pipelines.run import _put_right_publications

    _killed_publication(published_home, "conmutada")

    _put_right_publications(published_home.settings)

    printed = capsys.readouterr().out
    assert "La versión 2 quedó publicada por una ejecución interrumpida" in printed
    assert "Informe para auditoría de la versión 2" in printed
    entry = find_entry(published_home.settings.reports_dir, "ejecucion-2")
    assert entry is not None and (published_home.settings.reports_dir / entry.archivo).exists()
    _put_right_publications(published_home.settings)
    assert capsys.readouterr().out == ""  # once
