"""Repayment plans against hand calculations."""

import pytest

from simulators.minimum_payment.model import Card, CardRules
from simulators.repayment_plan.engine import (compare, consolidation_loan, negotiated_plan, stay_overdue)


def test_interest_free_plan_costs_nothing_extra():
    opt = negotiated_plan(Card(12000), 24)
    assert opt.first_payment == 50000  # 12,000 / 24 = 500.00
    assert opt.total_paid == 1200000 and opt.total_cost == 0


def test_plan_with_interest_is_an_equal_instalment_loan():
    # 12,000 at 6% a year (0.5% a month) over 12 months: 12000 x .005 / (1 - 1.005^-12) = 1,032.80
    opt = negotiated_plan(Card(12000), 12, annual_rate=0.06)
    assert opt.first_payment == 103280
    assert opt.total_cost == pytest.approx(12 * 103280 - 1200000, abs=10)


def test_plan_fee_is_a_monthly_share_of_the_debt():
    # 0.5% of 12,000 each month for 24 months: 60.00 x 24 = 1,440.00
    opt = negotiated_plan(Card(12000), 24, monthly_fee_rate=0.005)
    assert opt.first_payment == 50000 + 6000 and opt.total_cost == 144000


def test_plans_last_at_most_five_years():
    with pytest.raises(ValueError):
        negotiated_plan(Card(1000), 61)


def test_staying_overdue_grows_the_debt():
    card = Card(10000, rules=CardRules(default_penalty_rate=0.05, default_penalty_min=1))
    opt = stay_overdue(card, 12)
    assert opt.first_payment == 0 and opt.total_paid == 0
    # 18.25% a year compounding monthly plus penalties: more than 18% of the debt in a year.
    assert opt.owed_at_end > 1180000 and opt.total_cost == opt.owed_at_end - 1000000


def test_consolidation_loan_counts_its_fee():
    opt = consolidation_loan(Card(10000), 0.12, 12, upfront_fee=300)
    # 10,000 at 1% a month over 12 months: 888.49 a month
    assert opt.first_payment == 88849
    assert opt.total_cost == opt.total_paid - 1000000 and opt.total_paid > 12 * 88849


def test_compare_lists_the_options_in_order():
    options = compare(Card(10000), 24, loan_rate=0.1, loan_months=24)
    assert [o.kind for o in options] == ["stay_overdue", "plan", "loan"]
    assert options[1].total_cost == 0 < options[2].total_cost < options[0].total_cost
