"""The "Minimum payment" simulator: how long and how much, for each way of paying a card.

The view translates widget values into a card file (the format of
``simulators.minimum_payment.inputs.card_from_dict``, the same contract as
``python -m simulators credit-card``) and the engine's results into a chart, a table and one
sentence per way of paying, in the reader's language. Usable without a browser::

    app = MinimumPaymentApp(lang="en")
    app.fields["card.balance"].value = "20000"
    app.sentences()          # card_sentence for each way of paying

Whatever the reader types stays in its field; a value that cannot be used is reported next to
the field and in a summary, and the last valid result stays on screen, marked as not matching
(the frame, ``simulators.ui.frame``, does that for every app).
"""

from __future__ import annotations

from html import escape

from simulators.core.i18n import t
from simulators.minimum_payment.engine import simulate_all
from simulators.minimum_payment.inputs import card_from_dict, card_presets, currency
from simulators.minimum_payment.report import card_headers, card_rows
from simulators.minimum_payment.report import sentences as card_sentences
from simulators.ui.cards import DEFAULT_PRESET, CardApp, card_defaults, money_text
from simulators.ui.charts.minimum_payment import balance_chart
from simulators.ui.components import responsive_table, set_html, value_text


class MinimumPaymentApp(CardApp):
    """The minimum payment against paying more: months to pay off and interest for each."""

    KEY = "mp"
    TITLE = "mp.title"
    INTRO = "mp.intro"
    INPUTS = {
        "card.balance": ("money", False),
        "card.statement_date": ("date", False),
        "terms.annual_rate": ("percent", False),
        "terms.min_rate": ("percent", False),
        "pay.fixed": ("money", True),
        "pay.months": ("int", True),
    }
    MORE_INPUTS = {
        "terms.interest_method": ("choice", False),
        "terms.min_floor": ("money", False),
        "terms.grace_days": ("int", False),
        "terms.default_penalty_rate": ("percent", False),
    }

    check_scenario = staticmethod(card_from_dict)

    def load_more(self, data: dict):
        pay = {}  # the first of each kind: the app has one field for each
        for e in data.get("pay") or []:
            if isinstance(e, dict):
                pay.setdefault(e.get("kind"), e)
        self.fields["pay.fixed"].value = value_text(pay["fixed"]["amount"], "money") \
            if "fixed" in pay else ""
        self.fields["pay.months"].value = str(pay["months"]["months"]) if "months" in pay else ""

    def defaults(self, preset_id: str) -> dict:
        out = card_defaults(preset_id)
        balance = card_presets()[preset_id]["card"]["balance"]["value"]
        out["pay.fixed"] = money_text(round(balance * 0.1 if preset_id == DEFAULT_PRESET
                                            else balance * 0.05))
        out["pay.months"] = "12"
        return out

    def read_inputs(self) -> dict:
        data = {"preset": self.preset.value, "card": {}, "terms": {}, "pay": [{"kind": "minimum"}]}
        self._pay_targets = {}
        for key in self.fields:
            part, name = key.split(".", 1)
            if part in ("card", "terms"):
                data[part][name] = self.parsed(key)
        for name, kind, field in (("fixed", "amount", "pay.fixed"),
                                  ("months", "months", "pay.months")):
            value = self.parsed(field)
            if value is not None:
                data["pay"].append({"kind": name, kind: value})
                self._pay_targets[f"pay[{len(data['pay'])}].{kind}"] = self.fields[field]
        return self.with_link_extra(data)

    def compute(self, data):
        ci = card_from_dict(data)
        return ci, simulate_all(ci)

    def error_targets(self) -> dict:
        targets = dict(self.fields)
        targets.update(getattr(self, "_pay_targets", {}))
        return targets

    def sentences(self) -> list:
        ci, results = self.result
        return card_sentences(results, self.lang, currency(ci.preset))

    def draw(self, width: int, tag: str) -> str:
        ci, results = self.result
        return balance_chart(results, self.lang, currency(ci.preset), width=width,
                             uid=f"bh-mp-{tag}")

    def render_result(self):
        super().render_result()
        lang = self.lang
        ci, results = self.result
        cur = currency(ci.preset)
        longest = max(results, key=lambda r: r.months)
        table = responsive_table(card_headers(lang), card_rows(results, lang, cur),
                                 caption=t(lang, "mp.table.caption"), numeric=(1, 3, 4, 5))
        note = ""
        if any(r.total_penalties for r in results):
            note = f'<p class="bh-note">{escape(t(lang, "mp.penalty_note"))}</p>'
        if longest.penalty_rate_months:
            note += f'<p class="bh-note">{escape(t(lang, "mp.penalty_rate_note"))}</p>'
        set_html(self.table_html, table + note)
        set_html(self.sources_html, self.sources_list(ci.card, ci.preset))


def show(**kwargs):
    """The app for a notebook cell, in the language of the page's URL."""
    return MinimumPaymentApp.from_environment(**kwargs)


__all__ = ["MinimumPaymentApp", "show"]
