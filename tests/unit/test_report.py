"""The plain sentences and the rules table say what the numbers say."""

from simulators.late_payment.report import rules_with_sources, sentences, summary
from tests.helpers import run


def test_called_in_loan_speaks_of_charges_and_gives_the_lower_total():
    r = run(preset="cn_bank_consumer_loan", rules={"acceleration_after_days": 90},
            loan={"principal": 50000, "annual_rate": 0.06, "term_months": 24},
            late=[{"instalment": 3, "days_late": 200}, {"instalment": 8, "days_late": 10}])
    assert r.late.total_paid < r.on_time.total_paid
    en = sentences(r, "en")
    # First the sum to find on one day: everything still owed, on the day instalment 3 is paid.
    # The loan is called in 90 days after instalment 3's due date (15 Apr), on 14 Jul 2026;
    # before that, instalments 1, 2, 4 and 5 were paid on time (6 falls due on 15 Jul).
    paid_before = int(r.schedule.payment[[0, 1, 3, 4]].sum())
    assert en[0].startswith(f"On 1 Nov 2026 you must pay ¥{(r.late.total_paid - paid_before) / 100:,.2f} at once")
    # Instalment 8 was called in with the rest of the loan: it is not named as paid late.
    assert en[1].startswith("Paying instalment 3 late by 200 days brings ")
    assert "in late charges" in en[1] and "adds" not in en[1]
    assert "called in the whole loan on 14 Jul 2026" in en[2]
    less = (r.on_time.total_paid - r.late.total_paid) / 100
    assert f"That is ¥{less:,.2f} less than paying every instalment on time only because" in en[3]
    assert "it is not a saving" in en[3]
    assert en[4].startswith("Nothing was saved")
    assert "比每期按时还款少的" in summary(r, "zh") and "。由于" in summary(r, "zh")


def test_grace_sentence():
    r = run(rules={"grace_days": 3}, late=[{"instalment": 2, "days_late": 3}])
    assert sentences(r, "en")[1] == "Paying within the grace period (3 days) costs nothing extra."
    assert sentences(r, "zh")[1] == "在宽限期（3天）内还款，不产生额外费用。"


def test_a_rule_typed_as_a_percent_is_still_the_preset_value():
    r = run(preset="cn_internet_instalment",
            rules={"late_fee_rate": float("5") / 100, "penalty_markup": 50 / 100.0},
            loan={"principal": 10000})
    rows = {row["rule"]: row for row in rules_with_sources(r.scenario, "en")}
    assert not rows["late_fee_rate"]["changed"]
    assert rows["late_fee_rate"]["typical"]
    assert rows["late_fee_rate"]["sources"][0]["key"] == "sample-contract"
    changed = run(preset="cn_internet_instalment", rules={"late_fee_rate": 0.07})
    row = {x["rule"]: x for x in rules_with_sources(changed.scenario, "zh")}["late_fee_rate"]
    assert row["changed"] and row["sources"][0]["title"] == "由你设定"
