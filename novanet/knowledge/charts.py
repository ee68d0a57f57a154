"""Small server-side SVG charts: horizontal bars and lines, with axes and labels.

The SVG is an image with a name (<title>) and a summary (<desc>) referenced by aria-labelledby;
the page puts a data table beside every chart, which is what screen reader users read. Colours
come from CSS classes (the CSP forbids inline styles) and values are written as text, so no
meaning depends on colour.
"""

import itertools
import math

from markupsafe import Markup, escape

_ids = itertools.count(1)


def nice_ticks(low: float, high: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering [low, high]; integer=True for counts (no 0.2 projects)."""
    if high == low:
        high = low + 1
    raw = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1, math.ceil(step))
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def fmt(value: float) -> str:
    if value is None:
        return ""
    if abs(value) >= 1000 and float(value).is_integer():
        return f"{value:,.0f}".replace(",", "\u202f")
    return f"{value:.6g}"


def _frame(width: int, height: int, title: str, desc: str, body: list[str],
           css: str) -> Markup:
    n = next(_ids)
    tid, did = f"chart-{n}-title", f"chart-{n}-desc"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{tid} {did}">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")


def _short(label: str, size: int = 30) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bar_chart(items: list[tuple[str, float]], *, title: str, desc: str,
              axis_label: str = "", integer: bool = True) -> Markup:
    """Horizontal bars, one per (label, value), values written at the end of each bar."""
    label_w, plot_w, row_h, top = 230, 360, 30, 10
    width = label_w + plot_w + 70
    height = top + row_h * max(1, len(items)) + 50
    high = max([v for _, v in items] + [1])
    ticks = nice_ticks(0, high, integer=integer)
    scale = plot_w / ticks[-1]
    body = []
    bottom = top + row_h * max(1, len(items))
    for t in ticks:
        x = label_w + t * scale
        body.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}"/>')
        body.append(f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" '
                    f'text-anchor="middle">{escape(fmt(t))}</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        w = max(0.0, value * scale)
        body.append(f'<text class="label" x="{label_w - 8}" y="{y + row_h * 0.65:.1f}" '
                    f'text-anchor="end">{escape(_short(str(label)))}</text>')
        body.append(f'<rect class="bar" x="{label_w}" y="{y + 5}" width="{w:.1f}" '
                    f'height="{row_h - 10}"><title>{escape(str(label))}: '
                    f'{escape(fmt(value))}</title></rect>')
        body.append(f'<text class="value" x="{label_w + w + 6:.1f}" '
                    f'y="{y + row_h * 0.65:.1f}">{escape(fmt(value))}</text>')
    body.append(f'<line class="axis" x1="{label_w}" y1="{top}" x2="{label_w}" y2="{bottom}"/>')
    body.append(f'<line class="axis" x1="{label_w}" y1="{bottom}" x2="{label_w + plot_w}" '
                f'y2="{bottom}"/>')
    if axis_label:
        body.append(f'<text class="axis-title" x="{label_w + plot_w / 2:.1f}" y="{bottom + 38}" '
                    f'text-anchor="middle">{escape(axis_label)}</text>')
    return _frame(width, height, title, desc, body, "bar-chart")


def line_chart(points: list[tuple[str, float]], *, title: str, desc: str, y_label: str = "",
               x_label: str = "", target: float | None = None,
               target_label: str = "") -> Markup:
    """One series of (period label, value) joined by a line, each point marked and labelled."""
    left, right, top, bottom_pad = 70, 30, 20, 70
    plot_w = max(300, 70 * max(1, len(points) - 1))
    plot_h = 220
    width, height = left + plot_w + right, top + plot_h + bottom_pad
    values = [v for _, v in points] + ([target] if target is not None else [])
    low = min(values + [0]) if values else 0
    high = max(values + [1]) if values else 1
    ticks = nice_ticks(low, high)
    span = (ticks[-1] - ticks[0]) or 1

    def y_of(value: float) -> float:
        return top + plot_h - (value - ticks[0]) / span * plot_h

    def x_of(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    body = []
    for t in ticks:
        y = y_of(t)
        body.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" '
                    f'y2="{y:.1f}"/>')
        body.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" '
                    f'text-anchor="end">{escape(fmt(t))}</text>')
    base = top + plot_h
    body.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{base}"/>')
    body.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}"/>')
    if target is not None:
        ty = y_of(target)
        body.append(f'<line class="target" x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" '
                    f'y2="{ty:.1f}"/>')
        body.append(f'<text class="target-label" x="{left + plot_w}" y="{ty - 5:.1f}" '
                    f'text-anchor="end">{escape(target_label)} {escape(fmt(target))}</text>')
    if points:
        path = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, (_, v) in enumerate(points))
        body.append(f'<polyline class="line" points="{path}"/>')
    for i, (label, value) in enumerate(points):
        x, y = x_of(i), y_of(value)
        body.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4">'
                    f'<title>{escape(label)}: {escape(fmt(value))}</title></circle>')
        body.append(f'<text class="value" x="{x:.1f}" y="{y - 9:.1f}" '
                    f'text-anchor="middle">{escape(fmt(value))}</text>')
        body.append(f'<text class="tick" x="{x:.1f}" y="{base + 18}" '
                    f'text-anchor="middle">{escape(label)}</text>')
    if y_label:
        body.append(f'<text class="axis-title" transform="rotate(-90)" x="{-(top + plot_h / 2):.1f}" '
                    f'y="16" text-anchor="middle">{escape(y_label)}</text>')
    if x_label:
        body.append(f'<text class="axis-title" x="{left + plot_w / 2:.1f}" y="{base + 48}" '
                    f'text-anchor="middle">{escape(x_label)}</text>')
    return _frame(width, height, title, desc, body, "line-chart")
