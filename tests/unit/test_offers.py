"""Offers as quoted -> cash flows -> what they cost, checked against sums written out here and
against numpy-financial; the offer file contract and the command line."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pytest

from simulators.core import i18n
from simulators.true_cost import engine as true_cost_engine
from simulators.true_cost import report as true_cost_report
from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost.model import Extra, Offer
from simulators.true_cost.inputs import offer_from_dict
from simulators.true_cost.engine import flows_from_dict
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.core.fields import FieldError, ScenarioError

ROOT = Path(__file__).resolve().parents[2]
D0 = dt.date(2026, 1, 15)


def cost_of(**offer):
    return true_cost(offer_flows(offer_from_dict(offer)))


def irr(flows):
    return npf.irr([-flows.received_cents, *flows.amounts.astype(float)])


def test_monthly_fee_rate_written_out():
    # 10,000 over 12 months at 0.6% a month on the original principal: 60 yuan fee every month,
    # principal 833.33 a month (cents spread so the parts add up to 10,000), 720 of fees.
    c = cost_of(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    f = c.flows
    assert f.received_cents == 1_000_000
    assert list(f.cost) == [6_000] * 12
    assert int((f.amounts - f.cost).sum()) == 1_000_000
    assert set((f.amounts - f.cost).tolist()) <= {83_333, 83_334}
    assert c.total_cost == 72_000 and c.by_kind["fees"] == 72_000
    assert c.rates["monthly"] == pytest.approx(irr(f), abs=1e-8)
    # The lesson's point: 0.6% a month "x 12" is 7.2%, but the rate on the money in hand is
    # close to twice that.
    assert 0.125 < c.rates["nominal"] < 0.135
    assert c.rates["nominal"] > 1.75 * 0.072


def test_total_fee_is_the_same_as_the_monthly_fee_it_spreads_to():
    a = cost_of(principal=10_000, term_months=12, quote="total_fee_rate", rate=0.072)
    b = cost_of(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    assert list(a.flows.amounts) == list(b.flows.amounts)
    assert a.rates["nominal"] == pytest.approx(b.rates["nominal"])


def test_total_fee_with_odd_cents_adds_up():
    c = cost_of(principal=10_000, term_months=7, quote="total_fee_rate", rate=0.039)
    assert int(c.flows.cost.sum()) == 39_000  # 3.9% of 10,000, spread over 7 instalments


def test_annual_rate_with_a_deduction_written_out():
    # 10,000 at 9.6% a year (0.8% a month), equal instalments, 300 deducted when paid out.
    # Level payment = 10,000 x 0.008 / (1 - 1.008^-12) = 877.30 (to the cent).
    c = cost_of(principal=10_000, term_months=12, quote="annual_rate", rate=0.096,
                upfront_deduction=300)
    level = round(10_000 * 0.008 / (1 - 1.008 ** -12), 2)
    assert level == 877.30
    assert c.flows.received_cents == 970_000
    assert c.flows.amounts[0] == 87_730
    assert c.by_kind["deduction"] == 30_000
    assert c.total_cost == c.total_paid - 970_000
    assert c.rates["monthly"] == pytest.approx(irr(c.flows), abs=1e-8)
    # Without the deduction the rate is the contract rate, 9.6%; the deduction adds to it.
    plain = cost_of(principal=10_000, term_months=12, quote="annual_rate", rate=0.096)
    assert plain.rates["nominal"] == pytest.approx(0.096, abs=2e-5)
    assert c.rates["nominal"] > plain.rates["nominal"] + 0.05


def test_daily_rate_for_30_days():
    # 1,000 for 30 days at 0.05% a day: 1,000 x 0.0005 x 30 = 15 yuan; simple 18.25% a year.
    c = cost_of(principal=1_000, term_months=1, quote="daily_rate", rate=0.0005, method="bullet",
                term_days=30)
    assert list(c.flows.amounts) == [101_500]
    assert c.flows.dates == (D0 + dt.timedelta(days=30),)
    assert c.rates["simple"] == pytest.approx(0.1825, abs=1e-10)
    assert true_cost_engine.shows_simple_rate(c.flows)


def test_daily_rate_over_months_is_the_daily_rate_times_360():
    daily = cost_of(principal=20_000, term_months=12, quote="daily_rate", rate=0.0003)
    annual = cost_of(principal=20_000, term_months=12, quote="annual_rate", rate=0.108)
    assert list(daily.flows.amounts) == list(annual.flows.amounts)
    d365 = cost_of(principal=20_000, term_months=12, quote="daily_rate", rate=0.0003, day_count=365)
    assert d365.rates["nominal"] > daily.rates["nominal"]


def test_fixed_fees_and_add_ons():
    # 19 yuan membership with every instalment, 100 insurance once at the start, 5 yuan fee.
    c = cost_of(principal=10_000, term_months=6, quote="annual_rate", rate=0.12, monthly_fee=5,
                extras=[{"kind": "membership", "amount": 19, "when": "monthly"},
                        {"kind": "insurance", "amount": 100, "when": "upfront"}])
    base = cost_of(principal=10_000, term_months=6, quote="annual_rate", rate=0.12)
    assert list(c.flows.amounts - base.flows.amounts) == [2_400] * 6
    assert c.flows.received_cents == 990_000
    assert c.by_kind == {"interest": base.by_kind["interest"], "fees": 3_000, "deduction": 0,
                         "extras": 6 * 1_900 + 10_000}
    assert sum(c.by_kind.values()) == c.total_cost
    assert c.cost_to_date[-1] == c.total_cost


def test_bullet_pays_every_month_of_fees_at_once():
    c = cost_of(principal=10_000, term_months=3, quote="monthly_fee_rate", rate=0.01,
                method="bullet")
    # A fee-rate offer repays in equal parts whatever method is given.
    assert len(c.flows.amounts) == 3
    b = cost_of(principal=10_000, term_months=3, quote="annual_rate", rate=0.12, method="bullet",
                monthly_fee=10)
    assert list(b.flows.amounts) == [1_000_000 + 30_000 + 3_000]


def test_payments_file_and_cost_to_date():
    data = json.loads((ROOT / "examples" / "offer-payments.json").read_text())
    c = true_cost(flows_from_dict(data))
    assert round(c.rates["nominal"] * 100, 2) == 12.80
    assert c.total_cost == 12 * 883_330 - 9_900_000
    assert c.cost_to_date[-1] == c.total_cost
    assert (np.diff(c.cost_to_date) >= 0).all()
    # The first month's cost is one month's interest at the rate found.
    assert c.cost_to_date[0] == pytest.approx(9_900_000 * c.rates["monthly"], abs=1)


def test_payments_are_read_in_date_order():
    data = {"received": 1_000, "received_date": "2026-01-15",
            "payments": [{"date": "2026-03-15", "amount": 520}, {"date": "2026-02-15", "amount": 520}]}
    f = flows_from_dict(data)
    assert f.dates == (dt.date(2026, 2, 15), dt.date(2026, 3, 15))


def test_loan_file_is_the_late_payment_schedule():
    from tests.helpers import run

    data = json.loads((ROOT / "examples" / "offer-loan.json").read_text())
    c = true_cost(flows_from_dict(data))
    r = run(loan=data["loan"])
    assert list(c.flows.amounts) == list(r.schedule.payment)
    assert c.rates["nominal"] == pytest.approx(r.apr_on_time["nominal"], abs=1e-12)


def codes(data, reader=flows_from_dict):
    with pytest.raises(ScenarioError) as e:
        reader(data)
    return {(err.field, err.code) for err in e.value.errors}


def test_bad_offers_name_each_field():
    got = codes({"offer": {"principal": -5, "term_months": 0, "quote": "weekly", "rate": "abc",
                           "colour": "red"}})
    assert got == {("offer.principal", "money_range"), ("offer.term_months", "int_range"),
                   ("offer.quote", "choice"), ("offer.rate", "not_a_number"),
                   ("offer.colour", "unknown_field")}


def test_rate_range_depends_on_the_quote():
    assert codes({"offer": {"principal": 1000, "term_months": 12, "quote": "monthly_fee_rate",
                            "rate": 0.2}}) == {("offer.rate", "rate_range")}
    err = FieldError("offer.rate", "rate_range", (("min", 0), ("max", 0.01)), "rate")
    assert i18n.error_message(err, "en") == "Quoted rate: must be between 0% and 1%."
    assert i18n.error_message(err, "zh") == "报价利率/费率：须在0%至1%之间。"


def test_deduction_must_leave_money_to_receive():
    got = codes({"offer": {"principal": 1000, "term_months": 12, "quote": "annual_rate",
                           "rate": 0.1, "upfront_deduction": 900,
                           "extras": [{"kind": "insurance", "amount": 100, "when": "upfront"}]}})
    assert got == {("offer.upfront_deduction", "fee_below_principal")}


def test_term_in_days_needs_one_payment():
    assert codes({"offer": {"principal": 1000, "term_months": 1, "quote": "daily_rate",
                            "rate": 0.0005, "term_days": 30}}) == {("offer.term_days",
                                                                    "days_need_bullet")}


def test_bad_payments():
    got = codes({"received": 1000, "received_date": "2026-01-15",
                 "payments": [{"date": "2026-01-01", "amount": 500}, {"date": "x", "amount": -1}]})
    assert got == {("payments[1].date", "date_before_received"), ("payments[2].date", "not_a_date"),
                   ("payments[2].amount", "money_range")}
    assert codes({"received": 1000, "received_date": "2026-01-15", "payments": []}) == {
        ("payments", "payments_count")}


def test_paid_less_than_received_has_no_rate_in_both_languages():
    f = flows_from_dict({"received": 1000, "received_date": "2026-01-15",
                         "payments": [{"date": "2026-02-15", "amount": 900}]})
    with pytest.raises(ScenarioError) as e:
        true_cost(f)
    (err,) = e.value.errors
    assert (err.field, err.code) == ("payments", "no_rate_paid_less")
    assert "less than the money received" in i18n.error_message(err, "en")
    assert "少于实际到手金额" in i18n.error_message(err, "zh")


def test_compare_sentence_same_money():
    a = cost_of(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    b = cost_of(principal=10_000, term_months=12, quote="annual_rate", rate=0.10)
    # b is cheaper: 10% a year against about 13%.
    want = (f"B is the cheapest: it costs {i18n.money(a.total_cost - b.total_cost, 'en')} less "
            f"than A over the loan, and its annual rate is "
            f"{(a.rates['nominal'] - b.rates['nominal']) * 100:.2f} percentage points lower "
            f"({i18n.percent(b.rates['nominal'], 'en')} against "
            f"{i18n.percent(a.rates['nominal'], 'en')}).")
    assert true_cost_report.compare_sentence([a, b], ["A", "B"], "en") == want
    assert true_cost_engine.cheapest([a, b]) == 1


def test_compare_sentence_different_amounts_compares_rates():
    a = cost_of(principal=10_000, term_months=12, quote="annual_rate", rate=0.10)
    b = cost_of(principal=5_000, term_months=6, quote="annual_rate", rate=0.20)
    s = true_cost_report.compare_sentence([a, b], ["A", "B"], "en")
    assert s.startswith("A is the cheapest per yuan per year") and "compare the rates" in s
    assert "方案" not in s


def test_reference_lines_have_sources_and_dates():
    from simulators.core import presets

    src = presets.sources()
    lines = true_cost_inputs.reference_lines()
    assert [line["rate"] for line in lines] == [0.12, 0.24, 0.36]
    for line in lines:
        assert line["source"] in src and all(k in src for k in line.get("also", []))
        assert line["as_of"] and line["means"]["zh"] and line["not_means"]["en"]
        assert (line["status"] == "verified") == (src[line["source"]]["status"] == "verified")
    # 4 x the one-year LPR of 3.0% (as of March 2026) is the 12% line.
    assert lines[0]["rate"] == pytest.approx(4 * 0.030)


def test_example_offers_are_valid_and_sourced():
    from simulators.core import presets

    for ex in true_cost_inputs.examples():
        assert ex["source"] in presets.sources()
        true_cost(offer_flows(offer_from_dict(ex["offer"])))


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "simulators", "true-cost", *args],
                          capture_output=True, text=True, input=stdin, cwd=ROOT)


def test_command_line_json():
    done = run_cli(str(ROOT / "examples" / "offer-payments.json"), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert round(doc["apr"]["nominal"] * 100, 2) == 12.80
    assert round(doc["apr"]["effective"] * 100, 2) == 13.58
    assert doc["total_paid"] == pytest.approx(12 * 8_833.30)
    assert doc["total_cost"] == pytest.approx(12 * 8_833.30 - 99_000)
    assert [x["above"] for x in doc["reference_lines"]] == [True, False, False]


def test_command_line_table_in_chinese():
    done = run_cli(str(ROOT / "examples" / "offer-daily-30-days.json"), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert "日利率0.050%" in done.stdout and "18.25%" in done.stdout and "1,015.00元" in done.stdout


def test_command_line_bad_input():
    done = run_cli("-", "--lang", "zh", stdin=json.dumps(
        {"received": 1000, "received_date": "2026-01-15",
         "payments": [{"date": "2026-02-15", "amount": 900}]}))
    assert done.returncode == 2
    assert "还款总额少于实际到手金额" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("-", stdin="{not json")
    assert done.returncode == 2 and "not valid JSON" in done.stderr


def test_offer_dataclass_directly():
    o = Offer(principal=1000, term_months=2, quote="annual_rate", rate=0.12,
              extras=(Extra("guarantee", 10, "monthly"),))
    f = offer_flows(o)
    assert f.by_kind["extras"] == 2_000 and len(f.dates) == 2
