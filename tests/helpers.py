"""Small helpers shared by the engine tests."""

from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict

BASE_RULES = {
    "grace_days": 0, "penalty_markup": 0.5, "compound_overdue_interest": True, "day_count": 360,
    "late_fee_flat": 0, "late_fee_rate": 0, "late_fee_daily_rate": 0, "late_fee_cap": None,
    "acceleration_after_days": None, "annual_cost_cap": None,
}


def run(loan=None, rules=None, late=(), preset="custom", **extra):
    loan = {"principal": 20000, "annual_rate": 0.12, "term_months": 12,
            "method": "equal_instalment", "start_date": "2026-01-15", **(loan or {})}
    data = {"loan": loan, "preset": preset, "rules": {**BASE_RULES, **(rules or {})},
            "late": list(late), **extra}
    return simulate(scenario_from_dict(data))


#: The widths and languages at which each Voila app's layout is checked and photographed: a
#: phone in both languages, a laptop in English (the laptop layout does not depend on the
#: language, and every app's Chinese at 1280 px is still photographed by the in-browser tests).
LAYOUTS = [(360, "zh"), (360, "en"), (1280, "en")]
