"""Charts of what loan offers really cost: each offer's annual rate against the reference
lines, and the cost to date month by month.

Pure functions from a result to an SVG string: no widget, so the book draws them too.
"""

from __future__ import annotations

from html import escape

import numpy as np

from simulators.core import i18n
from simulators.core.i18n import money, t
from simulators.true_cost import inputs as true_cost_inputs
from simulators.ui.charts import svg as charts
from simulators.ui.charts.svg import (
    GRID_OPACITY,
    INK,
    _axis_money,
    _nice_step,
    _open,
    _wrap,
    text_width,
)


def rates_chart(costs, names, lang: str, width: int = 720, uid: str | None = None) -> str:
    """The nominal annual rate of each offer as a bar, with the reference lines (12%, 24%,
    36%) as dashed vertical lines named in a key under the chart. SVG, in ``currentColor``."""
    compact = width < charts.COMPACT_BELOW
    uid = uid or f"tcrates{width}"
    fs = 13 if compact else 12
    lines = true_cost_inputs.reference_lines()
    values = [c.rates["nominal"] for c in costs]
    shown = [i18n.percent(v, lang) for v in values]
    title = t(lang, "tc.chart.rates.title")
    title_lines = _wrap(title, fs + 2, width - 16)
    value_room = max(text_width(s, fs) for s in shown) + 14
    if compact:
        left, bar_h, row_h = 8, 22, 50
    else:
        left = 16 + min(max(text_width(n, fs) for n in names), width * 0.32)
        bar_h, row_h = 26, 42
    pw = width - left - value_room
    top_value = max(max(values), max(x["rate"] for x in lines)) * 1.05
    step = _nice_step(top_value, 4 if compact else 6)
    xmax = step * np.ceil(top_value / step)

    def x(v):
        return left + pw * v / xmax

    top = 14 + 20 * len(title_lines) + 22  # room for the line labels above the plot
    desc = t(lang, "tc.chart.rates.desc",
             bars="; ".join(f"{n}: {s}" for n, s in zip(names, shown)),
             lines=", ".join(x_["label"][lang] for x_ in lines))
    parts = _open(width, 0, uid, title, desc, "tc-rates")
    for k, line in enumerate(title_lines):
        parts.append(f'<text x="8" y="{20 + 20 * k}" font-size="{fs + 2}" font-weight="600" '
                     f'fill="{INK}">{escape(line)}</text>')
    yb = top
    for i, (name, v, s) in enumerate(zip(names, values, shown)):
        colour, _ = OFFER_STYLES[i % len(OFFER_STYLES)]
        if compact:
            parts.append(f'<text x="{left}" y="{yb + fs}" font-size="{fs}" fill="{INK}" '
                         f'font-weight="600">{escape(_clip(name, fs, width - 16))}</text>')
            yb += fs + 6
        else:
            parts.append(f'<text x="{left - 8}" y="{yb + bar_h / 2 + 4:.1f}" font-size="{fs}" '
                         f'text-anchor="end" fill="{INK}" font-weight="600">'
                         f'{escape(_clip(name, fs, left - 16))}</text>')
        parts.append(f'<rect x="{left}" y="{yb}" width="{max(x(v) - left, 1):.1f}" '
                     f'height="{bar_h}" fill="{colour}" fill-opacity="0.8"/>')
        parts.append(f'<text x="{x(v) + 6:.1f}" y="{yb + bar_h / 2 + 4:.1f}" font-size="{fs}" '
                     f'fill="{INK}" font-weight="600">{escape(s)}</text>')
        yb += bar_h + (row_h - bar_h - (fs + 6 if compact else 0))
    bottom = yb - (row_h - bar_h - (fs + 6 if compact else 0)) + 6
    # Axis with ticks.
    parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{bottom}" y2="{bottom}" stroke="{INK}"/>')
    for k in range(int(round(xmax / step)) + 1):
        v = k * step
        parts.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{bottom}" y2="{bottom + 4}" '
                     f'stroke="{INK}"/>')
        parts.append(f'<text x="{x(v):.1f}" y="{bottom + 17}" font-size="{fs - 1}" '
                     f'text-anchor="middle" fill="{INK}">{v * 100:g}%</text>')
    # The reference lines: dashed, each with its rate above the plot.
    last_label = -1e9
    for line in lines:
        cx = x(line["rate"])
        parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top - 6}" y2="{bottom}" '
                     f'stroke="{LINE_COLOUR}" stroke-width="1.5" stroke-dasharray="5 3"/>')
        label = f"{line['rate'] * 100:g}%"
        if cx - text_width(label, fs - 1) / 2 > last_label + 4:
            parts.append(f'<text x="{cx:.1f}" y="{top - 10}" font-size="{fs - 1}" '
                         f'text-anchor="middle" fill="{INK}">{escape(label)}</text>')
            last_label = cx + text_width(label, fs - 1) / 2
    # Key: what the dashed lines are.
    ly = bottom + 32
    for line in lines:
        wrapped = _wrap(line["label"][lang], fs - 1, width - 40)
        parts.append(f'<line x1="8" x2="26" y1="{ly + 6}" y2="{ly + 6}" stroke="{LINE_COLOUR}" '
                     f'stroke-width="1.5" stroke-dasharray="5 3"/>')
        for k, w in enumerate(wrapped):
            parts.append(f'<text x="32" y="{ly + 10 + 16 * k}" font-size="{fs - 1}" '
                         f'fill="{INK}">{escape(w)}</text>')
        ly += 16 * len(wrapped) + 4
    height = int(ly + 4)
    parts[0] = parts[0].replace(f'viewBox="0 0 {width} 0"', f'viewBox="0 0 {width} {height}"')
    parts.append("</svg>")
    return "".join(parts)


