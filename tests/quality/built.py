"""A warehouse built once per test session (generated sample → ingestion → dbt), copied per test.

Every test of the gate, the publication and the analysts' access works on its own copy of the
working DuckDB file, so it can break a mart (a "test copy") without touching the others. The
base is built once for all pytest-xdist workers (a lock in the session's temporary folder).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.core.config import Settings, load_settings
from tests.conftest import TEST_KEY

SCALE = 0.003  # a few hundred students a period: small cells to suppress, and a fast session
READY = "listo"


@dataclass
class Home:
    """A private SIIE home with a built warehouse."""

    settings: Settings

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.settings.warehouse_path), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def execute(self, sql: str) -> None:
        """Change the working warehouse (to break a mart on purpose)."""
        with duckdb.connect(str(self.settings.warehouse_path)) as con:
            con.execute(sql)

    def published(self, sql: str, version_file: Path | None = None) -> list[tuple]:
        path = version_file or self.settings.published_dir / "current.duckdb"
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute(sql).fetchall()


def settings_at(root: Path, landing: Path | None = None) -> Settings:
    return load_settings(
        {
            "SIIE_HOME": str(root / "home"),
            "SIIE_LANDING_DIR": str(landing or root / "landing"),
            "SIIE_PSEUDONYM_KEY": TEST_KEY,
        }
    )


def _dbt_build(settings: Settings, work: Path) -> None:
    """The real dbt CLI of the virtualenv, as the Dagster asset runs it, with private target and
    logs."""
    from pipelines.transform.cli_args import dbt_build_args
    from pipelines.transform.project import siie_dbt_project
    from pipelines.transform.resource import dbt_executable

    project = str(siie_dbt_project.project_dir)
    args = [
        dbt_executable(),
        *dbt_build_args(settings.home),
        "--project-dir",
        project,
        "--profiles-dir",
        project,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    quiet = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_VERSION_CHECK": "false"}
    done = subprocess.run(args, check=False, capture_output=True, text=True, env=quiet)
    assert done.returncode == 0, (
        "dbt build falló al preparar el almacén de prueba:\n" + done.stdout[-3000:]
    )


def _dbt_build_remembering_columns(settings: Settings, work: Path) -> None:
    """The same `dbt build` through dagster-dbt's resource, as the Dagster asset runs it, with each
    model's column schema and lineage traced into the home's column memo (copied with its
    cache): the tests' whole `siie run`s recall them, as a user's second load does, instead of
    tracing them again in every new home."""
    from pipelines.transform.cli_args import dbt_build_args
    from pipelines.transform.column_memo import ColumnMemo, project_fingerprint
    from pipelines.transform.column_metadata import with_column_metadata
    from pipelines.transform.project import ensure_manifest, siie_dbt_project
    from pipelines.transform.resource import dbt_resource
    from pipelines.transform.translator import SiieDbtTranslator

    invocation = dbt_resource().cli(
        dbt_build_args(settings.home),
        manifest=ensure_manifest(siie_dbt_project),
        dagster_dbt_translator=SiieDbtTranslator(),
        target_path=work / "target",
    )
    memo = ColumnMemo(settings.home, project_fingerprint(siie_dbt_project.project_dir))
    built = sum(1 for _ in with_column_metadata(invocation, lambda event: None, memo))
    assert built and memo.recall(), "dbt build no dejó el linaje de columnas del almacén de prueba"


def _build(settings: Settings) -> None:
    from pipelines.ingest import load_landing
    from sample_extracts import build_sample, write_sample

    write_sample(build_sample(scale=SCALE), settings.landing_dir)
    settings.home.mkdir(parents=True, exist_ok=True)
    load_landing(settings)
    _dbt_build_remembering_columns(settings, settings.home.parent / "dbt")
    _solve_suppression(settings)
    _bundle_chart_script(settings)


def _bundle_chart_script(settings: Settings) -> None:
    """Bundle the portal's charts' JavaScript once, into the cache copied with every home: no
    publication of the tests bundles it again (pipelines/portal/chart_library.py)."""
    from pipelines.portal.chart_library import chart_script

    chart_script(settings.portal_cache_dir)


def _solve_suppression(settings: Settings) -> None:
    """Solve the base's suppression pattern once, into its memo (copied with every home): the first
    publication of each copy then takes it from there unless its test changed the figures."""
    from pipelines.publish.disclosure.memo import PatternMemo
    from pipelines.publish.disclosure.pattern import suppression_pattern
    from pipelines.publish.publication import PATTERN_MEMO_DIR
    from pipelines.publish.tables import MARTS, SOURCE

    with duckdb.connect() as con:
        con.execute(f"ATTACH '{settings.warehouse_path}' AS {SOURCE} (READ_ONLY)")
        suppression_pattern(con, MARTS, memo=PatternMemo(settings.home / PATTERN_MEMO_DIR))


def shared_root(tmp_path_factory) -> Path:
    """The session's temporary folder, shared by the xdist workers of one session."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _built_once(root: Path, build) -> None:
    """Run `build` in the first process that gets here; the others wait for it (a file lock)."""
    root.mkdir(exist_ok=True)
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / READY).exists():
            build()
            (root / READY).touch()


