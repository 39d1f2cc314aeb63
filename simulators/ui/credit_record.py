"""The "What does this do to my credit record?" simulator: widgets in, a ``CreditRecord`` out.

The reader enters a loan and its late payments (the same scenario as the late-payment simulator,
whose late-payment rows this reuses, plus "stop paying and never catch up") and a country's
rules; the view shows the month-by-month status grid (code, colour and words), a timeline of
when each record appears and disappears, what a lender sees each year, and the same late
payments under the other countries' rules. Usable without a browser::

    app = CreditRecordApp(lang="en")
    app.late_rows[0].days.value = "100"
    app.codes()            # ['N', 'N', '1', '2', '3', '4', 'N', ...]

The page's query string may carry ``scenario=`` (URL-safe base64 of the scenario JSON, as the
late-payment simulator's link writes it), ``lang=`` and ``jurisdiction=``. A link that cannot be
read gets a message and the example scenario, never a traceback.
"""

from __future__ import annotations

import json
from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.dates import today_iso
from simulators.core.fields import FieldError, ScenarioError, parse_number
from simulators.core.i18n import t
from simulators.core.schedule import METHODS
from simulators.credit_record import engine as credit_record_engine
from simulators.credit_record import inputs as credit_record_inputs
from simulators.credit_record import report as credit_record_report
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui import links
from simulators.ui.charts.credit_record import timeline_svg
from simulators.ui.components import (
    Disclosure,
    Field,
    LateRows,
    chart_pair,
    heading,
    html_table,
    number_or_text,
    responsive_table,
    set_html,
    value_text,
)
from simulators.ui.frame import AppFrame

LOAN_INPUTS = {"principal": "money", "term_months": "int", "method": "choice",
               "start_date": "date"}
DEFAULT_SCENARIO = {"preset": "cn_internet_instalment",
                    "late": [{"instalment": 3, "days_late": 45}]}
#: The kinds of late payment here: the late-payment simulator's, and "never caught up".
LATE_KINDS = ("instalment", "stop", "never")

CSS = """
.bh-cr-grid { display: grid; grid-template-columns: repeat(12, minmax(0, 1fr)); gap: 3px;
  list-style: none; margin: 6px 0 10px; padding: 0; }
@media (max-width: 720px) { .bh-cr-grid { grid-template-columns: repeat(6, minmax(0, 1fr)); } }
.bh-cr-cell { border: 1px solid var(--jp-border-color1, #8c959f); border-radius: 4px;
  padding: 2px 1px; text-align: center; line-height: 1.15; min-width: 0; }
.bh-cr-cell b { display: block; font-size: 1.15em; }
.bh-cr-cell small { display: block; font-size: 0.72em; white-space: nowrap; }
.bh-cr-year { grid-column: 1 / -1; font-weight: 600; margin-top: 4px; }
.bh-cr-current { background: #dafbe1; color: #0f5323; }
.bh-cr-late1 { background: #fff1c2; color: #5c3c00; border-width: 2px; }
.bh-cr-late2 { background: #ffd8b5; color: #6b2a00; border-width: 2px; }
.bh-cr-late3 { background: #b42318; color: #fff; border-width: 2px; }
.bh-cr-default { background: #5f1313; color: #fff; border: 2px dashed #fff; }
.bh-cr-settled { background: #ddf4ff; color: #0a3069; }
.bh-cr-none { background: #eaeef2; color: #424a53; }
.bh-cr-gone { background: repeating-linear-gradient(45deg, #eaeef2, #eaeef2 4px, #fff 4px, #fff 8px);
  color: #424a53; }
.bh-cr-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; list-style: none; padding: 0;
  margin: 4px 0; font-size: 0.92em; }
.bh-cr-legend li { display: flex; gap: 6px; align-items: center; }
.bh-cr-legend .bh-cr-cell { min-width: 2.2em; padding: 1px 4px; }
.bh-cr-notice .widget-html-content { border-left: 4px solid var(--bh-ok); padding: 6px 10px;
  background: var(--jp-layout-color2, #f6f8fa); }
.bh-cr-notice.bh-cr-bad .widget-html-content { border-left-color: var(--bh-bad); }
.bh-cr-link a { font-weight: 600; color: #0969da; text-decoration: underline; }
"""


