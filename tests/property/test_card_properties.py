"""Properties of paying a credit card off: more each month never takes longer or costs more."""

from hypothesis import given, settings
from hypothesis import strategies as st

from simulators.minimum_payment.model import Card, CardRules, Strategy
from simulators.minimum_payment.engine import simulate_card

cards = st.builds(
    Card,
    balance=st.floats(100, 50_000).map(lambda x: round(x, 2)),
    days_since_purchase=st.integers(0, 30),
    rules=st.builds(CardRules, annual_rate=st.floats(0.05, 0.36),
                    interest_method=st.sampled_from(["full", "unpaid"]),
                    grace_days=st.integers(15, 25), min_rate=st.sampled_from([0.05, 0.1]),
                    min_floor=st.sampled_from([10.0, 50.0])),
)


@settings(max_examples=60, deadline=None)
@given(cards, st.floats(0.05, 0.5), st.floats(1.0, 3.0))
def test_paying_more_never_takes_longer_or_costs_more(card, share, factor):
    smaller = card.balance * share
    a = simulate_card(card, Strategy("fixed", amount=round(smaller, 2)))
    b = simulate_card(card, Strategy("fixed", amount=round(smaller * factor, 2)))
    if a.paid_off:
        assert b.paid_off
        assert b.months <= a.months
        assert b.total_interest <= a.total_interest


@settings(max_examples=60, deadline=None)
@given(cards)
def test_full_payment_costs_nothing_and_minimum_repays_principal_plus_interest(card):
    full = simulate_card(card, Strategy("fixed", amount=card.balance))
    assert full.months == 1 and full.total_interest == 0
    minimum = simulate_card(card, Strategy("minimum"))
    if minimum.paid_off:
        assert minimum.total_paid == round(card.balance * 100) + minimum.total_interest
        assert (minimum.balance_after[:-1] > 0).all()


@settings(max_examples=60, deadline=None)
@given(balance=st.integers(500, 200_000), months=st.integers(1, 120),
       min_rate=st.sampled_from([0.05, 0.1, 0.2]))
def test_a_plan_below_any_months_minimum_always_says_so(balance, months, min_rate):
    """A 'pay it off in N months' plan that pays less than some month's minimum carries a
    below_minimum warning naming the first such month (issue 14)."""
    from simulators.minimum_payment.engine import compute
    from simulators.minimum_payment.inputs import from_dict

    ci = from_dict({"card": {"balance": balance}, "terms": {"min_rate": min_rate},
                    "pay": [{"kind": "months", "months": months}]})
    r = compute(ci)[0]
    below = [k for k in range(r.months) if r.payment[k] < r.minimum[k]]
    codes = [w for w in r.warnings if w.code == "below_minimum"]
    if below:
        assert len(codes) == 1 and codes[0].kwargs["month"] == below[0] + 1
        assert codes[0].kwargs["payment_cents"] < codes[0].kwargs["minimum_cents"]
    else:
        assert codes == []
