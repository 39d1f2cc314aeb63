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

from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.dates import today_iso
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
    bullet_list,
    chart_pair,
    heading,
    html_table,
    responsive_table,
    set_html,
    value_text,
)
from simulators.ui.frame import AppFrame

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
    "start_date": "date",
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
        # The money is paid out today unless the offer (or the reader) says another day.
        self.fields["start_date"].value = str(o.get("start_date") or today_iso())

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
        data = {"quote": self.quote.value, "method": self.method.value}
        day = str(self.fields["start_date"].value).strip()
        if day:
            data["start_date"] = day  # empty: paid out today
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
                "monthly_fee", "start_date")}
        out[f"{prefix}payments"] = self.fields["rate"]
        for n in ("kind", "amount", "when"):
            out[f"{prefix}extras[1].{n}"] = self.fields[f"extra_{n}"]
        return out


class TrueCostApp(AppFrame):
    """The simulator. ``lang`` is 'en' or 'zh'; ``count`` the number of offers shown (1 to 3)."""

    TITLE = "tc.title"
    INTRO = "tc.intro"
    RESULTS_HEADING = "tc.results.heading"
    CSS = CSS
    STACKED = True  # up to three offers side by side above the results

    check_scenario = staticmethod(true_cost_inputs.from_dict)

    def __init__(self, lang: str = "en", count: int = 2, **link):
        super().__init__(lang, **link)
        self.panels: list = []
        self.offers_box = widgets.HBox([], layout=widgets.Layout(flex_flow="row wrap",
                                                                  width="100%"))
        self.offers_box.add_class("bh-offers")
        self.add_offer_button = widgets.Button(description="", layout=widgets.Layout(width="auto"))
        self.add_offer_button.on_click(lambda _: self.add_offer())

        self.table_html = widgets.HTML("")
        self.rates_chart_html = widgets.HTML("")
        self.cost_chart_html = widgets.HTML("")
        self.lines_html = widgets.HTML("")
        self.model_note = widgets.HTML("")
        self.assumptions_html = widgets.HTML("")
        self.schedule_html = widgets.HTML("")
        self.assumptions_section = Disclosure([self.assumptions_html])
        self.schedule_section = Disclosure([self.schedule_html])

        self.build(
            inputs=[self.offers_box, self.add_offer_button],
            results=[self.table_html, self.rates_chart_html, self.cost_chart_html,
                     self.lines_html, self.model_note, self.assumptions_section.box,
                     self.schedule_section.box],
            dim=(self.table_html, self.rates_chart_html, self.cost_chart_html,
                 self.schedule_html))

        with self.quietly():
            for k in range(max(1, min(MAX_OFFERS, count))):
                self._append_panel(true_cost_inputs.examples()[k])
        self.start()

    @property
    def costs(self) -> list:
        """The ``TrueCost`` of each offer, for the last valid input."""
        return self.result[0] if self.result is not None else []

    def _append_panel(self, example):
        panel = OfferPanel(example)
        self.watch(*(f.input for f in panel.fields.values()))
        panel.quote.observe(lambda _: self._quiet or self._relabel_panels(), names="value")
        panel.remove.on_click(lambda _, p=panel: self.remove_offer(p))
        self.panels.append(panel)
        self.offers_box.children = tuple(p.box for p in self.panels)

    def load_scenario(self, data: dict):
        """An offer file (``examples/offer-*.json``) as the one offer shown: its ``offer``, or
        its ``loan`` quoted as an annual rate. A list of payments has no form here: it raises,
        and the notice says the link could not be shown."""
        if "offer" in data:
            offer = data["offer"]
        elif "loan" in data:
            loan = true_cost_inputs.from_dict(data).value
            offer = {"principal": loan.principal, "term_months": loan.term_months,
                     "quote": "annual_rate", "rate": loan.annual_rate, "method": loan.method,
                     "start_date": loan.start_date.isoformat(),
                     "upfront_deduction": loan.upfront_fee,
                     "monthly_fee": round(loan.monthly_fee_rate * loan.principal, 2)}
        else:
            raise ValueError("a list of payments: for the command line")
        first = self.panels[0]
        first.fill(offer, name="")
        self.panels = [first]
        self.offers_box.children = (first.box,)

    def add_offer(self, example: dict | None = None):
        """Add an offer (the next example offer not yet shown), up to three."""
        if len(self.panels) >= MAX_OFFERS:
            return
        if example is None:
            example = true_cost_inputs.examples()[len(self.panels) % len(true_cost_inputs.examples())]
        with self.quietly():
            self._append_panel(example)
        self._relabel_panels()
        self.update()

    def remove_offer(self, panel: OfferPanel):
        if panel in self.panels and len(self.panels) > 1:
            self.panels.remove(panel)
            self.offers_box.children = tuple(p.box for p in self.panels)
            self._relabel_panels()
            self.update()

    # ----- words -------------------------------------------------------------------------

    def relabel(self):
        lang = self.lang
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
            self.set_options(p.quote, [(t(lang, f"tc.choice.quote.{x}"), x) for x in QUOTES])
            self.set_options(p.method, [(i18n.choice_label("method", m, lang), m)
                                         for m in METHODS])
            self.set_options(p.extra_kind, [(t(lang, f"tc.choice.extra.{k}"), k)
                                             for k in ("none", *EXTRA_KINDS)])
            self.set_options(p.extra_when, [(t(lang, f"tc.choice.when.{w}"), w)
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

    # ----- the frame's steps -------------------------------------------------------------

    def offer_names(self) -> list:
        return [p.name.value.strip() or t(self.lang, "tc.offer_default_name", n=i)
                for i, p in enumerate(self.panels, start=1)]

    def read_inputs(self) -> dict:
        """The offers as entered, with the names typed (a name may be left empty)."""
        return {"offers": [p.offer_dict() for p in self.panels],
                "names": [p.name.value.strip() for p in self.panels]}

    def compute(self, data):
        """Every offer's true cost, and the names typed; every offer's problems at once."""
        errors, costs = [], []
        for i, offer in enumerate(data["offers"], start=1):
            prefix = f"offers[{i}]."
            try:
                costs.append(true_cost_engine.true_cost(true_cost_engine.offer_flows(
                    true_cost_inputs.offer_from_dict(offer, prefix=prefix)), prefix=prefix))
            except ScenarioError as e:
                errors += e.errors
        if errors:
            raise ScenarioError(errors)
        return costs, data["names"]

    def error_targets(self) -> dict:
        targets = {}
        for i, p in enumerate(self.panels, start=1):
            targets.update(p.error_targets(f"offers[{i}]."))
        return targets

    def reveal(self, by_field: dict):
        for i, p in enumerate(self.panels, start=1):
            more = tuple(f"offers[{i}].{n}" for n in ("upfront_deduction", "monthly_fee",
                                                       "extras"))
            if not p.more.open and any(k.startswith(more) for k in by_field):
                p.more.toggle()

    # ----- results -----------------------------------------------------------------------

    def _names_of_costs(self) -> list:
        typed = self.result[1] if self.result is not None else []
        return [name or t(self.lang, "tc.offer_default_name", n=i)
                for i, name in enumerate(typed, start=1)]

    def sentences(self) -> list:
        """The comparison sentence, then what each offer's quote comes to."""
        names = self._names_of_costs()
        out = [true_cost_report.compare_sentence(self.costs, names, self.lang)]
        for name, c in zip(names, self.costs):
            out.append(t(self.lang, "tc.sentence.quote_vs_real", name=name,
                         quoted=true_cost_report.quoted_text(c.flows, self.lang),
                         rate=i18n.percent(c.rates["nominal"], self.lang)))
        return out

    def before_render(self):
        lang = self.lang
        set_html(self.lines_html, self._lines())
        set_html(self.assumptions_html, bullet_list(
            [t(lang, "tc.assumption.irr"), t(lang, "tc.assumption.received"),
             t(lang, "tc.assumption.fee_rate"), t(lang, "tc.assumption.daily", days=360),
             t(lang, "tc.assumption.simple"), t(lang, "tc.assumption.early")]))

    def render_result(self):
        lang = self.lang
        names = self._names_of_costs()
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
        return chart_pair(lambda width, tag: draw(self.costs, names, self.lang, width=width,
                                                  uid=f"bh-tc-{kind}-{tag}"), narrow=360)

    def _lines(self) -> str:
        lang = self.lang
        src = presets.sources()
        colon = t(lang, "view.colon")
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
            rows = [[i18n.date(d, lang), money(f.amounts[k], lang, table=True), money(f.cost[k], lang, table=True),
                     money(c.cost_to_date[k], lang, table=True)] for k, d in enumerate(f.dates)]
            headers = [t(lang, "tc.schedule.date"), t(lang, "tc.schedule.payment"),
                       t(lang, "tc.schedule.cost"), t(lang, "tc.schedule.cost_to_date")]
            out.append(html_table(headers, rows, caption=t(lang, "tc.schedule.caption", name=name),
                                  numeric=(1, 2, 3)))
        return "".join(out)


def show(**kwargs):
    """The app for a notebook cell, in the language of the page's URL."""
    return TrueCostApp.from_environment(**kwargs)


__all__ = ["OfferPanel", "TrueCostApp", "cost_chart", "rates_chart", "show"]
