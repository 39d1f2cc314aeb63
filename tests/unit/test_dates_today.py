"""Dates start from the reader's today (issue 14): a scenario, a card or an offer without a date
of its own starts on ``simulators.core.dates.today()``; the apps show today in their date fields,
and the reader can change every date; no preset or app fixes a date to a year."""

import datetime as dt
import pathlib
import re

import pytest

from simulators.core import dates
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict
from simulators.minimum_payment.inputs import card_from_dict
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.report import sentences as plan_sentences
from simulators.repayment_plan.engine import plan_options
from simulators.true_cost.engine import offer_flows
from simulators.true_cost.inputs import offer_from_dict

ROOT = pathlib.Path(__file__).resolve().parents[2]
DECEMBER = dt.date(2026, 12, 6)


@pytest.fixture
def december(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: DECEMBER)
    return DECEMBER


def test_a_loan_without_a_start_date_starts_today(december):
    r = simulate(scenario_from_dict({"preset": "cn_internet_instalment", "late": []}))
    assert r.schedule.start_date == DECEMBER
    # The first instalment falls due a month later, in the next year.
    assert r.schedule.due_dates[0] == dt.date(2027, 1, 6)
    given = scenario_from_dict({"preset": "custom", "loan": {"start_date": "2025-03-31"}})
    assert given.loan.start_date == dt.date(2025, 3, 31)


def test_a_card_and_an_offer_without_a_date_start_today(december):
    assert card_from_dict({"card": {"balance": 5000}}).card.statement_date == DECEMBER
    flows = offer_flows(offer_from_dict({"principal": 1000, "term_months": 3, "quote": "annual_rate",
                                         "rate": 0.12}))
    assert flows.received_date == DECEMBER
    assert flows.dates[-1] == dt.date(2027, 3, 6)


def test_a_december_reader_is_not_told_a_2026_record_end(december):
    """A plan agreed today: the months already missed stay visible five years from today
    (6 Dec 2026 + 5 years), not from a fixed January 2026 first statement."""
    pi = plan_from_dict({"card": {"balance": 20000}, "plan": {"months": 36, "missed_payments": 2}})
    said = " ".join(plan_sentences(plan_options(pi), pi, "en"))
    assert "until 5 Jan 2031" not in said
    assert "until 6 Dec 2031" in said


@pytest.mark.parametrize("app_name", ["late_payment", "credit_record", "minimum_payment",
                                      "repayment_plan"])
def test_the_apps_date_field_shows_today_and_can_be_changed(app_name, december):
    from simulators.ui.credit_record import CreditRecordApp
    from simulators.ui.late_payment import LatePaymentApp
    from simulators.ui.minimum_payment import MinimumPaymentApp
    from simulators.ui.repayment_plan import RepaymentPlanApp

    cls = {"late_payment": LatePaymentApp, "credit_record": CreditRecordApp,
           "minimum_payment": MinimumPaymentApp, "repayment_plan": RepaymentPlanApp}[app_name]
    app = cls(lang="zh")
    key = {"late_payment": "loan.start_date", "credit_record": "start_date"}.get(
        app_name, "card.statement_date")
    field = app.fields[key]
    assert field.value == "2026-12-06"
    field.value = "2025-02-28"
    assert not app.errors and app.result is not None
    data = app.read_inputs()
    part = data.get("loan") or data.get("card")
    assert part["start_date" if "loan" in data else "statement_date"] == "2025-02-28"


def test_the_true_cost_app_pays_out_today(december):
    from simulators.ui.true_cost import TrueCostApp

    app = TrueCostApp(lang="en")
    assert app.result is not None
    assert all(c.flows.received_date == DECEMBER for c in app.costs)
    field = app.panels[0].fields["start_date"]
    assert field.value == "2026-12-06"
    field.value = "2026-01-31"
    assert not app.errors
    # A one-month loan paid out on 31 Jan is repaid on 28 Feb (the month's last day).
    assert app.costs[0].flows.received_date == dt.date(2026, 1, 31)
    assert app.costs[0].flows.dates[0] == dt.date(2026, 2, 28)
    field.value = "31/01/2026"
    assert app.errors and field.value == "31/01/2026"  # reported, and what was typed is kept


YEAR_AS_DEFAULT = re.compile(r"dt\.date\(\s*20\d\d|datetime\.date\(\s*20\d\d|\"20\d\d-\d\d-\d\d\"")


def test_no_preset_or_app_fixes_a_date_to_a_year():
    """Code that supplies defaults (models, inputs, presets, the apps) holds no literal date."""
    files = [*ROOT.glob("simulators/presets/**/*.json"), *ROOT.glob("simulators/ui/**/*.py"),
             *ROOT.glob("simulators/*/inputs.py"), *ROOT.glob("simulators/*/model.py"),
             ROOT / "simulators/core/schedule.py", ROOT / "simulators/core/presets.py"]
    found = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            example = "``" in line or ">>>" in line  # a docstring's worked example
            if YEAR_AS_DEFAULT.search(line) and '"as_of"' not in line and not example:
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
