"""The credit-record chart: how long each negative record stays shown.

Pure functions from a result to an SVG string: no widget, so the book draws them too.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from simulators.core import i18n
from simulators.core.i18n import t


def timeline_svg(r, lang: str, width: int = 720) -> str:
    """One bar per record from the first statement that shows it to the day it stops
    being shown; years along the bottom; the dates in words under the chart too.
    A function, not a method, so that the book draws it without building any widget."""
    recs = r.negative_records
    items = []
    for n, rec in enumerate(recs, start=1):
        start = i18n.date(rec.first_shown, lang)
        if rec.visible_until is None:
            items.append(t(lang, "credit.ui.timeline.item_open", n=n, start=start))
        else:
            items.append(t(lang, "credit.ui.timeline.item", n=n, start=start,
                           end=i18n.date(rec.visible_until, lang)))
    text = ("<ul class='bh-list'>" + "".join(f"<li>{escape(s)}</li>" for s in items)
            + "</ul>") if items else f"<p>{escape(t(lang, 'credit.ui.timeline.none'))}</p>"
    if not recs:
        return text
    first = r.months[0].date.year
    ends = [x.visible_until for x in recs]
    last = (first + 10) if any(e is None for e in ends) else max(ends).year + 1
    compact = width < 520
    font = 13 if compact else 12
    # Room on the right for half of the last year's label, centred on its line.
    left, right, top, row_h = int(t(lang, "view.timeline.label_width")), 22, 8, 28
    height = top + row_h * len(recs) + 30
    span = (dt_ord(last, 1, 1) - dt_ord(first, 1, 1)) or 1

    def x(day):
        return left + (width - left - right) * (day.toordinal() - dt_ord(first, 1, 1)) / span

    title = escape(t(lang, "credit.ui.timeline.title"))
    desc = escape(t(lang, "credit.ui.timeline.desc") + " " + " ".join(items))
    uid = f"bh-cr-tl-{width}"
    parts = [f'<svg class="bh-chart" role="img" aria-labelledby="{uid}-t {uid}-d" '
             f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
             f'font-size="{font}" fill="currentColor">'
             f'<title id="{uid}-t">{title}</title><desc id="{uid}-d">{desc}</desc>']
    step = 2 if compact and last - first > 6 else 1
    for year in range(first, last + 1, step):
        xx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{top}" y2="{height - 22}" '
                     f'stroke="currentColor" stroke-opacity="0.18"/>'
                     f'<text x="{xx:.1f}" y="{height - 6}" text-anchor="middle">{year}</text>')
    for n, rec in enumerate(recs):
        y = top + n * row_h + 4
        x0 = x(rec.first_shown)
        end = rec.visible_until or dt.date(last, 1, 1)
        x1 = max(x(end), x0 + 2)
        label = t(lang, "credit.ui.timeline.record", n=n + 1)
        parts.append(f'<text x="4" y="{y + 14}">{escape(label)}</text>')
        fill = "#b42318" if rec.visible_until else "#5f1313"
        parts.append(f'<rect x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="18" '
                     f'fill="{fill}" rx="3"/>')
        if rec.visible_until is None:
            parts.append(f'<path d="M{x1:.1f},{y - 2} l10,11 l-10,11 z" fill="{fill}"/>')
    parts.append("</svg>")
    return "".join(parts) + text


def dt_ord(year, month, day) -> int:
    return dt.date(year, month, day).toordinal()
