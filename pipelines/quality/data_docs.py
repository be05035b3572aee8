"""GX Data Docs for the validation results of Dagster runs: a folder that renders offline.

The gate validates pandas batches and keeps no GX store: it saves each suite's native results as
JSON (gate.py, results_dir/gx/<suite>.json). This module renders them with GX's own page renderers
and Jinja views, in the layout a GX site builder writes (index.html, expectations/<suite>.html,
validations/<suite>/<run>/<time>/<batch>.html, so GX's own relative links hold), and
docs_assets.py makes every page load its CSS and JS from the site. GX is imported lazily.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from pipelines.core.config import Settings
from pipelines.quality.docs_assets import STATIC, STYLES_DIR, copy_assets, offline_page
from pipelines.quality.docs_results import Validation, load_validations, saved_suites
from pipelines.quality.suite_files import SUITES_DIR

SITE_PARTS = ("index.html", "validations", "expectations", STATIC)  # what a build replaces


def _write(site_dir: Path, relative: str, html: str) -> None:
    page = site_dir / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    root = Path(os.path.relpath(site_dir, page.parent)).as_posix()
    page.write_text(offline_page(html, root, relative), encoding="utf-8")


def _views():
    from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView

    views = (
        DefaultJinjaPageView(custom_styles_directory=str(STYLES_DIR)),
        DefaultJinjaIndexPageView(custom_styles_directory=str(STYLES_DIR)),
    )
    for view in views:
        view.env.auto_reload = False  # templates do not change during a build: no stat per include
    return views


def _validation_pages(site_dir: Path, validations: list[Validation], view) -> list[bool]:
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )
    from great_expectations.render.renderer import ValidationResultsPageRenderer

    schema, renderer, successes = (
        ExpectationSuiteValidationResultSchema(),
        ValidationResultsPageRenderer(),
        [],
    )
    for validation in validations:
        result = schema.load(validation.for_gx())
        html = view.render(renderer.render(result), data_context_id=None, show_how_to_buttons=False)
        _write(site_dir, validation.path, html)
        successes.append(bool(result.success))
    return successes


def _suite_pages(site_dir: Path, suites: list[str], view) -> list[str]:
    """The pages of the committed suites (as they are now), for the suites that have one."""
    from great_expectations.core import ExpectationSuite
    from great_expectations.render.renderer import ExpectationSuitePageRenderer

    renderer, written = ExpectationSuitePageRenderer(), []
    for name in suites:
        file = SUITES_DIR / f"{name}.json"
        if file.exists():
            suite = ExpectationSuite(**json.loads(file.read_text(encoding="utf-8")))
            html = view.render(
                renderer.render(suite), data_context_id=None, show_how_to_buttons=False
            )
            _write(site_dir, f"expectations/{name}.html", html)
            written.append(name)
    return written


def _index_links(
    run_ids: Sequence[str], validations: list[Validation], successes: list[bool], suites: list[str]
) -> dict:
    """What GX's DefaultSiteIndexBuilder hands SiteIndexPageRenderer, for these pages."""
    validation_links = [
        {
            "expectation_suite_name": v.suite,
            "filepath": quote(v.path),
            "batch_identifier": v.batch_id,
            "validation_success": success,
            "run_time": v.run_time,
            "run_name": v.run_name,
            "asset_name": v.asset,
            "batch_kwargs": None,
            "batch_spec": v.for_gx()["meta"]["batch_spec"],
            "expectation_suite_filepath": f"expectations/{v.suite}.html"
            if v.suite in suites
            else "#",
        }
        for v, success in zip(validations, successes, strict=True)
    ]
    suite_links = [
        {"expectation_suite_name": s, "filepath": quote(f"expectations/{s}.html")} for s in suites
    ]
    runs = "de la ejecución" if len(run_ids) == 1 else "de las ejecuciones"
    return {
        "site_name": f"SIIE: validaciones {runs} {', '.join(run_ids)}",
        "validations_links": validation_links,
        "expectations_links": suite_links,
    }


def _clear(site_dir: Path) -> None:
    for part in SITE_PARTS:
        path = site_dir / part
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def build_data_docs(settings: Settings, run_ids: Sequence[str], site_dir: Path) -> Path | None:
    """Build GX Data Docs for the validation results of `run_ids` into `site_dir` (its index,
    validation and suite pages and static files are replaced) and return its index.html, or None
    when the runs saved no GX result. Every page renders with the network cut."""
    validations = load_validations(settings, run_ids)
    if not validations:
        return None
    from great_expectations.render.renderer import SiteIndexPageRenderer

    _clear(site_dir)
    page_view, index_view = _views()
    successes = _validation_pages(site_dir, validations, page_view)
    suites = _suite_pages(site_dir, saved_suites(settings, run_ids), page_view)
    links = _index_links(run_ids, validations, successes, suites)
    html = index_view.render(
        SiteIndexPageRenderer.render(links), data_context_id=None, show_how_to_buttons=False
    )
    _write(site_dir, "index.html", html)
    copy_assets(site_dir)
    return site_dir / "index.html"
