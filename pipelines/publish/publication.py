"""Write-audit-publish: a new read-only DuckDB file (+ Parquet, manifest, dictionary) from the
working warehouse, switched in as `current` only when every blocking check of the run passed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from pipelines.audit.disclosure_audit import AuditResult, audit_publication
from pipelines.audit.memo import AuditMemo
from pipelines.audit.truth import Truth, read_truth
from pipelines.core import progress
from pipelines.core.config import Settings
from pipelines.core.queries import one_row
from pipelines.portal.build import build_portal
from pipelines.publish.descriptions import PUBLICATION_TABLES
from pipelines.publish.dictionary import dictionary_markdown, write_dictionary
from pipelines.publish.disclosure.cells import DisclosureModelError
from pipelines.publish.disclosure.loss import information_loss, public_loss
from pipelines.publish.disclosure.memo import PatternMemo
from pipelines.publish.disclosure.pattern import suppression_pattern
from pipelines.publish.disclosure.records import (
    forget_truths,
    keep_attempt,
    keep_truth,
    kept_truth,
    retained_versions,
)
from pipelines.publish.disclosure.stability import read_before
from pipelines.publish.disclosure.together import read_earlier
from pipelines.publish.history import (
    NOTHING_NEW,
    PUBLISHED,
    REFUSED,
    Attempt,
    append_attempt,
    last_version_recorded,
    published_manifests,
)
from pipelines.publish.manifest import (
    Manifest,
    create_manifest_table,
    dbt_invocation,
    source_files,
    validation_summary,
)
from pipelines.publish.open_data.errors import OpenDataError
from pipelines.publish.open_data.layout import FOLDER as OPEN_DATA_FOLDER
from pipelines.publish.open_data.layout import NOTES_MD
from pipelines.publish.open_data.package import build_package
from pipelines.publish.pii import PIIFound, assert_no_identifier_in_text, assert_no_pii
from pipelines.publish.recovery import put_right
from pipelines.publish.tables import MARTS, SOURCE, published_tables
from pipelines.publish.versions import (
    CURRENT_FILE,
    DATABASE_FILE,
    DEFAULT_KEEP,
    current_version,
    install_version,
    next_version,
    prune,
    publication_lock,
    staging_dir,
    switch_current,
    version_name,
)
from pipelines.quality.registry import checks_of_gate
from pipelines.quality.results import GateResult, blocked_reasons, now_text
from pipelines.specs.disclosure import load_declaration

GATES_REQUIRED = ("raw", "marts")
READ_ONLY = 0o444
PATTERN_MEMO_DIR = "cache/supresion"  # under SIIE_HOME: solved suppression patterns by fingerprint
AUDIT_MEMO_DIR = "cache/auditoria"  # under SIIE_HOME: audited periods by fingerprint


@dataclass
class PublicationResult:
    publicada: bool
    version: int | None
    version_vigente: int | None
    ruta: str | None
    motivos: list[str] = field(default_factory=list)
    filas_por_tabla: dict[str, int] = field(default_factory=dict)
    eliminadas: list[int] = field(default_factory=list)
    segundos: float = 0.0
    sin_cambios: bool = False  # nothing to publish: the current version already holds these rows
    # the disclosure audit of the version built (None: none built)
    auditoria: AuditResult | None = None


def refusal_reasons(gates: list[GateResult]) -> list[str]:
    """Why this run may not publish: a check of the registry that did not run, or a blocking one
    that failed."""
    ran = {(c.asset, c.check) for g in gates for c in g.verificaciones}
    missing = [
        f"la verificación {asset} · {check} no se ejecutó en esta ejecución"
        for gate in GATES_REQUIRED
        for asset, check in checks_of_gate(gate)
        if (asset, check) not in ran
    ]
    return missing + blocked_reasons(gates)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _create_tables(
    con: duckdb.DuckDBPyConnection, settings: Settings
) -> tuple[list[dict], dict, tuple, Truth]:
    """The published tables, with the suppression pattern chosen for them; the source files, a
    summary of the disclosure control (time, exact information loss: internal), the dbt
    invocation of the marts and the true values behind the hidden figures (internal)."""
    con.execute(f"ATTACH '{_sql_path(settings.warehouse_path)}' AS {SOURCE} (READ_ONLY)")
    try:
        declaration = load_declaration()
        before = read_before(
            settings.published_dir / CURRENT_FILE,
            kept_truth(settings.home, current_version(settings.published_dir)),
            declaration,
        )
        memo = PatternMemo(settings.home / PATTERN_MEMO_DIR)
        with progress.stage("Control de divulgación: supresión primaria y secundaria"):
            before.earlier = read_earlier(settings.home, settings.published_dir, declaration)
            pattern = suppression_pattern(con, MARTS, before, declaration, memo)
        pattern.register(con, declaration)
        for table in published_tables():
            con.execute(f"CREATE TABLE {table.name} AS {table.sql}")
        disclosure = {
            "segundos_supresion": pattern.seconds,
            "perdida_informacion": information_loss(con, MARTS),
        }
        truth = read_truth(con, MARTS, declaration)
        return source_files(con), disclosure, dbt_invocation(con, SOURCE), truth
    finally:
        con.execute(f"DETACH {SOURCE}")


def content_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of every published row (order-independent), to tell a publication that changes
    nothing."""
    parts = []
    for table in sorted(t.name for t in published_tables()):
        count, digest = one_row(
            con.execute(f"SELECT count(*), bit_xor(hash(r)) FROM (SELECT t AS r FROM {table} t)")
        )
        parts.append(f"{table}:{count}:{digest}")
    # prefixed: not pseudonym-shaped
    return "sha256:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        t.name: one_row(con.execute(f"SELECT count(*) FROM {t.name}"))[0]
        for t in published_tables()
    }


