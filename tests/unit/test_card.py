"""The credit card engine against month-by-month hand calculations.

Card of 1,000.00 posted 15 days before the 5 Jan 2026 statement, due 20 days after each statement,
0.05% a day (18.25% / 365), full-balance interest, minimum 10% (at least 10.00).
"""

import datetime as dt

import pytest

from simulators.minimum_payment.model import Card, CardRules, Strategy
from simulators.minimum_payment.engine import payment_to_repay_in, simulate_card

CN = CardRules()


def test_paid_in_full_never_pays_interest():
    r = simulate_card(Card(1000), Strategy("fixed", amount=1000))
    assert r.months == 1 and r.paid_off
    assert r.total_interest == 0 and r.total_paid == 100000


def test_minimum_only_first_two_months_by_hand():
    r = simulate_card(Card(1000, dt.date(2026, 1, 5)), Strategy("minimum"))
    # Month 1: minimum 100.00. Not paid in full, so interest on the whole 1,000.00 from the
    # purchase to the due date (15 + 20 days) and on the 900.00 left until 5 Feb (11 days):
    # 1000 x .0005 x 35 + 900 x .0005 x 11 = 17.50 + 4.95 = 22.45
    assert r.minimum[0] == 10000 and r.payment[0] == 10000
    assert r.interest[0] == 2245
    assert r.balance_after[0] == 92245
    # Month 2 (5 Feb, due 25 Feb): minimum 10% of 922.45 = 92.245 -> 92.25. Interest on 922.45
    # for 20 days and on 830.20 for the 8 days to 5 Mar: 9.2245 + 3.3208 = 12.5453 -> 12.55
    assert r.statement_balance[1] == 92245 and r.minimum[1] == 9225
    assert r.interest[1] == 1255
    assert r.due_dates[1] == dt.date(2026, 2, 25)
    assert r.paid_off and r.total_paid == 100000 + r.total_interest


def test_unpaid_part_method_charges_less_the_first_month():
    unpaid = simulate_card(Card(1000, rules=CardRules(interest_method="unpaid")), Strategy("minimum"))
    # Only the 900.00 left unpaid bears interest, from the purchase to the next statement:
    # 900 x .0005 x (15 + 20 + 11) = 20.70
    assert unpaid.interest[0] == 2070
    full = simulate_card(Card(1000), Strategy("minimum"))
    assert unpaid.total_interest < full.total_interest


def test_default_penalty_on_the_unpaid_minimum_bears_no_interest():
    rules = CardRules(default_penalty_rate=0.05, default_penalty_min=1)
    r = simulate_card(Card(1000, rules=rules), Strategy("none", months=2))
    # Month 1: minimum 100.00 unpaid: penalty 5% = 5.00. Interest 1000 x .0005 x 46 = 23.00.
    assert r.penalties[0] == 500 and r.interest[0] == 2300
    # Month 2: owed 1,028.00; minimum 102.80 unpaid: penalty 5.14. Interest only on the
    # interest-bearing 1,023.00 for 28 days (5 Feb to 5 Mar): 14.322 -> 14.32
    assert r.statement_balance[1] == 102800
    assert r.penalties[1] == 514 and r.interest[1] == 1432
    assert r.owed_at_end == 102800 + 514 + 1432
    assert not r.paid_off


def test_us_late_fee_and_penalty_rate_after_60_days():
    us = CardRules(annual_rate=0.24, interest_method="unpaid", grace_days=25, min_rate=0.01,
                   min_includes_charges=True, min_floor=35, late_fee_first=30, late_fee_repeat=41,
                   penalty_rate=0.2999)
    r = simulate_card(Card(2000, rules=us), Strategy("none", months=6))
    assert r.penalties[0] == 3000  # first late fee
    assert r.penalties[1] == 4100  # a repeat within six statements
    # The first missed minimum (due 30 Jan) is more than 60 days late by the 5 Apr statement;
    # with 45 days' notice the penalty rate applies from the statement on or after 20 May.
    assert r.penalty_rate_months >= 1
    normal = simulate_card(Card(2000, rules=CardRules(**{**us.__dict__, "penalty_rate": None})),
                           Strategy("none", months=6))
    assert r.total_interest > normal.total_interest


def test_late_fee_never_exceeds_the_minimum_that_was_late():
    us = CardRules(min_rate=0.01, min_floor=0, late_fee_first=30, late_fee_repeat=41)
    r = simulate_card(Card(100, rules=us), Strategy("none", months=1))
    assert r.minimum[0] == 100 and r.penalties[0] == 100


def test_repay_in_n_months_finds_the_smallest_payment():
    card = Card(10000)
    pay = payment_to_repay_in(card, 12)
    assert simulate_card(card, Strategy("fixed", amount=pay / 100)).months <= 12
    assert simulate_card(card, Strategy("fixed", amount=(pay - 1) / 100)).months > 12
    r = simulate_card(card, Strategy("months", months=12))
    assert r.monthly_payment == pay and r.months == 12 and r.strategy.kind == "months"


def test_minimum_only_takes_years():
    r = simulate_card(Card(10000), Strategy("minimum"))
    assert r.paid_off and r.months > 48
    assert r.total_interest > 100000  # more than 1,000 of interest on 10,000


def test_card_presets_are_complete_and_sourced():
    from simulators.core import presets
    from simulators.minimum_payment.inputs import card_from_preset, card_presets
    sources = presets.sources()
    # The timing of a US penalty rate is set by the regulation, not by the card.
    fields = set(CardRules.__dataclass_fields__) - {
        "penalty_after_days", "penalty_notice_days", "penalty_cure_payments"}
    for pid, data in card_presets().items():
        assert set(data["rules"]) == fields, pid
        for entry in [*data["card"].values(), *data["rules"].values()]:
            assert entry["source"] in sources
            if entry["source"] == "sample-contract":
                assert entry.get("typical")
        card = card_from_preset(pid)
        assert simulate_card(card, Strategy("minimum")).paid_off
    cn = card_from_preset("cn_credit_card")
    assert cn.rules.interest_method == "full" and cn.rules.late_fee_first == 0
