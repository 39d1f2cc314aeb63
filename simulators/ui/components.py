"""Widgets and HTML pieces shared by the simulator apps.

Every input is a ``Field``: a labelled ``Text`` (numbers are typed as text, so that whatever a
reader types can be kept and, if it is not a number, reported), ``Dropdown`` or ``Checkbox``,
with a line under it for an error or a note. The label is the widget's ``description``, which
ipywidgets renders as a real ``<label for=...>``; the app's CSS stacks it above the input so
that long labels wrap on a phone instead of being cut off.
"""

from __future__ import annotations

import math
from html import escape

import ipywidgets as widgets

from simulators.core.fields import ScenarioError, parse_number

#: The app's CSS. Colours come from JupyterLab's CSS variables (with fallbacks for other hosts),
#: so that light and dark themes both work; the charts draw text in ``currentColor``.
APP_CSS = """
.bh-app { --bh-late: #c2410c; --bh-bad: #b42318; --bh-ok: #1f6feb;
  color: var(--jp-ui-font-color1, #1f2328); font-size: var(--jp-ui-font-size1, 14px);
  max-width: 1240px; margin: 0 auto; box-sizing: border-box; width: 100%; }
.bh-app * { box-sizing: border-box; }
/* On a phone the page's 13 px is small to read: 15 px, so that notes and tables (a little
   smaller) stay near 14 px. */
@media (max-width: 560px) { .bh-app, .bh-app .jupyter-widgets, .bh-app .widget-label,
  .bh-app .widget-label-basic, .bh-app .widget-html-content { font-size: 15px; } }
.bh-app h1 { font-size: 1.5em; margin: 0.2em 0 0.3em; line-height: 1.25; }
.bh-app h2 { font-size: 1.15em; margin: 0.9em 0 0.3em; line-height: 1.3; }
.bh-app h3 { font-size: 1em; margin: 0.6em 0 0.2em; }
.bh-app p { margin: 0.3em 0; line-height: 1.45; }
.bh-app .widget-html, .bh-app .widget-html-content { width: 100%; max-width: 100%; }
.bh-app .widget-html-content { line-height: 1.45; white-space: normal; }
.bh-header { align-items: center; gap: 8px 24px; }
.bh-header .bh-title { flex: 1 1 260px; min-width: 0; }
.bh-main { gap: 16px 28px; align-items: flex-start; }
.bh-inputs, .bh-results { min-width: 0; }
.bh-inputs { padding: 4px 12px 12px; border-radius: 6px;
  background: var(--jp-layout-color2, #f6f8fa); }
/* Labels above their inputs, full width, wrapping: readable at 360 px. */
.bh-field { width: 100%; margin: 0 0 2px; }
.bh-field.widget-inline-hbox { flex-direction: column; align-items: stretch; height: auto; }
.bh-field .widget-label { width: auto !important; max-width: 100%; min-width: 0;
  white-space: normal; overflow: visible; text-overflow: clip; text-align: left;
  line-height: 1.3; margin: 6px 0 3px; padding: 0; height: auto; font-weight: 600; }
.bh-field input[type="text"], .bh-field select { width: 100%; max-width: 100%; min-width: 0;
  height: 44px; min-height: 44px; flex: 0 0 auto !important; font-size: 16px; }
/* Let the phone's summary line stick to the bottom of the screen: no widget box may clip it. */
.bh-app.widget-box, .bh-app .widget-box { overflow: visible; }
.jp-OutputArea-output:has(.bh-app), .jp-OutputArea:has(.bh-app),
.jp-OutputArea-child:has(.bh-app) { overflow: visible; }
.bh-field.widget-checkbox { flex-direction: row; align-items: flex-start; margin: 8px 0 2px; }
.bh-field.widget-checkbox .widget-label-basic { white-space: normal; line-height: 1.3; height: auto; }
.bh-field.widget-checkbox .widget-label-basic span { white-space: normal; }
.bh-field.widget-checkbox input[type="checkbox"] { width: 20px; height: 20px; flex: 0 0 auto; }
.bh-field.widget-checkbox label { display: flex; gap: 8px; align-items: center; min-height: 44px; }
.bh-invalid input[type="text"], .bh-invalid select {
  border: 2px solid var(--bh-bad) !important; background: var(--jp-layout-color1, #fff); }
.bh-msg .widget-html-content { font-size: 0.92em; margin: 0 0 4px; }
.bh-msg .bh-error { color: var(--bh-bad); font-weight: 600; }
/* Notes read as secondary by their size, not a paler grey: the panel's grey background leaves
   JupyterLab's secondary text colour below WCAG AA contrast (4.5:1). */
.bh-msg .bh-note { color: var(--jp-ui-font-color1, #1f2328); }
.bh-tag { display: inline-block; border: 1px solid currentColor; border-radius: 3px;
  padding: 0 4px; font-size: 0.85em; font-weight: 600; }
.bh-lang .widget-toggle-buttons { flex-wrap: wrap; }
.bh-lang .widget-toggle-button { width: auto; min-width: 96px; font-size: 15px; }
.bh-lang .widget-label { width: auto !important; margin-right: 8px; }
.bh-late-row { border: 1px solid var(--jp-border-color1, #d0d7de); border-radius: 6px;
  padding: 2px 10px 8px; margin: 6px 0; background: var(--jp-layout-color1, #fff); width: 100%; }
.bh-late-row .bh-pair { gap: 0 12px; width: 100%; align-items: flex-end; }
.bh-late-row .bh-pair > .bh-field { flex: 1 1 120px; width: auto; min-width: 0; }
.bh-app .jupyter-button { height: auto; min-height: 44px; white-space: normal; line-height: 1.2;
  padding: 6px 12px; width: auto; max-width: 100%; font-size: 14px;
  border: 1px solid var(--jp-border-color1, #8c959f); border-radius: 4px;
  background: var(--jp-layout-color1, #fff); color: var(--jp-ui-font-color1, #1f2328); }
.bh-app .jupyter-button:hover { background: var(--jp-layout-color3, #e6e9ec); }
.bh-app .jupyter-button.mod-active { background: var(--jp-brand-color1, #1976d2);
  border-color: var(--jp-brand-color1, #1976d2); color: #fff; font-weight: 700; }
.bh-app .jupyter-button.mod-active::before { content: "✓ "; }
.bh-app .jupyter-button.bh-disclosure { text-align: left; font-weight: 600; margin: 8px 0 4px;
  justify-content: flex-start; }
.bh-disclosure-body { padding: 0 2px 4px 4px; }
.bh-sentence .widget-html-content { font-size: 1.18em; line-height: 1.45; }
.bh-sentence p:first-child { font-weight: 600; }
/* The phone's summary line: at the top of the input panel, kept in view at the top of the
   screen while the reader scrolls through the fields (the keyboard takes the bottom). It is
   short (at most four lines) and the page keeps a field being edited below it
   (scroll-padding-top), so it never covers what is typed. */
.bh-live { position: sticky; top: 0; z-index: 2; display: none; }
.bh-live .widget-html-content { padding: 6px 10px; margin-bottom: 6px; border-radius: 6px;
  background: var(--jp-layout-color1, #fff); border: 2px solid var(--bh-late);
  font-size: 0.95em; box-shadow: 0 2px 8px rgba(0,0,0,0.12); max-height: 6.2em;
  overflow: hidden; }
@media (max-width: 720px) { .bh-live { display: block; }
  html:has(.bh-app), #rendered_cells:has(.bh-app) { scroll-padding-top: 140px; } }
.bh-stale-note .widget-html-content { border-left: 4px solid var(--bh-bad); padding: 6px 10px;
  background: var(--jp-layout-color2, #f6f8fa); }
.bh-stale .bh-dim { opacity: 0.45; }
.bh-errors ul { margin: 4px 0 0 1.2em; padding: 0; }
.bh-chart-wide, .bh-chart-narrow { width: 100%; }
.bh-chart-narrow { display: none; }
@media (max-width: 560px) { .bh-chart-wide { display: none; } .bh-chart-narrow { display: block; } }
/* The results column decides, not the window: beside the inputs on a small laptop it can be
   narrower than 560 px, and the wide drawing's labels would shrink below reading size. */
.bh-results { container-type: inline-size; }
@container (max-width: 560px) { .bh-chart-wide { display: none; }
  .bh-chart-narrow { display: block; } }
.bh-table-wrap { overflow-x: auto; max-width: 100%; }
.bh-app table.bh-table { border-collapse: collapse; margin: 4px 0 8px; font-size: 0.95em;
  max-width: 100%; }
.bh-app table.bh-table caption { text-align: left; font-weight: 600; padding: 2px 0 4px; }
.bh-app table.bh-table th, .bh-app table.bh-table td { padding: 4px 8px; text-align: left;
  border-bottom: 1px solid var(--jp-border-color2, #e1e4e8); vertical-align: top; }
.bh-app table.bh-table td.bh-num, .bh-app table.bh-table th.bh-num { text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
.bh-app table.bh-table tr.bh-total td, .bh-app table.bh-table tr.bh-total th { font-weight: 700;
  border-top: 2px solid currentColor; }
.bh-app details { margin: 8px 0; }
.bh-app summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
.bh-model { border-left: 4px solid var(--bh-ok); padding: 4px 10px; margin: 8px 0;
  background: var(--jp-layout-color2, #f6f8fa); }
.bh-app ul.bh-list { margin: 4px 0 4px 1.2em; padding: 0; }
.bh-app ul.bh-list li { margin: 2px 0; line-height: 1.4; }
.bh-sources li { margin-bottom: 6px; }
/* Projector mode (present=1): large type, high contrast, the results first, charts drawn at
   their phone size and scaled up so that their labels read from the back of a room. */
.bh-present { font-size: 24px !important; color: #000 !important; background: #fff;
  max-width: none; }
.bh-present .widget-html-content, .bh-present .widget-label, .bh-present .widget-label-basic,
.bh-present input[type="text"], .bh-present select, .bh-present .jupyter-button,
.bh-present table.bh-table { font-size: 24px !important; color: #000; }
.bh-present .bh-field input[type="text"], .bh-present .bh-field select { height: 52px; }
.bh-present .bh-inputs { background: #fff; border: 2px solid #000; }
.bh-present .bh-note, .bh-present .bh-msg .bh-note, .bh-present small { color: #000; }
.bh-present .bh-sentence .widget-html-content { font-size: 28px !important; }
.bh-present > .bh-header, .bh-present > .bh-intro { order: -3; }
.bh-present > .bh-link-notice { order: -2; }
.bh-present > .bh-results, .bh-present .bh-main > .bh-results { order: -1; }
.bh-present .bh-main > .bh-inputs, .bh-present .bh-main > .bh-results {
  flex: 1 1 100% !important; max-width: none !important; }
.bh-present .bh-live { display: none !important; }
.bh-present .bh-chart-wide:has(svg) { display: none; }
.bh-present .bh-chart-narrow:has(svg) { display: block; max-width: 720px; }
.bh-present .bh-results svg { max-width: 100% !important; }
"""


