"""The "What paying late costs" simulator: widgets in, the engine's Result out.

The view only translates widget values into the scenario dictionary of
``simulators.late_payment.inputs`` (the same contract as the command line) and the ``Result`` into charts,
tables and sentences in the reader's language. It is usable without a browser::

    app = LatePaymentApp(lang="en")
    app.principal.value = "30000"
    app.late_rows[0].days.value = "60"
    app.sentence_html.value     # the plain sentence(s), as late_payment_report.sentences gives them

Numbers are typed into ``Text`` widgets: whatever the reader types stays in the field; text that
is not a number, or a value out of range, is reported next to the field and in a summary in the
reader's language, and the last valid results stay on screen, marked as not matching (the
frame, ``simulators.ui.frame``, does that for every app).
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.dates import today_iso
from simulators.core.fields import FieldError, ScenarioError, parse_number
from simulators.core.i18n import money, t
from simulators.core.schedule import METHODS
from simulators.late_payment import report as late_payment_report
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict
from simulators.late_payment.model import COST_KINDS
from simulators.ui import links
from simulators.ui.charts import late_payment as late_charts
from simulators.ui.components import (
    Disclosure,
    Field,
    LateRows,
    bullet_list,
    chart_pair,
    heading,
    html_table,
    number_or_text,
    same,
    set_html,
    value_text,
)
from simulators.ui.frame import AppFrame

#: Loan inputs: name -> (kind, optional). Percent fields are typed in percent ('12' is 12%).
LOAN_INPUTS = {
    "principal": ("money", False),
    "annual_rate": ("percent", False),
    "term_months": ("int", False),
    "method": ("choice", False),
}
LOAN_MORE_INPUTS = {
    "upfront_fee": ("money", False),
    "monthly_fee_rate": ("percent", False),
    "start_date": ("date", False),
}
RULE_INPUTS = {
    "grace_days": ("int", False),
    "penalty_markup": ("percent", False),
    "compound_overdue_interest": ("bool", False),
    "day_count": ("choice", False),
    "late_fee_flat": ("money", False),
    "late_fee_rate": ("percent", False),
    "late_fee_daily_rate": ("percent", False),
    "late_fee_cap": ("money", True),
    "acceleration_after_days": ("int", True),
    "annual_cost_cap": ("percent", True),
}
DEFAULT_LATE = ({"instalment": 3, "days_late": 45},)
#: The width of the charts' phone drawing (``chart_pair``).
NARROW_CHART = 320
#: The product the app starts on when no scenario names one: the fictional internet instalment
#: loan, the kind of loan the handbook's readers most often have. A default never suggests a
#: better deal than a reader can expect, so it is not the cheapest product (the bank loan).
DEFAULT_PRESET = "cn_internet_instalment"


class LatePaymentApp(LateRows, AppFrame):
    """The simulator. ``lang`` is 'en' or 'zh'; ``preset`` a preset id."""

    TITLE = "ui.title"
    INTRO = "ui.intro"

    check_scenario = staticmethod(scenario_from_dict)

    def __init__(self, lang: str = "en", preset: str = DEFAULT_PRESET, late=DEFAULT_LATE,
                 **link):
        super().__init__(lang, **link)
        if preset not in presets.all_presets():
            preset = DEFAULT_PRESET

        # Loan
        self.preset = widgets.Dropdown(options=[(p, p) for p in presets.all_presets()],
                                       value=preset, description_allow_html=False,
                                       layout=widgets.Layout(width="100%"),
                                       style={"description_width": "initial"})
        self.preset.add_class("bh-field")
        self.preset_note = widgets.HTML("")
        self.preset_note.add_class("bh-msg")
        for name, (kind, optional) in {**LOAN_INPUTS, **LOAN_MORE_INPUTS}.items():
            self.fields[f"loan.{name}"] = Field(name, kind, optional)
        self.fields["loan.method"].input.options = [(m, m) for m in METHODS]
        for name, (kind, optional) in RULE_INPUTS.items():
            self.fields[f"rules.{name}"] = Field(name, kind, optional)
        self.fields["rules.day_count"].input.options = [("360", 360), ("365", 365)]
        self.apply_cap = widgets.Checkbox(value=False, indent=False, description_allow_html=False,
                                          layout=widgets.Layout(width="100%"))
        self.apply_cap.add_class("bh-field")

        # Shortcuts used by tests and the notebook: app.principal.value = "30000"
        self.principal = self.fields["loan.principal"].input
        self.annual_rate = self.fields["loan.annual_rate"].input
        self.term_months = self.fields["loan.term_months"].input
        self.method = self.fields["loan.method"].input
        self.upfront_fee = self.fields["loan.upfront_fee"].input
        self.monthly_fee_rate = self.fields["loan.monthly_fee_rate"].input
        self.start_date = self.fields["loan.start_date"].input
        self.rules = {name: self.fields[f"rules.{name}"].input for name in RULE_INPUTS}

        # Late payments
        self.late_rows: list = []
        self.late_box = widgets.VBox([])
        self.late_none = widgets.HTML("")
        self.late_hint = widgets.HTML("")
        self.late_hint.add_class("bh-msg")
        self.add_late = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        self.add_late.on_click(lambda _: self.add_late_row())

        # Rules
        self.rules_hint = widgets.HTML("")
        self.rules_hint.add_class("bh-msg")
        self.reset_rules = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        self.reset_rules.on_click(lambda _: self.use_preset_rules())
        self.rules_box = widgets.VBox(
            [self.rules_hint] + [self.fields[f"rules.{n}"].box for n in RULE_INPUTS]
            + [self.reset_rules])
        self.rules_section = Disclosure([self.rules_box])
        self.loan_more_section = Disclosure([self.fields[f"loan.{n}"].box
                                             for n in LOAN_MORE_INPUTS])

        # Results
        self.owed_chart_html = widgets.HTML("")
        self.cost_chart_html = widgets.HTML("")
        self.breakdown_html = widgets.HTML("")
        self.summary_html = widgets.HTML("")
        self.model_note = widgets.HTML("")
        self.assumptions_html = widgets.HTML("")
        self.rules_table_html = widgets.HTML("")
        self.schedule_html = widgets.HTML("")
        self.assumptions_section = Disclosure([self.assumptions_html])
        self.sources_section = Disclosure([self.rules_table_html])
        self.schedule_section = Disclosure([self.schedule_html])
        # A link to the credit-record simulator carrying this scenario (issue 4).
        self.credit_link_html = widgets.HTML("")
        self.credit_link_html.add_class("bh-credit-link")

        # Section headings
        self.h_loan, self.h_late, self.h_rules = (widgets.HTML("") for _ in range(3))

        self.build(
            inputs=[self.h_loan, self.preset, self.preset_note]
            + [self.fields[f"loan.{n}"].box for n in LOAN_INPUTS]
            + [self.loan_more_section.box,
               self.h_late, self.late_hint, self.late_box, self.late_none, self.add_late,
               self.h_rules, self.rules_section.box, self.apply_cap],
            results=[self.owed_chart_html, self.breakdown_html, self.cost_chart_html,
                     self.summary_html, self.model_note, self.assumptions_section.box,
                     self.sources_section.box, self.schedule_section.box,
                     self.credit_link_html],
            dim=(self.owed_chart_html, self.cost_chart_html, self.breakdown_html,
                 self.summary_html, self.assumptions_html, self.rules_table_html,
                 self.schedule_html))

        with self.quietly():
            self.fill_from_preset(preset)
            for entry in late:
                self._append_row(entry)
            self._clamp_late_rows()
        self.watch(*(f.input for f in self.fields.values()), self.apply_cap)
        self.follow_preset(self.preset)
        self.start()

    @classmethod
    def preset_ids(cls):
        return tuple(presets.all_presets())

    @property
    def scenario(self):
        """The scenario of the last valid result."""
        return self.result.scenario if self.result is not None else None

    # ----- late payments --------------------------------------------------------------------

    def add_late_row(self, entry: dict | None = None):
        """Add a late payment (by default the instalment after the last one entered)."""
        if entry is None:
            numbers = [int(r.number.value) for r in self.late_rows if r.number.value.isdigit()]
            count = self._instalment_count()
            nxt = max(numbers) + 1 if numbers else 1
            entry = {"instalment": min(nxt, count) if count else nxt, "days_late": 30}
        self._append_row(entry)
        self._relabel_rows()
        self.update()

    # ----- presets -------------------------------------------------------------------------

    def _instalment_count(self):
        if self.method.value == "bullet":
            return 1
        try:
            n = parse_number(self.term_months.value, "loan.term_months")
            return int(n) if n == int(n) and n >= 1 else None
        except ScenarioError:
            return None

    def fill_from_preset(self, preset_id: str):
        p = presets.get(preset_id)
        for name, value in p.loan_values().items():
            f = self.fields.get(f"loan.{name}")
            if f is not None:
                f.value = value if f.kind == "choice" else value_text(value, f.kind)
        if not str(self.start_date.value).strip():
            self.start_date.value = today_iso()  # the loan starts today unless the reader says
        self._fill_rules(p)
        self._clamp_late_rows()

    def load_scenario(self, data: dict):
        """A scenario file (``examples/late-*.json``) in the fields: its preset, then its loan
        values, rules and late payments."""
        preset = data.get("preset", "custom")
        self.preset.value = preset
        self.fill_from_preset(preset)
        for part in ("loan", "rules"):
            for name, value in (data.get(part) or {}).items():
                f = self.fields.get(f"{part}.{name}")
                if f is not None:
                    f.value = value if f.kind in ("bool", "choice") else value_text(value, f.kind)
        self.late_rows.clear()
        for entry in data.get("late") or []:
            self._append_row(entry)
        self.late_box.children = tuple(r.box for r in self.late_rows)
        self.apply_cap.value = bool(data.get("apply_cap", False))

    def _clamp_late_rows(self):
        """Late payments are the reader's: keep them, but bring an instalment number that the
        loan does not have (a one-payment loan) within its range."""
        count = self._instalment_count()
        for row in self.late_rows:
            if count and row.number.value.strip().isdigit() and int(row.number.value) > count:
                row.number.value = str(count)

    def _fill_rules(self, p):
        for name, value in p.rule_values().items():
            f = self.fields[f"rules.{name}"]
            if f.kind in ("bool", "choice"):
                f.value = value
            else:
                f.value = value_text(value, f.kind)

    def use_preset_rules(self):
        """Put the preset's rules back (undo the reader's changes to the rules)."""
        with self.quietly():
            self._fill_rules(presets.get(self.preset.value))
        self.update()

    # ----- words ---------------------------------------------------------------------------

    def relabel(self):
        lang = self.lang
        set_html(self.h_loan, heading(t(lang, "ui.section.loan")))
        set_html(self.h_late, heading(t(lang, "ui.section.late")))
        set_html(self.h_rules, heading(t(lang, "ui.section.rules")))
        self.preset.description = t(lang, "ui.label.preset")
        self.set_options(self.preset, [(p.name[lang], pid)
                                       for pid, p in presets.all_presets().items()])
        p = presets.get(self.preset.value)
        set_html(self.preset_note, f'<div class="bh-note">{escape(p.summary[lang])}'
                                   f'{t(lang, "view.gap")}'
                                   f'{escape(t(lang, "ui.product.hint"))}</div>')
        for key, f in self.fields.items():
            f.set_label(t(lang, f"ui.label.{key.split('.', 1)[1]}"))
        self.set_options(self.method, [(i18n.choice_label("method", m, lang), m) for m in METHODS])
        self.set_options(self.rules["day_count"],
                         [(t(lang, "ui.day_count.option", n=n), n) for n in (360, 365)])
        self.loan_more_section.set_title(t(lang, "ui.section.loan_more"))
        self.rules_section.set_title(t(lang, "ui.rules.open"))
        self.assumptions_section.set_title(t(lang, "table.assumptions"))
        self.sources_section.set_title(t(lang, "ui.rules_table.heading"))
        self.schedule_section.set_title(t(lang, "ui.schedule.summary"))
        set_html(self.model_note, f'<div class="bh-model"><strong>'
                                  f'{escape(t(lang, "assumption.model"))}</strong></div>')
        set_html(self.rules_hint, f'<div class="bh-note">{escape(t(lang, "ui.rules.hint"))}</div>')
        self.reset_rules.description = t(lang, "ui.rules.reset")
        self.add_late.description = t(lang, "ui.late.add")
        set_html(self.late_hint, f'<div class="bh-note">{escape(t(lang, "ui.late.hint"))}</div>')
        self._relabel_rows()
        self._label_cap()

    def _relabel_rows(self):
        lang = self.lang
        for i, row in enumerate(self.late_rows, start=1):
            set_html(row.title, heading(t(lang, "field.late_entry", n=i), 3))
            row.kind_field.set_label(t(lang, "ui.late.kind"))
            self.set_options(row.kind, [(t(lang, "ui.late.kind.instalment"), "instalment"),
                                        (t(lang, "ui.late.kind.stop"), "stop")])
            stop = row.kind.value == "stop"
            row.number_field.set_label(t(lang, "ui.late.stop_from" if stop
                                         else "ui.late.instalment"))
            row.days_field.set_label(t(lang, "ui.late.days" if stop else "ui.late.days_late"))
            row.remove.description = t(lang, "ui.late.remove")
            row.remove.tooltip = t(lang, "ui.late.remove_tooltip", n=i)
        set_html(self.late_none, "" if self.late_rows else
                 f"<p>{escape(t(lang, 'ui.late.none'))}</p>")

    def _label_cap(self, cap=None):
        if cap is None:
            try:
                cap = self._parse("rules.annual_cost_cap")
            except ScenarioError:
                cap = None
        if isinstance(cap, float):
            self.apply_cap.description = t(self.lang, "ui.apply_cap",
                                           cap=i18n.percent(cap, self.lang, 0 if
                                                            round(cap * 100, 6).is_integer()
                                                            else 2))
            self.apply_cap.layout.display = ""
        else:
            self.apply_cap.layout.display = "none"

    # ----- reading the inputs --------------------------------------------------------------

    def _parse(self, key: str):
        """The value of field ``key`` for the scenario, or raise ScenarioError."""
        f = self.fields[key]
        if f.kind in ("bool", "choice"):
            return f.value
        text = str(f.value).strip()
        if text == "":
            return None
        if f.kind == "date":
            return text
        return parse_number(text, key, percent=f.kind == "percent")

    def scenario_dict(self) -> dict:
        """The scenario as the reader entered it, in the format of ``scenario_from_dict``.

        A number that cannot be read is passed on as the text typed, so that the engine's own
        checks report it along with every other problem."""
        preset = presets.get(self.preset.value)
        preset_values = {**{f"loan.{k}": v for k, v in preset.loan_values().items()},
                         **{f"rules.{k}": v for k, v in preset.rule_values().items()}}
        data = {"loan": {}, "preset": self.preset.value, "rules": {}, "late": []}
        for key, f in self.fields.items():
            part, name = key.split(".", 1)
            try:
                value = self._parse(key)
            except ScenarioError:
                value = str(f.value)
            if same(value, preset_values.get(key)):
                value = preset_values[key]
            data[part][name] = value
        data["late"] = [row.entry(number_or_text) for row in self.late_rows]
        data["apply_cap"] = bool(self.apply_cap.value) and self.apply_cap.layout.display != "none"
        return data

    # ----- the frame's steps ---------------------------------------------------------------

    def read_inputs(self) -> dict:
        self._label_cap()
        return self.scenario_dict()

    def compute(self, data):
        return simulate(scenario_from_dict(data))

    def error_targets(self) -> dict:
        return {**self.fields, **self.late_targets()}

    def reveal(self, by_field: dict):
        # A problem in a closed section opens it, so that the message next to the field shows.
        for section, prefixes in ((self.loan_more_section, tuple(f"loan.{n}" for n in
                                                                 LOAN_MORE_INPUTS)),
                                  (self.rules_section, ("rules.",))):
            if not section.open and any(k.startswith(prefixes) for k in by_field):
                section.toggle()

    def before_render(self):
        """Show next to each rule changed from the preset that it was set by the reader."""
        data = self.scenario_dict()
        preset = presets.get(self.preset.value)
        for name, entry in preset.rules.items():
            f = self.fields[f"rules.{name}"]
            value = data["rules"].get(name)
            note = ""
            if not same(value, entry["value"]):
                shown = late_payment_report.rule_value_text(name, entry["value"], self.lang)
                note = (f'<span class="bh-tag">✎ '
                        f'{escape(t(self.lang, "ui.rules.set_by_you", value=shown))}</span>')
            elif entry.get("typical"):
                note = escape(t(self.lang, "table.typical"))
            f.set_note(note)

    # ----- results -------------------------------------------------------------------------

    def sentences(self) -> list:
        return late_payment_report.sentences(self.result, self.lang)

    def render_result(self):
        lang, r = self.lang, self.result
        sc = r.scenario
        set_html(self.owed_chart_html, self._chart_pair(late_charts.owed_chart, "owed"))
        set_html(self.cost_chart_html, self._chart_pair(late_charts.cost_chart, "cost"))
        set_html(self.breakdown_html, self._breakdown(r))
        set_html(self.summary_html, self._summary(r))
        set_html(self.assumptions_html, bullet_list(late_payment_report.assumptions(sc, lang)))
        set_html(self.rules_table_html, self._rules_table(sc))
        set_html(self.schedule_html, self._schedule(r))
        href = escape(links.link_to_credit_record(self.scenario_dict(), lang))
        set_html(self.credit_link_html, f'<p><a href="{href}" target="_top"><strong>'
                                        f'{escape(t(lang, "credit.ui.link_from_late"))}'
                                        f"</strong></a></p>")

    def _chart_pair(self, draw, kind) -> str:
        # The phone drawing is 320 units wide: about the width it is shown at on a 360 px
        # phone, so that its text is drawn at (nearly) its own size, 15 px or more.
        return chart_pair(lambda width, tag: draw(self.result, self.lang, width=width,
                                                  uid=f"bh-{kind}-{tag}"), narrow=NARROW_CHART)

    def _breakdown(self, r) -> str:
        lang = self.lang
        rows = [[t(lang, f"kind.{k}"), money(r.extra_by_kind[k], lang, table=True)] for k in COST_KINDS]
        rows.append([t(lang, "kind.total"), money(r.extra_cost, lang, table=True)])
        totals = {len(rows) - 1}
        note = ""
        if r.interest_not_charged:
            rows.append([t(lang, "kind.interest_not_charged"), money(-r.interest_not_charged, lang, table=True)])
            rows.append([t(lang, "ui.table.net"),
                         money(r.late.total_cost - r.on_time.total_cost, lang, table=True)])
            totals.add(len(rows) - 1)
            note = ('<p class="bh-note">' + escape(t(
                lang, "ui.chart.not_charged_note", amount=money(r.interest_not_charged, lang)))
                + "</p>")
        table = html_table([t(lang, "ui.table.kind"), t(lang, "ui.table.amount")], rows,
                           caption=t(lang, "table.breakdown"), numeric=(1,), totals=totals)
        return table + note

    def _summary(self, r) -> str:
        lang = self.lang
        table = html_table(["", t(lang, "table.on_time"), t(lang, "table.late")],
                           late_payment_report.summary_rows(r, lang), caption=t(lang, "table.summary"),
                           numeric=(1, 2))
        return table + f"<p>{escape(late_payment_report.apr_text(r, lang))}</p>"

    def _rules_table(self, sc) -> str:
        lang = self.lang
        items = []
        for row in late_payment_report.rules_with_sources(sc, lang):
            bits = [f"<strong>{escape(row['label'])}</strong>: {escape(row['value'])}"]
            if row["changed"]:
                bits.append(f' <span class="bh-tag">✎ {escape(t(lang, "table.source"))}: '
                            f'{escape(row["sources"][0]["title"])}</span>')
            else:
                if row["typical"]:
                    bits.append(f' <span class="bh-tag">{escape(t(lang, "table.typical"))}</span>')
                cites = "; ".join(x["title"] for x in row["sources"])
                bits.append(f"<br><small>{escape(t(lang, 'table.source'))}: {escape(cites)}"
                            f"</small>")
                if row["note"]:
                    bits.append(f"<br><small>{escape(row['note'])}</small>")
            items.append(f"<li>{''.join(bits)}</li>")
        return f'<ul class="bh-list bh-sources">{"".join(items)}</ul>'

    def _schedule(self, r) -> str:
        lang, s = self.lang, r.schedule
        acc = r.accelerated
        rows = []
        for j in range(len(s)):
            called = bool(acc and j + 1 >= acc["first_called_in"])
            paid = s.start_date + dt.timedelta(days=int(r.paid_day[j]))
            charges = sum(int(r.charges[k][j]) for k in r.charges)
            rows.append([
                j + 1, i18n.date(s.due_dates[j], lang), money(s.payment[j], lang, table=True),
                i18n.date(paid, lang) + (f" ({t(lang, 'table.called_in')})" if called else ""),
                int(r.days_late[j]), money(charges, lang, table=True),
            ])
        headers = [t(lang, f"table.{k}") for k in
                   ("instalment", "due_date", "payment", "paid_date", "days_late", "charges")]
        return html_table(headers, rows, numeric=(0, 2, 4, 5))


def show(**kwargs):
    """The app for a notebook cell, with the language and preset of the page's URL."""
    return LatePaymentApp.from_environment(**kwargs)


__all__ = ["FieldError", "LatePaymentApp", "show"]
