"""The "What paying late costs" simulator: widgets in, the engine's Result out.

The view only translates widget values into the scenario dictionary of
``simulators.scenario`` (the same contract as the command line) and the ``Result`` into charts,
tables and sentences in the reader's language. It is usable without a browser::

    app = LatePaymentApp(lang="en")
    app.principal.value = "30000"
    app.late_rows[0].days.value = "60"
    app.sentence_html.value     # the plain sentence(s), as late_payment_report.sentences gives them

Numbers are typed into ``Text`` widgets: whatever the reader types stays in the field; text that
is not a number, or a value out of range, is reported next to the field and in a summary in the
reader's language, and the last valid results stay on screen, marked as not matching.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.fields import FieldError, ScenarioError, parse_number
from simulators.core.i18n import money, t
from simulators.core.schedule import METHODS
from simulators.late_payment import report as late_payment_report
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict
from simulators.late_payment.model import COST_KINDS
from simulators.ui.charts import late_payment as late_charts
from simulators.ui.components import (
    Disclosure,
    Field,
    css_widget,
    heading,
    html_table,
    query_params,
    set_html,
)

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
LANGUAGE_OPTIONS = (("English", "en"), ("简体中文", "zh"))


def value_text(value, kind: str) -> str:
    """A preset's value as the text put in a field: 50000 -> '50,000', 0.108 -> '10.8'."""
    if value is None:
        return ""
    if kind == "percent":
        return f"{float(value) * 100:.10g}"
    if kind == "money":
        v = float(value)
        return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    return str(value)


def _same(a, b) -> bool:
    """Equal, allowing for the float noise of typing a rate in percent (10.8 / 100)."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-15)
    return a == b


class LateRow:
    """One late payment: an instalment paid late, or payments stopped for a while.

    ``kind``, ``number`` and ``days`` are the widgets (``row.days.value = "60"``); the
    ``*_field`` attributes hold them with their labels and messages."""

    def __init__(self, kind: str = "instalment", number: str = "3", days: str = "45"):
        self.title = widgets.HTML("")
        self.kind_field = Field("kind", "choice")
        self.kind_field.input.options = [("instalment", "instalment"), ("stop", "stop")]
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

    def entry(self, parse) -> dict:
        number, days = parse(self.number.value), parse(self.days.value)
        if self.kind.value == "stop":
            return {"stop_from": number, "days": days}
        return {"instalment": number, "days_late": days}

    def fields(self) -> dict:
        """Field name in the scenario's error messages -> Field."""
        if self.kind.value == "stop":
            return {"stop_from": self.number_field, "days": self.days_field}
        return {"instalment": self.number_field, "days_late": self.days_field}


