"""The geometry of the report's charts: horizontal stacked bars and lines over ordered categories.

Pure functions from rows to coordinates; templates/_graficas.html.j2 draws them as inline SVG, so
the page stays one file that opens without network or script."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipelines.report.formatting import number

PALETTE = ("#6c1d45", "#1f6f8b", "#c4892b", "#4c8c4a", "#8a5fa8", "#b3261e", "#5b6770", "#d1779b")
ROW_HEIGHT, LABEL_WIDTH, VALUE_WIDTH = 18, 340, 220


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    color: str
    title: str


@dataclass(frozen=True)
class Bar:
    y: float
    label: str
    segments: tuple[Segment, ...]
    value_text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]
    description: str


def _scale(total: float, span: float) -> float:
    return span / total if total > 0 else 0.0


def bar_chart(
    rows: list[tuple[str, dict[str, float]]],
    series: tuple[str, ...],
    description: str,
    width: int = 1000,
    value_text=None,
    colors: dict[str, str] | None = None,
) -> BarChart:
    """One horizontal bar per (label, {series: value}); the series stack left to right."""
    colors = colors or {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    span = width - LABEL_WIDTH - VALUE_WIDTH
    factor = _scale(max((sum(values.values()) for _, values in rows), default=0), span)
    bars = []
    for i, (label, values) in enumerate(rows):
        x, segments = float(LABEL_WIDTH), []
        for name in series:
            value = values.get(name, 0) or 0
            if value:
                segments.append(
                    Segment(
                        round(x, 1),
                        round(max(value * factor, 1.0), 1),
                        colors[name],
                        f"{name}: {number(value)}",
                    )
                )
                x += value * factor
        text = value_text(values) if value_text else number(sum(values.values()))
        bars.append(Bar(i * ROW_HEIGHT, label, tuple(segments), text))
    legend = tuple((name, colors[name]) for name in series) if len(series) > 1 else ()
    return BarChart(
        width, len(rows) * ROW_HEIGHT + 4, LABEL_WIDTH, tuple(bars), legend, description
    )


def _tick(value: float, whole: bool) -> str:
    """An axis label short enough for the margin: millions as `394.5 M`."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f} M"
    return number(round(value) if whole else round(value, 1))


@dataclass(frozen=True)
class Line:
    name: str
    color: str
    points: str  # "x,y x,y …" for <polyline>
    dots: tuple[tuple[float, float, str], ...]  # x, y, tooltip


@dataclass(frozen=True)
class LineChart:
    title: str
    width: int
    height: int
    lines: tuple[Line, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    latest: str  # the last value and its period, written beside the title
    left: int = 56
    top: int = 10
    bottom_axis: float = 0.0
    legend: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _y_range(values: list[float], from_zero: bool) -> tuple[float, float]:
    low, high = (0.0 if from_zero else min(values)), max(values)
    if high == low:
        high = low + (abs(low) or 1.0)
    margin = (high - low) * 0.08
    return (low if from_zero else low - margin), high + margin


def _latest(
    series: dict[str, dict[str, float]],
    categories: list[str],
    unit: str,
    period_of: Callable[[str, str], str],
) -> str:
    """`668 en 25/2`: the last series' last value, and when."""
    if not series:
        return ""
    name, points = list(series.items())[-1]
    filled = [c for c in categories if points.get(c) is not None]
    if not filled:
        return ""
    return f"{number(points[filled[-1]])}{unit} en {period_of(name, filled[-1])}"


def line_chart(
    title: str,
    categories: list[str],
    series: dict[str, dict[str, float]],
    unit: str = "",
    width: int = 330,
    height: int = 170,
    from_zero: bool = False,
    tick_every: int | None = None,
    period_of: Callable[[str, str], str] = lambda _series, category: category,
) -> LineChart:
    """Lines over ordered categories (periods, months); a series may miss some categories.

    `period_of(series, category)` names the period of a point (the last one is written beside
    the title, with its period)."""
    left, top, bottom, right = 56, 10, 24, 12
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for points in series.values() for v in points.values() if v is not None]
    low, high = _y_range(values or [0.0], from_zero)
    step = plot_w / max(len(categories) - 1, 1)

    def xy(index: int, value: float) -> tuple[float, float]:
        return round(left + index * step, 1), round(
            top + plot_h - (value - low) / (high - low) * plot_h, 1
        )

    lines = []
    for i, (name, points) in enumerate(series.items()):
        coords = [
            (*xy(k, points[c]), f"{name} {c}: {number(points[c])}{unit}")
            for k, c in enumerate(categories)
            if points.get(c) is not None
        ]
        lines.append(
            Line(
                name,
                PALETTE[i % len(PALETTE)],
                " ".join(f"{x},{y}" for x, y, _ in coords),
                tuple(coords),
            )
        )
    every = tick_every or max(1, len(categories) // 4)
    x_ticks = tuple(
        (xy(k, low)[0], c)
        for k, c in enumerate(categories)
        if k % every == 0 or k == len(categories) - 1
    )
    whole = all(float(v).is_integer() for v in values)
    ticks = (low + (high - low) * f for f in (0.0, 0.5, 1.0))
    y_ticks = tuple((xy(0, v)[1], _tick(v, whole)) for v in ticks)
    latest = _latest(series, categories, unit, period_of)
    legend = tuple((line.name, line.color) for line in lines) if len(lines) > 1 else ()
    return LineChart(
        title,
        width,
        height,
        tuple(lines),
        x_ticks,
        y_ticks,
        latest,
        left,
        top,
        top + plot_h,
        legend,
    )
