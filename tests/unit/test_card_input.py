"""Card and plan files: validation at the boundary, the two commands, their tables and JSON."""

import datetime as dt
import json
import pathlib
import subprocess
import sys

import pytest

from simulators.core import i18n
from simulators.minimum_payment.model import Strategy
from simulators.minimum_payment.inputs import card_from_preset
from simulators.minimum_payment.engine import simulate_card
from simulators.minimum_payment.inputs import card_from_dict
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.engine import plan_options
from simulators.minimum_payment.report import run_command as run_card_command
from simulators.repayment_plan.report import run_command as run_plan_command
from simulators.repayment_plan.engine import credit_view, negotiated_plan
from simulators.core.fields import ScenarioError

ROOT = pathlib.Path(__file__).resolve().parents[2]
CARD_EXAMPLE = ROOT / "examples" / "card-minimum-vs-more.json"
PLAN_EXAMPLE = ROOT / "examples" / "plan-overdue-card.json"


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "simulators", *args], capture_output=True,
                          text=True, cwd=ROOT, input=stdin, timeout=60)


def errors_of(fn, data):
    with pytest.raises(ScenarioError) as e:
        fn(data)
    return {err.field: err for err in e.value.errors}


def test_preset_fills_what_the_file_leaves_out():
    ci = card_from_dict({})
    assert ci.card == card_from_preset("cn_credit_card")
    assert [s.kind for s in ci.pay] == ["minimum"]
    ci = card_from_dict({"preset": "us_credit_card", "terms": {"annual_rate": "19.99%"}})
    assert ci.card.rules.annual_rate == pytest.approx(0.1999)
    assert ci.card.rules.interest_method == "unpaid"


def test_every_bad_field_is_named_with_its_range_in_both_languages():
    bad = {"card": {"balance": -5, "statement_date": "2026-13-01"},
           "terms": {"min_rate": 2, "interest_method": "daily", "colour": 1},
           "pay": [{"kind": "fixed", "amount": "lots"}, {"kind": "months", "months": 0.5}]}
    found = errors_of(card_from_dict, bad)
    assert set(found) == {"card.balance", "card.statement_date", "terms.min_rate",
                          "terms.interest_method", "terms.colour", "pay[1].amount",
                          "pay[2].months"}
    en = i18n.error_message(found["terms.min_rate"], "en")
    zh = i18n.error_message(found["terms.min_rate"], "zh")
    assert en.startswith("Minimum payment (share of the balance)") and "0.50%" in en and "100%" in en
    assert zh.startswith("最低还款额（占余额的比例）") and "100%" in zh
    assert i18n.error_message(found["card.balance"], "en") == \
        "Balance on the bill: must be between ¥1.00 and ¥10,000,000.00."
    assert "还款方式2" in i18n.error_message(found["pay[2].months"], "zh")
    assert "full, unpaid" in i18n.error_message(found["terms.interest_method"], "en")


def test_plan_file_ranges():
    found = errors_of(plan_from_dict, {"plan": {"months": 61, "missed_payments": -1},
                                       "new_loan": {"annual_rate": 1.5}})
    assert set(found) == {"plan.months", "plan.missed_payments", "new_loan.annual_rate"}
    assert i18n.error_message(found["plan.months"], "en") == \
        "Months of the plan: must be a whole number from 1 to 60."
    assert i18n.error_message(found["plan.months"], "zh").startswith("方案期数（月）")


def test_pay_list_is_checked():
    assert "pay" in errors_of(card_from_dict, {"pay": []})
    assert "pay" in errors_of(card_from_dict, {"pay": [{"kind": "minimum"}] * 5})
    assert "preset" in errors_of(card_from_dict, {"preset": "nope"})


def test_card_command_matches_the_engine():
    doc, text = run_card_command(json.loads(CARD_EXAMPLE.read_text()), "en")
    card = card_from_preset("cn_credit_card")
    minimum = simulate_card(card, Strategy("minimum"))
    first = doc["results"][0]
    assert first["months"] == minimum.months == 64
    assert first["total_interest"] == minimum.total_interest / 100
    assert first["paid_off"] and len(first["statements"]) == 64
    assert doc["results"][2]["monthly_payment"] is not None
    assert "5 years 4 months" in text and "¥1,797.04" in text


def test_plan_command_gives_each_option_and_its_record():
    pi = plan_from_dict(json.loads(PLAN_EXAMPLE.read_text()))
    doc, text = run_plan_command(json.loads(PLAN_EXAMPLE.read_text()), "en")
    kinds = [o["option"] for o in doc["options"]]
    assert kinds == ["stay_overdue", "plan", "loan"]
    # The example's plan gives no rate: the card's own 18.25% applies (never an assumed waiver).
    # 20,000 over 36 months at 18.25% / 12 a month: 20000 r / (1 - (1 + r)^-36) = 725.56.
    r = 0.1825 / 12
    assert doc["options"][1]["monthly_payment"] == round(20000 * r / (1 - (1 + r) ** -36), 2) == 725.56
    assert pi.plan_rate == 0.1825 and negotiated_plan(pi.card, 36).first_payment == 55556
    overdue = doc["options"][0]["credit_record"]
    assert overdue["before"] == ["1", "2"] and overdue["codes"][:6] == ["3", "4", "5", "6", "7", "7"]
    assert overdue["visible_until"] is None and overdue["still_overdue"]
    kept = doc["options"][1]["credit_record"]
    assert set(kept["codes"][:-1]) == {"N"} and kept["codes"][-1] == "C"
    assert kept["visible_until"] == "2031-03-05"
    assert "may agree, it does not have to" in text and "停息挂账" in text


def test_no_missed_payment_leaves_a_clean_record():
    pi = plan_from_dict({"plan": {"missed_payments": 0, "months": 12}})
    plan = plan_options(pi)[1]
    view = credit_view(plan, 0, pi.card.statement_date)
    assert view.visible_until is None and view.worst is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cli_tables_and_json(lang):
    out = cli("credit-card", str(CARD_EXAMPLE), "--lang", lang)
    assert out.returncode == 0, out.stderr
    assert ("Paying off a credit card" if lang == "en" else "还清信用卡") in out.stdout
    out = cli("repayment-plan", str(PLAN_EXAMPLE), "--json", "--lang", lang)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["schema"] == "borrowers-handbook/repayment-plan/1" and doc["lang"] == lang


@pytest.mark.parametrize("lang, expect", [("en", "Months of the plan: must be a whole number"),
                                          ("zh", "方案期数（月）")])
def test_cli_bad_input_exits_2_without_traceback(lang, expect):
    out = cli("repayment-plan", "-", "--lang", lang, stdin='{"plan": {"months": 99}}')
    assert out.returncode == 2
    assert expect in out.stderr and "Traceback" not in out.stderr
    out = cli("credit-card", "-", stdin="{not json")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_fixed_payment_too_small_is_reported_as_never_repaid():
    doc, text = run_card_command({"pay": [{"kind": "fixed", "amount": 100}]}, "en")
    r = doc["results"][0]
    assert not r["paid_off"] and r["months"] == 600
    assert "still not paid off after 50 years" in r["sentence"]
