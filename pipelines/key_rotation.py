"""`siie clave huella | rotar`: see the pseudonym key's fingerprint, change the key on purpose.

HMAC is one-way and the warehouse keeps only pseudonyms, so no pseudonym can be recomputed under a
new key from what the warehouse holds. Re-keying the old pseudonyms (HMAC_new(old pseudonym))
would keep the old key needed forever, since every later load would have to apply both keys: it
rotates nothing. Rotation is therefore a rebuild: the landing files are the originals, so every
file whose rows are in the warehouse must still be in landing (checked by sha256); the warehouse,
whose pseudonyms were made with the old key, is deleted; a fresh warehouse records the new key's
fingerprint; the next `siie run` loads every landing file again with the new key. The published
versions hold only aggregates and need nothing (docs/PRIVACY.md).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.core.config import SOURCE_KINDS, Settings, load_settings
from pipelines.core.warehouse_lock import wait_until_free
from pipelines.core.wording import count
from pipelines.ingest.file_identity import file_sha256, why_unreadable
from pipelines.ingest.identifiers import recorded_name
from pipelines.ingest.key_guard import key_fingerprint, record_fingerprint, recorded_fingerprint
from pipelines.ingest.landing import landed_files
from pipelines.ingest.pseudonyms import existing_pseudonym_key, new_key, write_key_file
from pipelines.ingest.warehouse import ensure_raw_schema

EXIT_OK, EXIT_NOTHING_DONE, EXIT_REFUSED = 0, 1, 2


def add_key_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="accion", metavar="ACCIÓN", required=True)
    actions.add_parser(
        "huella", help="muestra la huella de la clave configurada y la registrada en el almacén"
    )
    rotate = actions.add_parser(
        "rotar",
        help="cambia la clave: borra el almacén y lo rehace desde landing con la clave nueva",
    )
    rotate.add_argument(
        "--confirmar",
        action="store_true",
        help="hace la rotación (sin esta opción sólo dice qué haría)",
    )


def run_key_command(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.accion == "huella":
        return show_fingerprint(settings)
    return rotate_key(settings, confirmed=args.confirmar)


def _recorded(settings: Settings) -> str | None:
    if not settings.warehouse_path.exists():
        return None
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return recorded_fingerprint(con)


def show_fingerprint(settings: Settings) -> int:
    key = existing_pseudonym_key(settings)
    configured = key_fingerprint(key) if key is not None else None
    recorded = _recorded(settings)
    source = "SIIE_PSEUDONYM_KEY" if settings.pseudonym_key else str(settings.key_file)
    print(f"Clave configurada ({source}): huella {configured or '— (aún no hay clave)'}")
    shown = recorded or "— (sin registrar)"
    print(f"Clave del almacén ({settings.warehouse_path}): huella {shown}")
    if recorded and configured != recorded:
        print("No coinciden: `siie run` se negará a cargar con esta clave (`siie clave rotar`).")
        return EXIT_NOTHING_DONE
    return EXIT_OK


@dataclass
class RotationPlan:
    loaded: list[tuple[str, str]] = field(default_factory=list)  # (archivo, sha256) in raw.*
    missing: list[tuple[str, str]] = field(default_factory=list)  # of those, not in landing
    landed: int = 0


def _rotation_plan(settings: Settings) -> RotationPlan:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        loaded = con.execute(
            "SELECT DISTINCT archivo, sha256 FROM raw.cargas WHERE estado = 'CARGADO' ORDER BY 1"
        ).fetchall()
    in_landing = set()
    for kind in SOURCE_KINDS:
        for path in landed_files(settings.landing_for(kind)):
            if why_unreadable(path, settings.landing_dir) is None:
                in_landing.add(file_sha256(path))
    missing = [(name, sha) for name, sha in loaded if sha not in in_landing]
    return RotationPlan(loaded, missing, len(in_landing))


def rotate_key(settings: Settings, confirmed: bool) -> int:
    recorded = _recorded(settings)
    if recorded is None:
        print(
            "No hay almacén con clave registrada: no hay nada que rotar; la primera carga "
            "registrará la clave configurada."
        )
        return EXIT_NOTHING_DONE
    if settings.pseudonym_key and key_fingerprint(settings.pseudonym_key.encode()) == recorded:
        print(
            f"La clave de SIIE_PSEUDONYM_KEY es la del almacén (huella {recorded}): ponga la "
            "clave nueva en SIIE_PSEUDONYM_KEY y repita `siie clave rotar`."
        )
        return EXIT_NOTHING_DONE
    plan = _rotation_plan(settings)
    if plan.missing:
        print(_missing_files(plan))
        return EXIT_REFUSED
    print(_plan_text(settings, plan, recorded))
    if not confirmed:
        print("Nada se cambió. Repita con `siie clave rotar --confirmar` para hacerlo.")
        return EXIT_NOTHING_DONE
    wait_until_free(settings.warehouse_path, settings.warehouse_wait_seconds)
    key = settings.pseudonym_key.encode() if settings.pseudonym_key else None
    if key is None:  # the key lives in the key file: rotation writes a new one
        fresh = new_key()
        write_key_file(settings.key_file, fresh, replace=True)
        key = fresh.encode()
    _fresh_warehouse(settings.warehouse_path, key)
    print(
        f"Clave rotada: el almacén anterior se borró y el nuevo registra la huella "
        f"{key_fingerprint(key)}. Ejecute `siie run` para volver a cargar desde landing "
        f"{count(len(plan.loaded), 'archivo')} con la clave nueva."
    )
    return EXIT_OK


def _missing_files(plan: RotationPlan) -> str:
    gone = count(len(plan.missing), "archivo cargado", "archivos cargados")
    lines = [
        f"No se puede rotar la clave: {gone} "
        "ya no está en landing, y sin el archivo original sus filas no pueden volver a "
        "seudonimizarse (un seudónimo no se deshace). Devuelva a landing:"
    ]
    lines += [f"  {recorded_name(name)} (sha256 {sha})" for name, sha in plan.missing]
    lines.append("Nada se cambió.")
    return "\n".join(lines)


def _plan_text(settings: Settings, plan: RotationPlan, recorded: str) -> str:
    return (
        f"Rotar la clave (huella registrada {recorded}) rehace el almacén: se borra "
        f"{settings.warehouse_path} (sus seudónimos son de la clave anterior y no pueden "
        f"recalcularse: HMAC no se invierte), se crea uno vacío con la huella de la clave nueva, "
        f"y la próxima `siie run` vuelve a cargar los {count(len(plan.loaded), 'archivo')} "
        f"cargados, que siguen en landing. La publicación vigente sólo tiene agregados y no "
        "cambia hasta esa ejecución; la bitácora de cargas anterior se pierde con el almacén "
        "(queda la de cada versión publicada, en su tabla `cargas`)."
    )


def _fresh_warehouse(path: Path, key: bytes) -> None:
    for old in (path, path.with_name(path.name + ".wal")):
        old.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("BEGIN TRANSACTION")
        ensure_raw_schema(con)
        record_fingerprint(con, key)
        con.execute("COMMIT")