def cost_chart(costs, names, lang: str, width: int = 720, uid: str | None = None) -> str:
    """The cost paid so far for each offer, month by month from the day the money is received,
    as step lines (each offer its own colour and dash pattern, named in the legend)."""
    compact = width < charts.COMPACT_BELOW
    uid = uid or f"tccost{width}"
    fs = 13 if compact else 12
    title = t(lang, "tc.chart.cost.title")
    title_lines = _wrap(title, fs + 2, width - 16)
    # Legend rows: one per offer, wrapped under the title.
    legend = []
    for i, (name, c) in enumerate(zip(names, costs)):
        legend.append((i, f"{name}: {money(c.total_cost, lang)}"))
    legend_rows = []
    for i, text in legend:
        legend_rows.append((i, _wrap(text, fs, width - 56)))
    top = 14 + 20 * len(title_lines) + sum(16 * len(r) + 6 for _, r in legend_rows) + 10
    left, right, bottom = (52 if compact else 66), (14 if compact else 24), 44
    height = top + (200 if compact else 220) + bottom
    pw, ph = width - left - right, height - top - bottom
    series = []
    for c in costs:
        f = c.flows
        months = np.array([(d - f.received_date).days for d in f.dates], dtype=float) / 30.4375
        values = np.concatenate(([f.upfront_cost_cents], c.cost_to_date)).astype(float)
        series.append((np.concatenate(([0.0], months)), values))
    xmax = max(float(m[-1]) for m, _ in series) or 1.0
    ymax = max(float(v.max()) for _, v in series) or 1.0
    ystep = _nice_step(ymax, 4)
    ytop = ystep * np.ceil(ymax / ystep)
    xstep = _nice_step(xmax, 4 if compact else 8)
    xstep = max(1.0, round(xstep))

    def x(m):
        return left + pw * m / xmax

    def y(v):
        return top + ph * (1 - v / ytop)

    ends = "; ".join(t(lang, "tc.chart.cost.end", name=n, cost=money(c.total_cost, lang),
                       date=i18n.date(c.flows.dates[-1], lang)) for n, c in zip(names, costs))
    parts = _open(width, height, uid, title, t(lang, "tc.chart.cost.desc", ends=ends), "tc-cost")
    for k, line in enumerate(title_lines):
        parts.append(f'<text x="8" y="{20 + 20 * k}" font-size="{fs + 2}" font-weight="600" '
                     f'fill="{INK}">{escape(line)}</text>')
    ly = 14 + 20 * len(title_lines) + 8
    for i, rows in legend_rows:
        colour, dash = OFFER_STYLES[i % len(OFFER_STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="8" x2="42" y1="{ly + 5}" y2="{ly + 5}" stroke="{colour}" '
                     f'stroke-width="3"{dash_attr}/>')
        for k, row in enumerate(rows):
            parts.append(f'<text x="50" y="{ly + 10 + 16 * k}" font-size="{fs}" fill="{INK}" '
                         f'font-weight="600">{escape(row)}</text>')
        ly += 16 * len(rows) + 6
    for k in range(int(round(ytop / ystep)) + 1):
        v = k * ystep
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     f'stroke="{INK}" stroke-opacity="{GRID_OPACITY}"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="{fs - 1}" '
                     f'text-anchor="end" fill="{INK}">{escape(_axis_money(v, lang))}</text>')
    parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" '
                 f'stroke="{INK}"/>')
    m = 0.0
    while m <= xmax + 1e-9:
        parts.append(f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{top + ph}" y2="{top + ph + 4}" '
                     f'stroke="{INK}"/>')
        parts.append(f'<text x="{x(m):.1f}" y="{top + ph + 17}" font-size="{fs - 1}" '
                     f'text-anchor="middle" fill="{INK}">{m:g}</text>')
        m += xstep
    label = t(lang, "tc.chart.months")
    parts.append(f'<text x="{left + pw}" y="{top + ph + 34}" font-size="{fs - 1}" '
                 f'text-anchor="end" fill="{INK}">{escape(label)}</text>')
    for i, (months, values) in enumerate(series):
        colour, dash = OFFER_STYLES[i % len(OFFER_STYLES)]
        pts = [f"{x(months[0]):.1f},{y(values[0]):.1f}"]
        for k in range(1, len(months)):
            pts.append(f"{x(months[k]):.1f},{y(values[k - 1]):.1f}")
            pts.append(f"{x(months[k]):.1f},{y(values[k]):.1f}")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" '
                     f'stroke-width="2.5"{dash_attr} stroke-linejoin="round"/>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, size: float, room: float) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` pixels (names can be long)."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


#: Colours and dash patterns of the offers in the charts (the names are written beside each
#: bar and in the legend, so colour is never the only cue).
OFFER_STYLES = (("#1f6feb", ""), ("#c2410c", "8 4"), ("#7c3aed", "2 3"))


LINE_COLOUR = "#b42318"