class CreditRecordApp(LateRows, AppFrame):
    """The simulator. ``scenario``: a scenario dict (the late-payment simulator's format)."""

    TITLE = "credit.title"
    INTRO = "credit.ui.intro"
    RESULTS_HEADING = "credit.ui.results"
    CSS = CSS
    LATE_KINDS = LATE_KINDS

    def __init__(self, lang: str = "en", scenario: dict | None = None, jurisdiction: str = "cn",
                 notice: str = "", present: bool = False):
        super().__init__(lang, present=present)
        credit = (scenario or {}).get("credit")
        if isinstance(credit, dict) and credit.get("jurisdiction") in \
                credit_record_inputs.jurisdictions() and jurisdiction == "cn":
            jurisdiction = credit["jurisdiction"]  # the scenario's own rules, unless the link says
        self.base = json.loads(json.dumps(scenario or DEFAULT_SCENARIO))
        if self.base.get("preset") not in presets.all_presets():
            self.base["preset"] = "custom"
        self.notice = notice  # "", "from_link" or "corrupt"
        self.notice_html = widgets.HTML("")
        self.notice_html.add_class("bh-cr-notice")

        self.h_loan, self.h_late, self.h_rules = (widgets.HTML("") for _ in range(3))
        self.fields = {name: Field(name, kind) for name, kind in LOAN_INPUTS.items()}
        self.fields["method"].input.options = [(m, m) for m in METHODS]
        self.principal = self.fields["principal"].input
        self.term_months = self.fields["term_months"].input
        self.method = self.fields["method"].input
        self.start_date = self.fields["start_date"].input
        self.jurisdiction = widgets.ToggleButtons(
            options=[(j, j) for j in credit_record_inputs.jurisdictions()],
            value=jurisdiction if jurisdiction in credit_record_inputs.jurisdictions() else "cn",
            style={"button_width": "auto"})
        self.jurisdiction.add_class("bh-lang")
        self.jurisdiction_label = widgets.HTML("")
        self.jurisdiction_note = widgets.HTML("")
        self.jurisdiction_note.add_class("bh-msg")

        self.late_rows: list = []
        self.late_box = widgets.VBox([])
        self.add_late = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        self.add_late.on_click(lambda _: self.add_late_row())

        self.grid_html = widgets.HTML("")
        self.timeline_html = widgets.HTML("")
        self.lender_html = widgets.HTML("")
        self.compare_html = widgets.HTML("")
        self.months_html = widgets.HTML("")
        self.sources_html = widgets.HTML("")
        self.model_note = widgets.HTML("")
        self.link_html = widgets.HTML("")
        self.link_html.add_class("bh-cr-link")
        self.months_section = Disclosure([self.months_html])
        self.sources_section = Disclosure([self.sources_html])

        self.build(
            inputs=[self.h_rules, self.jurisdiction_label, self.jurisdiction,
                    self.jurisdiction_note, self.h_loan] + [f.box for f in self.fields.values()]
            + [self.h_late, self.late_box, self.add_late],
            results=[self.grid_html, self.timeline_html, self.lender_html, self.compare_html,
                     self.model_note, self.months_section.box, self.sources_section.box,
                     self.link_html],
            dim=(self.grid_html, self.timeline_html, self.lender_html, self.compare_html,
                 self.months_html),
            above=[self.notice_html])

        with self.quietly():
            try:
                self._fill(self.base)
            except Exception:  # noqa: BLE001 - a link whose values cannot fill the form
                self.late_rows.clear()
                self.base = json.loads(json.dumps(DEFAULT_SCENARIO))
                self.notice = "corrupt"
                self._fill(self.base)
        self.watch(*(f.input for f in self.fields.values()), self.jurisdiction)
        self.start()

    # ----- construction ---------------------------------------------------------------------

    @classmethod
    def params_from_query(cls, query: str) -> dict:
        """The language, rules and scenario of a link (``links.credit_record_params``)."""
        params = links.credit_record_params(query, credit_record_inputs.jurisdictions())
        if links.present_param(query):
            params["present"] = True
        return params

    @property
    def record(self):
        """The credit record of the last valid input, under the chosen rules."""
        return self.result[0] if self.result is not None else None

    @property
    def others(self) -> list:
        """The same late payments under the other rules."""
        return self.result[1] if self.result is not None else []

    def _fill(self, data: dict):
        preset = presets.get(data.get("preset", "custom"))
        loan = {"start_date": today_iso(), **preset.loan_values(), **(data.get("loan") or {})}
        kinds = {"principal": "money", "term_months": "int", "start_date": "date"}
        for name, kind in kinds.items():
            self.fields[name].value = value_text(loan.get(name), kind)
        if loan.get("method") in METHODS:
            self.method.value = loan["method"]
        for entry in data.get("late") or []:
            if isinstance(entry, dict):
                self._append_row(entry)

    def add_late_row(self, entry: dict | None = None):
        self._append_row(entry or {"instalment": 1, "days_late": 30})
        self._relabel_rows()
        self.update()

    # ----- words ----------------------------------------------------------------------------

    def relabel(self):
        lang = self.lang
        set_html(self.h_rules, heading(t(lang, "credit.ui.section.rules")))
        set_html(self.h_loan, heading(t(lang, "credit.ui.section.loan")))
        set_html(self.h_late, heading(t(lang, "credit.ui.section.late")))
        set_html(self.jurisdiction_label,
                 f'<p id="bh-cr-jlabel"><strong>{escape(t(lang, "credit.ui.jurisdiction"))}'
                 f"</strong></p>")
        self.jurisdiction.description = ""
        self.jurisdiction.tooltips = [t(lang, f"credit.ui.jurisdiction.{j}")
                                      for j in credit_record_inputs.jurisdictions()]
        self.set_options(self.jurisdiction, [(t(lang, f"credit.ui.jurisdiction.{j}"), j)
                                             for j in credit_record_inputs.jurisdictions()])
        labels = {"principal": "ui.label.principal", "term_months": "ui.label.term_months",
                  "method": "ui.label.method", "start_date": "ui.label.start_date"}
        for name, key in labels.items():
            self.fields[name].set_label(t(lang, key))
        self.set_options(self.method, [(i18n.choice_label("method", m, lang), m) for m in METHODS])
        self.add_late.description = t(lang, "ui.late.add")
        self.months_section.set_title(t(lang, "credit.ui.table.summary"))
        self.sources_section.set_title(t(lang, "credit.ui.sources.summary"))
        set_html(self.model_note, f'<div class="bh-model"><strong>'
                                  f'{escape(t(lang, "credit.model_note"))}</strong></div>')
        self._show_notice()
        self._relabel_rows()

    def _show_notice(self):
        lang = self.lang
        if self.notice == "from_link":
            html = f"<p>{escape(t(lang, 'credit.ui.scenario_from_link'))}</p>"
            self.notice_html.remove_class("bh-cr-bad")
        elif self.notice == "corrupt":
            reason = t(lang, "credit.ui.scenario_corrupt.decode")
            html = f'<p role="alert">⚠ {escape(t(lang, "credit.ui.scenario_corrupt", reason=reason))}</p>'
            self.notice_html.add_class("bh-cr-bad")
        else:
            html = ""
        set_html(self.notice_html, html)
        self.notice_html.layout.display = "" if html else "none"

    def _relabel_rows(self):
        lang = self.lang
        for i, row in enumerate(self.late_rows, start=1):
            set_html(row.title, heading(t(lang, "field.late_entry", n=i), 3))
            row.kind_field.set_label(t(lang, "ui.late.kind"))
            self.set_options(row.kind, [(t(lang, "ui.late.kind.instalment"), "instalment"),
                                        (t(lang, "ui.late.kind.stop"), "stop"),
                                        (t(lang, "credit.ui.late.kind.never"), "never")])
            value = row.kind.value
            never = value == "never"
            row.number_field.set_label(t(lang, "ui.late.stop_from" if value != "instalment"
                                         else "ui.late.instalment"))
            row.days_field.set_label(t(lang, "ui.late.days" if value == "stop"
                                       else "ui.late.days_late"))
            row.days_field.box.layout.display = "none" if never else ""
            row.number_field.set_note(escape(t(lang, "credit.ui.late.never_note")) if never else "")
            row.remove.description = t(lang, "ui.late.remove")
            row.remove.tooltip = t(lang, "ui.late.remove_tooltip", n=i)

    # ----- reading and computing ------------------------------------------------------------

    def scenario_dict(self) -> dict:
        """The scenario as entered: the linked or example scenario with the reader's changes.
        Text that is not a number is passed on as typed, for the engine's checks to report."""
        data = json.loads(json.dumps(self.base))
        data.pop("credit", None)
        loan = dict(data.get("loan") or {})
        for name, f in self.fields.items():
            if f.kind in ("choice", "date"):
                loan[name] = f.value.strip() if isinstance(f.value, str) else f.value
                continue
            try:
                loan[name] = parse_number(str(f.value).strip(), f"loan.{name}")
            except ScenarioError:
                loan[name] = str(f.value)
        data["loan"] = loan
        data["late"] = [row.entry(number_or_text) for row in self.late_rows]
        return data

    def read_inputs(self) -> dict:
        return self.scenario_dict()

    def compute(self, data):
        scenario = scenario_from_dict(data)
        where = self.jurisdiction.value
        record = credit_record_engine.credit_record(scenario, where)
        others = [credit_record_engine.credit_record(scenario, j)
                  for j in credit_record_inputs.jurisdictions() if j != where]
        return record, others

    def codes(self) -> list:
        return self.record.codes if self.record is not None else []

    def error_targets(self) -> dict:
        return {**{f"loan.{n}": f for n, f in self.fields.items()}, **self.late_targets()}

    # ----- results --------------------------------------------------------------------------

    def sentences(self) -> list:
        return credit_record_report.sentences(self.record, self.lang)

    def render_result(self):
        lang, r = self.lang, self.record
        set_html(self.jurisdiction_note, f'<div class="bh-note">{escape(r.rules.summary[lang])}</div>')
        set_html(self.grid_html, self.grid(r))
        set_html(self.timeline_html, heading(t(lang, "credit.ui.timeline.heading"))
                 + chart_pair(lambda width, _: self.timeline_svg(r, width), narrow=360))
        set_html(self.lender_html, self._lender(r))
        rows = credit_record_report.comparison_rows([r, *self.others], lang)
        set_html(self.compare_html, heading(t(lang, "credit.ui.compare.heading")) + html_table(
            [t(lang, k) for k in ("credit.table.rules", "credit.table.first_shown",
                                  "credit.table.worst", "credit.table.visible_until")], rows))
        set_html(self.months_html, self._months_table(r))
        set_html(self.sources_html, self._sources(r))
        data = self.scenario_dict()
        costed = not any(isinstance(e, dict) and e.get("days", 0) is None for e in data["late"])
        if costed:
            href = links.link_to_late_payment(lang, data.get("preset", ""))
            set_html(self.link_html, f'<p><a href="{escape(href)}" '
                                     f'target="_top">{escape(t(lang, "credit.ui.link_to_late"))}'
                                     f"</a></p>")
        else:
            set_html(self.link_html, "")

    def grid(self, r) -> str:
        """The 60-month grid: one cell per month with its code, the month, a colour by kind,
        and the code's meaning in words for screen readers and on hover."""
        lang, rules = self.lang, r.rules
        months = list(r.months)
        late_idx = [i for i, m in enumerate(months) if m.kind in ("late", "default")]
        end = max(rules.grid_months - 1, late_idx[-1] if late_idx else 0)
        end = min(end, len(months) - 1)
        shown = months[max(0, end - rules.grid_months + 1): end + 1]
        cells, year = [], None
        for m in shown:
            if m.date.year != year:
                year = m.date.year
                cells.append(f'<li class="bh-cr-year" aria-hidden="true">{year}</li>')
            words = credit_record_report.code_words(rules, m.code, lang)
            label = t(lang, "credit.ui.grid.cell", month=credit_record_report.month_name(m.date, lang),
                      code=m.code, words=words)
            mon = t(lang, f"view.month.{m.date.month}")
            cells.append(f'<li class="bh-cr-cell {self._css(m)}" title="{escape(label)}" '
                         f'aria-label="{escape(label)}"><b aria-hidden="true">{escape(m.code)}</b>'
                         f'<small aria-hidden="true">{escape(mon)}</small></li>')
        caption = t(lang, "credit.ui.grid.caption", first=credit_record_report.month_name(shown[0].date, lang),
                    last=credit_record_report.month_name(shown[-1].date, lang))
        more = (f'<p class="bh-note">{escape(t(lang, "credit.ui.grid.more", n=len(months)))}</p>'
                if len(months) > len(shown) else "")
        used = dict.fromkeys((m.code, self._css(m)) for m in months)
        legend = "".join(f'<li><span class="bh-cr-cell {css}" aria-hidden="true"><b>{escape(c)}'
                         f'</b></span>{escape(credit_record_report.code_words(rules, c, lang))}</li>'
                         for c, css in used)
        return (heading(caption) + f'<ul class="bh-cr-grid" aria-label="{escape(caption)}">'
                + "".join(cells) + "</ul>" + more
                + f'<p><strong>{escape(t(lang, "credit.ui.legend"))}</strong></p>'
                + f'<ul class="bh-cr-legend">{legend}</ul>')

    @staticmethod
    def _css(m) -> str:
        if m.kind == "late":
            return "bh-cr-late" + str(min(m.missed, 3))
        return {"current": "bh-cr-current", "settled": "bh-cr-settled",
                "default": "bh-cr-default"}.get(m.kind, "bh-cr-none")

    def timeline_svg(self, r, width: int = 720) -> str:
        return timeline_svg(r, self.lang, width)

    def _lender(self, r) -> str:
        lang = self.lang
        rows = []
        for v in credit_record_engine.yearly_view(r):
            if v["records"]:
                worst = max((m for m, c in v["grid"] if c is not None and
                             m.kind in ("late", "default")), key=lambda m: m.missed, default=None)
                worst_code = worst.code if worst else v["records"][0].worst_code
                key = "credit.ui.lender.one" if len(v["records"]) == 1 else "credit.ui.lender.some"
                what = t(lang, key, n=len(v["records"]), worst=worst_code)
            else:
                what = t(lang, "credit.ui.lender.nothing")
            rows.append([i18n.date(v["on"], lang), v["late_months"], what])
        # On a phone, one small table per year: three columns crush the words.
        return heading(t(lang, "credit.ui.lender.heading")) + responsive_table(
            [t(lang, "credit.ui.lender.date"), t(lang, "credit.ui.lender.months"),
             t(lang, "credit.ui.lender.records")], rows, numeric=(1,))

    def _months_table(self, r) -> str:
        lang = self.lang
        rows = [[credit_record_report.month_name(m.date, lang), m.code, credit_record_report.code_words(r.rules, m.code, lang),
                 m.days_overdue if m.missed else "–", m.oldest or "–"] for m in r.months]
        return html_table([t(lang, k) for k in ("credit.table.month", "credit.table.status",
                                                "credit.table.meaning", "credit.table.days_overdue",
                                                "credit.table.oldest")], rows, numeric=(3, 4))

    def _sources(self, r) -> str:
        lang = self.lang
        src = presets.sources()
        items = []
        for name, entry in r.rules.sources.items():
            if getattr(r.rules, name) is None:
                continue  # a rule this jurisdiction does not have (China has no default code)
            keys = [entry["source"], *entry.get("also", [])]
            cites = "; ".join(src[k][lang] + (f" ({t(lang, 'credit.ui.unverified')})"
                                              if src[k]["status"] == "unverified" else "")
                              for k in keys)
            note = entry.get("note", {}).get(lang, "")
            tag = (f' <span class="bh-tag">{escape(t(lang, "credit.ui.typical"))}</span>'
                   if entry.get("typical") else "")
            label = f"{t(lang, f'credit.rule.{name}')}{i18n.punct(lang, 'colon')}{rule_value(r.rules, name, lang)}"
            items.append(f"<li><strong>{escape(label)}</strong>{tag}<br><small>"
                         f"{escape(t(lang, 'table.source'))}: {escape(cites)}</small>"
                         + (f"<br><small>{escape(note)}</small>" if note else "") + "</li>")
        return f'<ul class="bh-list bh-sources">{"".join(items)}</ul>'


def show(**kwargs):
    return CreditRecordApp.from_environment(**kwargs)


__all__ = ["CreditRecordApp", "FieldError", "show", "timeline_svg"]


def rule_value(rules, name: str, lang: str) -> str:
    """A reporting rule's value in words: codes as they print, years and counts as numbers,
    where a period is counted from in words, "none" where the jurisdiction has no such rule."""
    value = getattr(rules, name)
    if value is None:
        return t(lang, "none")
    if name.endswith("_from"):
        return t(lang, f"credit.rule_from.{value}")
    if isinstance(value, (tuple, list)):
        return i18n.punct(lang, "list").join(str(v) for v in value)
    return str(value)