class LatePaymentApp:
    """The simulator. ``lang`` is 'en' or 'zh'; ``preset`` a preset id."""

    def __init__(self, lang: str = "en", preset: str = "cn_bank_consumer_loan",
                 late=DEFAULT_LATE):
        self.lang = lang if lang in i18n.LANGUAGES else "en"
        if preset not in presets.all_presets():
            preset = "cn_bank_consumer_loan"
        self._busy = False  # set while the view changes widgets itself
        self.result = None  # the last valid Result
        self.scenario = None
        self.errors: list = []
        self.internal_error = False
        self.stale = False
        self.updates = 0

        # Header
        self.title_html = widgets.HTML("")
        self.title_html.add_class("bh-title")
        self.language = widgets.ToggleButtons(options=LANGUAGE_OPTIONS, value=self.lang,
                                              description_allow_html=False,
                                              style={"description_width": "initial",
                                                     "button_width": "auto"})
        self.language.add_class("bh-lang")
        self.intro_html = widgets.HTML("")

        # Loan
        self.preset = widgets.Dropdown(options=[(p, p) for p in presets.all_presets()],
                                       value=preset, description_allow_html=False,
                                       layout=widgets.Layout(width="100%"),
                                       style={"description_width": "initial"})
        self.preset.add_class("bh-field")
        self.preset_note = widgets.HTML("")
        self.preset_note.add_class("bh-msg")
        self.fields: dict = {}
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
        self.stale_note = widgets.HTML("")
        self.stale_note.add_class("bh-stale-note")
        self.error_summary = widgets.HTML("")
        self.error_summary.add_class("bh-errors")
        self.results_heading = widgets.HTML("")
        self.sentence_html = widgets.HTML("")
        self.sentence_html.add_class("bh-sentence")
        self.live_sentence = widgets.HTML("")
        self.live_sentence.add_class("bh-live")
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
        for w in (self.sentence_html, self.owed_chart_html, self.cost_chart_html,
                  self.breakdown_html, self.summary_html, self.assumptions_html,
                  self.rules_table_html, self.schedule_html):
            w.add_class("bh-dim")

        # Section headings
        self.h_loan, self.h_late, self.h_rules = (widgets.HTML("") for _ in range(3))

        inputs = widgets.VBox(
            [self.h_loan, self.preset, self.preset_note]
            + [self.fields[f"loan.{n}"].box for n in LOAN_INPUTS]
            + [self.loan_more_section.box,
               self.h_late, self.late_hint, self.late_box, self.late_none, self.add_late,
               self.h_rules, self.rules_section.box, self.apply_cap, self.live_sentence],
            layout=widgets.Layout(flex="1 1 320px", min_width="min(280px, 100%)",
                                  max_width="420px", width="100%"),
        )
        inputs.add_class("bh-inputs")
        self.results = widgets.VBox(
            [self.results_heading, self.stale_note, self.error_summary, self.sentence_html,
             self.owed_chart_html, self.breakdown_html, self.cost_chart_html, self.summary_html,
             self.model_note, self.assumptions_section.box, self.sources_section.box,
             self.schedule_section.box, self.credit_link_html],
            layout=widgets.Layout(flex="1 1 500px", min_width="0", width="auto"),
        )
        self.results.add_class("bh-results")
        header = widgets.HBox([self.title_html, self.language],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        header.add_class("bh-header")
        main = widgets.HBox([inputs, self.results],
                            layout=widgets.Layout(flex_flow="row wrap", width="100%",
                                                  align_items="flex-start"))
        main.add_class("bh-main")
        self.root = widgets.VBox([css_widget(), header, self.intro_html, main],
                                 layout=widgets.Layout(width="100%"))
        self.root.add_class("bh-app")

        self._busy = True
        self._fill_from_preset(preset)
        for entry in late:
            self._append_row(entry)
        self._clamp_late_rows()
        self._busy = False

        for f in self.fields.values():
            f.input.observe(self._changed, names="value")
        self.apply_cap.observe(self._changed, names="value")
        self.preset.observe(self._preset_changed, names="value")
        self.language.observe(self._language_changed, names="value")
        self._relabel()
        self.update()

    # ----- construction helpers -------------------------------------------------------------

    @classmethod
    def from_environment(cls, **kwargs) -> "LatePaymentApp":
        """The app with the language and preset of the page's query string (Voila sets
        QUERY_STRING in the kernel's environment: '?lang=zh&preset=cn_bank_consumer_loan')."""
        params = query_params(os.environ.get("QUERY_STRING", ""))
        if params.get("preset") not in presets.all_presets():
            params.pop("preset", None)
        return cls(**{**params, **kwargs})

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    def _append_row(self, entry: dict):
        if "stop_from" in entry:
            row = LateRow("stop", str(entry["stop_from"]), str(entry["days"]))
        else:
            row = LateRow("instalment", str(entry["instalment"]), str(entry["days_late"]))
        for w in (row.kind, row.number, row.days):
            w.observe(self._changed, names="value")
        row.kind.observe(lambda _: self._busy or self._relabel_rows(), names="value")
        row.remove.on_click(lambda _, r=row: self.remove_late_row(r))
        self.late_rows.append(row)
        self.late_box.children = tuple(r.box for r in self.late_rows)

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

    def remove_late_row(self, row: LateRow):
        if row in self.late_rows:
            self.late_rows.remove(row)
            self.late_box.children = tuple(r.box for r in self.late_rows)
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

    def _fill_from_preset(self, preset_id: str):
        p = presets.get(preset_id)
        for name, value in p.loan_values().items():
            f = self.fields.get(f"loan.{name}")
            if f is not None:
                f.value = value if f.kind == "choice" else value_text(value, f.kind)
        self._fill_rules(p)
        self._clamp_late_rows()

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
        self._busy = True
        try:
            self._fill_rules(presets.get(self.preset.value))
        finally:
            self._busy = False
        self.update()

    def _preset_changed(self, change):
        if self._busy:
            return
        self._busy = True
        try:
            self._fill_from_preset(change["new"])
        finally:
            self._busy = False
        self._relabel()
        self.update()

    # ----- language ------------------------------------------------------------------------

    def _language_changed(self, change):
        if self._busy:
            return
        self.set_language(change["new"])

    def set_language(self, lang: str):
        """Every label, message and number format in ``lang``; every typed value kept."""
        if lang not in i18n.LANGUAGES:
            return
        self.lang = lang
        if self.language.value != lang:
            self._busy = True
            self.language.value = lang
            self._busy = False
        self._relabel()
        self._show_errors()
        self._render_results()

    def _set_options(self, dropdown, options):
        """Relabel a dropdown's options without changing what is chosen."""
        if tuple(dropdown.options) == tuple(options):
            return
        value = dropdown.value
        busy, self._busy = self._busy, True
        try:
            dropdown.options = options
            dropdown.value = value
        finally:
            self._busy = busy

    def _relabel(self):
        lang = self.lang
        set_html(self.title_html, f"<h1>{escape(t(lang, 'ui.title'))}</h1>")
        self.language.description = t(lang, "ui.language")
        set_html(self.intro_html, f"<p>{escape(t(lang, 'ui.intro'))}</p>")
        set_html(self.h_loan, heading(t(lang, "ui.section.loan")))
        set_html(self.h_late, heading(t(lang, "ui.section.late")))
        set_html(self.h_rules, heading(t(lang, "ui.section.rules")))
        self.preset.description = t(lang, "ui.label.preset")
        self._set_options(self.preset, [(p.name[lang], pid)
                                        for pid, p in presets.all_presets().items()])
        p = presets.get(self.preset.value)
        gap = " " if lang == "en" else ""
        set_html(self.preset_note, f'<div class="bh-note">{escape(p.summary[lang])}{gap}'
                                   f'{escape(t(lang, "ui.product.hint"))}</div>')
        for key, f in self.fields.items():
            f.set_label(t(lang, f"ui.label.{key.split('.', 1)[1]}"))
        self._set_options(self.method, [(i18n.choice_label("method", m, lang), m) for m in METHODS])
        self._set_options(self.rules["day_count"],
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
        set_html(self.late_none, "" if self.late_rows else
                 f"<p>{escape(t(lang, 'ui.late.none'))}</p>")
        set_html(self.results_heading, heading(t(lang, "ui.results.heading")))
        self._relabel_rows()
        self._label_cap()

    def _relabel_rows(self):
        lang = self.lang
        for i, row in enumerate(self.late_rows, start=1):
            set_html(row.title, heading(t(lang, "field.late_entry", n=i), 3))
            row.kind_field.set_label(t(lang, "ui.late.kind"))
            self._set_options(row.kind, [(t(lang, "ui.late.kind.instalment"), "instalment"),
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
            if _same(value, preset_values.get(key)):
                value = preset_values[key]
            data[part][name] = value

        def parse_int(text):
            try:
                value = parse_number(str(text).strip(), "late")
            except ScenarioError:
                return str(text)
            return int(value) if value.is_integer() else value

        data["late"] = [row.entry(parse_int) for row in self.late_rows]
        data["apply_cap"] = bool(self.apply_cap.value) and self.apply_cap.layout.display != "none"
        return data

    # ----- updating ------------------------------------------------------------------------

    def _changed(self, change):
        if not self._busy:
            self.update()

    def update(self):
        """Read the inputs, compute, and show the result or the problems."""
        self.updates += 1
        self._label_cap()
        data = self.scenario_dict()
        self.internal_error = False
        try:
            scenario = scenario_from_dict(data)
            result = simulate(scenario)
        except ScenarioError as e:
            self.errors = e.errors
        except Exception:  # an engine failure must not reach the reader as a traceback
            self.errors = []
            self.internal_error = True
        else:
            self.errors = []
            self.scenario, self.result = scenario, result
        self.stale = bool(self.errors) or self.internal_error
        self._mark_rules(data)
        self._show_errors()
        self._render_results()

    def _mark_rules(self, data):
        """Show next to each rule changed from the preset that it was set by the reader."""
        preset = presets.get(self.preset.value)
        for name, entry in preset.rules.items():
            f = self.fields[f"rules.{name}"]
            value = data["rules"].get(name)
            note = ""
            if not _same(value, entry["value"]):
                shown = late_payment_report.rule_value_text(name, entry["value"], self.lang)
                note = (f'<span class="bh-tag">✎ '
                        f'{escape(t(self.lang, "ui.rules.set_by_you", value=shown))}</span>')
            elif entry.get("typical"):
                note = escape(t(self.lang, "table.typical"))
            f.set_note(note)

    def _error_targets(self) -> dict:
        targets = dict(self.fields)
        for i, row in enumerate(self.late_rows, start=1):
            for name, f in row.fields().items():
                targets[f"late[{i}].{name}"] = f
        return targets

    def _show_errors(self):
        lang = self.lang
        targets = self._error_targets()
        by_field: dict = {}
        for err in self.errors:
            by_field.setdefault(err.field, []).append(i18n.error_message(err, lang))
        for key, f in targets.items():
            f.set_error(" ".join(by_field.get(key, [])))
        # A problem in a closed section opens it, so that the message next to the field shows.
        for section, prefixes in ((self.loan_more_section, tuple(f"loan.{n}" for n in
                                                                 LOAN_MORE_INPUTS)),
                                  (self.rules_section, ("rules.",))):
            if not section.open and any(k.startswith(prefixes) for k in by_field):
                section.toggle()
        if self.errors or self.internal_error:
            items = [i18n.error_message(e, lang) for e in self.errors]
            if self.internal_error:
                items.append(t(lang, "ui.errors.internal"))
            lis = "".join(f"<li>{escape(m)}</li>" for m in items)
            set_html(self.error_summary, f'<div role="alert"><p><strong>'
                                         f'{escape(t(lang, "ui.errors.title"))}</strong></p>'
                                         f'<ul>{lis}</ul></div>')
            set_html(self.stale_note, f"<p>⚠ {escape(t(lang, 'ui.errors.stale'))}</p>"
                     if self.result is not None else "")
            self.results.add_class("bh-stale")
        else:
            set_html(self.error_summary, "")
            set_html(self.stale_note, "")
            self.results.remove_class("bh-stale")
        self.stale_note.layout.display = "" if self.stale_note.value else "none"
        self.error_summary.layout.display = "" if self.error_summary.value else "none"

    # ----- results -------------------------------------------------------------------------

    def sentences(self) -> list:
        return late_payment_report.sentences(self.result, self.lang) if self.result is not None else []

    def _render_results(self):
        self._render_live()
        lang, r = self.lang, self.result
        if r is None:
            for w in (self.sentence_html, self.owed_chart_html,
                      self.cost_chart_html, self.breakdown_html, self.summary_html,
                      self.assumptions_html, self.rules_table_html, self.schedule_html):
                set_html(w, "")
            return
        sc = r.scenario
        said = late_payment_report.sentences(r, lang)
        set_html(self.sentence_html, '<div aria-live="polite">'
                 + "".join(f"<p>{escape(s)}</p>" for s in said) + "</div>")
        set_html(self.owed_chart_html, self._chart_pair(late_charts.owed_chart, r, "owed"))
        set_html(self.cost_chart_html, self._chart_pair(late_charts.cost_chart, r, "cost"))
        set_html(self.breakdown_html, self._breakdown(r))
        set_html(self.summary_html, self._summary(r))
        items = "".join(f"<li>{escape(a)}</li>" for a in late_payment_report.assumptions(sc, lang))
        set_html(self.assumptions_html, f'<ul class="bh-list">{items}</ul>')
        set_html(self.rules_table_html, self._rules_table(sc))
        set_html(self.schedule_html, self._schedule(r))
        from simulators.ui.credit_record import link_to_credit_record

        href = escape(link_to_credit_record(self.scenario_dict(), lang))
        set_html(self.credit_link_html, f'<p><a href="{href}" target="_top"><strong>'
                                        f'{escape(t(lang, "credit.ui.link_from_late"))}'
                                        f"</strong></a></p>")

    def _render_live(self):
        """The short line kept in view at the bottom of a phone's screen while typing."""
        lang = self.lang
        if self.errors or self.internal_error:
            first = (i18n.error_message(self.errors[0], lang) if self.errors
                     else t(lang, "ui.errors.internal"))
            html = f'<div>⚠ {escape(t(lang, "ui.live.error", message=first))}</div>'
        elif self.result is not None:
            html = f"<div>{escape(late_payment_report.sentences(self.result, lang)[0])}</div>"
        else:
            html = ""
        set_html(self.live_sentence, html)

    def _chart_pair(self, draw, r, kind) -> str:
        """The chart twice: a wide drawing, and a compact one that CSS shows on a phone."""
        wide = draw(r, self.lang, width=720, uid=f"bh-{kind}-w")
        narrow = draw(r, self.lang, width=380, uid=f"bh-{kind}-n")
        return (f'<div class="bh-chart-wide">{wide}</div>'
                f'<div class="bh-chart-narrow">{narrow}</div>')

    def _breakdown(self, r) -> str:
        lang = self.lang
        rows = [[t(lang, f"kind.{k}"), money(r.extra_by_kind[k], lang)] for k in COST_KINDS]
        rows.append([t(lang, "kind.total"), money(r.extra_cost, lang)])
        totals = {len(rows) - 1}
        note = ""
        if r.interest_not_charged:
            rows.append([t(lang, "kind.interest_not_charged"), money(-r.interest_not_charged, lang)])
            rows.append([t(lang, "ui.table.net"),
                         money(r.late.total_cost - r.on_time.total_cost, lang)])
            totals.add(len(rows) - 1)
            note = (f'<p class="bh-note">' + escape(t(
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
                j + 1, i18n.date(s.due_dates[j], lang), money(s.payment[j], lang),
                i18n.date(paid, lang) + (f" ({t(lang, 'table.called_in')})" if called else ""),
                int(r.days_late[j]), money(charges, lang),
            ])
        headers = [t(lang, f"table.{k}") for k in
                   ("instalment", "due_date", "payment", "paid_date", "days_late", "charges")]
        return html_table(headers, rows, numeric=(0, 2, 4, 5))


def show(**kwargs):
    """The app for a notebook cell, with the language and preset of the page's URL."""
    return LatePaymentApp.from_environment(**kwargs)


__all__ = ["LatePaymentApp", "LateRow", "show", "value_text", "FieldError"]
