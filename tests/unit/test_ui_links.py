"""Every app takes its whole scenario from the address (issue 18): ``scenario=`` (URL-safe base64
of the command line's JSON, ``examples/*.json``), a notice that says so, a plain message for a
link that cannot be read, and ``scenario_link`` that the instructor's kit calls."""

import html
import json
import pathlib
import urllib.parse

import pytest

from simulators.core.i18n import t
from simulators.ui import links
from simulators.ui.credit_record import CreditRecordApp
from simulators.ui.late_payment import LatePaymentApp
from simulators.ui.minimum_payment import MinimumPaymentApp
from simulators.ui.repayment_plan import RepaymentPlanApp
from simulators.ui.true_cost import TrueCostApp

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
APPS = {"late_payment": LatePaymentApp, "credit_record": CreditRecordApp,
        "true_cost": TrueCostApp, "minimum_payment": MinimumPaymentApp,
        "repayment_plan": RepaymentPlanApp}


def load(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def open_link(link: str):
    """The app a relative link opens, as Voila would build it from the page's query string."""
    app_file, _, query = link.partition("?")
    cls = APPS[app_file.removesuffix(".ipynb")]
    return cls(**cls.params_from_query(query))


def said(app) -> str:
    return " ".join(app.sentences())


# Each lesson case, its app, and figures a reader could check by hand.
CASES = [
    # 10,000 at 0.6% a month of the original amount, 12 months: 60 x 12 = 720 in fees.
    ("true_cost", "lesson-offer-a-monthly-fee.json", "en", ["¥720.00 in total on ¥10,000.00"]),
    # 300 deducted from 10,000: 9,700 in hand.
    ("true_cost", "lesson-offer-b-deduction.json", "zh", ["到手9,700元"]),
    # 20,000 over 36 months with no interest and no fee: 20,000 / 36 = 555.56 a month.
    ("repayment_plan", "lesson-repayment-plan.json", "en", ["¥725.56 a month"]),
    # The card's bill of 10,000; paying 1,000 and 2,000 a month are both compared.
    # (The app has one field for a fixed amount: the first one, 1,000, is shown.)
    ("minimum_payment", "lesson-card-minimum.json", "en", ["¥1,000.00 a month"]),
    # Instalment 3 of a loan from 15 Jan 2026 is due 15 Apr; 120 days later is 13 Aug 2026.
    ("late_payment", "lesson-late-payment-called-in.json", "en", ["On 13 Aug 2026 you must pay"]),
    # 15 Apr + 100 days = 24 Jul 2026; shown for 5 years after: 24 Jul 2031.
    ("credit_record", "lesson-credit-record.json", "zh", ["2031年7月24日"]),
    ("late_payment", "lesson-late-payment-cost.json", "zh", ["第3、4期逾期45天还款"]),
]


@pytest.mark.parametrize("app_name,example,lang,expected", CASES)
def test_an_app_opened_with_a_lesson_case_shows_its_numbers(app_name, example, lang, expected):
    link = links.scenario_link(app_name, load(example), lang)
    assert link.startswith(f"{app_name}.ipynb?lang={lang}&scenario=")
    app = open_link(link)
    assert app.lang == lang and app.result is not None and not app.errors
    text = said(app)
    for bit in expected:
        assert bit in text, (bit, text)
    notice = (app.notice_html if app_name == "credit_record" else app.link_notice).value
    key = "credit.ui.scenario_from_link" if app_name == "credit_record" else "ui.link.from_link"
    assert t(lang, key) in notice


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_every_example_file_opens_in_its_app(name):
    """Every example file loads in its app (a list of payments excepted: the app has no form for
    it, and says so) and gives the app's first sentence the same as entering it by hand."""
    data = load(name)
    app_name = ("minimum_payment" if name.startswith("card") or "card-minimum" in name
                else "repayment_plan" if "plan" in name
                else "true_cost" if "offer" in name
                else "credit_record" if "credit" in name else "late_payment")
    if name == "offer-payments.json":
        app = open_link(links.scenario_link(app_name, data, "en"))
        assert app.link_notice_kind == "corrupt" and app.result is not None
        return
    app = open_link(links.scenario_link(app_name, data, "en"))
    assert app.result is not None and not app.errors, name
    assert app.link_notice.layout.display == "" or app_name == "credit_record"


def test_a_linked_scenario_keeps_values_the_form_has_no_field_for():
    """The card example sets the days since purchase (no field in the app): the app computes
    with it, as the command line does."""
    data = load("card-minimum-vs-more.json")
    app = open_link(links.scenario_link("minimum_payment", data, "en"))
    assert app.read_inputs()["card"]["days_since_purchase"] == 15
    assert app.fields["card.statement_date"].value == "2026-01-05"
    assert app.fields["pay.months"].value == "12"


@pytest.mark.parametrize("app_name", sorted(APPS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_corrupt_link_is_a_plain_message_and_the_usual_example(app_name, lang):
    cls = APPS[app_name]
    for bad in ("scenario=%%%not-base64", "scenario=" + links.encode_scenario({"loan": 5}),
                "scenario=" + links.encode_scenario({"preset": "no-such-preset"})):
        app = cls(**cls.params_from_query(f"lang={lang}&{bad}"))
        assert app.result is not None  # the usual example, computed
        notice = (app.notice_html if app_name == "credit_record" else app.link_notice).value
        assert "⚠" in notice and "Traceback" not in notice
        if app_name != "credit_record":
            assert html.escape(t(lang, "ui.link.corrupt")) in notice


def test_scenario_link_refuses_what_would_not_open():
    with pytest.raises(ValueError):
        links.scenario_link("no_such_app", {}, "en")
    with pytest.raises(ValueError):
        links.scenario_link("late_payment", {"loan": {"principal": -5}}, "en")
    with pytest.raises(ValueError):
        links.scenario_link("late_payment", {}, "fr")
    link = links.scenario_link("true_cost.ipynb", load("offer-loan.json"), "zh", present=True)
    query = urllib.parse.parse_qs(link.partition("?")[2])
    assert query["present"] == ["1"] and query["lang"] == ["zh"]
    assert links.decode_scenario(query["scenario"][0]) == load("offer-loan.json")


@pytest.mark.parametrize("app_name", sorted(APPS))
def test_present_1_puts_the_app_in_projector_mode(app_name):
    cls = APPS[app_name]
    app = cls(**cls.params_from_query("lang=zh&present=1"))
    assert app.present and "bh-present" in app.root._dom_classes
    plain = cls(**cls.params_from_query("lang=zh"))
    assert not plain.present and "bh-present" not in plain.root._dom_classes
