"""The files every page shares, served from the site itself: the style sheet, the portal's small
script, DataTables (sortable and filterable tables) as bundled by the PyPI package `itables`
(pinned in pyproject.toml; docs/PORTAL.md says why this library), and the script that draws the
charts (chart_library.py), given by the caller.

itables ships DataTables as an ES module (`export{…}` at its end). A page opened straight from
disk (file://) may not load a module script, so the one export statement is rewritten into a
global (`window.SiieTablas`), and the bundle becomes a classic script that works from disk and from
any static web server alike.
"""

from __future__ import annotations

import re
import shutil
from importlib.resources import files
from pathlib import Path

from pipelines.portal.chart_library import SCRIPT

ASSETS_DIR = "recursos"
OWN_ASSETS = ("portal.css", "portal.js")
TABLE_SCRIPT = "tablas.js"
TABLE_STYLE = "tablas.css"
CHART_SCRIPT = SCRIPT
EXPORT = re.compile(r"export\{([^}]*)\}\s*;?")


class AssetError(RuntimeError):
    pass


def _bundle() -> tuple[str, str]:
    folder = files("itables") / "html"
    return (folder / "dt_bundle.js").read_text(encoding="utf-8"), (
        folder / "dt_bundle.css"
    ).read_text(encoding="utf-8")


def classic_script(module_text: str) -> str:
    """The ES module with its single `export{a as B, …}` turned into `window.SiieTablas`."""
    exports = EXPORT.findall(module_text)
    if len(exports) != 1:
        raise AssetError(
            f"el paquete de DataTables de itables tiene {len(exports)} sentencias export "
            "(se esperaba 1): revise la versión fijada de itables"
        )
    pairs = []
    for item in exports[0].split(","):
        local, _, exported = item.strip().partition(" as ")
        pairs.append(f"{(exported or local).strip()}:{local.strip()}")
    body = EXPORT.sub(lambda _: "window.SiieTablas={" + ",".join(pairs) + "};", module_text)
    return "(function(){" + body + "\n})();\n"


def write_assets(site: Path, chart_script: str) -> None:
    folder = site / ASSETS_DIR
    folder.mkdir(parents=True)
    (folder / CHART_SCRIPT).write_text(chart_script, encoding="utf-8")
    module_text, style = _bundle()
    (folder / TABLE_SCRIPT).write_text(classic_script(module_text), encoding="utf-8")
    (folder / TABLE_STYLE).write_text(style, encoding="utf-8")
    own = Path(__file__).parent / "static"
    for name in OWN_ASSETS:
        shutil.copyfile(own / name, folder / name)
