"""The cost of paying late, against cases worked out by hand in the comments.

The loan in most cases: 20,000 at 12% a year over 12 months, equal instalments, from
15 Jan 2026. Its schedule (see test_schedule): instalment 3 is due 15 Apr 2026 with principal
1,608.68 and interest 168.30; instalment 4: 1,624.76 and 152.22; instalment 5: 1,641.01 and
135.97. With a 50% markup on 12% over a 360-day year the penalty rate is 0.18 / 360 = 0.0005 a day.
"""

import datetime as dt

import pytest

from simulators.core.rates import periodic_irr
from tests.helpers import run


def test_on_time_costs_nothing_extra():
    r = run()
    assert r.extra_cost == 0
    assert r.late.total_paid == r.on_time.total_paid == 2132370
    assert r.on_time.total_cost == 132370


def test_one_instalment_45_days_late():
    r = run(late=[{"instalment": 3, "days_late": 45}])
    # penalty: 1,608.68 x 0.0005 x 45 = 36.1953 -> 36.20
    # compound: 168.30 x 0.0005 x 45 = 3.78675 -> 3.79
    assert r.extra_by_kind == {"penalty_interest": 3620, "compound_interest": 379,
                               "late_fees": 0, "acceleration_interest": 0}
    assert r.late.total_paid == 2132370 + 3999
    assert int(r.paid_day[2]) == 90 + 45
    assert r.late_instalments == [3]


def test_no_compounding_when_the_product_does_not_compound():
    r = run(rules={"compound_overdue_interest": False}, late=[{"instalment": 3, "days_late": 45}])
    assert r.extra_by_kind["compound_interest"] == 0
    assert r.extra_cost == 3620


def test_365_day_basis():
    r = run(rules={"day_count": 365}, late=[{"instalment": 3, "days_late": 45}])
    # 1,608.68 x 0.18 / 365 x 45 = 35.7003 -> 35.70; 168.30 x 0.18 / 365 x 45 = 3.7349 -> 3.73
    assert r.extra_by_kind["penalty_interest"] == 3570
    assert r.extra_by_kind["compound_interest"] == 373


def test_grace_period_waives_everything_when_paid_within_it():
    within = run(rules={"grace_days": 3, "late_fee_flat": 50}, late=[{"instalment": 3, "days_late": 3}])
    assert within.extra_cost == 0
    # One day past grace: charged from the due date, 4 days: 1,608.68 x 0.0005 x 4 = 3.2174 -> 3.22;
    # 168.30 x 0.0005 x 4 = 0.3366 -> 0.34; plus the flat fee of 50.00.
    after = run(rules={"grace_days": 3, "late_fee_flat": 50}, late=[{"instalment": 3, "days_late": 4}])
    assert after.extra_by_kind == {"penalty_interest": 322, "compound_interest": 34,
                                   "late_fees": 5000, "acceleration_interest": 0}


def test_late_fee_flat_plus_share_with_a_cap():
    # Overdue instalment 1,776.98: 20 + 5% x 1,776.98 = 108.849 -> capped at 80.00.
    capped = run(rules={"late_fee_flat": 20, "late_fee_rate": 0.05, "late_fee_cap": 80},
                 late=[{"instalment": 3, "days_late": 10}])
    assert capped.extra_by_kind["late_fees"] == 8000
    uncapped = run(rules={"late_fee_flat": 20, "late_fee_rate": 0.05},
                   late=[{"instalment": 3, "days_late": 10}])
    assert uncapped.extra_by_kind["late_fees"] == 10885
    # Daily default penalty: 0.05% of 1,776.98 a day for 10 days = 8.8849 -> 8.88.
    daily = run(rules={"late_fee_daily_rate": 0.0005}, late=[{"instalment": 3, "days_late": 10}])
    assert daily.extra_by_kind["late_fees"] == 888


