"""python -m bench.report_page PAGE.html [...] [--width 1400]

How big the auditors' report is for a person: its size on disk and the height Chromium lays it
out at a given window width (the page is copied with a one-line script that writes its height into
the DOM; the copy is rendered headless with the network cut). Results go to stdout as JSON lines;
bench/RESULTS_INFORME.md records the figures and the commands that produced them."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--dump-dom",
]
PROBE = (
    "<script>addEventListener('load',()=>{const d=document.createElement('pre');d.id='medida';"
    "d.textContent=document.documentElement.scrollHeight;document.body.append(d)})</script>"
)


def measure(page: Path, width: int) -> dict:
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / page.name
        copy.write_text(
            page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
        )
        browser = shutil.which("chromium") or "chromium"
        args = [
            browser,
            *FLAGS,
            f"--window-size={width},1000",
            f"--user-data-dir={work}/perfil",
            copy.as_uri(),
        ]
        dom = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True).stdout
    height = re.search(r'<pre id="medida">(\d+)</pre>', dom)
    return {
        "pagina": page.name,
        "bytes": page.stat().st_size,
        "ancho_px": width,
        "alto_px": int(height.group(1)) if height else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report_page", description=__doc__)
    parser.add_argument("pages", type=Path, nargs="+")
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args(argv)
    for page in args.pages:
        print(json.dumps(measure(page, args.width), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
