"""The "What does this offer really cost?" simulator: up to three offers in, their true cost out.

The view only turns widget values into offer dictionaries of ``simulators.offers`` (the same
contract as ``python -m simulators true-cost``) and the ``TrueCost`` of each into a sentence, a
table, two charts and the reference lines, in the reader's language. Usable without a browser::

    app = TrueCostApp(lang="en")
    app.panels[0].rate.value = "0.8"        # offer 1's monthly fee rate, in percent
    app.sentence_html.value                 # which offer is cheapest and by how much

Numbers are typed into ``Text`` widgets: whatever the reader types stays; a value that is not a
number or is out of range is reported next to its field and in a summary, in the reader's
language, and the last valid results stay on screen, marked as not matching.
"""

from __future__ import annotations

import os
from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.fields import ScenarioError, parse_number
from simulators.core.i18n import money, t
from simulators.core.schedule import METHODS
from simulators.true_cost import engine as true_cost_engine
from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost import report as true_cost_report
from simulators.true_cost.model import EXTRA_KINDS, EXTRA_WHEN, MAX_OFFERS, QUOTES
from simulators.true_cost.report import as_of_text
from simulators.ui.charts.true_cost import cost_chart, rates_chart
from simulators.ui.components import (
    Disclosure,
    Field,
    css_widget,
    heading,
    html_table,
    query_params,
    responsive_table,
    set_html,
)
from simulators.ui.late_payment import LANGUAGE_OPTIONS, value_text

#: An offer's inputs: name -> kind (as ``components.Field`` reads them).
OFFER_INPUTS = {
    "name": "text",
    "quote": "choice",
    "rate": "percent",
    "principal": "money",
    "term_months": "int",
    "method": "choice",
}
MORE_INPUTS = {
    "upfront_deduction": "money",
    "monthly_fee": "money",
    "extra_kind": "choice",
    "extra_amount": "money",
    "extra_when": "choice",
}


CSS = """
.bh-offers { gap: 12px 16px; align-items: flex-start; }
.bh-offer { border: 1px solid var(--jp-border-color1, #d0d7de); border-radius: 6px;
  padding: 2px 12px 10px; background: var(--jp-layout-color1, #fff); min-width: 0; }
.bh-lines li { margin-bottom: 8px; }
.bh-lines .bh-line-name { font-weight: 700; }
"""


def _rate_text(fraction, quote: str) -> str:
    """A rate as typed in percent: 0.0005 -> '0.05'."""
    return value_text(fraction, "percent")


