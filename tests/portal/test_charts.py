"""The portal's charts before any browser: a specification embedded in a page cannot close its
<script> element and reads back as the same JSON; the charts' JavaScript is bundled by vl-convert
for Altair's Vega-Lite, kept in the cache and read from it, and a cache that cannot be written
does not stop the build."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import altair as alt
import pytest

from pipelines.portal.chart_library import bundle_name, chart_script
from pipelines.portal.charts import series_chart, spec_json

pytestmark = pytest.mark.unit

HOSTILE = "</script><script>alert(1)</script><!-- & \u2028"


class _Scripts(HTMLParser):
    """The text of every <script> element, as a browser's HTML parser splits it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script"
        if self._inside:
            self.texts.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.texts[-1] += data


def test_a_specification_in_a_page_reads_back_whole_whatever_its_names_hold():
    spec = series_chart([(HOSTILE, "24/1", "12.5"), ("IPN", "24/2", 7)], ["24/1", "24/2"], "%")
    page = f'<p>a</p><script type="application/json">{spec_json(spec)}</script><p>b</p>'
    parser = _Scripts()
    parser.feed(page)
    [text] = parser.texts
    assert json.loads(text) == json.loads(json.dumps(spec))
    assert json.loads(text)["data"]["values"][0] == {
        "serie": HOSTILE,
        "periodo": "24/1",
        "valor": 12.5,
    }


def test_the_bundle_carries_the_vega_lite_of_altairs_specifications_and_is_cached(tmp_path):
    script = chart_script(tmp_path)
    cached = tmp_path / bundle_name()
    assert cached.is_file()
    assert cached.read_text(encoding="utf-8") in script
    assert f'"{alt.SCHEMA_VERSION.lstrip("v")}"' in script, "otra versión de Vega-Lite"
    assert "window.vegaEmbed=" in script and '"thousands": ","' in script


def test_a_cached_bundle_is_read_not_made_again(tmp_path):
    (tmp_path / bundle_name()).write_text("/* el paquete guardado */", encoding="utf-8")
    assert "/* el paquete guardado */" in chart_script(tmp_path)


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path):
    blocked = tmp_path / "no_es_carpeta"
    blocked.write_text("")
    script = chart_script(blocked)
    assert "window.vegaEmbed=" in script
    assert blocked.is_file()
