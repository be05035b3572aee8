"""Write the evaluation report of a publication to reports/evaluacion_v000N.html and, asked, print
it to PDF with headless Chromium (no network: every request it would make fails)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipelines.access.connection import connect_read_only, publication_path
from pipelines.core.config import Settings
from pipelines.publish.versions import current_version
from pipelines.report.evaluation.data import read_evaluation
from pipelines.report.evaluation.page import render

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# No name resolves and the proxy is a closed port: the page must print from itself alone.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9"]
PRINT_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    *OFFLINE,
]


class EvaluationReportError(RuntimeError):
    pass


def report_name(version: int) -> str:
    return f"evaluacion_v{version:04d}"


def write_evaluation_report(settings: Settings, version: int | None = None) -> Path:
    path = publication_path(settings, version)
    number = version or current_version(settings.published_dir)
    if number is None:
        raise EvaluationReportError(f"No hay una publicación vigente en {settings.published_dir}")
    with connect_read_only(path) as con:
        [(has_table,)] = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'evaluacion'"
        ).fetchall()
    if not has_table:
        raise EvaluationReportError(
            f"La versión {number} no tiene la tabla evaluacion (se publicó antes de que el SIIE "
            "cargara metas); publique de nuevo con `siie run --forzar`"
        )
    page = render(read_evaluation(path, number))
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    target = settings.reports_dir / f"{report_name(number)}.html"
    target.write_text(page, encoding="utf-8")
    return target


def chromium() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_to_pdf(page: Path) -> Path:
    """The PDF beside the page, printed by headless Chromium."""
    browser = chromium()
    if browser is None:
        raise EvaluationReportError(
            "No se encontró Chromium para imprimir el PDF (paquete chromium de Debian); "
            f"el informe en HTML está en {page}"
        )
    pdf = page.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="siie-chromium-") as profile:
        done = subprocess.run(
            [browser, *PRINT_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
             page.absolute().as_uri()],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise EvaluationReportError(
            f"Chromium no pudo imprimir {page} a PDF (estado {done.returncode}): "
            f"{done.stderr.strip()[-300:]}"
        )
    return pdf
