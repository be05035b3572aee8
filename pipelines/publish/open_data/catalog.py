"""The catalog entry (catalogo.json): a DCAT-AP style JSON-LD dcat:Dataset with one
dcat:Distribution per file of the package (size and sha256 of each), for open data portals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pipelines.publish.open_data.checksums import sha256_of, size_of
from pipelines.publish.open_data.publisher import DESCRIPTION, LICENSE_URL, PUBLISHER, TITLE

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "spdx": "http://spdx.org/rdf/terms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
FORMATS = {  # by suffix: (dct:format, dcat:mediaType)
    ".csv": ("CSV", "text/csv"),
    ".xml": ("SDMX-ML 3.0", "application/vnd.sdmx.structure+xml;version=3.0"),
    ".json": ("JSON", "application/json"),
    ".md": ("Markdown", "text/markdown"),
}
SDMX_CSV = ("SDMX-CSV 2.0", "application/vnd.sdmx.data+csv;version=2.0.0")


def _distribution(folder: Path, relative: str, title: str) -> dict:
    path = folder / relative
    kind, media = (
        SDMX_CSV
        if relative.startswith("sdmx/") and relative.endswith(".csv")
        else (FORMATS.get(path.suffix, ("", "application/octet-stream")))
    )
    return {
        "@type": "dcat:Distribution",
        "dcat:downloadURL": relative,
        "dct:title": title,
        "dct:format": kind,
        "dcat:mediaType": media,
        "dcat:byteSize": size_of(path),
        "spdx:checksum": {"spdx:algorithm": "sha256", "spdx:checksumValue": sha256_of(path)},
    }


def catalog_entry(
    folder: Path,
    files: dict[str, str],
    version: int,
    published_at: str,
    coverage: tuple[date, date] | None,
) -> dict:
    """`files`: each file of the package (relative path) with its Spanish title."""
    entry: dict = {
        "@context": CONTEXT,
        "@type": "dcat:Dataset",
        "dct:identifier": f"siie-ipn-v{version:04d}",
        "dct:title": TITLE,
        "dct:description": DESCRIPTION,
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": PUBLISHER},
        "dct:license": LICENSE_URL,
        "dct:language": "es",
        "dcat:version": str(version),
        "owl:versionInfo": str(version),
        "dct:issued": published_at,
        "dct:modified": published_at,
        "dcat:distribution": [_distribution(folder, f, t) for f, t in files.items()],
    }
    if coverage:
        entry["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": coverage[0].isoformat(),
            "dcat:endDate": coverage[1].isoformat(),
        }
    return entry


def write_catalog(entry: dict, path: Path) -> None:
    path.write_text(json.dumps(entry, ensure_ascii=False, indent=1), encoding="utf-8")
