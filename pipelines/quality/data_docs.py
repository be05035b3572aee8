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
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from pipelines.config import Settings
from pipelines.quality.docs_assets import STATIC, STYLES_DIR, copy_assets, offline_page
from pipelines.quality.results import load_gates, results_dir
from pipelines.quality.suite_files import SUITES_DIR

SITE_PARTS = ("index.html", "validations", "expectations", STATIC)  # what a build replaces


@dataclass
class Validation:
    """One batch's native GX result, with where its page goes."""

    suite: str
    run_name: str
    run_time: datetime
    position: int
    native: dict

    @property
    def label(self) -> str:
        return str(self.native.get("meta", {}).get("particiones", ""))

    @property
    def asset(self) -> str | None:
        return self.native.get("meta", {}).get("active_batch_definition", {}).get("data_asset_name")

    @property
    def batch_id(self) -> str:
        """The partitions, shortened when there are many (the page lists them all)."""
        parts = self.label.split(", ")
        return self.label if len(parts) <= 3 else f"{parts[0]} … {parts[-1]} ({len(parts)} particiones)"

    @property
    def path(self) -> str:
        name = f"{self.position:03d}-{_slug(self.label)[:60]}".rstrip("-")
        return f"validations/{self.suite}/{_slug(self.run_name)}/{self.run_time:%Y%m%dT%H%M%S.%fZ}/{name}.html"

    def for_gx(self) -> dict:
        """The result with the run (Dagster's run id, the gate's start) and the batch's partitions
        where GX's page shows them."""
        meta = dict(self.native.get("meta", {}))
        meta["run_id"] = {"run_name": self.run_name, "run_time": self.run_time.isoformat()}
        meta["batch_spec"] = {**meta.get("batch_spec", {}), "data_asset_name": self.asset, "particiones": self.label}
        return {**self.native, "meta": meta}


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.]+", "-", text).strip("-.") or "lote"


def _gate_starts(settings: Settings, run_id: str) -> dict[str, datetime]:
    """When the gate that validated each suite of the run started."""
    starts = {}
    for gate in load_gates(settings, run_id):
        started = datetime.fromisoformat(gate.inicio).astimezone(UTC)
        starts.update({e.suite: started for c in gate.verificaciones for e in c.expectativas})
    return starts


def _load_time(native: dict, file: Path) -> datetime:
    loaded = native.get("meta", {}).get("batch_markers", {}).get("ge_load_time")
    if loaded:
        return datetime.strptime(loaded, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)
    return datetime.fromtimestamp(file.stat().st_mtime, UTC)


def load_validations(settings: Settings, run_ids: Sequence[str]) -> list[Validation]:
    """The batches' results the runs saved, suite by suite (runs without results add nothing)."""
    found = []
    for run_id in run_ids:
        starts = _gate_starts(settings, run_id)
        for file in sorted((results_dir(settings, run_id) / "gx").glob("*.json")):
            batches = json.loads(file.read_text(encoding="utf-8"))
            for position, native in enumerate(batches, start=1):
                started = starts.get(file.stem) or _load_time(native, file)
                found.append(Validation(file.stem, run_id, started, position, native))
    return found


def _write(site_dir: Path, relative: str, html: str) -> None:
    page = site_dir / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    root = Path(os.path.relpath(site_dir, page.parent)).as_posix()
    page.write_text(offline_page(html, root, relative), encoding="utf-8")


def _views():
    from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView

    views = (DefaultJinjaPageView(custom_styles_directory=str(STYLES_DIR)),
             DefaultJinjaIndexPageView(custom_styles_directory=str(STYLES_DIR)))
    for view in views:
        view.env.auto_reload = False  # templates do not change during a build: no stat per include
    return views


def _validation_pages(site_dir: Path, validations: list[Validation], view) -> list[bool]:
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )
    from great_expectations.render.renderer import ValidationResultsPageRenderer

    schema, renderer, successes = ExpectationSuiteValidationResultSchema(), ValidationResultsPageRenderer(), []
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
            html = view.render(renderer.render(suite), data_context_id=None, show_how_to_buttons=False)
            _write(site_dir, f"expectations/{name}.html", html)
            written.append(name)
    return written


def _index_links(run_ids: Sequence[str], validations: list[Validation], successes: list[bool],
                 suites: list[str]) -> dict:
    """What GX's DefaultSiteIndexBuilder hands SiteIndexPageRenderer, for these pages."""
    validation_links = [
        {"expectation_suite_name": v.suite, "filepath": quote(v.path), "batch_identifier": v.batch_id,
         "validation_success": success, "run_time": v.run_time, "run_name": v.run_name, "asset_name": v.asset,
         "batch_kwargs": None, "batch_spec": v.for_gx()["meta"]["batch_spec"],
         "expectation_suite_filepath": f"expectations/{v.suite}.html" if v.suite in suites else None}
        for v, success in zip(validations, successes, strict=True)
    ]
    suite_links = [{"expectation_suite_name": s, "filepath": quote(f"expectations/{s}.html")} for s in suites]
    runs = "de la ejecución" if len(run_ids) == 1 else "de las ejecuciones"
    return {"site_name": f"SIIE: validaciones {runs} {', '.join(run_ids)}", "validations_links": validation_links,
            "expectations_links": suite_links}


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
    suites = _suite_pages(site_dir, sorted({v.suite for v in validations}), page_view)
    links = _index_links(run_ids, validations, successes, suites)
    html = index_view.render(SiteIndexPageRenderer.render(links), data_context_id=None, show_how_to_buttons=False)
    _write(site_dir, "index.html", html)
    copy_assets(site_dir)
    return site_dir / "index.html"
