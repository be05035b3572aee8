"""The JavaScript that draws the portal's charts in the reader's browser: Vega, Vega-Lite and
Vega-Embed as one classic script, bundled offline by vl-convert (`javascript_bundle()`), with the
Mexican Spanish number and date formats the charts use. The site serves it from its own folder,
so a page never asks anything of another site.

Bundling takes about 6 s (vl-convert starts its JavaScript engine and bundles some 0.9 MB), more
than all the rest of a small portal, so the bundle is kept under `$SIIE_HOME/cache/portal/`, named
by the vl-convert and Vega-Lite versions and the script's own lines: a new vl-convert makes a new
file.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Final

import altair as alt
import vl_convert

from pipelines.core.cache_file import write_cache

LOCALE: Final = "es-MX"
SCRIPT = "vega.js"
# The bundle's own lines (vl-convert's `snippet`): the one name the portal's script uses.
SNIPPET = "window.vegaEmbed = vegaEmbed;"


class ChartLibraryError(RuntimeError):
    pass


def vega_lite_version() -> str:
    """The Vega-Lite of Altair's specifications ("v6.4" for schema v6.4.1), which the bundle must
    carry; a vl-convert that does not have it is a pinning mistake, said before any page."""
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    version = f"{major}.{minor}"
    if version not in vl_convert.get_vegalite_versions():
        raise ChartLibraryError(
            f"vl-convert {installed_version('vl-convert-python')} no trae Vega-Lite {version}, "
            f"que usan las gráficas de Altair {alt.__version__}: revise las versiones fijadas en "
            "pyproject.toml"
        )
    return f"v{version}"


def bundle_name() -> str:
    snippet = hashlib.sha256(SNIPPET.encode()).hexdigest()[:8]
    return (
        f"vega_vl-convert-{installed_version('vl-convert-python')}"
        f"_vega-lite-{vega_lite_version()}_{snippet}.js"
    )


def _bundle(cache_dir: Path | None) -> str:
    cached = cache_dir / bundle_name() if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    text = vl_convert.javascript_bundle(SNIPPET, vl_version=vega_lite_version())
    if cached is not None:
        write_cache(cached, text, prefix=".vega_")
    return text


def chart_script(cache_dir: Path | None) -> str:
    """The bundle inside a function (its top-level names stay out of the page's globals; it sets
    `window.vegaEmbed`), then the formats as `window.SiieFormatoGraficas`."""
    formats = {
        "formatLocale": vl_convert.get_format_locale(LOCALE),
        "timeFormatLocale": vl_convert.get_time_format_locale(LOCALE),
    }
    return (
        "(function(){\n"
        + _bundle(cache_dir)
        + "\n})();\nwindow.SiieFormatoGraficas="
        + json.dumps(formats, ensure_ascii=False)
        + ";\n"
    )
