"""`siie datos-abiertos [--version N] [--destino DIR]` (alias `open-data`): copy a published
version's open data package to a folder for upload, and check every copied file against the
sha256 its catalog entry lists. Exit status 0, or 2 (a Spanish message) when the version has no
package or the destination is not empty."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from pipelines.core.config import load_settings
from pipelines.core.failures import EXIT_OK, EXIT_RUN_FAILED
from pipelines.publish.open_data.checksums import sha256_of
from pipelines.publish.open_data.layout import CATALOG_FILE, FOLDER
from pipelines.publish.versions import current_version, version_name, versions


class ExportError(Exception):
    """Why the package cannot be copied (said to the user in Spanish)."""


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version", type=int, metavar="N", help="una versión conservada en lugar de la vigente"
    )
    parser.add_argument(
        "--destino",
        "--destination",
        type=Path,
        metavar="CARPETA",
        help="carpeta nueva o vacía donde copiarlo (por omisión ./datos_abiertos_vNNNN)",
    )


def package_of(published: Path, version: int | None) -> tuple[int, Path]:
    """The version asked for (the current one by default) and its package folder."""
    chosen = version if version is not None else current_version(published)
    if chosen is None:
        raise ExportError(f"no hay ninguna versión publicada en {published}")
    if chosen not in versions(published):
        kept = ", ".join(map(str, versions(published))) or "ninguna"
        raise ExportError(
            f"la versión {chosen} no se conserva en {published} (se conservan: {kept})"
        )
    folder = published / version_name(chosen) / FOLDER
    if not (folder / CATALOG_FILE).is_file():
        raise ExportError(
            f"la versión {chosen} no tiene paquete de datos abiertos ({folder}): se publicó "
            "antes de que existiera; la siguiente publicación lo tendrá"
        )
    return chosen, folder


def check_copy(destination: Path) -> int:
    """Every distribution of the copied catalog entry has the sha256 it lists; the bytes."""
    entry = json.loads((destination / CATALOG_FILE).read_text(encoding="utf-8"))
    total = 0
    for item in entry["dcat:distribution"]:
        path = destination / item["dcat:downloadURL"]
        expected = item["spdx:checksum"]["spdx:checksumValue"]
        if not path.is_file() or sha256_of(path) != expected:
            raise ExportError(f"la copia de {item['dcat:downloadURL']} no coincide con su SHA-256")
        total += path.stat().st_size
    return total


def export_package(published: Path, version: int | None, destination: Path | None) -> Path:
    chosen, folder = package_of(published, version)
    target = destination or Path.cwd() / f"datos_abiertos_{version_name(chosen)}"
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"el destino {target} ya existe y no está vacío; elija otra carpeta")
    # copyfile: the copies are the user's to handle, not read-only like the published ones
    shutil.copytree(folder, target, copy_function=shutil.copyfile, dirs_exist_ok=True)
    return target


def main(args: argparse.Namespace) -> int:
    published = load_settings().published_dir
    try:
        target = export_package(published, args.version, args.destino)
        size = check_copy(target)
    except ExportError as error:
        print(f"siie datos-abiertos: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    files = sum(1 for p in target.rglob("*") if p.is_file())
    print(
        f"Paquete de datos abiertos copiado en {target}: {files} archivos, {size:,} bytes "
        "(cada uno coincide con el SHA-256 de catalogo.json)."
    )
    return EXIT_OK
