"""`siie portal [--version N] [--servir [--puerto 8000]]`: build the portal of a published version
(the current one by default) into its folder, or serve it on this machine.

The publication builds each version's portal itself; this command builds it again (a version
published before the portal existed, or after changing its templates) and serves it. Exit status
0, or 2 when there is no such publication or the port is taken.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.core.config import Settings

DEFAULT_PORT = 8000
HOST = "127.0.0.1"


class PortalCommandError(RuntimeError):
    pass


def add_portal_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version", type=int, metavar="N", help="una versión conservada en lugar de la vigente"
    )
    parser.add_argument(
        "--servir",
        "--serve",
        dest="servir",
        action="store_true",
        help="servirlo en http://127.0.0.1:PUERTO/ (lo construye si la versión no lo tiene)",
    )
    parser.add_argument(
        "--puerto",
        "--port",
        dest="puerto",
        type=int,
        default=DEFAULT_PORT,
        metavar="PUERTO",
        help=f"el puerto de --servir (por omisión {DEFAULT_PORT})",
    )


def version_folder(settings: Settings, version: int | None) -> tuple[int, Path]:
    from pipelines.publish.versions import CURRENT_DIR, DATABASE_FILE, current_version, version_name

    published = settings.published_dir
    number = version or current_version(published)
    folder = published / version_name(number) if number else published / CURRENT_DIR
    if number is None or not (folder / DATABASE_FILE).is_file():
        what = f"la versión {version}" if version else "una publicación vigente"
        raise PortalCommandError(
            f"No hay {what} en {published}; ejecute `siie ejecutar` (o `make run`)."
        )
    return number, folder


def _serve(folder: Path, shown: Path, port: int) -> None:
    from pipelines.portal.serve import portal_server

    try:
        server = portal_server(folder, port)
    except OSError as error:
        raise PortalCommandError(
            f"No se puede servir en el puerto {port} ({error.strerror}); elija otro con --puerto"
        ) from error
    print(f"Sirviendo {shown} en http://{HOST}:{port}/ (Ctrl-C para terminar)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("Servidor detenido.")


def main(args: argparse.Namespace) -> int:
    from pipelines.core.config import load_settings
    from pipelines.portal.build import HOME_PAGE, PORTAL_DIR, build_portal
    from pipelines.publish.versions import CURRENT_DIR, DATABASE_FILE

    try:
        settings = load_settings()
        number, folder = version_folder(settings, args.version)
        portal = folder / PORTAL_DIR
        if not args.servir or not (portal / HOME_PAGE).is_file():
            built = build_portal(folder, folder / DATABASE_FILE, number, settings.portal_cache_dir)
            print(
                f"Portal de la versión {number}: {built.inicio} ({built.paginas} páginas, "
                f"{built.bytes / 1e6:.1f} MB, {built.segundos:.1f} s)",
                flush=True,
            )
        if args.servir:
            # the current version through its link: a version switched meanwhile is served next
            served = (
                settings.published_dir / CURRENT_DIR / PORTAL_DIR if not args.version else portal
            )
            _serve(served, Path(os.path.realpath(portal)), args.puerto)
    except PortalCommandError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 0
