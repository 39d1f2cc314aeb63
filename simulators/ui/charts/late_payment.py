"""Charts of what paying late costs: what is owed day by day, and the extra cost by kind.

Pure functions from a result to an SVG string: no widget, so the book draws them too.

The phone drawing (``width`` below ``COMPACT_BELOW``) uses ``COMPACT_FONT`` for its main text
and one pixel less for the smallest (axis ticks, notes): drawn 320 to 360 units wide and shown
in a column at least about 270 px wide (a 360 px phone, or the app in a lesson's frame on one),
no text is smaller than 12 px on screen.
"""

from __future__ import annotations

from html import escape

import numpy as np

from simulators.core import i18n
from simulators.core.dates import add_months
from simulators.core.i18n import t
from simulators.ui.charts.svg import (
    CAP,
    COMPACT_BELOW,
    GRID_OPACITY,
    INK,
    KIND_COLOURS,
    LATE,
    ON_TIME,
    _axis_money,
    _fill,
    _nice_step,
    _open,
    _pattern_defs,
    _sample,
    _wrap,
    text_width,
)

#: The font size of the phone drawing's main text; the smallest text is one pixel less.
COMPACT_FONT = 16


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
    fs = COMPACT_FONT if compact else 12
    title = t(lang, "chart.owed.title")
    title_lines = _wrap(title, fs + 2, width - 16)
    top = 14 + 20 * len(title_lines) + (32 if compact else 26)  # title, then the legend row
    left, right, bottom = (54 if compact else 64), (14 if compact else 24), 44
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
    ly = top - (20 if compact else 14)
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
    def month_label(d):
        return t(lang, "view.month_year", month=t(lang, f"view.month.{d.month}"), year=d.year)

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
        tw = text_width(text, fs - 1) * (1.1 if compact else 1)
        cx = x(d)
        lo = max(cx - tw / 2, 2)
        at_edge = lo > width - 2 - tw
        lo = min(lo, width - 2 - tw)
        if lo < right_edge + 8:
            continue  # would overlap the label before it
        right_edge = lo + tw
        parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top + ph}" y2="{top + ph + 4}" '
                     f'stroke="{INK}"/>')
        if compact and at_edge:
            # Ended at the right edge whatever the font's real width (the estimate can be short).
            parts.append(f'<text x="{width - 2}" y="{top + ph + 18}" font-size="{fs - 1}" '
                         f'text-anchor="end" fill="{INK}">{escape(text)}</text>')
        else:
            parts.append(f'<text x="{lo:.1f}" y="{top + ph + 18}" font-size="{fs - 1}" '
                         f'fill="{INK}">{escape(text)}</text>')
    parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" '
                 f'stroke="{INK}"/>')

    called_box = None  # where the "loan called in" label is: (left, right, baseline)
    if result.accelerated is not None:
        d = result.accelerated["day"]
        label = t(lang, "chart.owed.called_in")
        anchor, dx = ("end", -4) if x(d) + text_width(label, fs - 1) > width - 4 else ("start", 4)
        lw = text_width(label, fs - 1)
        called_box = ((x(d) + dx - lw, x(d) + dx) if anchor == "end" else
                      (x(d) + dx, x(d) + dx + lw)) + (top + 12,)
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
        lw = text_width(label, fs - 1)
        anchor, dx = ("end", -8) if px + lw > width - 4 else ("start", 8)
        ty = max(py - 6, top + 10)
        lo, hi = (px + dx - lw, px + dx) if anchor == "end" else (px + dx, px + dx + lw)
        if called_box and lo < called_box[1] + 4 and hi > called_box[0] - 4 \
                and abs(ty - called_box[2]) < fs + 2:
            ty = called_box[2] + fs + 4  # below the "loan called in" label, not over it
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{LATE}"/>')
        parts.append(f'<text x="{px + dx:.1f}" y="{ty:.1f}" font-size="{fs - 1}" '
                     f'text-anchor="{anchor}" fill="{INK}" font-weight="600">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def cost_chart(result, lang: str, width: int = 720, height: int | None = None,
               uid: str | None = None) -> str:
    """Total cost on time against late as bars, the late bar split by kind of extra cost, with
    the annual cost cap as a vertical line where the product has one.

    When the lender called in the loan, the interest and fees of the later months are no longer
    charged, so the late bar can be shorter than the on-time one; a hatched bar marked "no
    longer charged" shows that amount where it was taken off, so the shorter bar does not read
    as "paying late is cheaper".

    The chart leads with what the borrower must act on: the largest sum due on one day (a
    called-in loan, or instalments caught up together), drawn as its own marker above the cost
    bars and not on their scale. When the late path's total cost is the lower one, its value is
    labelled "not a saving"."""
    compact = width < COMPACT_BELOW
    uid = uid or f"cost{width}"
    fs = COMPACT_FONT if compact else 12
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
    # What must be paid at once leads: the marker above the bars.
    due = result.due_at_once[0] if result.due_at_once else None
    due_lines = []
    if due is not None:
        due_text = t(lang, "ui.chart.due_at_once", date=i18n.date(due["date"], lang),
                     amount=i18n.money(due["amount"], lang))
        # Bold type is wider than plain: wrap as if 10% larger, after the "⚠ " in front.
        due_lines = _wrap(due_text, (fs + 1) * 1.1, width - 28 - text_width("⚠ ", fs + 1))
        desc = due_text + " " + desc
    late_value = i18n.money(result.late.total_cost, lang)
    lower_late = result.late.total_cost < result.on_time.total_cost
    if lower_late:
        late_value = t(lang, "ui.chart.not_a_saving", amount=late_value)
        desc += " " + t(lang, "ui.chart.not_a_saving_note")

    rows = [(t(lang, "table.on_time"), [("base", on_cost, ON_TIME, None)],
             i18n.money(result.on_time.total_cost, lang))]
    rows.append((t(lang, "table.late"),
                 [("base", base_late, LATE, "0.35")] + [(k, v, None, None) for k, v in kinds],
                 late_value))
    if not_charged:
        rows.append((t(lang, "ui.chart.not_charged"), [("none", not_charged, None, None)],
                     i18n.money(-not_charged, lang)))

    value_room = max(text_width(r[2], fs) for r in rows) + 14
    if compact:
        # The row's name sits above its bar, its value at the right of the same line, so the
        # bars have the whole width and a long value ("not a saving") squeezes nothing.
        left, right = 8, 8
        bar_h, row_h = 22, fs + 6 + 22 + 10
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
    due_step = max(18, round((fs + 1) * 1.3))  # line height of the "due at once" box
    if due_lines:
        box_h = 12 + due_step * len(due_lines)
        parts.append(f'<g class="bh-due-at-once"><rect x="4" y="{top - 6}" width="{width - 8}" '
                     f'height="{box_h}" rx="4" fill="{LATE}" fill-opacity="0.12" stroke="{LATE}" '
                     f'stroke-width="2"/>')
        for k, line in enumerate(due_lines):
            parts.append(f'<text x="14" y="{top + 12 + due_step * k}" font-size="{fs + 1}" '
                         f'font-weight="700" fill="{INK}">{escape(("⚠ " if k == 0 else "") + line)}'
                         f'</text>')
        parts.append("</g>")
        top += box_h + 10
    yb = top
    bar_spans = []  # each bar's top and bottom
    for r, (label, pieces, value) in enumerate(rows):
        if compact:
            parts.append(f'<text x="{left}" y="{yb + fs}" font-size="{fs}" fill="{INK}" '
                         f'font-weight="600">{escape(label)}</text>')
            parts.append(f'<text x="{width - 4}" y="{yb + fs}" font-size="{fs}" fill="{INK}" '
                         f'text-anchor="end">{escape(value)}</text>')
            yb += fs + 6
        else:
            parts.append(f'<text x="{left - 8}" y="{yb + bar_h / 2 + 4:.1f}" font-size="{fs}" '
                         f'text-anchor="end" fill="{INK}" font-weight="600">{escape(label)}</text>')
        bar_spans.append((yb, yb + bar_h))
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
        if not compact:
            parts.append(f'<text x="{x(pos) + 6:.1f}" y="{yb + bar_h / 2 + 4:.1f}" '
                         f'font-size="{fs}" fill="{INK}">{escape(value)}</text>')
        yb += bar_h + (row_h - bar_h - (fs + 6 if compact else 0))
    bars_bottom = yb - (row_h - bar_h - (fs + 6 if compact else 0)) + 4
    y_after = bars_bottom + 10
    if cap_off_scale:
        label = t(lang, "ui.chart.cap_off", cap=i18n.money(cap, lang))
        step = max(16, round((fs - 1) * 1.35))
        for k, line in enumerate(_wrap(label, fs - 1, width - 8)):
            parts.append(f'<text x="{width - 4}" y="{bars_bottom + 14 + step * k}" '
                         f'font-size="{fs - 1}" text-anchor="end" fill="{INK}">{escape(line)}'
                         f'</text>')
            y_after = bars_bottom + 26 + step * k
    elif cap is not None:
        cx = x(cap)
        # On a phone the names and values are on lines of their own: the cap line crosses the
        # bars only, never a value written at the right.
        spans = ([(a - 4, b + 4) for a, b in bar_spans] if compact
                 else [(top - 4, bars_bottom + 4)])
        for y1, y2 in spans:
            parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y1}" y2="{y2}" '
                         f'stroke="{CAP}" stroke-width="2" stroke-dasharray="5 3"/>')
        label = t(lang, "chart.cost.cap", cap=i18n.money(cap, lang))
        anchor = "end" if cx + text_width(label, fs - 1) / 2 > width - 4 else (
            "start" if cx - text_width(label, fs - 1) / 2 < 4 else "middle")
        parts.append(f'<text x="{cx:.1f}" y="{bars_bottom + 18}" font-size="{fs - 1}" '
                     f'text-anchor="{anchor}" fill="{INK}">{escape(label)}</text>')
        y_after = bars_bottom + 30
    # Legend: one swatch (colour and pattern) per kind of extra cost shown, with its amount.
    colon = i18n.punct(lang, "colon")
    legend = [(k, f"{t(lang, f'kind.{k}')}{colon}{i18n.money(v, lang)}") for k, v in kinds]
    if not_charged:
        legend.append(("none", f"{t(lang, 'kind.interest_not_charged')}{colon}"
                               f"{i18n.money(-not_charged, lang)}"))
    ly = y_after + 6
    line_h = max(16, round((fs - 1) * 1.35))
    for kind, text in legend:
        lines = _wrap(text, fs - 1, width - 40)
        stroke = f'stroke="{INK}" stroke-dasharray="3 2"' if kind == "none" else \
            f'stroke="{KIND_COLOURS[kind]}"'
        parts.append(f'<rect x="8" y="{ly}" width="18" height="14" fill="{_fill(uid, kind)}" '
                     f'{stroke}/>')
        for k, line in enumerate(lines):
            parts.append(f'<text x="32" y="{ly + 11 + k * line_h}" font-size="{fs - 1}" '
                         f'fill="{INK}">{escape(line)}</text>')
        ly += line_h * len(lines) + 6
    height = height or int(ly + 4)
    parts[0] = parts[0].replace(f"viewBox=\"0 0 {width} 0\"", f"viewBox=\"0 0 {width} {height}\"")
    parts.append("</svg>")
    return "".join(parts)
