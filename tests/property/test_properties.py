"""Properties that hold for every loan, product and pattern of late payment."""

import numpy as np
import numpy_financial as npf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulators.late_payment.engine import simulate
from simulators.late_payment.model import LateInstalment, Rules, Scenario, StopPaying
from simulators.core.schedule import Loan
from simulators.core.rates import periodic_irr
from simulators.late_payment.report import to_dict

settings.register_profile("handbook", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("handbook")

loans = st.builds(
    Loan,
    principal=st.floats(100, 1_000_000).map(lambda x: round(x, 2)),
    annual_rate=st.floats(0, 0.36).map(lambda x: round(x, 4)),
    term_months=st.integers(1, 60),
    method=st.sampled_from(["equal_instalment", "equal_principal", "interest_only", "bullet"]),
    upfront_fee=st.just(0.0),
    monthly_fee_rate=st.sampled_from([0.0, 0.001, 0.004, 0.01]),
)
rules = st.builds(
    Rules,
    grace_days=st.integers(0, 10),
    penalty_markup=st.sampled_from([0.0, 0.3, 0.5, 1.0]),
    compound_overdue_interest=st.booleans(),
    day_count=st.sampled_from([360, 365]),
    late_fee_flat=st.sampled_from([0.0, 20.0]),
    late_fee_rate=st.sampled_from([0.0, 0.05]),
    late_fee_daily_rate=st.sampled_from([0.0, 0.0005]),
    late_fee_cap=st.sampled_from([None, 100.0]),
    acceleration_after_days=st.sampled_from([None, 30, 90]),
    annual_cost_cap=st.sampled_from([None, 0.12, 0.24]),
)


@st.composite
def scenarios(draw, with_acceleration=True):
    loan = draw(loans)
    r = draw(rules)
    if not with_acceleration:
        r = Rules(**{**r.__dict__, "acceleration_after_days": None})
    count = 1 if loan.method == "bullet" else loan.term_months
    entries = draw(st.lists(
        st.one_of(
            st.builds(LateInstalment, st.integers(1, count), st.integers(0, 400)),
            st.builds(StopPaying, st.integers(1, count), st.integers(0, 400)),
        ), max_size=3))
    return Scenario(loan=loan, rules=r, late=tuple(entries))


def with_late(scenario, late):
    return Scenario(loan=scenario.loan, rules=scenario.rules, late=tuple(late))


@given(scenarios())
def test_paying_late_never_costs_less_in_charges(sc):
    r = simulate(sc)
    assert r.extra_cost >= 0
    assert all(v >= 0 for v in r.extra_by_kind.values())


@given(scenarios(with_acceleration=False))
def test_without_acceleration_late_repays_at_least_on_time(sc):
    r = simulate(sc)
    assert r.late.total_paid >= r.on_time.total_paid
    assert r.interest_not_charged == 0


@given(scenarios(), st.integers(1, 60), st.integers(0, 300), st.integers(1, 200))
def test_more_days_late_never_cost_less(sc, which, days, more):
    count = len(simulate(sc).schedule)
    which = min(which, count)
    fewer = simulate(with_late(sc, [LateInstalment(which, days)]))
    longer = simulate(with_late(sc, [LateInstalment(which, days + more)]))
    assert longer.extra_cost >= fewer.extra_cost
    stop_fewer = simulate(with_late(sc, [StopPaying(which, days)]))
    stop_longer = simulate(with_late(sc, [StopPaying(which, days + more)]))
    assert stop_longer.extra_cost >= stop_fewer.extra_cost


@given(scenarios())
def test_breakdown_adds_up_to_the_total(sc):
    r = simulate(sc)
    assert sum(r.extra_by_kind.values()) == r.extra_cost
    assert r.late.total_paid == r.on_time.total_paid + r.extra_cost - r.interest_not_charged
    doc = to_dict(r)
    assert round(sum(doc["extra_cost_by_kind"].values()), 2) == doc["extra_cost"]
    assert round(doc["on_time"]["total_paid"] + doc["extra_cost"] - doc["interest_not_charged"], 2) \
        == doc["late"]["total_paid"]


@given(scenarios())
def test_balances_never_go_negative(sc):
    r = simulate(sc)
    assert (r.schedule.balance_after >= 0).all()
    assert (r.owed_on_time >= 0).all() and (r.owed_late >= 0).all()
    assert r.owed_late[-1] == 0 and r.owed_on_time[-1] == 0


@given(scenarios())
def test_principal_repaid_equals_principal(sc):
    r = simulate(sc)
    assert int(r.schedule.principal.sum()) == r.schedule.principal_cents
    assert (r.schedule.principal >= 0).all() and (r.schedule.interest >= 0).all()


@given(scenarios())
def test_paid_late_is_never_before_due(sc):
    r = simulate(sc)
    called_in = np.zeros(len(r.schedule), dtype=bool)
    if r.accelerated is not None:
        called_in[r.accelerated["first_called_in"] - 1:] = True
        # What is called in is paid when the borrower catches up, after the day it was called in.
        assert (r.paid_day[called_in] == r.accelerated["paid_day"]).all()
        assert r.accelerated["paid_day"] > r.accelerated["day"]
    assert (r.paid_day[~called_in] >= r.schedule.due_day[~called_in]).all()


@given(st.builds(Loan, principal=st.floats(100, 1_000_000).map(lambda x: round(x, 2)),
                 annual_rate=st.floats(0.001, 0.36), term_months=st.integers(1, 360),
                 method=st.just("equal_instalment")))
def test_schedule_matches_numpy_financial_for_equal_instalments(loan):
    r = simulate(Scenario(loan=loan))
    i = loan.annual_rate / 12
    expected = -npf.pmt(i, loan.term_months, loan.principal)
    first = r.schedule.principal[0] + r.schedule.interest[0]
    assert abs(first / 100 - expected) <= 0.005 + 1e-9


@given(st.lists(st.floats(1, 50_000), min_size=1, max_size=120), st.floats(0.5, 0.99))
def test_irr_agrees_with_numpy_financial(payments, share):
    received = sum(payments) * share  # payments add up to more than was received
    monthly = periodic_irr(received, np.arange(1, len(payments) + 1), payments)
    oracle = npf.irr([-received, *payments])
    assert abs(monthly - oracle) < 1e-8
