"""Properties of the credit record that hold for every loan and every pattern of late payment."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from simulators.credit_record.engine import credit_record
from simulators.core.dates import add_years
from simulators.late_payment.inputs import scenario_from_dict
from tests.helpers import BASE_RULES


@st.composite
def scenarios(draw, late=True):
    term = draw(st.integers(1, 36))
    method = draw(st.sampled_from(["equal_instalment", "equal_principal", "interest_only", "bullet"]))
    count = 1 if method == "bullet" else term
    entries = []
    if late:
        for _ in range(draw(st.integers(0, 3))):
            k = draw(st.integers(1, count))
            kind = draw(st.sampled_from(["late", "stop", "never"]))
            if kind == "late":
                entries.append({"instalment": k, "days_late": draw(st.integers(0, 400))})
            elif kind == "stop":
                entries.append({"stop_from": k, "days": draw(st.integers(0, 400))})
            else:
                entries.append({"stop_from": k, "days": None})
    start = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
    rules = {**BASE_RULES, "grace_days": draw(st.integers(0, 5)),
             "acceleration_after_days": draw(st.sampled_from([None, 30, 90]))}
    return scenario_from_dict({
        "loan": {"principal": 10000, "annual_rate": 0.1, "term_months": term, "method": method,
                 "start_date": start.isoformat()},
        "preset": "custom", "rules": rules, "late": entries})


@settings(max_examples=150, deadline=None)
@given(scenarios(), st.sampled_from(["cn", "us", "uk"]))
def test_a_record_never_disappears_before_its_time(sc, where):
    record = credit_record(sc, where)
    years = {"cn": 5, "us": 7, "uk": 6}[where]
    for r in record.negative_records:
        assert r.overdue_start <= r.first_shown  # never shown before the overdue starts
        if r.overdue_end is None:
            assert r.visible_until is None or where != "cn"
        if where == "cn" and r.overdue_end is not None:
            # Art. 16: 5 years from the day the overdue ended, never earlier.
            assert r.visible_until >= add_years(r.overdue_end, 5)
        if r.visible_until is not None:
            assert r.visible_until >= add_years(r.overdue_start, years) - dt.timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(scenarios(late=False), st.sampled_from(["cn", "us", "uk"]))
def test_paying_on_time_shows_nothing_negative(sc, where):
    record = credit_record(sc, where)
    rules = record.rules
    assert record.negative_records == ()
    # Only the on-time code (or "no payment due" before a single repayment), and the settled
    # code in the month the loan is paid off.
    assert set(record.codes[:-1]) <= {rules.current_code, rules.no_payment_due_code}
    assert record.codes[-1] == (rules.settled_code or rules.current_code)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_china_status_rises_by_at_most_one_a_month(sc):
    record = credit_record(sc, "cn")
    level = [int(c) if c.isdigit() else 0 for c in record.codes]
    for before, after in zip(level, level[1:]):
        assert after <= before + 1
    # A late code appears exactly when some instalment is unpaid at the statement.
    assert all((m.missed > 0) == m.code.isdigit() for m in record.months)
