"""Paying off a credit card: the input contract (a card, its terms and the ways of paying to
compare), checked at the boundary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulators.core import presets
from simulators.core.dates import today_iso
from simulators.core.fields import FieldError, ScenarioError, _check, _unknown
from simulators.minimum_payment.model import Card, CardRules, Strategy


def card_presets() -> dict:
    """Card presets (``presets/cards/*.json``): id -> parsed JSON, every value with its source."""
    return presets.load("cards")


def card_from_preset(preset_id: str, **overrides) -> Card:
    """The preset's example card and rules; ``overrides`` replace rules by name."""
    data = card_presets()[preset_id]
    rules = {k: v["value"] for k, v in data["rules"].items()}
    rules.update(overrides)
    card = {k: v["value"] for k, v in data["card"].items()}
    return Card(balance=card["balance"],
                statement_date=dt.date.fromisoformat(card.get("statement_date") or today_iso()),
                days_since_purchase=card["days_since_purchase"], rules=CardRules(**rules))


CARD_FIELDS = {
    "balance": ("money", 1, 10_000_000),
    "statement_date": ("date", dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    "days_since_purchase": ("int", 0, 60),
}


TERM_FIELDS = {
    "annual_rate": ("rate", 0, 1),
    "day_count": ("choice", (360, 365), None),
    "interest_method": ("choice", ("full", "unpaid"), None),
    "grace_days": ("int", 0, 60),
    "min_rate": ("rate", 0.005, 1),
    "min_includes_charges": ("bool", None, None),
    "min_floor": ("money", 0, 10_000),
    "default_penalty_rate": ("rate", 0, 1),
    "default_penalty_min": ("money", 0, 10_000),
    "default_penalty_max": ("money?", 0, 100_000),
    "late_fee_first": ("money", 0, 1_000),
    "late_fee_repeat": ("money", 0, 1_000),
    "penalty_rate": ("rate?", 0, 1),
}


PAY_KINDS = ("minimum", "fixed", "months")


PAY_FIELDS = {
    "kind": ("choice", PAY_KINDS, None),
    "amount": ("money", 1, 10_000_000),
    "months": ("int", 1, 360),
}


MAX_PAY = 4




@dataclass(frozen=True)
class CardInput:
    card: Card
    preset: str
    pay: tuple  # of Strategy


def currency(preset_id: str) -> str:
    return "USD" if card_presets()[preset_id]["jurisdiction"] == "US" else "CNY"


def _object(errors, data, name):
    part = data.get(name, {})
    if part is None:
        part = {}
    if not isinstance(part, dict):
        errors.append(FieldError(name, "not_an_object"))
        return None
    return part


def _card_and_terms(errors, data, plan: bool):
    preset_id = data.get("preset", "cn_credit_card")
    if preset_id not in card_presets():
        raise ScenarioError(errors + [FieldError("preset", "choice",
                                                 (("choices", tuple(card_presets())),))])
    preset = card_presets()[preset_id]
    card_in = _object(errors, data, "card")
    terms_in = _object(errors, data, "terms")
    if card_in is None or terms_in is None:
        raise ScenarioError(errors)
    _unknown(errors, "card.", card_in, CARD_FIELDS)
    _unknown(errors, "terms.", terms_in, TERM_FIELDS)
    # A card without a statement date has its first statement today.
    card_values = {"statement_date": today_iso(),
                   **{k: v["value"] for k, v in preset["card"].items()}, **card_in}
    card = {name: _check(errors, f"card.{name}", kind, lo, hi, card_values.get(name))
            for name, (kind, lo, hi) in CARD_FIELDS.items()}
    term_values = {**{k: v["value"] for k, v in preset["rules"].items()}, **terms_in}
    terms = {name: _check(errors, f"terms.{name}", kind, lo, hi, term_values.get(name))
             for name, (kind, lo, hi) in TERM_FIELDS.items()}
    if (terms["default_penalty_max"] is not None and terms["default_penalty_min"] is not None
            and terms["default_penalty_max"] < terms["default_penalty_min"]):
        errors.append(FieldError("terms.default_penalty_max", "money_range",
                                 (("min", terms["default_penalty_min"]), ("max", 100_000)), "money"))
    return preset_id, card, terms


def _build_card(card, terms) -> Card:
    if terms["day_count"] is not None:
        terms["day_count"] = int(terms["day_count"])
    return Card(balance=card["balance"], statement_date=card["statement_date"],
                days_since_purchase=card["days_since_purchase"], rules=CardRules(**terms))


def card_from_dict(data) -> CardInput:
    """Check a card file and build it, or raise ScenarioError listing every problem."""
    errors: list = []
    if not isinstance(data, dict):
        raise ScenarioError([FieldError("card_file", "not_an_object")])
    _unknown(errors, "", data, ("preset", "card", "terms", "pay"))
    preset_id, card, terms = _card_and_terms(errors, data, plan=False)
    entries = data.get("pay", [{"kind": "minimum"}])
    pay = []
    if not isinstance(entries, list):
        errors.append(FieldError("pay", "not_a_list"))
    elif not 1 <= len(entries) <= MAX_PAY:
        errors.append(FieldError("pay", "pay_count", (("max", MAX_PAY),)))
    else:
        for i, entry in enumerate(entries, start=1):
            where = f"pay[{i}]"
            if not isinstance(entry, dict):
                errors.append(FieldError(where, "not_an_object"))
                continue
            _unknown(errors, f"{where}.", entry, PAY_FIELDS)
            kind = _check(errors, f"{where}.kind", *PAY_FIELDS["kind"], entry.get("kind"))
            if kind == "minimum":
                pay.append(Strategy("minimum"))
            elif kind == "fixed":
                value = _check(errors, f"{where}.amount", *PAY_FIELDS["amount"],
                               entry.get("amount"))
                pay.append(Strategy("fixed", amount=value or 0))
            elif kind == "months":
                value = _check(errors, f"{where}.months", *PAY_FIELDS["months"],
                               entry.get("months"))
                pay.append(Strategy("months", months=value or 0))
    if errors:
        raise ScenarioError(errors)
    return CardInput(_build_card(card, terms), preset_id, tuple(pay))


def card_to_dict(ci: CardInput) -> dict:
    """The inverse of ``card_from_dict``: the card file with every term spelled out."""
    card, rules = ci.card, ci.card.rules
    pay = []
    for s in ci.pay:
        entry = {"kind": s.kind}
        if s.kind == "fixed":
            entry["amount"] = s.amount
        elif s.kind == "months":
            entry["months"] = s.months
        pay.append(entry)
    return {"preset": ci.preset,
            "card": {"balance": card.balance, "statement_date": card.statement_date.isoformat(),
                     "days_since_purchase": card.days_since_purchase},
            "terms": {name: getattr(rules, name) for name in TERM_FIELDS},
            "pay": pay}


#: The names every simulator's input contract shares (see ``simulators.registry``).
from_dict = card_from_dict
to_dict = card_to_dict
