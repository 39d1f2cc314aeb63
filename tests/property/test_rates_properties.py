"""Properties of the rate solver and of offers, over many generated offers and schedules."""

import datetime as dt

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from simulators.core.rates import NoRateError, periodic_irr, present_value

QUOTE_RATES = {
    "annual_rate": st.floats(0, 1),
    "monthly_fee_rate": st.floats(0, 0.1),
    "daily_rate": st.floats(0, 0.01),
    "total_fee_rate": st.floats(0, 1),
}


@st.composite
def offers(draw):
    quote = draw(st.sampled_from(sorted(QUOTE_RATES)))
    principal = draw(st.integers(100, 1_000_000))
    return {
        "principal": principal,
        "term_months": draw(st.integers(1, 60)),
        "quote": quote,
        "rate": draw(QUOTE_RATES[quote]),
        "method": draw(st.sampled_from(["equal_instalment", "equal_principal", "interest_only",
                                        "bullet"])),
        "start_date": draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))).isoformat(),
        "upfront_deduction": draw(st.integers(0, principal // 2)),
        "monthly_fee": draw(st.integers(0, 50)),
    }


def cost(offer):
    return true_cost(offer_flows(offer_from_dict(offer)))


def costs_something(offer) -> bool:
    return bool(offer["rate"] or offer["upfront_deduction"] or offer["monthly_fee"])


@settings(max_examples=150, deadline=None)
@given(offers(), st.sampled_from(["rate", "upfront_deduction", "monthly_fee"]),
       st.floats(0.0001, 0.5))
def test_a_higher_fee_never_gives_a_lower_rate(offer, what, more):
    assume(costs_something(offer))
    higher = dict(offer)
    if what == "rate":
        top = {"annual_rate": 1, "monthly_fee_rate": 0.1, "daily_rate": 0.01,
               "total_fee_rate": 1}[offer["quote"]]
        higher["rate"] = min(top, offer["rate"] * (1 + more) + 1e-6)
    elif what == "upfront_deduction":
        higher["upfront_deduction"] = min(offer["principal"] - 1,
                                          offer["upfront_deduction"] + int(more * 1000) + 1)
    else:
        higher["monthly_fee"] = offer["monthly_fee"] + round(more * 100, 2) + 0.01
    a, b = cost(offer), cost(higher)
    assert b.total_cost >= a.total_cost
    assert b.rates["nominal"] >= a.rates["nominal"] - 1e-12
    assert b.rates["effective"] >= a.rates["effective"] - 1e-12


@settings(max_examples=150, deadline=None)
@given(offers())
def test_the_rate_found_gives_back_the_money_received_to_the_cent(offer):
    c = cost(offer)
    f = c.flows
    pv = present_value(c.rates["monthly"], f.received_date, f.dates, f.amounts.astype(float))
    assert abs(pv - f.received_cents) < 0.5  # cents
    assert c.cost_to_date[-1] == c.total_cost == sum(c.by_kind.values())
    assert c.rates["effective"] >= c.rates["nominal"] >= 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10_000_000), min_size=1, max_size=120), st.floats(0.05, 0.999))
def test_agrees_with_numpy_financial_irr(payments, share):
    total = sum(payments)
    assume(total > 0)
    received = total * share
    # numpy-financial's own limits: it returns nan when the root is far out; compare where it
    # gives an answer.
    theirs = npf.irr([-received, *payments])
    assume(np.isfinite(theirs) and theirs < 5)
    mine = periodic_irr(received, np.arange(1, len(payments) + 1), payments)
    assert mine == pytest.approx(theirs, abs=1e-8, rel=1e-8)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 1_000_000), min_size=1, max_size=60), st.integers(1, 10_000_000))
def test_paying_back_less_than_received_never_gives_a_rate(payments, received):
    assume(0 < sum(payments) < received)
    with pytest.raises(NoRateError) as e:
        periodic_irr(received, np.arange(1, len(payments) + 1), payments)
    assert e.value.code == "paid_less"