def test_stop_paying_then_catch_up_with_acceleration():
    # Stop from instalment 3 (due 15 Apr, day 90) for 120 days: catch up on day 210 (13 Aug).
    # Instalment 3 is 120 > 90 days late, so on day 90 + 90 = 180 (14 Jul) the loan is called in.
    # Instalments 6 to 12 (due from 15 Jul, day 181) are called in: principal 11,955.82.
    # Instalments 3, 4, 5 are paid 120, 90 and 59 days late.
    r = run(rules={"acceleration_after_days": 90}, late=[{"stop_from": 3, "days": 120}])
    acc = r.accelerated
    assert acc["date"] == dt.date(2026, 7, 14) and acc["paid_date"] == dt.date(2026, 8, 13)
    assert acc["trigger"] == 3 and acc["first_called_in"] == 6
    assert acc["principal"] == 1195582
    # penalty: 1,608.68 x .0005 x 120 = 96.52; 1,624.76 x .0005 x 90 = 73.11;
    #          1,641.01 x .0005 x 59 = 48.41 -> 218.04
    assert r.extra_by_kind["penalty_interest"] == 21804
    # compound: 168.30 x .06 = 10.10; 152.22 x .045 = 6.85; 135.97 x .0295 = 4.01;
    # plus the running month's interest, 119.56 x 29/30 = 115.57, overdue 30 days: 1.73 -> 22.69
    assert r.extra_by_kind["compound_interest"] == 2269
    # called-in principal 11,955.82 x .0005 x 30 days = 179.34
    assert r.extra_by_kind["acceleration_interest"] == 17934
    # Interest of instalments 6-12 (482.98) is no longer charged, less the running 115.57.
    assert r.interest_not_charged == 36741
    assert r.late.total_paid == 2132370 + 42007 - 36741


def test_acceleration_not_triggered_at_exactly_the_limit():
    r = run(rules={"acceleration_after_days": 90}, late=[{"instalment": 3, "days_late": 90}])
    assert r.accelerated is None
    assert r.interest_not_charged == 0


def test_breakdown_adds_up_and_identity_holds():
    r = run(rules={"acceleration_after_days": 60, "late_fee_flat": 30},
            late=[{"stop_from": 2, "days": 200}])
    assert r.extra_cost == sum(r.extra_by_kind.values())
    assert r.late.total_paid == r.on_time.total_paid + r.extra_cost - r.interest_not_charged


def test_annual_cost_cap_private_loan():
    # Private loan preset: 20,000 at 10% for 12 months, all repaid on 15 Jan 2027 (day 365).
    # On time: cost 2,000.00; allowed 12% x 20,000 x 365 / 365 = 2,400.00 -> nothing above.
    on_time = run(preset="cn_private_loan", loan={"method": "bullet", "annual_rate": 0.10},
                  rules={"annual_cost_cap": 0.12, "penalty_markup": 2.0, "day_count": 365,
                         "compound_overdue_interest": False})
    assert on_time.on_time.cap_allowed_cost == 240000 and on_time.on_time.above_cap == 0
    # 200 days late at 10% x (1 + 2) = 30% a year: 20,000 x 0.30 / 365 x 200 = 3,287.67.
    # Cost 5,287.67; allowed 12% x 20,000 x 565 / 365 = 3,715.07; above: 1,572.60.
    late = run(preset="cn_private_loan", loan={"method": "bullet", "annual_rate": 0.10},
               rules={"annual_cost_cap": 0.12, "penalty_markup": 2.0, "day_count": 365,
                      "compound_overdue_interest": False},
               late=[{"instalment": 1, "days_late": 200}])
    assert late.extra_by_kind["penalty_interest"] == 328767
    assert late.late.total_cost == 528767
    assert late.late.cap_allowed_cost == 371507
    assert late.late.above_cap == 157260