def _export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    folder.mkdir()
    query = "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
    tables = [t for (t,) in con.execute(query).fetchall()]
    for table in tables:
        con.execute(
            f"COPY {table} TO '{_sql_path(folder / f'{table}.parquet')}' "
            "(FORMAT parquet, COMPRESSION zstd)"
        )


def _manifest(
    version: int,
    run_id: str,
    gates: list[GateResult],
    files: list[dict],
    counts: dict,
    dbt: tuple[str | None, str | None],
) -> Manifest:
    invocation, generated = dbt
    checks = [c for g in gates for c in g.verificaciones]
    return Manifest(
        version=version,
        publicado_en=now_text(),
        run_id=run_id,
        dbt_invocation_id=invocation,
        dbt_generado_en=generated,
        validacion_aprobada=all(g.aprobada for g in gates),
        verificaciones=len(checks),
        avisos=sum(1 for c in checks if not c.aprobada),
        archivos_fuente=len(files),
        filas_por_tabla=counts,
        archivos=files,
        validacion=validation_summary(gates),
    )


def _unchanged_since(published: Path, manifest: Manifest) -> int | None:
    """The current version if it holds exactly the rows about to be published, else None."""
    current = current_version(published)
    for earlier in published_manifests(published):
        if earlier.version == current and earlier.huella_contenido == manifest.huella_contenido:
            return current
    return None


def _audit(con: duckdb.DuckDBPyConnection, settings: Settings, truth: Truth) -> AuditResult:
    """The disclosure audit of the staged version together with every version still on disk."""
    retained = retained_versions(settings.home, settings.published_dir)
    try:
        with progress.stage("Auditoría de divulgación (intervalos por programación lineal)"):
            return audit_publication(
                con, truth, retained, memo=AuditMemo(settings.home / AUDIT_MEMO_DIR)
            )
    finally:
        for version in retained:
            version.con.close()


def _open_data(stage: Path, published: Path, version: int, published_at: str) -> None:
    """The open data package, from the staged file only; its notes compare with the current
    version."""
    current = current_version(published)
    previous = (current, published / version_name(current) / DATABASE_FILE) if current else None
    with progress.stage("Datos abiertos: SDMX, paquete de datos, ficha de catálogo y notas"):
        folder = build_package(
            stage / DATABASE_FILE, stage / OPEN_DATA_FOLDER, version, published_at, previous
        )
    notes = (folder / NOTES_MD).read_text(encoding="utf-8")
    assert_no_identifier_in_text(notes, f"{OPEN_DATA_FOLDER}/{NOTES_MD}")


def build_publication(
    stage: Path, settings: Settings, version: int, run_id: str, gates: list[GateResult]
) -> tuple[Manifest, AuditResult, Truth]:
    """Write siie.duckdb, parquet/, manifest.json and diccionario.md into `stage`, and audit it.
    Rows identical to the current version's stop here: nothing new to audit or publish."""
    descriptions = {t.name: t.description for t in published_tables()} | PUBLICATION_TABLES
    with duckdb.connect(str(stage / DATABASE_FILE)) as con:
        files, disclosure, dbt, truth = _create_tables(con, settings)
        manifest = _manifest(version, run_id, gates, files, _row_counts(con), dbt)
        manifest.huella_contenido = content_fingerprint(con)
        unchanged = _unchanged_since(settings.published_dir, manifest)
        if unchanged is not None:
            return manifest, AuditResult(same_as_version=unchanged), truth
        audit = _audit(con, settings, truth)
        keep_attempt(
            settings.home, run_id, disclosure | {"version": version, "auditoria": audit.summary()}
        )
        manifest.divulgacion = {
            "segundos_supresion": disclosure["segundos_supresion"],
            "celdas_ocultas": public_loss(disclosure["perdida_informacion"]),
            "auditoria": audit.public_summary(),
        }
        create_manifest_table(con, [*published_manifests(settings.published_dir), manifest])
        entries = write_dictionary(con, descriptions)
        assert_no_pii(con)
        _export_parquet(con, stage / "parquet")
        con.execute("CHECKPOINT")
    texts = {
        "manifest.json": json.dumps(asdict(manifest), ensure_ascii=False, indent=1, default=str),
        "diccionario.md": dictionary_markdown(entries, descriptions, version),
    }
    for name, text in texts.items():
        assert_no_identifier_in_text(text, name)
        (stage / name).write_text(text, encoding="utf-8")
    _open_data(stage, settings.published_dir, version, manifest.publicado_en)
    for path in stage.rglob("*"):
        if path.is_file():
            path.chmod(READ_ONLY)
    return manifest, audit, truth