class OfferPanel:
    """One offer's inputs. ``rate``, ``principal``, ``term_months``, ``quote``, ``method``,
    ``upfront_deduction``, ``monthly_fee``, ``extra_kind``, ``extra_amount`` and ``extra_when``
    are the widgets (``panel.rate.value = "0.6"``); ``fields`` holds them with their labels and
    messages."""

    def __init__(self, example: dict | None = None):
        self.fields: dict = {}
        for name, kind in {**OFFER_INPUTS, **MORE_INPUTS}.items():
            self.fields[name] = Field(name, kind)
        self.fields["quote"].input.options = [(q, q) for q in QUOTES]
        self.fields["method"].input.options = [(m, m) for m in METHODS]
        self.fields["extra_kind"].input.options = [(k, k) for k in ("none", *EXTRA_KINDS)]
        self.fields["extra_when"].input.options = [(w, w) for w in EXTRA_WHEN]
        for name, f in self.fields.items():
            setattr(self, name, f.input)
        self.title = widgets.HTML("")
        self.method_note = widgets.HTML("")
        self.method_note.add_class("bh-msg")
        self.more = Disclosure([self.fields[n].box for n in MORE_INPUTS])
        self.remove = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        self.box = widgets.VBox(
            [self.title] + [self.fields[n].box for n in OFFER_INPUTS]
            + [self.method_note, self.more.box, self.remove],
            layout=widgets.Layout(flex="1 1 280px", min_width="min(260px, 100%)", width="auto"))
        self.box.add_class("bh-offer")
        self.fill(example or true_cost_inputs.examples()[0], name="")

    def fill(self, example: dict, name: str = ""):
        """Put an example offer (``true_cost_inputs.examples()`` entry or a bare offer dict) in the fields."""
        o = example.get("offer", example)
        self.name.value = name
        self.quote.value = o["quote"]
        self.rate.value = _rate_text(o["rate"], o["quote"])
        self.principal.value = value_text(o["principal"], "money")
        self.term_months.value = str(o["term_months"])
        self.method.value = o.get("method", "equal_instalment")
        self.upfront_deduction.value = value_text(o.get("upfront_deduction", 0), "money")
        self.monthly_fee.value = value_text(o.get("monthly_fee", 0), "money")
        extras = o.get("extras") or []
        if extras:
            self.extra_kind.value = extras[0]["kind"]
            self.extra_amount.value = value_text(extras[0]["amount"], "money")
            self.extra_when.value = extras[0].get("when", "monthly")
        else:
            self.extra_kind.value = "none"
            self.extra_amount.value = "0"
            self.extra_when.value = "monthly"
        self.start_date = o.get("start_date", "2026-01-15")

    def _number(self, name: str):
        text = str(self.fields[name].value).strip()
        if text == "":
            return None
        try:
            return parse_number(text, name, percent=self.fields[name].kind == "percent")
        except ScenarioError:
            return text  # the engine's checks report it, with every other problem

    def offer_dict(self) -> dict:
        """The offer as the reader entered it, in the format of ``true_cost_inputs.offer_from_dict``."""
        data = {"quote": self.quote.value, "method": self.method.value,
                "start_date": self.start_date}
        for name in ("rate", "principal", "term_months", "upfront_deduction", "monthly_fee"):
            data[name] = self._number(name)
        if isinstance(data["term_months"], float) and data["term_months"].is_integer():
            data["term_months"] = int(data["term_months"])
        if self.extra_kind.value != "none":
            data["extras"] = [{"kind": self.extra_kind.value, "amount": self._number("extra_amount"),
                               "when": self.extra_when.value}]
        return data

    def error_targets(self, prefix: str) -> dict:
        out = {f"{prefix}{n}": self.fields[n] for n in
               ("quote", "rate", "principal", "term_months", "method", "upfront_deduction",
                "monthly_fee")}
        out[f"{prefix}payments"] = self.fields["rate"]
        for n in ("kind", "amount", "when"):
            out[f"{prefix}extras[1].{n}"] = self.fields[f"extra_{n}"]
        return out