def base_settings(tmp_path_factory) -> Settings:
    root = shared_root(tmp_path_factory) / "almacen_base"
    settings = settings_at(root)
    _built_once(root, lambda: _build(settings))
    return settings


def copy_home(base: Settings, root: Path, warm: Path | None = None) -> Home:
    """A copy of the built warehouse under `root` (the landing folder is shared, read-only), with
    the cache of the home `warm` (by default the base's own)."""
    settings = settings_at(root, landing=base.landing_dir)
    settings.home.mkdir(parents=True)
    shutil.copy2(base.warehouse_path, settings.warehouse_path)
    warm_cache(warm or base.home, settings.home)
    return Home(settings)


def warm_cache(source_home: Path, home: Path) -> None:
    """`source_home`'s cache (solved suppression patterns, audited periods, the models' column
    lineage, the charts' script) copied into `home`: a run there on the same figures solves,
    audits and traces nothing again."""
    shutil.copytree(source_home / "cache", home / "cache")


PUBLISHED_RUN = "ejecucion-publicada"


def published_copy(base: Settings, root: Path) -> Home:
    """A copy of the warehouse, audited, published (version 1) and reported like a run does."""
    from tests.publish.helpers import audit_and_publish

    home = copy_home(base, root)
    assert audit_and_publish(home, PUBLISHED_RUN).publicada
    _audit_the_same_figures_again(home)
    return home


def _audit_the_same_figures_again(home: Home) -> None:
    """The audit of version 1 beside itself: what the next publication of the same figures is
    audited against. Its periods go into the home's audit memo, so the many tests that publish
    again without changing a figure recall them instead of each solving them anew."""
    from pipelines.audit.disclosure_audit import audit_publication
    from pipelines.audit.memo import AuditMemo
    from pipelines.publish.disclosure.records import retained_versions
    from pipelines.publish.publication import AUDIT_MEMO_DIR

    settings = home.settings
    [version] = retained_versions(settings.home, settings.published_dir)
    try:
        again = audit_publication(
            version.con, version.truth, [version], memo=AuditMemo(settings.home / AUDIT_MEMO_DIR)
        )
    finally:
        version.con.close()
    assert again.passed, again.refusal_reasons()


def shared_publication(base: Settings, tmp_path_factory) -> Home:
    """`published_copy` made once for all the session's workers (a publication audits, builds the
    open-data package and the portal: tens of seconds), for the modules to copy."""
    root = shared_root(tmp_path_factory) / "publicacion_base"
    _built_once(root, lambda: published_copy(base, root))
    return Home(settings_at(root, landing=base.landing_dir))


def copy_of_published(published: Home, root: Path) -> Home:
    """A private copy of a published home as its run left it (warehouse, versions and their
    links, history, the disclosure records, the report), for a test that publishes again."""
    settings = settings_at(root, landing=published.settings.landing_dir)
    shutil.copytree(published.settings.home, settings.home, symlinks=True)
    return Home(settings)
