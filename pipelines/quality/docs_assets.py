"""The CSS, JS and fonts that GX Data Docs load from CDNs, as local files inside the site.

GX 1.24's page templates link bootstrap, bootstrap-table, jQuery, Popper, Font Awesome,
bootstrap-datepicker, bootstrap-prefers-dark and Vega from CDNs, and its logo from S3: offline
the pages render unstyled and the index (a bootstrap-table filled by JS) stays empty. Every page
is rewritten to load local copies under `static/vendor/` with relative URLs. Where each copy
comes from:

- PyPI XStatic packages pinned in pyproject.toml: Bootstrap 4.5.3 (GX asks for 4.3.1: same
  major, same classes; its bundle carries Popper 1.16), jQuery 3.7.1 (the same), Font Awesome
  6.2.1 (GX asks for 6.6.0; the icons GX uses are all in 6.2.1), bootstrap-datepicker 1.4.0
  (GX asks for 1.9.0; it only draws the date filter of the index).
- bootstrap-table 1.19.1 (the version GX asks for) is in no PyPI package: its dist files are
  shipped in pipelines/quality/vendor/bootstrap-table/ (see the README there).
- Dropped: Vega, Vega-Lite and Vega-Embed draw only profiling charts, which SIIE does not make
  (a page that calls vegaEmbed stops the build); bootstrap-prefers-dark (a dark palette when
  the system asks for one) is in no PyPI package, so pages stay in bootstrap's light palette.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
from pathlib import Path

VENDOR_DIR = Path(__file__).parent / "vendor"
STYLES_DIR = Path(__file__).parent / "data_docs_styles"  # GX's custom-styles hook
STATIC = "static"

# Local folder under static/vendor/ → (where its files come from, the files copied).
_WEBFONTS = tuple(
    f"webfonts/fa-{n}.{ext}"
    for n in ("solid-900", "regular-400", "brands-400", "v4compatibility")
    for ext in ("woff2", "ttf")
)
LIBRARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "bootstrap": ("xstatic.pkg.bootstrap", ("css/bootstrap.min.css", "js/bootstrap.bundle.min.js")),
    "jquery": ("xstatic.pkg.jquery", ("jquery.min.js",)),
    "font-awesome": ("xstatic.pkg.font_awesome", ("LICENSE.txt", "css/all.min.css", *_WEBFONTS)),
    "bootstrap-datepicker": (
        "xstatic.pkg.bootstrap_datepicker",
        ("bootstrap-datepicker.js", "bootstrap-datepicker.standalone.css"),
    ),
    "bootstrap-table": (
        "vendor",
        (
            "LICENSE",
            "bootstrap-table.min.css",
            "bootstrap-table.min.js",
            "extensions/filter-control/bootstrap-table-filter-control.min.css",
            "extensions/filter-control/bootstrap-table-filter-control.min.js",
        ),
    ),
}

_FILTER_CONTROL = "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min"
# The file name that ends each CDN URL of GX 1.24's templates → its local copy (None: dropped).
REPLACEMENTS: dict[str, str | None] = {
    "bootstrap.min.css": "bootstrap/css/bootstrap.min.css",
    "bootstrap.min.js": "bootstrap/js/bootstrap.bundle.min.js",
    "popper.min.js": None,  # inside bootstrap.bundle.min.js
    "jquery-3.7.1.min.js": "jquery/jquery.min.js",
    "all.min.css": "font-awesome/css/all.min.css",
    "bootstrap-table.min.css": "bootstrap-table/bootstrap-table.min.css",
    "bootstrap-table.min.js": "bootstrap-table/bootstrap-table.min.js",
    "bootstrap-table-filter-control.css": f"{_FILTER_CONTROL}.css",
    "bootstrap-table-filter-control.min.css": f"{_FILTER_CONTROL}.css",
    "bootstrap-table-filter-control.min.js": f"{_FILTER_CONTROL}.js",
    "bootstrap-datepicker.min.css": "bootstrap-datepicker/bootstrap-datepicker.standalone.css",
    "bootstrap-datepicker.min.js": "bootstrap-datepicker/bootstrap-datepicker.js",
    "bootstrap-prefers-dark.css": None,
    "vega@5": None,
    "vega-lite@5": None,
    "vega-embed@6": None,
}
GX_IMAGES = ("favicon.ico", "logo-long.png")  # the only GX images the pages show

_EXTERNAL = r"(?:https?:)?//"
_TAG = re.compile(
    rf"<(link|script)\b[^>]*?\b(?:href|src)=[\"']({_EXTERNAL}[^\"']+)[\"'][^>]*>(?:\s*</script>)?"
)
_IMG = re.compile(rf"(<img\b[^>]*?\bsrc=[\"']){_EXTERNAL}[^\"']*?/([\w.-]+?)(?:\?[^\"']*)?([\"'])")
_LINK = re.compile(rf"<a\b[^>]*?\bhref=[\"']{_EXTERNAL}[^\"']*[\"'][^>]*>(.*?)</a>", re.DOTALL)
_CSS_URL = re.compile(rf"url\(\s*[\"']?{_EXTERNAL}[^)]*\)")
_GX_STATIC = re.compile(r"(?<=[\"'(])(?:\./|(?:\.\./)+)static/")
# GX newsletter
_FOOTER = re.compile(r"<footer>\s*<p>Stay current on everything GX.*?</footer>", re.DOTALL)
LEFT_OUTSIDE = re.compile(rf"(?:\b(?:src|href)\s*=\s*[\"']?|url\(\s*[\"']?){_EXTERNAL}")


def _library_dir(source: str, name: str) -> Path:
    if source == "vendor":
        return VENDOR_DIR / name
    return Path(importlib.import_module(source).BASE_DIR)


def _place(origin: Path, target: Path) -> None:
    """A hard link where the file system allows it: a site per run then costs no space for the
    ~2 MB of libraries every site carries; a copy elsewhere."""
    target.unlink(missing_ok=True)
    try:
        os.link(origin, target)
    except OSError:
        shutil.copyfile(origin, target)


def copy_assets(site_dir: Path) -> None:
    """Put the vendored libraries and GX's own images into `site_dir/static/`."""
    for name, (source, files) in LIBRARIES.items():
        origin, target = _library_dir(source, name), site_dir / STATIC / "vendor" / name
        for file in files:
            (target / file).parent.mkdir(parents=True, exist_ok=True)
            _place(origin / file, target / file)
    images = site_dir / STATIC / "images"
    images.mkdir(parents=True, exist_ok=True)
    gx_images = (
        Path(str(importlib.import_module("great_expectations.render.view").__file__)).parent
        / "static/images"
    )
    for image in GX_IMAGES:
        _place(gx_images / image, images / image)