class TrueCostApp:
    """The simulator. ``lang`` is 'en' or 'zh'; ``count`` the number of offers shown (1 to 3)."""

    def __init__(self, lang: str = "en", count: int = 2):
        self.lang = lang if lang in i18n.LANGUAGES else "en"
        self._busy = False
        self.costs: list = []  # the last valid TrueCost of each offer
        self.names: list = []
        self.errors: list = []
        self.internal_error = False
        self.stale = False
        self.updates = 0

        self.title_html = widgets.HTML("")
        self.title_html.add_class("bh-title")
        self.language = widgets.ToggleButtons(options=LANGUAGE_OPTIONS, value=self.lang,
                                              description_allow_html=False,
                                              style={"description_width": "initial",
                                                     "button_width": "auto"})
        self.language.add_class("bh-lang")
        self.intro_html = widgets.HTML("")

        self.panels: list = []
        self.offers_box = widgets.HBox([], layout=widgets.Layout(flex_flow="row wrap",
                                                                  width="100%"))
        self.offers_box.add_class("bh-offers")
        self.add_offer_button = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        self.add_offer_button.on_click(lambda _: self.add_offer())
        self.live_sentence = widgets.HTML("")
        self.live_sentence.add_class("bh-live")

        self.results_heading = widgets.HTML("")
        self.stale_note = widgets.HTML("")
        self.stale_note.add_class("bh-stale-note")
        self.error_summary = widgets.HTML("")
        self.error_summary.add_class("bh-errors")
        self.sentence_html = widgets.HTML("")
        self.sentence_html.add_class("bh-sentence")
        self.table_html = widgets.HTML("")
        self.rates_chart_html = widgets.HTML("")
        self.cost_chart_html = widgets.HTML("")
        self.lines_html = widgets.HTML("")
        self.model_note = widgets.HTML("")
        self.assumptions_html = widgets.HTML("")
        self.schedule_html = widgets.HTML("")
        self.assumptions_section = Disclosure([self.assumptions_html])
        self.schedule_section = Disclosure([self.schedule_html])
        for w in (self.sentence_html, self.table_html, self.rates_chart_html,
                  self.cost_chart_html, self.schedule_html):
            w.add_class("bh-dim")

        inputs = widgets.VBox([self.offers_box, self.add_offer_button, self.live_sentence],
                              layout=widgets.Layout(width="100%"))
        inputs.add_class("bh-inputs")
        self.inputs = inputs
        self.results = widgets.VBox(
            [self.results_heading, self.stale_note, self.error_summary, self.sentence_html,
             self.table_html, self.rates_chart_html, self.cost_chart_html, self.lines_html,
             self.model_note, self.assumptions_section.box, self.schedule_section.box],
            layout=widgets.Layout(width="100%", min_width="0"))
        self.results.add_class("bh-results")
        header = widgets.HBox([self.title_html, self.language],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        header.add_class("bh-header")
        self.root = widgets.VBox(
            [css_widget(), widgets.HTML(f"<style>{CSS}</style>",
                                        layout=widgets.Layout(display="none")),
             header, self.intro_html, inputs, self.results],
            layout=widgets.Layout(width="100%"))
        self.root.add_class("bh-app")

        self._busy = True
        for k in range(max(1, min(MAX_OFFERS, count))):
            self._append_panel(true_cost_inputs.examples()[k])
        self._busy = False
        self.language.observe(self._language_changed, names="value")
        self._relabel()
        self.update()

    # ----- construction ------------------------------------------------------------------

    @classmethod
    def from_environment(cls, **kwargs) -> "TrueCostApp":
        """The app in the language of the page's query string ('?lang=zh'; Voila puts it in
        the kernel's QUERY_STRING)."""
        params = query_params(os.environ.get("QUERY_STRING", ""))
        params.pop("preset", None)
        return cls(**{**params, **kwargs})

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    def _append_panel(self, example):
        panel = OfferPanel(example)
        for f in panel.fields.values():
            f.input.observe(self._changed, names="value")
        panel.quote.observe(lambda _: self._busy or self._relabel_panels(), names="value")
        panel.remove.on_click(lambda _, p=panel: self.remove_offer(p))
        self.panels.append(panel)
        self.offers_box.children = tuple(p.box for p in self.panels)

    def add_offer(self, example: dict | None = None):
        """Add an offer (the next example offer not yet shown), up to three."""
        if len(self.panels) >= MAX_OFFERS:
            return
        if example is None:
            example = true_cost_inputs.examples()[len(self.panels) % len(true_cost_inputs.examples())]
        self._busy = True
        try:
            self._append_panel(example)
        finally:
            self._busy = False
        self._relabel_panels()
        self.update()

    def remove_offer(self, panel: OfferPanel):
        if panel in self.panels and len(self.panels) > 1:
            self.panels.remove(panel)
            self.offers_box.children = tuple(p.box for p in self.panels)
            self._relabel_panels()
            self.update()

    # ----- language ----------------------------------------------------------------------

    def _language_changed(self, change):
        if not self._busy:
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
        set_html(self.title_html, f"<h1>{escape(t(lang, 'tc.title'))}</h1>")
        self.language.description = t(lang, "ui.language")
        set_html(self.intro_html, f"<p>{escape(t(lang, 'tc.intro'))}</p>")
        set_html(self.results_heading, heading(t(lang, "tc.results.heading")))
        set_html(self.model_note, f'<div class="bh-model"><strong>{escape(t(lang, "tc.model"))}'
                                  f"</strong></div>")
        self.assumptions_section.set_title(t(lang, "tc.assumptions.heading"))
        self.schedule_section.set_title(t(lang, "tc.schedule.heading"))
        self.add_offer_button.description = t(lang, "tc.add_offer")
        self._relabel_panels()

    def _relabel_panels(self):
        lang = self.lang
        for i, p in enumerate(self.panels, start=1):
            set_html(p.title, heading(t(lang, "tc.offer", n=i), 2))
            q = p.quote.value
            labels = {"name": t(lang, "tc.label.name"), "quote": t(lang, "tc.label.quote"),
                      "rate": t(lang, f"tc.label.rate.{q}"),
                      "principal": t(lang, "tc.label.principal"),
                      "term_months": t(lang, "tc.label.term_months"),
                      "method": t(lang, "tc.label.method")}
            for name in MORE_INPUTS:
                labels[name] = t(lang, f"tc.label.{name}")
            for name, text in labels.items():
                p.fields[name].set_label(text)
            self._set_options(p.quote, [(t(lang, f"tc.choice.quote.{x}"), x) for x in QUOTES])
            self._set_options(p.method, [(i18n.choice_label("method", m, lang), m)
                                         for m in METHODS])
            self._set_options(p.extra_kind, [(t(lang, f"tc.choice.extra.{k}"), k)
                                             for k in ("none", *EXTRA_KINDS)])
            self._set_options(p.extra_when, [(t(lang, f"tc.choice.when.{w}"), w)
                                             for w in EXTRA_WHEN])
            p.fields["rate"].set_note(escape(t(lang, f"tc.hint.rate.{q}", days=360)))
            fixed = q in ("monthly_fee_rate", "total_fee_rate")
            p.fields["method"].box.layout.display = "none" if fixed else ""
            set_html(p.method_note, f'<div class="bh-note">{escape(t(lang, "tc.hint.method_fixed"))}'
                                    f"</div>" if fixed else "")
            p.more.set_title(t(lang, "tc.section.more"))
            p.remove.description = t(lang, "tc.remove_offer", n=i)
            p.remove.layout.display = "" if len(self.panels) > 1 else "none"
        self.add_offer_button.layout.display = "" if len(self.panels) < MAX_OFFERS else "none"

    # ----- updating ----------------------------------------------------------------------

    def _changed(self, change):
        if not self._busy:
            self.update()

    def offer_names(self) -> list:
        return [p.name.value.strip() or t(self.lang, "tc.offer_default_name", n=i)
                for i, p in enumerate(self.panels, start=1)]

    def update(self):
        """Read every offer, compute, and show the results or the problems."""
        self.updates += 1
        self.internal_error = False
        errors, costs = [], []
        for i, p in enumerate(self.panels, start=1):
            prefix = f"offers[{i}]."
            try:
                costs.append(true_cost_engine.true_cost(true_cost_engine.offer_flows(
                    true_cost_inputs.offer_from_dict(p.offer_dict(), prefix=prefix)), prefix=prefix))
            except ScenarioError as e:
                errors += e.errors
            except Exception:  # an engine failure must not reach the reader as a traceback
                self.internal_error = True
        self.errors = errors
        if not errors and not self.internal_error:
            self.costs = costs
            self._typed_names = [p.name.value.strip() for p in self.panels]
        self.stale = bool(self.errors) or self.internal_error
        self._show_errors()
        self._render_results()

    def _show_errors(self):
        lang = self.lang
        targets = {}
        for i, p in enumerate(self.panels, start=1):
            targets.update(p.error_targets(f"offers[{i}]."))
        by_field: dict = {}
        for err in self.errors:
            by_field.setdefault(err.field, []).append(i18n.error_message(err, lang))
        for f in {id(f): f for f in targets.values()}.values():
            keys = [k for k, g in targets.items() if g is f]
            f.set_error(" ".join(m for k in keys for m in by_field.get(k, [])))
        for i, p in enumerate(self.panels, start=1):
            more = tuple(f"offers[{i}].{n}" for n in ("upfront_deduction", "monthly_fee",
                                                       "extras"))
            if not p.more.open and any(k.startswith(more) for k in by_field):
                p.more.toggle()
        if self.errors or self.internal_error:
            items = [i18n.error_message(e, lang) for e in self.errors]
            if self.internal_error:
                items.append(t(lang, "ui.errors.internal"))
            lis = "".join(f"<li>{escape(m)}</li>" for m in items)
            set_html(self.error_summary, f'<div role="alert"><p><strong>'
                                         f'{escape(t(lang, "ui.errors.title"))}</strong></p>'
                                         f"<ul>{lis}</ul></div>")
            set_html(self.stale_note, f"<p>⚠ {escape(t(lang, 'ui.errors.stale'))}</p>"
                     if self.costs else "")
            self.results.add_class("bh-stale")
        else:
            set_html(self.error_summary, "")
            set_html(self.stale_note, "")
            self.results.remove_class("bh-stale")
        self.stale_note.layout.display = "" if self.stale_note.value else "none"
        self.error_summary.layout.display = "" if self.error_summary.value else "none"

    # ----- results -----------------------------------------------------------------------

    def _names_of_costs(self) -> list:
        typed = getattr(self, "_typed_names", [])
        return [name or t(self.lang, "tc.offer_default_name", n=i)
                for i, name in enumerate(typed, start=1)]

    def sentences(self) -> list:
        """The comparison sentence, then what each offer's quote comes to."""
        if not self.costs:
            return []
        names = self._names_of_costs()
        out = [true_cost_report.compare_sentence(self.costs, names, self.lang)]
        for name, c in zip(names, self.costs):
            out.append(t(self.lang, "tc.sentence.quote_vs_real", name=name,
                         quoted=true_cost_report.quoted_text(c.flows, self.lang),
                         rate=i18n.percent(c.rates["nominal"], self.lang)))
        return out

    def _render_results(self):
        lang = self.lang
        said = self.sentences()
        if self.errors or self.internal_error:
            first = (i18n.error_message(self.errors[0], lang) if self.errors
                     else t(lang, "ui.errors.internal"))
            set_html(self.live_sentence, f'<div>⚠ {escape(t(lang, "ui.live.error", message=first))}'
                                         f"</div>")
        else:
            set_html(self.live_sentence, f"<div>{escape(said[0])}</div>" if said else "")
        set_html(self.lines_html, self._lines())
        items = [t(lang, "tc.assumption.irr"), t(lang, "tc.assumption.received"),
                 t(lang, "tc.assumption.fee_rate"), t(lang, "tc.assumption.daily", days=360),
                 t(lang, "tc.assumption.simple"), t(lang, "tc.assumption.early")]
        set_html(self.assumptions_html, '<ul class="bh-list">'
                 + "".join(f"<li>{escape(a)}</li>" for a in items) + "</ul>")
        if not self.costs:
            for w in (self.sentence_html, self.table_html, self.rates_chart_html,
                      self.cost_chart_html, self.schedule_html):
                set_html(w, "")
            return
        names = self._names_of_costs()
        set_html(self.sentence_html, '<div aria-live="polite">'
                 + "".join(f"<p>{escape(s)}</p>" for s in said) + "</div>")
        # Three offers side by side do not fit a phone: there, one small table per item.
        draw_table = responsive_table if len(names) > 2 else html_table
        set_html(self.table_html, draw_table([t(lang, "tc.table.item"), *names],
                                             true_cost_report.summary_rows(self.costs, lang),
                                             caption=t(lang, "tc.table.caption"),
                                             numeric=tuple(range(1, len(names) + 1))))
        set_html(self.rates_chart_html, self._pair(rates_chart, "rates", names))
        set_html(self.cost_chart_html, self._pair(cost_chart, "cost", names))
        set_html(self.schedule_html, self._schedules(names))

    def _pair(self, draw, kind, names) -> str:
        wide = draw(self.costs, names, self.lang, width=720, uid=f"bh-tc-{kind}-w")
        narrow = draw(self.costs, names, self.lang, width=360, uid=f"bh-tc-{kind}-n")
        return (f'<div class="bh-chart-wide">{wide}</div>'
                f'<div class="bh-chart-narrow">{narrow}</div>')

    def _lines(self) -> str:
        lang = self.lang
        src = presets.sources()
        colon = ": " if lang == "en" else "："
        items = []
        for line in true_cost_inputs.reference_lines():
            cites = "; ".join(src[k][lang] for k in [line["source"], *line.get("also", [])])
            as_of = t(lang, "tc.lines.as_of", date=as_of_text(line["as_of"], lang))
            items.append(
                f'<li><span class="bh-line-name">{escape(line["label"][lang])}</span> '
                f"({escape(as_of)})"
                f"<br><strong>{escape(t(lang, 'tc.lines.means'))}{colon}</strong>"
                f"{escape(line['means'][lang])}"
                f"<br><strong>{escape(t(lang, 'tc.lines.not_means'))}{colon}</strong>"
                f"{escape(line['not_means'][lang])}"
                f"<br><small>{escape(t(lang, 'tc.lines.source'))}{colon}{escape(cites)}</small>"
                f"</li>")
        return (heading(t(lang, "tc.lines.heading"), 3)
                + f'<p class="bh-note">{escape(t(lang, "tc.lines.nominal_note"))}</p>'
                + f'<ul class="bh-list bh-lines">{"".join(items)}</ul>')

    def _schedules(self, names) -> str:
        lang = self.lang
        out = []
        for name, c in zip(names, self.costs):
            f = c.flows
            rows = [[i18n.date(d, lang), money(f.amounts[k], lang), money(f.cost[k], lang),
                     money(c.cost_to_date[k], lang)] for k, d in enumerate(f.dates)]
            headers = [t(lang, "tc.schedule.date"), t(lang, "tc.schedule.payment"),
                       t(lang, "tc.schedule.cost"), t(lang, "tc.schedule.cost_to_date")]
            out.append(html_table(headers, rows, caption=t(lang, "tc.schedule.caption", name=name),
                                  numeric=(1, 2, 3)))
        return "".join(out)


# --------------------------------------------------------------------------- charts


def show(**kwargs):
    """The app for a notebook cell, in the language of the page's URL."""
    return TrueCostApp.from_environment(**kwargs)


__all__ = ["TrueCostApp", "OfferPanel", "rates_chart", "cost_chart", "show"]
