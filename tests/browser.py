"""Headless Chromium (Debian's package) for the report tests: the DOM it renders and a
screenshot."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

# No network, no profile of the user's, no first-run chatter: the page must render alone. Any
# request that would leave the machine fails: no name resolves and the proxy is a closed port.
NETWORK_CUT = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9"]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-default-browser-check",
    "--mute-audio",
    *NETWORK_CUT,
]


def chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def _run(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def rendered_dom(page: Path, profile: Path) -> str:
    done = _run(page, profile, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(page: Path, image: Path, profile: Path, size: str = "1280,1600") -> Path:
    done = _run(page, profile, f"--screenshot={image}", f"--window-size={size}")
    assert done.returncode == 0 and image.exists(), done.stderr[-2000:]
    return image


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def png_pixel(image: Path, x: int, y: int) -> tuple[int, int, int]:
    """RGB of one pixel of an 8-bit RGB/RGBA PNG (what Chromium writes), without an image
    library."""
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, _height, depth, color, *_ = header
    assert depth == 8 and color in (2, 6), (depth, color)
    channels = 4 if color == 6 else 3
    raw, stride = zlib.decompress(b"".join(chunks)), width * channels
    previous = bytearray(stride)
    for row in range(y + 1):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            line[i] = (
                line[i] + (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            ) & 0xFF
        previous = line
    return tuple(previous[x * channels : x * channels + 3])


PROBE = (
    "<script>addEventListener('load',()=>{{const o={{}};"
    "for(const id of {ids}){{const e=document.getElementById(id);"
    "o[id]=e?Math.round(e.getBoundingClientRect().top+scrollY):null}}"
    "o.__alto=document.documentElement.scrollHeight;"
    "const p=document.createElement('pre');p.id='__medidas';p.textContent=JSON.stringify(o);"
    "document.body.append(p)}})</script>"
)


def layout(page: Path, profile: Path, ids: list[str], width: int = 1400) -> dict[str, int]:
    """Where elements start (px from the top) and the page's height, as Chromium lays out a copy
    of the page with a measuring script added (the page itself has no script)."""
    import json
    import re

    copy = profile.parent / f"medida_{page.name}"
    copy.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", PROBE.format(ids=json.dumps(ids)) + "</body>"
        ),
        encoding="utf-8",
    )
    dom = _run(copy, profile, "--dump-dom", f"--window-size={width},1000").stdout
    found = re.search(r'<pre id="__medidas">(.*?)</pre>', dom)
    assert found, dom[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"'))


WIDTHS = (
    "<script>addEventListener('load',()=>{const o={};"
    "for(const [k,e] of [['pagina',document.documentElement],"
    "['menu',document.querySelector('nav')],['tabla',document.querySelector('main table')]]){"
    "if(e){o[k]={scroll:e.scrollWidth,client:e.clientWidth}}}"
    "const p=document.createElement('pre');p.id='__anchos';p.textContent=JSON.stringify(o);"
    "document.body.append(p)})</script>"
)


def widths(page: Path, profile: Path, width: int = 1400) -> dict[str, dict[str, int]]:
    """scrollWidth and clientWidth of the page, its menu and its first table, as Chromium lays
    out a copy of the page `width` px wide: content wider than its box overflows (scrolls)."""
    import json
    import re

    copy = profile.parent / f"anchos_{page.name}"
    copy.write_text(
        page.read_text(encoding="utf-8").replace("</body>", WIDTHS + "</body>"), encoding="utf-8"
    )
    dom = _run(copy, profile, "--dump-dom", f"--window-size={width},1000").stdout
    found = re.search(r'<pre id="__anchos">(.*?)</pre>', dom)
    assert found, dom[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"'))