def _local_tag(match: re.Match, root: str, page: str) -> str:
    kind, url = match.group(1), match.group(2)
    name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    if name not in REPLACEMENTS:
        raise ValueError(
            f"{page}: GX carga {url} de la red y no hay copia local (docs_assets.REPLACEMENTS)"
        )
    local = REPLACEMENTS[name]
    if local is None:
        return ""
    href = f"{root}/{STATIC}/vendor/{local}"
    return (
        f'<script src="{href}"></script>'
        if kind == "script"
        else f'<link rel="stylesheet" href="{href}">'
    )


def _local_image(match: re.Match, root: str, page: str) -> str:
    if match.group(2) not in GX_IMAGES:
        raise ValueError(
            f"{page}: GX carga la imagen {match.group(2)} de la red y no hay copia local"
        )
    return f"{match.group(1)}{root}/{STATIC}/images/{match.group(2)}{match.group(3)}"


def offline_page(html: str, root: str, page: str = "") -> str:
    """The page with every CDN file replaced by its local copy (`root`: the relative path from the
    page to the site's root), GX's static paths made right for the page's depth, outside links
    turned into plain text. Raises ValueError when something would still load from outside."""
    html = _GX_STATIC.sub(f"{root}/{STATIC}/", html)
    html = _TAG.sub(lambda m: _local_tag(m, root, page), html)
    html = _IMG.sub(lambda m: _local_image(m, root, page), html)
    html = _FOOTER.sub("", html)
    html = _LINK.sub(lambda m: m.group(1), html)
    html = _CSS_URL.sub("none", html)  # GX's dark-mode logo (data_docs_styles shows the local one)
    if "vegaEmbed(" in html:
        raise ValueError(f"{page}: la página dibuja gráficas de Vega, que no se copian al sitio")
    if found := LEFT_OUTSIDE.search(html):
        raise ValueError(
            f"{page}: queda una referencia fuera del sitio: "
            f"{html[found.start() : found.end() + 60]}"
        )
    return html