def test_cap_counts_only_money_received():
    # An up-front fee of 1,000 on 10,000: the cap is measured on the 9,000 actually received.
    r = run(loan={"principal": 10000, "upfront_fee": 1000, "method": "bullet", "term_months": 12,
                  "annual_rate": 0.0}, rules={"annual_cost_cap": 0.24})
    # allowed: 24% x 10,000 x 365 / 365 x 0.9 = 2,160.00; cost is the fee, 1,000.00
    assert r.on_time.cap_allowed_cost == 216000
    assert r.on_time.total_cost == 100000 and r.on_time.above_cap == 0


def test_apr_of_a_plain_loan_is_its_rate():
    r = run()
    assert r.apr_on_time["nominal"] == pytest.approx(0.12, abs=2e-6)
    assert r.apr_on_time["effective"] == pytest.approx(1.01 ** 12 - 1, abs=2e-6)


def test_apr_counts_fees():
    # The worked example reported for the 2021 disclosure rule: 100,000 with a 1,000 fee up
    # front, 12 payments of 8,833.30 -> 12.80% (monthly IRR x 12) and 13.58% compounded.
    monthly = periodic_irr(99000, range(1, 13), [8833.30] * 12)
    assert round(12 * monthly, 4) == 0.1280
    assert round((1 + monthly) ** 12 - 1, 4) == 0.1358
    with_fee = run(loan={"upfront_fee": 200, "monthly_fee_rate": 0.002})
    assert with_fee.apr_on_time["nominal"] > 0.12 + 0.02


def test_owed_timeline_shows_the_late_balance_and_ends_at_zero():
    r = run(late=[{"instalment": 3, "days_late": 45}])
    assert r.owed_on_time[0] == r.owed_late[0] == 2000000
    assert r.owed_late[-1] == 0 and r.owed_on_time[-1] == 0
    # The day before the late payment: the unpaid instalment 3 (1,776.98) and 44 days of
    # penalty and compound interest are owed on top of the on-time balance.
    day = 90 + 44
    extra = r.owed_late[day] - r.owed_on_time[day]
    assert extra == pytest.approx(177698 + (3620 + 379) * 44 / 45, abs=2)
    assert (r.owed_late >= 0).all() and (r.owed_on_time >= 0).all()


def test_owed_after_the_loan_is_called_in_counts_each_amount_once():
    # Found in review: the running month's interest was counted twice from its old due date.
    r = run(loan={"principal": 10000, "annual_rate": 0.108, "monthly_fee_rate": 0.004},
            rules={"acceleration_after_days": 90}, late=[{"stop_from": 3, "days": 120}])
    acc = r.accelerated
    catch_up = acc["paid_day"]
    paid_that_day = r.late.total_paid - int(
        r.schedule.payment[r.paid_day < catch_up].sum())  # everything not paid earlier
    # The day before catching up, what is owed is what is then paid, less one day of accrual.
    late = r.days_late > 0
    daily = sum((r.charges["penalty_interest"][late] + r.charges["compound_interest"][late])
                / r.days_late[late])
    running = r.extra_by_kind["compound_interest"] - int(r.charges["compound_interest"].sum())
    daily += (acc["interest"] + running) / (catch_up - acc["day"])
    one_day = paid_that_day - r.owed_late[catch_up - 1]
    assert one_day == pytest.approx(daily, abs=2)
    # On the old due date of the first instalment called in, only a day's accrual is added.
    old_due = int(r.schedule.due_day[acc["first_called_in"] - 1])
    assert int(r.owed_late[old_due]) - int(r.owed_late[old_due - 1]) == pytest.approx(daily, abs=2)


def test_a_daily_fee_paid_the_day_it_starts_never_shows_as_owed_below_zero():
    # Found by the property test: one day late, a per-day fee only, no grace.
    r = run(rules={"late_fee_daily_rate": 0.0005, "penalty_markup": 0,
                   "compound_overdue_interest": False}, loan={"annual_rate": 0.0},
            late=[{"instalment": 2, "days_late": 1}])
    assert r.extra_by_kind["late_fees"] == round(166667 * 0.0005)
    assert (r.owed_late >= 0).all()
    assert r.owed_late[int(r.paid_day[1])] == r.owed_on_time[int(r.paid_day[1])]
