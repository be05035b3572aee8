"""Playwright on Debian's Chromium (never a browser of Playwright's own) for the portal's tests:
every request that would leave the site is cut and recorded, every console error and page error
is kept, and axe-core (the copy bundled by axe-playwright-python) checks accessibility."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Browser, Page, Route, sync_playwright

from pipelines.portal.serve import portal_server
from tests.browser import chromium


@dataclass
class Visit:
    """What a page did while it loaded."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


class PortalBrowser:
    """The portal served on a free local port, and one Chromium for the whole module."""

    def __init__(self, folder: Path) -> None:
        self.server = portal_server(folder, 0)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        executable = chromium()
        assert executable, "Chromium no está instalado: `make browser`"
        self._playwright = sync_playwright().start()
        self.browser: Browser = self._playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )

    def open(
        self, path: str, visit: Visit | None = None, base: str | None = None, javascript=True
    ) -> Page:
        visit = visit if visit is not None else Visit()
        root = base or self.base
        page = self.browser.new_page(
            viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
        )
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(str(e)))

        def cut(route: Route) -> None:
            url = route.request.url
            if url.startswith(root) or url.startswith("data:"):
                route.continue_()
            else:
                visit.outside.append(url)
                route.abort()

        page.route("**/*", cut)
        page.goto(root + path, wait_until="load")
        return page

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()
        self.server.shutdown()
        self.server.server_close()


def read_number(text: str) -> Decimal:
    """A figure as the portal writes it (1,234.5 %, $12,000) back to a number."""
    cleaned = text.replace(",", "").replace("%", "").replace("$", "").strip()
    return Decimal(cleaned)
