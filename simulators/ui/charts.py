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

import unicodedata
from html import escape

import numpy as np

from simulators.core import i18n
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
    yuan = v / 100
    if lang == "zh" and abs(yuan) >= 10000:
        return f"{yuan / 10000:g}万"
    if lang == "en" and abs(yuan) >= 1000:
        return f"¥{yuan / 1000:g}k"
    return f"¥{yuan:g}" if lang == "en" else f"{yuan:g}"


def _open(width, height, uid, title, desc, kind) -> list:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" class="bh-chart bh-chart-{kind}" '
        f'style="max-width:{width}px;height:auto;font-family:inherit;overflow:visible">',
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(desc)}</desc>',
    ]


def _wrap(text: str, size: float, max_width: float) -> list:
    """Break ``text`` into lines no wider than ``max_width`` (at spaces, or anywhere in CJK)."""
    lines, line = [], ""
    tokens = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for tok in tokens:
        trial = f"{line}{joiner}{tok}" if line else tok
        if line and text_width(trial, size) > max_width:
            lines.append(line)
            line = tok
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def owed_chart(result, lang: str, width: int = 720, height: int | None = None,
               uid: str | None = None) -> str:
    """What is owed each day, on time against late, as an SVG line chart."""
    compact = width < COMPACT_BELOW
    height = height or (330 if compact else 340)
    uid = uid or f"owed{width}"
    days = result.timeline_day
    on, late = result.owed_on_time.astype(float), result.owed_late.astype(float)
    idx = _sample(days, on, late, max_points=200 if compact else 400)
    start = result.schedule.start_date
    fs = 13 if compact else 12
    title = t(lang, "chart.owed.title")
    title_lines = _wrap(title, fs + 2, width - 16)
    top = 14 + 20 * len(title_lines) + 26  # title, then the legend row
    left, right, bottom = (50 if compact else 64), (14 if compact else 24), 44
    pw, ph = width - left - right, height - top - bottom
    ymax = max(on.max(), late.max(), 1.0)
    ystep = _nice_step(ymax, 4 if compact else 5)
    ytop = ystep * np.ceil(ymax / ystep)
    xmax = max(int(days[-1]), 1)

    def x(d):
        return left + pw * d / xmax

    def y(v):
        return top + ph * (1 - v / ytop)

    desc = t(lang, "chart.owed.desc", on_time=i18n.money(int(on.max()), lang),
             late=i18n.money(int(late.max()), lang))
    parts = _open(width, height, uid, title, desc, "owed")
    for k, line in enumerate(title_lines):
        parts.append(f'<text x="8" y="{20 + 20 * k}" font-size="{fs + 2}" font-weight="600" '
                     f'fill="{INK}">{escape(line)}</text>')
    # Legend: a sample of each line (solid / dashed) with its name.
    ly = top - 14
    lx = 8
    for text, colour, dash in ((t(lang, "chart.owed.on_time"), ON_TIME, ""),
                               (t(lang, "chart.owed.late"), LATE, ' stroke-dasharray="7 4"')):
        parts.append(f'<line x1="{lx}" x2="{lx + 34}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
                     f'stroke-width="3"{dash}/>')
        parts.append(f'<text x="{lx + 40}" y="{ly}" font-size="{fs}" font-weight="600" '
                     f'fill="{INK}">{escape(text)}</text>')
        lx += 40 + text_width(text, fs) + 22

    for k in range(int(round(ytop / ystep)) + 1):
        v = k * ystep
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     f'stroke="{INK}" stroke-opacity="{GRID_OPACITY}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="{fs - 1}" '
                     f'text-anchor="end" fill="{INK}">{escape(_axis_money(v, lang))}</text>')
    # Month ticks: at most about eight labels (four on a phone).
    from simulators.core.dates import add_months

    def month_label(d):
        return f"{d:%b} {d.year}" if lang == "en" else f"{d.year}年{d.month}月"

    months = max(1, int(round(xmax / 30.44)))
    widest = max(text_width(month_label(add_months(start, m)), fs - 1) for m in range(months + 1))
    every = next((e for e in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120)
                  if pw * 30.44 * e / xmax >= widest + 10), 120)
    right_edge = -1e9
    for m in range(0, months + 1, every):
        label = add_months(start, m)
        d = (label - start).days
        if d > xmax:
            break
        text = month_label(label)
        tw = text_width(text, fs - 1)
        cx = x(d)
        lo = max(cx - tw / 2, 2)
        lo = min(lo, width - 2 - tw)
        if lo < right_edge + 8:
            continue  # would overlap the label before it
        right_edge = lo + tw
        parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top + ph}" y2="{top + ph + 4}" '
                     f'stroke="{INK}"/>')
        parts.append(f'<text x="{lo:.1f}" y="{top + ph + 18}" font-size="{fs - 1}" '
                     f'fill="{INK}">{escape(text)}</text>')
    parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" '
                 f'stroke="{INK}"/>')

    if result.accelerated is not None:
        d = result.accelerated["day"]
        label = t(lang, "chart.owed.called_in")
        anchor, dx = ("end", -4) if x(d) + text_width(label, fs - 1) > width - 4 else ("start", 4)
        parts.append(f'<line x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top}" y2="{top + ph}" '
                     f'stroke="{LATE}" stroke-width="1.5" stroke-dasharray="2 3"/>')
        parts.append(f'<text x="{x(d) + dx:.1f}" y="{top + 12}" font-size="{fs - 1}" '
                     f'text-anchor="{anchor}" fill="{INK}">{escape(label)}</text>')
    for series, colour, dash in ((on, ON_TIME, ""), (late, LATE, ' stroke-dasharray="7 4"')):
        pts = " ".join(f"{x(days[i]):.1f},{y(series[i]):.1f}" for i in idx)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.5"'
                     f'{dash} stroke-linejoin="round"/>')
    peak = int(np.argmax(late))
    if result.owed_late[peak] > result.owed_on_time[peak]:
        px, py = x(days[peak]), y(late[peak])
        label = t(lang, "ui.chart.peak", amount=i18n.money(int(late[peak]), lang))
        anchor, dx = ("end", -8) if px + text_width(label, fs - 1) > width - 4 else ("start", 8)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{LATE}"/>')
        parts.append(f'<text x="{px + dx:.1f}" y="{max(py - 6, top + 10):.1f}" font-size="{fs - 1}" '
                     f'text-anchor="{anchor}" fill="{INK}" font-weight="600">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


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


def cost_chart(result, lang: str, width: int = 720, height: int | None = None,
               uid: str | None = None) -> str:
    """Total cost on time against late as bars, the late bar split by kind of extra cost, with
    the annual cost cap as a vertical line where the product has one.

    When the lender called in the loan, the interest and fees of the later months are no longer
    charged, so the late bar can be shorter than the on-time one; a hatched bar marked "no
    longer charged" shows that amount where it was taken off, so the shorter bar does not read
    as "paying late is cheaper"."""
    compact = width < COMPACT_BELOW
    uid = uid or f"cost{width}"
    fs = 13 if compact else 12
    on_cost = max(result.on_time.total_cost, 0)
    not_charged = int(result.interest_not_charged)
    base_late = max(on_cost - not_charged, 0)
    kinds = [(k, v) for k, v in result.extra_by_kind.items() if v > 0]
    late_total = base_late + sum(v for _, v in kinds)
    cap = result.late.cap_allowed_cost

    title = t(lang, "chart.cost.title")
    desc = t(lang, "chart.cost.desc", on_time=i18n.money(result.on_time.total_cost, lang),
             late=i18n.money(result.late.total_cost, lang))
    if not_charged:
        desc += " " + t(lang, "ui.chart.not_charged_note", amount=i18n.money(not_charged, lang))
    title_lines = _wrap(title, fs + 2, width - 16)

    rows = [(t(lang, "table.on_time"), [("base", on_cost, ON_TIME, None)],
             i18n.money(result.on_time.total_cost, lang))]
    rows.append((t(lang, "table.late"),
                 [("base", base_late, LATE, "0.35")] + [(k, v, None, None) for k, v in kinds],
                 i18n.money(result.late.total_cost, lang)))
    if not_charged:
        rows.append((t(lang, "ui.chart.not_charged"), [("none", not_charged, None, None)],
                     i18n.money(-not_charged, lang)))

    value_room = max(text_width(r[2], fs) for r in rows) + 14
    if compact:
        left, right = 8, value_room
        bar_h, row_h = 22, 50  # the row's name sits above its bar
    else:
        left = 16 + max(text_width(r[0], fs) for r in rows)
        right, bar_h, row_h = value_room, 26, 42
    pw = width - left - right
    bars_max = max(on_cost, late_total, 1)
    # A cap far above both totals would squeeze the bars to slivers: name it instead of drawing it.
    cap_off_scale = cap is not None and cap > 1.5 * bars_max
    xmax = bars_max if cap is None or cap_off_scale else max(bars_max, cap)

    def x(v):
        return left + pw * v / xmax

    top = 14 + 20 * len(title_lines) + 8
    parts = _open(width, 0, uid, title, desc, "cost")  # height set below
    parts.append(_pattern_defs(uid))
    for k, line in enumerate(title_lines):
        parts.append(f'<text x="8" y="{20 + 20 * k}" font-size="{fs + 2}" font-weight="600" '
                     f'fill="{INK}">{escape(line)}</text>')
    yb = top
    for r, (label, pieces, value) in enumerate(rows):
        if compact:
            parts.append(f'<text x="{left}" y="{yb + fs}" font-size="{fs}" fill="{INK}" '
                         f'font-weight="600">{escape(label)}</text>')
            yb += fs + 6
        else:
            parts.append(f'<text x="{left - 8}" y="{yb + bar_h / 2 + 4:.1f}" font-size="{fs}" '
                         f'text-anchor="end" fill="{INK}" font-weight="600">{escape(label)}</text>')
        pos = base_late if pieces[0][0] == "none" else 0
        for kind, v, colour, opacity in pieces:
            w = max(x(pos + v) - x(pos), 0)
            if kind == "none":
                parts.append(f'<rect x="{x(pos):.1f}" y="{yb}" width="{w:.1f}" height="{bar_h}" '
                             f'fill="{_fill(uid, "none")}" stroke="{INK}" stroke-width="1.2" '
                             f'stroke-dasharray="4 2"/>')
            else:
                fill = colour if kind == "base" else _fill(uid, kind)
                op = f' fill-opacity="{opacity}"' if opacity else ""
                stroke = f' stroke="{KIND_COLOURS[kind]}" stroke-width="1"' if kind != "base" else ""
                parts.append(f'<rect x="{x(pos):.1f}" y="{yb}" width="{w:.1f}" height="{bar_h}" '
                             f'fill="{fill}"{op}{stroke}/>')
            pos += v
        parts.append(f'<text x="{x(pos) + 6:.1f}" y="{yb + bar_h / 2 + 4:.1f}" font-size="{fs}" '
                     f'fill="{INK}">{escape(value)}</text>')
        yb += bar_h + (row_h - bar_h - (fs + 6 if compact else 0))
    bars_bottom = yb - (row_h - bar_h - (fs + 6 if compact else 0)) + 4
    y_after = bars_bottom + 10
    if cap_off_scale:
        label = t(lang, "ui.chart.cap_off", cap=i18n.money(cap, lang))
        parts.append(f'<text x="{width - 4}" y="{bars_bottom + 14}" font-size="{fs - 1}" '
                     f'text-anchor="end" fill="{INK}">{escape(label)}</text>')
        y_after = bars_bottom + 26
    elif cap is not None:
        cx = x(cap)
        parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top - 4}" y2="{bars_bottom + 4}" '
                     f'stroke="{CAP}" stroke-width="2" stroke-dasharray="5 3"/>')
        label = t(lang, "chart.cost.cap", cap=i18n.money(cap, lang))
        anchor = "end" if cx + text_width(label, fs - 1) / 2 > width - 4 else (
            "start" if cx - text_width(label, fs - 1) / 2 < 4 else "middle")
        parts.append(f'<text x="{cx:.1f}" y="{bars_bottom + 18}" font-size="{fs - 1}" '
                     f'text-anchor="{anchor}" fill="{INK}">{escape(label)}</text>')
        y_after = bars_bottom + 30
    # Legend: one swatch (colour and pattern) per kind of extra cost shown, with its amount.
    legend = [(k, f"{t(lang, f'kind.{k}')}: {i18n.money(v, lang)}") for k, v in kinds]
    if not_charged:
        legend.append(("none", f"{t(lang, 'kind.interest_not_charged')}: "
                               f"{i18n.money(-not_charged, lang)}"))
    ly = y_after + 6
    for kind, text in legend:
        lines = _wrap(text, fs - 1, width - 40)
        stroke = f'stroke="{INK}" stroke-dasharray="3 2"' if kind == "none" else \
            f'stroke="{KIND_COLOURS[kind]}"'
        parts.append(f'<rect x="8" y="{ly}" width="18" height="14" fill="{_fill(uid, kind)}" '
                     f'{stroke}/>')
        for k, line in enumerate(lines):
            parts.append(f'<text x="32" y="{ly + 11 + k * 16}" font-size="{fs - 1}" '
                         f'fill="{INK}">{escape(line)}</text>')
        ly += 16 * len(lines) + 6
    height = height or int(ly + 4)
    parts[0] = parts[0].replace(f"viewBox=\"0 0 {width} 0\"", f"viewBox=\"0 0 {width} {height}\"")
    parts.append("</svg>")
    return "".join(parts)


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
        if yearly:
            text = f"{k}y" if lang == "en" else f"{k}年"
        else:
            text = f"{k}" if lang == "en" else f"{k}月"
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
