"""How late payment shows up in a credit record: the input contract (a late-payment scenario
plus the jurisdiction whose reporting rules apply), checked at the boundary."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from simulators.core import presets
from simulators.core.fields import FieldError, ScenarioError
from simulators.credit_record.model import CreditInput, CreditRules
from simulators.late_payment.inputs import scenario_from_dict, scenario_to_dict


@lru_cache(maxsize=None)
def jurisdictions() -> dict:
    """Jurisdiction id -> CreditRules, China first."""
    found = {}
    for data in presets.load("credit").values():
        r = data["rules"]
        value = {k: v["value"] for k, v in r.items()}
        found[data["id"]] = CreditRules(
            id=data["id"], name=data["name"], summary=data["summary"],
            current_code=value["current_code"], settled_code=value["settled_code"],
            no_payment_due_code=value["no_payment_due_code"],
            late_codes=tuple(value["late_codes"]),
            first_reported_missed=int(value["first_reported_missed"]),
            default_code=value["default_code"], default_after_missed=value["default_after_missed"],
            retention_years=int(value["retention_years"]), retention_from=value["retention_from"],
            default_retention_years=value["default_retention_years"],
            default_retention_from=value["default_retention_from"],
            grid_months=int(value["grid_months"]),
            sources={k: {x: v[x] for x in ("source", "typical", "also", "note") if x in v}
                     for k, v in r.items()},
        )
    order = ["cn", "us", "uk"]
    return {k: found[k] for k in sorted(found, key=lambda k: (order.index(k) if k in order else 9, k))}


CREDIT_FIELDS = ("jurisdiction", "as_of")


def options_from_dict(data) -> dict:
    """The optional ``"credit"`` part of a scenario file: ``{"jurisdiction": "cn"|"us"|"uk",
    "as_of": "YYYY-MM-DD"}`` (as_of: how far to follow a debt that is never repaid)."""
    errors = []
    part = data.get("credit", {}) if isinstance(data, dict) else {}
    if not isinstance(part, dict):
        raise ScenarioError([FieldError("credit", "not_an_object")])
    for key in part:
        if key not in CREDIT_FIELDS:
            errors.append(FieldError(f"credit.{key}", "unknown_field"))
    out = {"jurisdiction": part.get("jurisdiction", "cn"), "as_of": None}
    if out["jurisdiction"] not in jurisdictions():
        errors.append(FieldError("credit.jurisdiction", "choice",
                                 (("choices", tuple(jurisdictions())),)))
    if part.get("as_of") is not None:
        try:
            out["as_of"] = dt.date.fromisoformat(str(part["as_of"]))
        except ValueError:
            errors.append(FieldError("credit.as_of", "not_a_date"))
    if errors:
        raise ScenarioError(errors)
    return out


def from_dict(data) -> CreditInput:
    """A scenario file with its optional ``"credit"`` part, checked; ScenarioError lists every
    problem of both parts."""
    errors = []
    try:
        options = options_from_dict(data)
    except ScenarioError as e:
        errors.extend(e.errors)
    try:
        scenario = scenario_from_dict(data)
    except ScenarioError as e:
        errors.extend(e.errors)
    if errors:
        raise ScenarioError(errors)
    return CreditInput(scenario, options["jurisdiction"], options["as_of"])


def to_dict(ci: CreditInput) -> dict:
    """The inverse of ``from_dict``: the scenario with its ``"credit"`` part spelled out."""
    credit = {"jurisdiction": ci.jurisdiction}
    if ci.as_of is not None:
        credit["as_of"] = ci.as_of.isoformat()
    return {**scenario_to_dict(ci.scenario), "credit": credit}
