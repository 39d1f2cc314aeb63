"""The "Can I afford a plan?" simulator: staying overdue, an instalment plan negotiated with the
bank, and a new loan, side by side, each with one sentence on what it costs in money and in the
credit record.

The view builds a plan file (``simulators.repayment_plan.inputs.plan_from_dict``, the contract of
``python -m simulators repayment-plan``) from the widgets and shows the engine's options::

    app = RepaymentPlanApp(lang="en")
    app.fields["plan.months"].value = "48"
    app.sentences()          # card_input.option_sentence for each option
"""

from __future__ import annotations

from html import escape

from simulators.core import presets
from simulators.core.i18n import t
from simulators.minimum_payment.inputs import card_presets
from simulators.repayment_plan.engine import credit_view, owed_paths, plan_options
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.report import (
    option_headers,
    option_rows,
)
from simulators.repayment_plan.report import sentences as plan_sentences
from simulators.ui.cards import CardApp, card_defaults
from simulators.ui.charts.repayment_plan import options_chart
from simulators.ui.components import responsive_table, set_html


class RepaymentPlanApp(CardApp):
    """Staying overdue, an instalment plan and a new loan: what each costs, and the record."""

    KEY = "rp"
    TITLE = "rp.title"
    INTRO = "rp.intro"
    INPUTS = {
        "card.balance": ("money", False),
        "card.statement_date": ("date", False),
        "plan.missed_payments": ("int", False),
        "plan.months": ("int", False),
        "plan.annual_rate": ("percent", False),
        "new_loan.annual_rate": ("percent", True),
        "new_loan.months": ("int", True),
    }
    MORE_INPUTS = {
        "terms.annual_rate": ("percent", False),
        "terms.default_penalty_rate": ("percent", False),
        "plan.monthly_fee_rate": ("percent", False),
        "new_loan.upfront_fee": ("money", False),
    }

    check_scenario = staticmethod(plan_from_dict)

    def load_more(self, data: dict):
        if not isinstance(data.get("new_loan"), dict):
            self.fields["new_loan.annual_rate"].value = ""  # no new loan to compare

    def defaults(self, preset_id: str) -> dict:
        card = card_defaults(preset_id)
        balance = card_presets()[preset_id]["card"]["balance"]["value"] * 2
        return {
            "card.balance": f"{balance:g}",
            "plan.missed_payments": "2",
            "plan.months": "36",
            # The card's own rate until the reader says the bank waives it: the simulator never
            # assumes a better plan than a bank must give.
            "plan.annual_rate": card["terms.annual_rate"],
            "plan.monthly_fee_rate": "0",
            # A new loan at the top of what a licensed lender may charge (the 24% line): someone
            # already behind cannot expect better, and a lower default would make borrowing
            # again look cheaper than asking the bank (a reader's review).
            "new_loan.annual_rate": "24",
            "new_loan.months": "36",
            "new_loan.upfront_fee": "0",
            "terms.annual_rate": card["terms.annual_rate"],
            "terms.default_penalty_rate": card["terms.default_penalty_rate"],
        }

    def read_inputs(self) -> dict:
        data = {"preset": self.preset.value, "card": {}, "terms": {}, "plan": {}, "new_loan": {}}
        for key in self.fields:
            part, name = key.split(".", 1)
            data[part][name] = self.parsed(key)
        loan = data["new_loan"]
        if loan.get("annual_rate") is None:
            data["new_loan"] = None  # no rate: no loan to compare
        else:
            data["new_loan"] = {k: v for k, v in loan.items() if v is not None}
        return self.with_link_extra(data)

    def compute(self, data):
        pi = plan_from_dict(data)
        return pi, plan_options(pi), owed_paths(pi)

    def sentences(self) -> list:
        pi, options, _ = self.result
        return plan_sentences(options, pi, self.lang)

    def draw(self, width: int, tag: str) -> str:
        pi, options, paths = self.result
        return options_chart(pi, options, paths, self.lang, width=width, uid=f"bh-rp-{tag}")

    def render_result(self):
        super().render_result()
        lang = self.lang
        pi, options, _ = self.result
        rows = option_rows(options, pi, lang)
        money_rows = [r[:6] for r in rows]
        table = responsive_table(option_headers(lang)[:6], money_rows,
                                 caption=t(lang, "rp.table.caption"), numeric=(1, 2, 3, 4, 5))
        # The credit record, one line per option: the codes month by month.
        record = []
        for o in options:
            view = credit_view(o, pi.missed_payments, pi.card.statement_date)
            before = " ".join(view.before)
            codes = " ".join(view.codes)
            shown = (f'<span class="bh-codes">{escape(before)} | {escape(codes)}</span>'
                     if before else f'<span class="bh-codes">{escape(codes)}</span>')
            record.append(f"<li><strong>{escape(t(lang, f'plan.option.{o.kind}'))}</strong>: "
                          f"{shown}</li>")
        src = presets.sources()
        record_html = (f"<h3>{escape(t(lang, 'rp.record.heading'))}</h3>"
                       f'<ul class="bh-list">{"".join(record)}</ul>'
                       f'<p class="bh-note"><small>{escape(t(lang, "rp.record.legend"))}</small></p>'
                       f'<p class="bh-note"><small>{escape(t(lang, "plan.codes_note"))} '
                       f'{escape(t(lang, "table.source"))}: '
                       f'{escape(src["crc-repayment-codes"][lang])}; '
                       f'{escape(src["credit-reporting-regulation-2013"][lang])}</small></p>')
        agree = (f'<div class="bh-model"><p>{escape(t(lang, "plan.may_agree"))}</p>'
                 f'<p><small>{escape(t(lang, "table.source"))}: '
                 f'{escape(src["cbrc-2011-credit-card"][lang])}</small></p></div>')
        set_html(self.table_html, table + agree + record_html)
        set_html(self.sources_html, self.sources_list(pi.card, pi.preset))


def show(**kwargs):
    """The app for a notebook cell, in the language of the page's URL."""
    return RepaymentPlanApp.from_environment(**kwargs)


__all__ = ["RepaymentPlanApp", "show"]
