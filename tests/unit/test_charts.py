"""The charts, drawn without a widget: every chart function of ``simulators/ui/charts`` gives
well-formed SVG (parsed as XML) with a title and a description for screen readers, in the page's
language, and the same SVG as its golden file in ``tests/unit/golden/`` (a change to a chart
shows up as a diff to look at; ``BH_UPDATE_GOLDEN=1`` writes the files anew after looking)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from simulators.credit_record.engine import record_from_dict
from simulators.late_payment.engine import compute as late_compute
from simulators.late_payment.inputs import from_dict as late_from_dict
from simulators.minimum_payment.engine import compute as card_compute
from simulators.minimum_payment.inputs import from_dict as card_from_dict
from simulators.repayment_plan.engine import owed_paths, plan_options
from simulators.repayment_plan.inputs import from_dict as plan_from_dict
from simulators.true_cost.engine import compute as cost_compute
from simulators.true_cost.inputs import from_dict as cost_from_dict
from simulators.core import i18n
from simulators.ui.charts import credit_record, late_payment, minimum_payment, repayment_plan
from simulators.ui.charts import true_cost

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"

LATE = {"preset": "cn_internet_instalment", "loan": {"principal": 30_000, "term_months": 24},
        "late": [{"stop_from": 10, "days": 100}]}
OFFERS = [{"offer": {"principal": 10_000, "term_months": 12, "quote": "monthly_fee_rate",
                     "rate": 0.006, "method": "equal_principal"}},
          {"offer": {"principal": 10_000, "term_months": 12, "quote": "annual_rate", "rate": 0.096}}]
CARD = {"card": {"balance": 8_000}, "pay": [{"kind": "minimum"}, {"kind": "months", "months": 12}]}
PLAN = {"card": {"balance": 20_000, "statement_date": "2026-01-05"}, "plan": {"months": 36, "missed_payments": 2},
        "new_loan": {"annual_rate": 0.12, "months": 36}}


def draw(name: str, lang: str, width: int) -> str:
    if name in ("owed", "late_cost"):
        r = late_compute(late_from_dict(LATE))
        chart = late_payment.owed_chart if name == "owed" else late_payment.cost_chart
        return chart(r, lang, width=width)
    if name in ("rates", "offer_cost"):
        costs = [cost_compute(cost_from_dict(o)) for o in OFFERS]
        chart = true_cost.rates_chart if name == "rates" else true_cost.cost_chart
        return chart(costs, ["A", "B"], lang, width=width)
    if name == "record":
        return credit_record.timeline_svg(record_from_dict(LATE), lang, width=width)
    if name == "card":
        return minimum_payment.balance_chart(card_compute(card_from_dict(CARD)), lang, width=width)
    pi = plan_from_dict(PLAN)
    return repayment_plan.options_chart(pi, plan_options(pi), owed_paths(pi), lang, width=width)


CHARTS = ["owed", "late_cost", "rates", "offer_cost", "record", "card", "plan"]
CASES = [(c, lang, w) for c in CHARTS for lang in ("en", "zh") for w in (360, 720)]


def svg_of(markup: str) -> ET.Element:
    """The chart's ``<svg>`` (the credit-record chart has its dates in words after it)."""
    match = re.search(r"<svg\b.*?</svg>", markup, re.S)
    assert match, "no <svg> in the chart"
    return ET.fromstring(match.group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
                         if "xmlns" not in match.group(0) else match.group(0))


@pytest.mark.parametrize("name, lang, width", CASES)
def test_a_chart_is_well_formed_svg_that_names_itself_in_its_language(name, lang, width):
    root = svg_of(draw(name, lang, width))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    labelled = root.get("aria-labelledby", "").split()
    assert title.get("id") in labelled and desc.get("id") in labelled
    text = " ".join([title.text, desc.text] + [t.text or "" for t in root.iter(f"{SVG}text")])
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", title.text), title.text
        assert not re.search(r"\b(the|and|of|Paying|months?)\b", text), text[:300]
    else:
        assert not re.search(r"[\u4e00-\u9fff]", text), text[:300]
    assert float(root.get("viewBox").split()[2]) == width


@pytest.mark.parametrize("name, lang, width", CASES)
def test_a_chart_is_the_same_as_its_golden_file(name, lang, width):
    markup = draw(name, lang, width)
    path = GOLDEN / f"{name}.{lang}.{width}.svg"
    if os.environ.get("BH_UPDATE_GOLDEN"):
        path.write_text(markup, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with BH_UPDATE_GOLDEN=1 and look at it"
    assert markup == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,due,saving", [
    ("en", "Due at once on 13 Aug 2026: ¥", "¥995.05: not a saving"),
    ("zh", "2026年8月13日这一天要一次拿出：", "995.05元（并非省钱）"),
])
def test_a_called_in_loan_leads_with_what_is_due_at_once_and_no_saving(lang, due, saving):
    """Chen Jing stops paying from instalment 3 (due 15 Apr 2026) and the loan is called in; she
    pays 120 days later, on 13 Aug 2026 (15 Apr + 30 + 31 + 30 + 29). The late path's total cost
    is lower (later interest is no longer charged): the chart says the whole debt is due at once,
    before the bars, and labels the lower total as no saving."""
    from simulators.late_payment.engine import simulate
    from simulators.late_payment.inputs import scenario_from_dict

    r = simulate(scenario_from_dict({"preset": "cn_internet_instalment",
                                     "loan": {"start_date": "2026-01-15"},
                                     "late": [{"stop_from": 3, "days": 120}]}))
    assert r.late.total_cost < r.on_time.total_cost
    svg = late_payment.cost_chart(r, lang, width=360)
    assert 'class="bh-due-at-once"' in svg and due in svg and saving in svg
    # The marker comes before the bars: its text is drawn above the first row's label.
    assert svg.index(due) < svg.index(i18n.t(lang, "table.on_time"), svg.index("</desc>"))
    # Instalments 3 to 12 are due on that one day.
    amount = r.due_at_once[0]["amount"]
    assert r.due_at_once[0]["instalments"] == tuple(range(3, 13))
    assert i18n.money(amount, lang) in svg


def test_a_late_path_that_costs_more_is_not_labelled_no_saving():
    from simulators.late_payment.engine import simulate
    from simulators.late_payment.inputs import scenario_from_dict

    r = simulate(scenario_from_dict({"preset": "cn_internet_instalment",
                                     "late": [{"instalment": 3, "days_late": 10}]}))
    svg = late_payment.cost_chart(r, "en", width=720)
    assert "not a saving" not in svg and "bh-due-at-once" not in svg
