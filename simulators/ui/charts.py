"""Charts as plain SVG text: no plotting library, no JavaScript.

The same SVG serves the book's static figures, the Voila apps and (later) the in-browser apps:
text is drawn by the browser in the reader's font, so Chinese labels need no font on the server,
and each chart carries a title and a description for screen readers. Lines differ by dash
pattern and by a label at their end as well as by colour, so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import numpy as np

from simulators import i18n
from simulators.i18n import t

ON_TIME = "#1f6feb"
LATE = "#c2410c"
CAP = "#6b21a8"
INK = "#1f2328"
GRID = "#d0d7de"
KIND_COLOURS = {
    "penalty_interest": "#c2410c",
    "compound_interest": "#ea8c55",
    "late_fees": "#7c2d12",
    "acceleration_interest": "#b91c1c",
}


def _sample(days: np.ndarray, *series: np.ndarray, max_points: int = 400) -> np.ndarray:
    """Indices to draw: every day on which any series steps, the day before it, and a regular
    sample in between (ramps are straight lines, so sampling them loses nothing visible)."""
    end = len(days) - 1
    keep = [np.array([0, end])]
    for y in series:
        change = np.flatnonzero(np.diff(y) != 0) + 1
        jumps = change[np.abs(np.diff(y)[change - 1]) > 0.002 * max(1, np.abs(y).max())]
        keep += [jumps, jumps - 1]
    keep.append(np.arange(0, end, max(1, end // max_points)))
    return np.unique(np.clip(np.concatenate(keep), 0, end))


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / max(target, 1)
    mag = 10 ** np.floor(np.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw:
            return float(m * mag)
    return float(10 * mag)


def _axis_money(v: float, lang: str) -> str:
    yuan = v / 100
    if lang == "zh" and abs(yuan) >= 10000:
        return f"{yuan / 10000:g}万"
    if lang == "en" and abs(yuan) >= 1000:
        return f"¥{yuan / 1000:g}k"
    return f"¥{yuan:g}" if lang == "en" else f"{yuan:g}"


def owed_chart(result, lang: str, width: int = 720, height: int = 340) -> str:
    """What is owed each day, on time against late, as an SVG line chart."""
    days = result.timeline_day
    on, late = result.owed_on_time.astype(float), result.owed_late.astype(float)
    idx = _sample(days, on, late)
    start = result.schedule.start_date
    left, right, top, bottom = 64, 130, 36, 44
    pw, ph = width - left - right, height - top - bottom
    ymax = max(on.max(), late.max(), 1.0)
    ystep = _nice_step(ymax)
    ytop = ystep * np.ceil(ymax / ystep)
    xmax = max(int(days[-1]), 1)

    def x(d):
        return left + pw * d / xmax

    def y(v):
        return top + ph * (1 - v / ytop)

    title = t(lang, "chart.owed.title")
    desc = t(lang, "chart.owed.desc", on_time=i18n.money(int(on.max()), lang),
             late=i18n.money(int(late.max()), lang))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="owed-title owed-desc" class="bh-chart" '
        f'style="max-width:{width}px;height:auto;font-family:inherit">',
        f'<title id="owed-title">{escape(title)}</title><desc id="owed-desc">{escape(desc)}</desc>',
        f'<text x="{left}" y="20" font-size="14" font-weight="600" fill="{INK}">{escape(title)}</text>',
    ]
    for k in range(int(ytop / ystep) + 1):
        v = k * ystep
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="{INK}">{escape(_axis_money(v, lang))}</text>')
    # Month ticks: at most about eight labels.
    months = max(1, int(round(xmax / 30.44)))
    every = max(1, int(np.ceil(months / 8)))
    from simulators.schedule import add_months
    for m in range(0, months + 1, every):
        d = (add_months(start, m) - start).days
        if d > xmax:
            break
        label = add_months(start, m)
        text = f"{label:%b} {label.year}" if lang == "en" else f"{label.year}年{label.month}月"
        parts.append(f'<line x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top + ph}" y2="{top + ph + 4}" '
                     f'stroke="{INK}"/>')
        parts.append(f'<text x="{x(d):.1f}" y="{top + ph + 18}" font-size="11" '
                     f'text-anchor="middle" fill="{INK}">{escape(text)}</text>')
    parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" stroke="{INK}"/>')

    for series, colour, dash, key in ((on, ON_TIME, "", "chart.owed.on_time"),
                                      (late, LATE, ' stroke-dasharray="7 4"', "chart.owed.late")):
        pts = " ".join(f"{x(days[i]):.1f},{y(series[i]):.1f}" for i in idx)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.5"'
                     f'{dash} stroke-linejoin="round"/>')
    # End labels instead of a legend: readable without matching colours.
    peak_late = int(np.argmax(late))
    labels = [(t(lang, "chart.owed.on_time"), ON_TIME, top + 14),
              (t(lang, "chart.owed.late"), LATE, top + 34)]
    for text, colour, ly in labels:
        parts.append(f'<text x="{left + pw + 10}" y="{ly}" font-size="12" fill="{colour}" '
                     f'font-weight="600">{escape(text)}</text>')
    parts.append(f'<line x1="{left + pw + 10}" x2="{left + pw + 50}" y1="{top + 20}" y2="{top + 20}" '
                 f'stroke="{ON_TIME}" stroke-width="2.5"/>')
    parts.append(f'<line x1="{left + pw + 10}" x2="{left + pw + 50}" y1="{top + 40}" y2="{top + 40}" '
                 f'stroke="{LATE}" stroke-width="2.5" stroke-dasharray="7 4"/>')
    if result.owed_late[peak_late] > result.owed_on_time[peak_late]:
        parts.append(f'<circle cx="{x(days[peak_late]):.1f}" cy="{y(late[peak_late]):.1f}" r="3.5" '
                     f'fill="{LATE}"/>')
    if result.accelerated is not None:
        d = result.accelerated["day"]
        parts.append(f'<line x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top}" y2="{top + ph}" '
                     f'stroke="{LATE}" stroke-dasharray="2 3"/>')
        parts.append(f'<text x="{x(d) + 4:.1f}" y="{top + 12}" font-size="11" fill="{INK}">'
                     f'{escape(t(lang, "chart.owed.called_in"))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def cost_chart(result, lang: str, width: int = 720, height: int = 170) -> str:
    """Total cost on time against late as bars, the late bar split by kind of extra cost, with
    the annual cost cap as a vertical line where the product has one."""
    on_cost = max(result.on_time.total_cost, 0)
    base_late = on_cost - result.interest_not_charged
    kinds = [(k, v) for k, v in result.extra_by_kind.items() if v > 0]
    late_total = base_late + sum(v for _, v in kinds)
    cap = result.late.cap_allowed_cost
    xmax = max(on_cost, late_total, cap or 0, 1) * 1.08
    left, right, top = 120, 24, 34
    pw = width - left - right

    def x(v):
        return left + pw * v / xmax

    title = t(lang, "chart.cost.title")
    desc = t(lang, "chart.cost.desc", on_time=i18n.money(result.on_time.total_cost, lang),
             late=i18n.money(result.late.total_cost, lang))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="cost-title cost-desc" class="bh-chart" '
        f'style="max-width:{width}px;height:auto;font-family:inherit">',
        f'<title id="cost-title">{escape(title)}</title><desc id="cost-desc">{escape(desc)}</desc>',
        f'<text x="8" y="20" font-size="14" font-weight="600" fill="{INK}">{escape(title)}</text>',
    ]
    bars = [(t(lang, "table.on_time"), [("base", on_cost)], ON_TIME, result.on_time.total_cost),
            (t(lang, "table.late"), [("base", base_late)] + kinds, LATE, result.late.total_cost)]
    for row, (label, pieces, colour, total) in enumerate(bars):
        yb = top + 14 + row * 46
        parts.append(f'<text x="{left - 8}" y="{yb + 18}" font-size="12" text-anchor="end" '
                     f'fill="{INK}">{escape(label)}</text>')
        pos = 0
        for kind, v in pieces:
            fill = colour if kind == "base" else KIND_COLOURS[kind]
            opacity = ' fill-opacity="0.35"' if kind == "base" and row == 1 else ""
            parts.append(f'<rect x="{x(pos):.1f}" y="{yb}" width="{max(x(pos + v) - x(pos), 0):.1f}" '
                         f'height="26" fill="{fill}"{opacity}/>')
            pos += v
        parts.append(f'<text x="{x(pos) + 6:.1f}" y="{yb + 18}" font-size="12" fill="{INK}">'
                     f'{escape(i18n.money(total, lang))}</text>')
    if cap is not None:
        parts.append(f'<line x1="{x(cap):.1f}" x2="{x(cap):.1f}" y1="{top + 6}" y2="{top + 96}" '
                     f'stroke="{CAP}" stroke-width="2" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{min(x(cap), width - 180):.1f}" y="{top + 112}" font-size="11" '
                     f'fill="{CAP}">{escape(t(lang, "chart.cost.cap", cap=i18n.money(cap, lang)))}</text>')
    parts.append("</svg>")
    return "".join(parts)