#: The language switch's buttons: each language named in itself.
LANGUAGE_OPTIONS = (("English", "en"), ("简体中文", "zh"))


def css_widget(css: str = APP_CSS) -> widgets.HTML:
    return widgets.HTML(f"<style>{css}</style>", layout=widgets.Layout(display="none"))


def value_text(value, kind: str) -> str:
    """A preset's value as the text put in a field: 50000 -> '50,000', 0.108 -> '10.8'."""
    if value is None:
        return ""
    if kind == "percent":
        return f"{float(value) * 100:.10g}"
    if kind == "money":
        v = float(value)
        return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return str(int(value))  # a term read back from a link as 24.0 shows as 24
    return str(value)


def same(a, b) -> bool:
    """Equal, allowing for the float noise of typing a rate in percent (10.8 / 100)."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-15)
    return a == b


class Field:
    """A labelled input with an error/note line under it.

    ``kind`` says how the text is read: 'money', 'percent' (typed in percent: '12' is 12%),
    'int', 'date', 'choice' or 'bool'. ``optional`` fields may be left empty (meaning "none").
    """

    def __init__(self, name: str, kind: str, optional: bool = False, options=None):
        self.name, self.kind, self.optional = name, kind, optional
        layout = widgets.Layout(width="100%")
        if kind == "choice":
            self.input = widgets.Dropdown(options=options or [], layout=layout,
                                          description_allow_html=False)
        elif kind == "bool":
            self.input = widgets.Checkbox(value=False, indent=False, layout=layout,
                                          description_allow_html=False)
        else:
            self.input = widgets.Text(value="", layout=layout, continuous_update=True,
                                      description_allow_html=False)
        self.input.style.description_width = "initial"
        self.input.add_class("bh-field")
        self.message = widgets.HTML("", layout=widgets.Layout(width="100%"))
        self.message.add_class("bh-msg")
        self.box = widgets.VBox([self.input, self.message], layout=widgets.Layout(width="100%"))
        self._error = ""
        self._note = ""

    @property
    def value(self):
        return self.input.value

    @value.setter
    def value(self, v):
        self.input.value = v

    def set_label(self, text: str, tooltip: str | None = None):
        if self.input.description != text:
            self.input.description = text
        if tooltip is not None and self.input.tooltip != tooltip:
            self.input.tooltip = tooltip

    def set_error(self, text: str):
        self._error = text
        if text:
            self.input.add_class("bh-invalid")
        else:
            self.input.remove_class("bh-invalid")
        self._render()

    def set_note(self, html: str):
        self._note = html
        self._render()

    def _render(self):
        parts = []
        if self._error:
            parts.append(f'<div class="bh-error">⚠ {escape(self._error)}</div>')
        if self._note:
            parts.append(f'<div class="bh-note">{self._note}</div>')
        html = "".join(parts)
        if self.message.value != html:
            self.message.value = html


class Disclosure:
    """A section that opens and closes with a real button (keyboard and screen reader can use
    it; ipywidgets' Accordion header is a bare ``div``). The button's words say which way it
    goes: '▸ Show ...' / '▾ ...'."""

    def __init__(self, children=(), open: bool = False):
        self.button = widgets.Button(description="", layout=widgets.Layout(width="100%"))
        self.button.add_class("bh-disclosure")
        self.body = widgets.VBox(list(children), layout=widgets.Layout(width="100%"))
        self.body.add_class("bh-disclosure-body")
        self.box = widgets.VBox([self.button, self.body], layout=widgets.Layout(width="100%"))
        self._title = ""
        self.open = open
        self.button.on_click(lambda _: self.toggle())
        self._render()

    def set_title(self, title: str):
        self._title = title
        self._render()

    def toggle(self):
        self.open = not self.open
        self._render()

    def _render(self):
        text = f"{'▾' if self.open else '▸'} {self._title}"
        if self.button.description != text:
            self.button.description = text
        self.button.tooltip = self._title
        self.body.layout.display = "" if self.open else "none"


def heading(text: str, level: int = 2) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def set_html(widget: widgets.HTML, html: str):
    """Send HTML to the browser only when it changed (charts are tens of kilobytes)."""
    if widget.value != html:
        widget.value = html


def html_table(headers, rows, caption: str | None = None, numeric=(), totals=(),
               row_headers=True) -> str:
    """An accessible HTML table: a caption, ``th`` with scopes, numbers right-aligned.

    ``rows`` hold already-formatted text (it is escaped here)."""
    out = ['<div class="bh-table-wrap"><table class="bh-table">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr>")
    for i, h in enumerate(headers):
        cls = ' class="bh-num"' if i in numeric else ""
        out.append(f'<th scope="col"{cls}>{escape(str(h))}</th>')
    out.append("</tr></thead><tbody>")
    for r, row in enumerate(rows):
        cls = ' class="bh-total"' if r in totals else ""
        out.append(f"<tr{cls}>")
        for i, cell in enumerate(row):
            num = ' class="bh-num"' if i in numeric else ""
            if i == 0 and row_headers:
                out.append(f'<th scope="row"{num}>{escape(str(cell))}</th>')
            else:
                out.append(f"<td{num}>{escape(str(cell))}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def responsive_table(headers, rows, caption: str | None = None, numeric=()) -> str:
    """A table with many columns that stays readable on a phone: the full table on a wide
    screen and, below 560 px, one small two-column table per row (its first cell as the caption),
    switched by CSS (the ``bh-chart-wide`` / ``bh-chart-narrow`` classes)."""
    wide = html_table(headers, rows, caption=caption, numeric=numeric)
    narrow = [f"<p><strong>{escape(caption)}</strong></p>"] if caption else []
    for row in rows:
        pairs = [[headers[i], row[i]] for i in range(1, len(headers))]
        narrow.append(html_table(["", ""], pairs, caption=str(row[0]), numeric=(1,))
                      .replace("<thead><tr><th scope=\"col\"></th><th scope=\"col\" "
                               "class=\"bh-num\"></th></tr></thead>", ""))
    return (f'<div class="bh-chart-wide">{wide}</div>'
            f'<div class="bh-chart-narrow">{"".join(narrow)}</div>')


def chart_pair(draw, narrow: int = 380) -> str:
    """A chart twice: a wide drawing, and a compact one that CSS shows on a phone.
    ``draw(width, tag)`` draws it; ``tag`` ('w' or 'n') keeps the two drawings' ids apart."""
    return (f'<div class="bh-chart-wide">{draw(720, "w")}</div>'
            f'<div class="bh-chart-narrow">{draw(narrow, "n")}</div>')


def sentences_html(said) -> str:
    """The plain-language sentences, one paragraph each, in a polite live region."""
    return '<div aria-live="polite">' + "".join(f"<p>{escape(s)}</p>" for s in said) + "</div>"


def bullet_list(items, css: str = "bh-list") -> str:
    return f'<ul class="{css}">' + "".join(f"<li>{escape(a)}</li>" for a in items) + "</ul>"


def number_or_text(text):
    """A whole number as typed in a late-payment row: an int where it is one, else the number,
    else the text itself (the scenario's checks then report it next to the field)."""
    try:
        value = parse_number(str(text).strip(), "late")
    except ScenarioError:
        return str(text)
    return int(value) if value.is_integer() else value


class LateRow:
    """One late payment: an instalment paid late, or payments stopped for a while (and, where
    ``kinds`` has it, 'never': stopped and never caught up).

    ``kind``, ``number`` and ``days`` are the widgets (``row.days.value = "60"``); the
    ``*_field`` attributes hold them with their labels and messages."""

    def __init__(self, kind: str = "instalment", number: str = "3", days: str = "45",
                 kinds=("instalment", "stop")):
        self.title = widgets.HTML("")
        self.kind_field = Field("kind", "choice", options=[(k, k) for k in kinds])
        self.kind_field.value = kind
        self.number_field = Field("number", "int")
        self.number_field.value = number
        self.days_field = Field("days", "int")
        self.days_field.value = days
        self.kind, self.number, self.days = (f.input for f in (self.kind_field, self.number_field,
                                                                self.days_field))
        self.remove = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        pair = widgets.HBox([self.number_field.box, self.days_field.box],
                            layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        pair.add_class("bh-pair")
        for f in (self.number_field, self.days_field):
            f.box.add_class("bh-field")
            f.box.layout.width = "auto"
        self.box = widgets.VBox([self.title, self.kind_field.box, pair, self.remove])
        self.box.add_class("bh-late-row")

    @classmethod
    def from_entry(cls, entry: dict, kinds=("instalment", "stop")) -> LateRow:
        """A row for a late-payment entry of a scenario ('days': None is 'never')."""
        if "stop_from" in entry:
            never = entry.get("days") is None and "never" in kinds
            days = "" if entry.get("days") is None else str(entry["days"])
            return cls("never" if never else "stop", str(entry["stop_from"]), days, kinds)
        return cls("instalment", str(entry.get("instalment", "")),
                   str(entry.get("days_late", "")), kinds)

    def entry(self, parse) -> dict:
        number = parse(self.number.value)
        if self.kind.value == "never":
            return {"stop_from": number, "days": None}
        days = parse(self.days.value)
        if self.kind.value == "stop":
            return {"stop_from": number, "days": days}
        return {"instalment": number, "days_late": days}

    def fields(self) -> dict:
        """Field name in the scenario's error messages -> Field."""
        if self.kind.value == "never":
            return {"stop_from": self.number_field}
        if self.kind.value == "stop":
            return {"stop_from": self.number_field, "days": self.days_field}
        return {"instalment": self.number_field, "days_late": self.days_field}


class LateRows:
    """For an app (an ``AppFrame``) whose scenario lists late payments: ``late_rows`` shown in
    ``late_box``, each a ``LateRow`` of the kinds in ``LATE_KINDS``, that the reader adds and
    removes. The app relabels them in ``_relabel_rows``."""

    LATE_KINDS = ("instalment", "stop")

    def _append_row(self, entry: dict):
        row = LateRow.from_entry(entry, kinds=self.LATE_KINDS)
        # The row's labels follow its kind before the result does.
        row.kind.observe(lambda _: self._quiet or self._relabel_rows(), names="value")
        self.watch(row.kind, row.number, row.days)
        row.remove.on_click(lambda _, r=row: self.remove_late_row(r))
        self.late_rows.append(row)
        self.late_box.children = tuple(r.box for r in self.late_rows)

    def remove_late_row(self, row: LateRow):
        if row in self.late_rows:
            self.late_rows.remove(row)
            self.late_box.children = tuple(r.box for r in self.late_rows)
            self._relabel_rows()
            self.update()

    def late_targets(self) -> dict:
        """The late rows' fields by their names in the scenario's messages: 'late[2].days_late'."""
        return {f"late[{i}].{name}": f for i, row in enumerate(self.late_rows, start=1)
                for name, f in row.fields().items()}

