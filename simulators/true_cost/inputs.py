"""What a loan offer really costs: the input contract (an offer as quoted, a loan, or the cash
flows themselves), checked at the boundary."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np

from simulators.core import presets
from simulators.core.dates import today_iso
from simulators.core.fields import FieldError, ScenarioError, _check, _unknown
from simulators.core.money import to_cents
from simulators.core.schedule import LOAN_FIELDS, METHODS
from simulators.late_payment.inputs import scenario_from_dict
from simulators.true_cost.model import (
    EXTRA_KINDS,
    EXTRA_WHEN,
    MAX_EXTRAS,
    MAX_PAYMENTS,
    QUOTES,
    RATE_RANGES,
    CashFlows,
    CostInput,
    Extra,
    Offer,
)

#: Allowed ranges of an offer as quoted: (kind, minimum, maximum), as in ``scenario``.
OFFER_FIELDS = {
    "principal": ("money", 1, 100_000_000),
    "term_months": ("int", 1, 360),
    "quote": ("choice", QUOTES, None),
    "rate": ("rate", 0, 1),  # narrowed by RATE_RANGES for the quote chosen
    "method": ("choice", METHODS, None),
    "day_count": ("choice", (360, 365), None),
    "term_days": ("int?", 1, 3650),
    "start_date": ("date", dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    "upfront_deduction": ("money", 0, None),  # below the principal; checked below
    "monthly_fee": ("money", 0, 1_000_000),
}


OFFER_DEFAULTS = {
    "method": "equal_instalment", "day_count": 360, "term_days": None,
    "upfront_deduction": 0, "monthly_fee": 0,
}


EXTRA_FIELDS = {
    "kind": ("choice", EXTRA_KINDS, None),
    "amount": ("money", 0, 10_000_000),
    "when": ("choice", EXTRA_WHEN, None),
}


FLOW_FIELDS = {
    "received": ("money", 0.01, 100_000_000),
    "received_date": ("date", dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    "date": ("date", dt.date(1990, 1, 1), dt.date(2150, 12, 31)),
    "amount": ("money", 0, 100_000_000),
}


# The range of every field above is known to i18n.error_message, which formats it.


@lru_cache(maxsize=None)
def examples() -> list:
    """The fictional example offers (presets/offers/examples.json), each with its source key."""
    return presets.document("offers", "examples")["offers"]


@lru_cache(maxsize=None)
def reference_lines() -> list:
    """The rate levels a court or regulator uses, with sources, 'as of' dates and meanings."""
    return presets.document("offers", "reference_lines")["lines"]


def offer_from_dict(data, prefix: str = "offer.") -> Offer:
    """Check an offer as read from JSON (or typed in the app) and build it, or raise
    ScenarioError listing every problem, each naming its field with ``prefix``."""
    errors: list = []
    if not isinstance(data, dict):
        raise ScenarioError([FieldError(prefix.rstrip("."), "not_an_object")])
    _unknown(errors, prefix, data, (*OFFER_FIELDS, "extras", "name"))
    # An offer without a start date pays out on the reader's today.
    values = {**OFFER_DEFAULTS, "start_date": today_iso(),
              **{k: v for k, v in data.items() if k != "name"}}
    out = {}
    for name, (kind, lo, hi) in OFFER_FIELDS.items():
        if name == "rate":
            continue
        out[name] = _check(errors, f"{prefix}{name}", kind, lo, hi, values.get(name))
    quote = out.get("quote")
    lo, hi = RATE_RANGES.get(quote, (0, 1))
    out["rate"] = _check(errors, f"{prefix}rate", "rate", lo, hi, values.get("rate"))
    extras = _extras(errors, prefix, data.get("extras", []))
    if out["principal"] is not None and out["upfront_deduction"] is not None:
        upfront = out["upfront_deduction"] + sum(e.amount for e in extras if e.when == "upfront")
        if upfront >= out["principal"]:
            errors.append(FieldError(f"{prefix}upfront_deduction", "fee_below_principal",
                                     (("max", out["principal"]),), "money"))
    if out["term_days"] is not None and out["method"] != "bullet":
        errors.append(FieldError(f"{prefix}term_days", "days_need_bullet"))
    if errors:
        raise ScenarioError(errors)
    return Offer(extras=tuple(extras), **out)


def _extras(errors, prefix, entries) -> list:
    if not isinstance(entries, list):
        errors.append(FieldError(f"{prefix}extras", "not_a_list"))
        return []
    if len(entries) > MAX_EXTRAS:
        errors.append(FieldError(f"{prefix}extras", "too_many", (("max", MAX_EXTRAS),)))
        return []
    out = []
    for i, entry in enumerate(entries, start=1):
        where = f"{prefix}extras[{i}]"
        if not isinstance(entry, dict):
            errors.append(FieldError(where, "not_an_object"))
            continue
        _unknown(errors, f"{where}.", entry, EXTRA_FIELDS)
        values = {"when": "monthly", **entry}
        got = {n: _check(errors, f"{where}.{n}", *EXTRA_FIELDS[n], values.get(n))
               for n in EXTRA_FIELDS}
        if None not in got.values():
            out.append(Extra(**got))
    return out


def _payments(errors, data) -> tuple:
    received = _check(errors, "received", *FLOW_FIELDS["received"], data.get("received"))
    day = _check(errors, "received_date", *FLOW_FIELDS["received_date"], data.get("received_date"))
    entries = data.get("payments")
    if not isinstance(entries, list):
        errors.append(FieldError("payments", "not_a_list" if entries is not None else "required"))
        return received, day, [], []
    if not entries or len(entries) > MAX_PAYMENTS:
        errors.append(FieldError("payments", "payments_count", (("min", 1), ("max", MAX_PAYMENTS))))
        return received, day, [], []
    dates, amounts = [], []
    for i, entry in enumerate(entries, start=1):
        where = f"payments[{i}]"
        if not isinstance(entry, dict):
            errors.append(FieldError(where, "not_an_object"))
            continue
        _unknown(errors, f"{where}.", entry, ("date", "amount"))
        d = _check(errors, f"{where}.date", *FLOW_FIELDS["date"], entry.get("date"))
        a = _check(errors, f"{where}.amount", *FLOW_FIELDS["amount"], entry.get("amount"))
        if d is not None and day is not None and d < day:
            errors.append(FieldError(f"{where}.date", "date_before_received", (("min", day),)))
            d = None
        if d is not None and a is not None:
            dates.append(d)
            amounts.append(a)
    return received, day, dates, amounts


def from_dict(data) -> CostInput:
    """An offer file in any of its three forms (``model``'s docstring), checked, or
    ScenarioError listing every problem."""
    if not isinstance(data, dict):
        raise ScenarioError([FieldError("offer", "not_an_object")])
    errors: list = []
    if "offer" in data:
        _unknown(errors, "", data, ("offer",))
        offer = offer_from_dict(data["offer"])
        if errors:
            raise ScenarioError(errors)
        return CostInput("offer", offer)
    if "loan" in data:
        _unknown(errors, "", data, ("loan", "preset"))
        if errors:
            raise ScenarioError(errors)
        scenario = scenario_from_dict({"loan": data["loan"], "preset": data.get("preset", "custom")})
        return CostInput("loan", scenario.loan)
    _unknown(errors, "", data, ("received", "received_date", "payments"))
    received, day, dates, amounts = _payments(errors, data)
    if errors:
        raise ScenarioError(errors)
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    return CostInput("payments", CashFlows(
        received_cents=to_cents(received), received_date=day,
        dates=tuple(dates[i] for i in order),
        amounts=np.array([to_cents(amounts[i]) for i in order], dtype=np.int64)))


def to_dict(ci: CostInput) -> dict:
    """The inverse of ``from_dict``: the offer file of ``ci``, every field spelled out."""
    if ci.form == "offer":
        offer = {name: getattr(ci.value, name) for name in OFFER_FIELDS}
        offer["start_date"] = ci.value.start_date.isoformat()
        offer["extras"] = [{"kind": e.kind, "amount": e.amount, "when": e.when}
                           for e in ci.value.extras]
        return {"offer": offer}
    if ci.form == "loan":
        loan = {name: getattr(ci.value, name) for name in LOAN_FIELDS}
        loan["start_date"] = ci.value.start_date.isoformat()
        return {"loan": loan}
    flows = ci.value
    return {"received": flows.received_cents / 100, "received_date": flows.received_date.isoformat(),
            "payments": [{"date": d.isoformat(), "amount": int(a) / 100}
                         for d, a in zip(flows.dates, flows.amounts)]}
