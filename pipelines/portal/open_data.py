"""The version's open-data package (`datos_abiertos/`, docs/OPEN_DATA.md), as the portal lists it:
its DCAT catalogue (`catalogo.json`: every distribution with title, format, media type, size and
sha256), its licence and how to cite it, and the release notes (`notas_de_version.md`).

A version published before the package existed has none: the portal says so in a sentence and
lists nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

PACKAGE_DIR = "datos_abiertos"
CATALOGUE = "catalogo.json"
RELEASE_NOTES = "notas_de_version.md"


@dataclass(frozen=True)
class Distribution:
    titulo: str
    ruta: str  # relative to the package folder
    formato: str
    tipo_medio: str
    bytes: int
    sha256: str


@dataclass
class OpenData:
    disponible: bool
    titulo: str = ""
    licencia: str = ""
    editor: str = ""
    version: str = ""
    cita: str = ""
    distribuciones: list[Distribution] = field(default_factory=list)
    notas: Markup | None = None


class OpenDataError(RuntimeError):
    pass


def _text(value: object) -> str:
    """A JSON-LD value: a literal, a {"@value"} or {"@id"} object, or a list of them."""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        for key in ("@value", "foaf:name", "dct:title", "@id"):
            if key in value:
                return _text(value[key])
        return ""
    return "" if value is None else str(value)


def _distribution(item: dict, catalogue: Path) -> Distribution:
    checksum = item.get("spdx:checksum") or {}
    url = _text(item.get("dcat:downloadURL") or item.get("dcat:accessURL"))
    if not url or url.startswith(("http:", "https:", "/")) or ".." in Path(url).parts:
        raise OpenDataError(
            f"{catalogue}: la distribución «{_text(item.get('dct:title'))}» no tiene una ruta "
            f"relativa dentro del paquete (dcat:downloadURL = {url!r})"
        )
    return Distribution(
        titulo=_text(item.get("dct:title")) or url,
        ruta=url,
        formato=_text(item.get("dct:format")),
        tipo_medio=_text(item.get("dcat:mediaType")),
        bytes=int(_text(item.get("dcat:byteSize")) or 0),
        sha256=_text(checksum.get("spdx:checksumValue")),
    )


def _citation(dataset: dict) -> str:
    given = _text(dataset.get("dct:bibliographicCitation"))
    if given:
        return given
    publisher = _text(dataset.get("dct:publisher")) or "Instituto Politécnico Nacional"
    title = _text(dataset.get("dct:title"))
    version = _text(dataset.get("dcat:version") or dataset.get("owl:versionInfo"))
    issued = _text(dataset.get("dct:issued") or dataset.get("dct:modified"))
    return f"{publisher}. {title}, versión {version} ({issued})."


def render_markdown(text: str, below: int = 2) -> Markup:
    """Markdown to HTML, raw HTML in the source escaped; its headings moved `below` levels down, to
    sit under the page's own h2."""
    parser = MarkdownIt("commonmark", {"html": False})
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + below, 6)}"
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def read_open_data(version_dir: Path) -> OpenData:
    folder = version_dir / PACKAGE_DIR
    catalogue = folder / CATALOGUE
    if not catalogue.is_file():
        return OpenData(disponible=False)
    dataset = json.loads(catalogue.read_text(encoding="utf-8"))
    items = dataset.get("dcat:distribution") or []
    if isinstance(items, dict):
        items = [items]
    notes = folder / RELEASE_NOTES
    return OpenData(
        disponible=True,
        titulo=_text(dataset.get("dct:title")),
        licencia=_text(dataset.get("dct:license")),
        editor=_text(dataset.get("dct:publisher")),
        version=_text(dataset.get("dcat:version") or dataset.get("owl:versionInfo")),
        cita=_citation(dataset),
        distribuciones=[_distribution(item, catalogue) for item in items],
        notas=render_markdown(notes.read_text(encoding="utf-8")) if notes.is_file() else None,
    )
