"""How long from dropping a new period's files into landing, while `dagster dev` runs, to a new
published version — with no command. Usage: python -m bench.drop_to_publication [--scale 0.02]"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from pipelines.core.config import PROJECT_ROOT

HELD_PERIOD = "26/1"


def _prepare(root: Path, scale: float) -> Path:
    """Nine periods generated, the ninth held back; the first eight loaded and published by
    `siie run`."""
    from pipelines.ingest.discovery import file_partition
    from sample_extracts import generate

    landing, held = root / "home" / "landing", root / "held"
    generate(landing, scale=scale, seed=2026, periods=9)
    for kind in ("matricula", "trayectoria", "plantilla"):
        for path in sorted((landing / kind).iterdir()):
            if file_partition(path, kind) == HELD_PERIOD:
                (held / kind).mkdir(parents=True, exist_ok=True)
                shutil.move(path, held / kind / path.name)
    subprocess.run(
        [str(Path(sys.executable).parent / "siie"), "run"],
        check=True,
        env=_env(root),
        stdout=subprocess.DEVNULL,
    )
    return held


def _env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SIIE_HOME": str(root / "home"),
        "DAGSTER_HOME": str(root / "dagster"),
        "SIIE_LANDING_DIR": str(root / "home" / "landing"),
    }


def _restore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2):
            return True
    except OSError:
        return False


def _current(root: Path) -> str:
    link = root / "home" / "published" / "current.duckdb"
    return os.readlink(link) if link.is_symlink() else ""


def measure(scale: float, port: int = 3999) -> dict:
    root = Path(tempfile.mkdtemp(prefix="siie_drop_"))
    held = _prepare(root, scale)
    before = _current(root)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "dagster"),
            "dev",
            "-w",
            "workspace.yaml",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        cwd=PROJECT_ROOT,
        env=_env(root),
        stdout=(root / "dev.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_restore_sigint,
    )
    try:
        while not _serving(port):
            time.sleep(1)
        time.sleep(30)  # the sensors' first ticks see what is already loaded
        dropped = time.time()
        for kind_dir in held.iterdir():
            for path in kind_dir.iterdir():
                shutil.copy(path, root / "home" / "landing" / kind_dir.name / path.name)
        while _current(root) == before and time.time() - dropped < 900:
            time.sleep(1)
        return {
            "escala": scale,
            "segundos_de_deposito_a_publicacion": round(time.time() - dropped, 1),
            "version_antes": before,
            "version_despues": _current(root),
            "carpeta": str(root),
        }
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.02)
    print(json.dumps(measure(parser.parse_args().scale), ensure_ascii=False))


if __name__ == "__main__":
    main()
