"""Charts as plain SVG text: no plotting library, no JavaScript.

The same SVG serves the book's static figures, the Voila apps and (later) the in-browser apps:
text is drawn by the browser in the reader's font, so Chinese labels need no font on the server,
and each chart carries a title and a description for screen readers. Lines differ by dash
pattern and the kinds of cost by fill pattern, each named in a legend, as well as by colour, so
colour is never the only cue. Text and axes are drawn in ``currentColor``: the chart takes the
colour of the text around it, in a light or a dark theme.

``width`` below 520 gives the compact layout for a phone (legend above the plot, fewer ticks,
larger type relative to the drawing).
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

import numpy as np

from simulators.core.i18n import t

ON_TIME = "#1f6feb"
LATE = "#c2410c"
CAP = "#7c3aed"
INK = "currentColor"
GRID_OPACITY = "0.18"
KIND_COLOURS = {
    "penalty_interest": "#c2410c",
    "compound_interest": "#d97706",
    "late_fees": "#9f1239",
    "acceleration_interest": "#b91c1c",
}
#: A fill pattern per kind of cost, so the legend can be matched without colour.
KIND_PATTERNS = {
    "penalty_interest": None,  # solid
    "compound_interest": "hatch",
    "late_fees": "dots",
    "acceleration_interest": "cross",
}
COMPACT_BELOW = 520


def text_width(text: str, size: float) -> float:
    """Approximate width of ``text`` in pixels at font ``size`` (wide CJK glyphs count double)."""
    return sum(size * (1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6) for c in text)


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
    """An axis tick in yuan: '¥20k' / '2万' for large amounts (the catalog's words and unit)."""
    yuan = v / 100
    unit = float(t(lang, "view.axis.unit"))
    if abs(yuan) >= unit:
        return t(lang, "view.axis.big", n=yuan / unit)
    return t(lang, "view.axis.small", n=yuan)


def _axis_dollars(v: float) -> str:
    """An axis tick in US dollars, the same in both languages: '$1k', '$500'."""
    return f"${v / 100 / 1000:g}k" if v >= 100000 else f"${v / 100:g}"


def money_axis(lang: str, currency: str = "CNY"):
    """The y-axis tick format for amounts in ``currency`` ('CNY' or 'USD') in ``lang``."""
    if currency == "CNY":
        return lambda v: _axis_money(v, lang)
    return _axis_dollars


def _open(width, height, uid, title, desc, kind) -> list:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" class="bh-chart bh-chart-{kind}" '
        f'style="max-width:{width}px;height:auto;font-family:inherit;overflow:visible">',
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(desc)}</desc>',
    ]


#: A wide (CJK) character, or a run of anything else: the units Chinese text is broken into.
_CJK_OR_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|"
                         r"[^\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")

#: Punctuation that never starts a line in Chinese: it stays at the end of the line before.
_NO_LINE_START = set("，。、：；！？）」』》〉】,.:;!?)")


def _wrap(text: str, size: float, max_width: float) -> list:
    """Break ``text`` into lines no wider than ``max_width`` (at spaces, or anywhere in CJK)."""
    lines, line = [], ""
    # Chinese breaks between characters, but never inside a number or a word ("9,145.95").
    tokens = text.split(" ") if " " in text else _CJK_OR_RUN.findall(text)
    joiner = " " if " " in text else ""
    for tok in tokens:
        trial = f"{line}{joiner}{tok}" if line else tok
        if line and text_width(trial, size) > max_width and tok not in _NO_LINE_START:
            lines.append(line)
            line = tok
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _pattern_defs(uid: str) -> str:
    defs = ["<defs>"]
    for kind, pat in KIND_PATTERNS.items():
        if pat is None:
            continue
        c = KIND_COLOURS[kind]
        pid = f"{uid}-{kind}"
        if pat == "hatch":
            body = (f'<rect width="6" height="6" fill="{c}" fill-opacity="0.35"/>'
                    f'<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{c}" stroke-width="2"/>')
        elif pat == "dots":
            body = (f'<rect width="6" height="6" fill="{c}" fill-opacity="0.3"/>'
                    f'<circle cx="3" cy="3" r="1.8" fill="{c}"/>')
        else:
            body = (f'<rect width="6" height="6" fill="{c}" fill-opacity="0.3"/>'
                    f'<path d="M0,0 l6,6 M6,0 l-6,6" stroke="{c}" stroke-width="1.5"/>')
        defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                    f'{body}</pattern>')
    # "No longer charged": an outline with light diagonal lines in the text colour.
    defs.append(f'<pattern id="{uid}-none" width="8" height="8" patternUnits="userSpaceOnUse">'
                f'<path d="M0,8 l8,-8" stroke="{INK}" stroke-opacity="0.55" stroke-width="1.2"/>'
                f'</pattern>')
    defs.append("</defs>")
    return "".join(defs)


