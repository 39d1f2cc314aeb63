"""Staying overdue, an instalment plan or a new loan: the input contract, checked at the boundary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from simulators.core.fields import FieldError, ScenarioError, _check, _unknown
from simulators.minimum_payment.inputs import (
    TERM_FIELDS,
    _build_card,
    _card_and_terms,
    _object,
)
from simulators.minimum_payment.model import Card
from simulators.repayment_plan.model import MAX_PLAN_MONTHS

PLAN_FIELDS = {
    "months": ("int", 1, MAX_PLAN_MONTHS),
    "annual_rate": ("rate", 0, 1),
    "monthly_fee_rate": ("rate", 0, 0.1),
    "missed_payments": ("int", 0, 60),
}


NEW_LOAN_FIELDS = {
    "annual_rate": ("rate", 0, 1),
    "months": ("int", 1, 360),
    "upfront_fee": ("money", 0, 1_000_000),
}


#: A plan's interest rate, when the file does not give one, is the card's own: whether interest
#: and fees go on during a plan is for the bank to agree (CBRC Order 2011 No. 2, Art. 70), so
#: the simulator never assumes the bank waives them; 0% is a case the reader chooses.
PLAN_DEFAULTS = {"months": 36, "monthly_fee_rate": 0.0, "missed_payments": 0}


NEW_LOAN_DEFAULTS = {"upfront_fee": 0.0}


@dataclass(frozen=True)
class PlanInput:
    card: Card
    preset: str
    months: int
    plan_rate: float
    plan_fee_rate: float
    missed_payments: int
    loan_rate: Optional[float]
    loan_months: Optional[int]
    loan_fee: float


def plan_from_dict(data) -> PlanInput:
    """Check a plan file and build it, or raise ScenarioError listing every problem."""
    errors: list = []
    if not isinstance(data, dict):
        raise ScenarioError([FieldError("plan_file", "not_an_object")])
    _unknown(errors, "", data, ("preset", "card", "terms", "plan", "new_loan"))
    preset_id, card, terms = _card_and_terms(errors, data, plan=True)
    plan_in = _object(errors, data, "plan")
    plan = {}
    if plan_in is not None:
        _unknown(errors, "plan.", plan_in, PLAN_FIELDS)
        card_rate = terms.get("annual_rate")
        values = {**PLAN_DEFAULTS, "annual_rate": card_rate if card_rate is not None else 0.0,
                  **plan_in}
        plan = {name: _check(errors, f"plan.{name}", kind, lo, hi, values.get(name))
                for name, (kind, lo, hi) in PLAN_FIELDS.items()}
    loan = None
    if data.get("new_loan") is not None:
        loan_in = _object(errors, data, "new_loan")
        if loan_in is not None:
            _unknown(errors, "new_loan.", loan_in, NEW_LOAN_FIELDS)
            values = {**NEW_LOAN_DEFAULTS, "months": plan.get("months") or PLAN_DEFAULTS["months"],
                      **loan_in}
            loan = {name: _check(errors, f"new_loan.{name}", kind, lo, hi, values.get(name))
                    for name, (kind, lo, hi) in NEW_LOAN_FIELDS.items()}
    if errors:
        raise ScenarioError(errors)
    return PlanInput(
        card=_build_card(card, terms), preset=preset_id, months=plan["months"],
        plan_rate=plan["annual_rate"], plan_fee_rate=plan["monthly_fee_rate"],
        missed_payments=plan["missed_payments"],
        loan_rate=None if loan is None else loan["annual_rate"],
        loan_months=None if loan is None else loan["months"],
        loan_fee=0.0 if loan is None else loan["upfront_fee"],
    )


def plan_to_dict(pi: PlanInput) -> dict:
    """The inverse of ``plan_from_dict``: the plan file with every term spelled out."""
    card, rules = pi.card, pi.card.rules
    data = {"preset": pi.preset,
            "card": {"balance": card.balance, "statement_date": card.statement_date.isoformat(),
                     "days_since_purchase": card.days_since_purchase},
            "terms": {name: getattr(rules, name) for name in TERM_FIELDS},
            "plan": {"months": pi.months, "annual_rate": pi.plan_rate,
                     "monthly_fee_rate": pi.plan_fee_rate, "missed_payments": pi.missed_payments}}
    if pi.loan_rate is not None:
        data["new_loan"] = {"annual_rate": pi.loan_rate, "months": pi.loan_months,
                            "upfront_fee": pi.loan_fee}
    return data


#: The names every simulator's input contract shares (see ``simulators.registry``).
from_dict = plan_from_dict
to_dict = plan_to_dict
