"""The report's pure pieces: how numbers and hashes read, and chart geometry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.report.charts import LABEL_WIDTH, bar_chart, line_chart
from pipelines.report.formatting import cell_text, label, short_hash

pytestmark = pytest.mark.unit


def test_numbers_read_as_a_person_reads_them():
    assert cell_text(3822) == "3,822"
    assert cell_text(Decimal("3822.0000")) == "3,822"  # a count stored as a decimal
    assert cell_text(Decimal("12.3456")) == "12.35"
    assert cell_text("1234") == "1,234"
    assert cell_text(None) == "—" and cell_text(True) == "sí"
    assert label("filas_leidas") == "Leídas" and label("algo_nuevo") == "Algo nuevo"


def test_a_hash_is_short_on_screen():
    sha = "ab" * 32
    assert short_hash(sha) == f"{sha[:12]}…" and short_hash(None) == "—"


def test_bars_are_proportional_and_stack_in_order():
    chart = bar_chart(
        [("a", {"cargadas": 300, "rechazadas": 100}), ("b", {"cargadas": 100})],
        ("cargadas", "rechazadas"),
        "prueba",
        width=1000,
    )
    first, second = chart.bars
    assert [s.title for s in first.segments] == ["cargadas: 300", "rechazadas: 100"]
    assert (
        first.segments[0].x == LABEL_WIDTH
        and first.segments[1].x == first.segments[0].x + first.segments[0].width
    )
    assert first.segments[0].width == pytest.approx(3 * second.segments[0].width, abs=0.2)
    assert first.value_text == "400" and second.y > first.y


def test_a_line_goes_up_where_the_value_grows_and_skips_missing_points():
    chart = line_chart("Matrícula", ["22/1", "22/2", "23/1"], {"M": {"22/1": 10, "23/1": 30}})
    [line] = chart.lines
    (x1, y1, _), (x2, y2, tip) = line.dots
    assert x2 > x1 and y2 < y1  # SVG y grows downwards
    assert tip == "M 23/1: 30" and chart.latest == "30 en 23/1"  # the headline says its period
    assert [text for _, text in chart.y_ticks] == ["8", "20", "32"]  # whole values, whole ticks


def test_money_ticks_fit_the_margin_and_the_latest_value_is_the_last_series():
    chart = line_chart(
        "Avance",
        ["01", "02", "03"],
        {"2023": {"01": 5, "02": 10, "03": 11}, "2024": {"01": 6, "02": 12}},
        period_of=lambda year, month: f"{year}-{month}",
    )
    assert chart.latest == "12 en 2024-02" and [name for name, _ in chart.legend] == [
        "2023",
        "2024",
    ]
    money = line_chart(
        "Devengado", ["2023", "2024"], {"D": {"2023": 379_464_650.5, "2024": 394_518_179.69}}
    )
    assert all(text.endswith(" M") for _, text in money.y_ticks)