def _fill(uid: str, kind: str) -> str:
    if kind == "none":
        return f"url(#{uid}-none)"
    if KIND_PATTERNS.get(kind) is None:
        return KIND_COLOURS[kind]
    return f"url(#{uid}-{kind})"


#: Lines of a chart with several series (the card and plan simulators): colour and dash differ.
SERIES_STYLES = ((ON_TIME, ""), (LATE, "7 4"), (CAP, "2 3"), ("#0f766e", "10 3 2 3"))


def lines_chart(series, lang: str, title: str, desc: str, width: int = 720,
                height: int | None = None, uid: str | None = None, axis_money=None) -> str:
    """Amounts month by month, one line per series: ``series`` is a list of
    ``(label, values_in_cents)`` where ``values[m]`` is the amount after month ``m`` (month 0:
    the start). The x axis counts months (years when they are many); ``axis_money`` formats the
    y ticks (default: yuan)."""
    axis_money = axis_money or (lambda v: _axis_money(v, lang))
    compact = width < COMPACT_BELOW
    fs = 13 if compact else 12
    uid = uid or f"lines{width}"
    title_lines = _wrap(title, fs + 2, width - 16)
    # The legend: one row per series on a phone, side by side (wrapping) on a wide screen.
    legend, lx, row = [], 8, 0
    for i, (label, _) in enumerate(series):
        w = 40 + text_width(label, fs) + 22
        if lx > 8 and (compact or lx + w > width - 8):
            lx, row = 8, row + 1
        legend.append((lx, row, label, *SERIES_STYLES[i % len(SERIES_STYLES)]))
        lx += w
    top = 14 + 20 * len(title_lines) + 20 * (row + 1) + 8
    height = height or (top + (230 if compact else 260) + 44)
    left, right, bottom = (50 if compact else 64), (14 if compact else 24), 44
    pw, ph = width - left - right, height - top - bottom
    ymax = max([float(np.max(v)) for _, v in series if len(v)] + [1.0])
    ystep = _nice_step(ymax, 4 if compact else 5)
    ytop = ystep * np.ceil(ymax / ystep)
    xmax = max([len(v) - 1 for _, v in series] + [1])

    def x(m):
        return left + pw * m / xmax

    def y(v):
        return top + ph * (1 - v / ytop)

    parts = _open(width, height, uid, title, desc, "lines")
    for k, line in enumerate(title_lines):
        parts.append(f'<text x="8" y="{20 + 20 * k}" font-size="{fs + 2}" font-weight="600" '
                     f'fill="{INK}">{escape(line)}</text>')
    base = 14 + 20 * len(title_lines) + 10
    for lx, r, label, colour, dash in legend:
        ly = base + 20 * r
        d = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" x2="{lx + 34}" y1="{ly - 4}" y2="{ly - 4}" '
                     f'stroke="{colour}" stroke-width="3"{d}/>')
        parts.append(f'<text x="{lx + 40}" y="{ly}" font-size="{fs}" font-weight="600" '
                     f'fill="{INK}">{escape(label)}</text>')
    for k in range(int(round(ytop / ystep)) + 1):
        v = k * ystep
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     f'stroke="{INK}" stroke-opacity="{GRID_OPACITY}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="{fs - 1}" '
                     f'text-anchor="end" fill="{INK}">{escape(axis_money(v))}</text>')
    # Ticks in months, or in years once there are more than two years.
    yearly = xmax > 24
    unit = 12 if yearly else 1
    span = xmax / unit
    step = next((s for s in (1, 2, 3, 5, 10, 20) if span / s <= (4 if compact else 8)), 50)
    for k in range(0, int(span) + 1, step):
        m = k * unit
        cx = x(m)
        text = t(lang, "view.axis.years" if yearly else "view.axis.months", n=k)
        parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top + ph}" y2="{top + ph + 4}" '
                     f'stroke="{INK}"/>')
        parts.append(f'<text x="{cx:.1f}" y="{top + ph + 18}" font-size="{fs - 1}" '
                     f'text-anchor="middle" fill="{INK}">{escape(text)}</text>')
    axis = t(lang, "chart.lines.years" if yearly else "chart.lines.months")
    parts.append(f'<text x="{left + pw / 2:.1f}" y="{top + ph + 36}" font-size="{fs - 1}" '
                 f'text-anchor="middle" fill="{INK}">{escape(axis)}</text>')
    parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" '
                 f'stroke="{INK}"/>')
    for i, (label, values) in enumerate(series):
        colour, dash = SERIES_STYLES[i % len(SERIES_STYLES)]
        d = f' stroke-dasharray="{dash}"' if dash else ""
        step_pts = max(1, len(values) // 400)
        idx = list(range(0, len(values), step_pts))
        if idx[-1] != len(values) - 1:
            idx.append(len(values) - 1)
        pts = " ".join(f"{x(m):.1f},{y(float(values[m])):.1f}" for m in idx)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.5"'
                     f'{d} stroke-linejoin="round"/>')
    parts.append("</svg>")
    return "".join(parts)