def record_refusal(
    settings: Settings, run_id: str, reasons: list[str], status: str = REFUSED
) -> int | None:
    """Log an attempt that did not publish (the current publication stays), refused or with nothing
    new (`status`); return the current version."""
    vigente = current_version(settings.published_dir)
    attempt = Attempt(run_id, now_text(), False, None, vigente, reasons, estado=status)
    append_attempt(settings.published_dir, attempt)
    return vigente


def _refuse(
    settings: Settings,
    run_id: str,
    reasons: list[str],
    started: float,
    public_reasons: list[str] | None = None,
    status: str = REFUSED,
) -> PublicationResult:
    """Do not publish: `reasons` for the console and the log, `public_reasons` (when they would
    name a protected cell) for the published history."""
    vigente = record_refusal(settings, run_id, public_reasons or reasons, status)
    return PublicationResult(
        False,
        None,
        vigente,
        None,
        reasons,
        segundos=round(time.perf_counter() - started, 2),
        sin_cambios=status == NOTHING_NEW,
    )


def published_line(version: int | None, path: object) -> str:
    """The line a run ends with when it published."""
    return f"Publicada la versión {version}: {path}"


def _remove_stage(stage: Path) -> None:
    for path in stage.rglob("*"):
        if path.is_file():
            path.chmod(0o600)
    shutil.rmtree(stage, ignore_errors=True)


def publish(
    settings: Settings, run_id: str, gates: list[GateResult], keep: int = DEFAULT_KEEP
) -> PublicationResult:
    """Publish a new version if the run's gates allow it; otherwise leave `current` untouched."""
    started = time.perf_counter()
    reasons = refusal_reasons(gates)
    if reasons:
        return _refuse(settings, run_id, reasons, started)
    published = settings.published_dir
    with publication_lock(published):
        put_right(published)  # what a killed publication left
        version = next_version(published, known=last_version_recorded(published))
        stage = staging_dir(published, version)
        try:
            manifest, audit, truth = build_publication(stage, settings, version, run_id, gates)
            unchanged = audit.same_as_version
            if unchanged is None and audit.passed:
                with progress.stage("Portal de indicadores"):
                    build_portal(stage, stage / DATABASE_FILE, version, settings.portal_cache_dir)
                install_version(stage, published, version)
        except (duckdb.Error, OSError, PIIFound, DisclosureModelError, OpenDataError) as error:
            shutil.rmtree(stage, ignore_errors=True)
            failed = f"la publicación {version} no se pudo escribir"
            return _refuse(
                settings,
                run_id,
                [f"{failed}: {error}"],
                started,
                [f"{failed} (el detalle está en la bitácora de la ejecución)"],
            )
        if not audit.passed:
            _remove_stage(stage)
            result = _refuse(
                settings, run_id, audit.refusal_reasons(), started, audit.public_refusal_reasons()
            )
            result.auditoria = audit
            return result
        if unchanged is not None:
            _remove_stage(stage)
            reason = f"sin cambios respecto de la versión {unchanged}"
            result = _refuse(settings, run_id, [reason], started, status=NOTHING_NEW)
            result.auditoria = audit
            return result
        keep_truth(settings.home, version, truth)
        path = switch_current(published, version)
        append_attempt(
            published,
            Attempt(
                run_id,
                manifest.publicado_en,
                True,
                version,
                version,
                [],
                asdict(manifest),
                estado=PUBLISHED,
            ),
        )
        removed = prune(published, keep)
        forget_truths(settings.home, published)
    return PublicationResult(
        True,
        version,
        version,
        str(path),
        [],
        manifest.filas_por_tabla,
        removed,
        round(time.perf_counter() - started, 2),
        auditoria=audit,
    )
