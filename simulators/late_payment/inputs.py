"""What paying late costs: the input contract. A scenario (the JSON shared by the command line,
the apps and the tests) is checked here, at the boundary; every problem is collected as a
``FieldError``. Nothing past this point needs to check its inputs again."""

from __future__ import annotations

from simulators.core import presets
from simulators.core.dates import today_iso
from simulators.core.fields import FieldError, ScenarioError, _check, _unknown
from simulators.core.schedule import LOAN_FIELDS, Loan
from simulators.late_payment.model import LateInstalment, Rules, Scenario, StopPaying

RULE_FIELDS = {
    "grace_days": ("int", 0, 90),
    "penalty_markup": ("rate", 0, 2),
    "compound_overdue_interest": ("bool", None, None),
    "day_count": ("choice", (360, 365), None),
    "late_fee_flat": ("money", 0, 100_000),
    "late_fee_rate": ("rate", 0, 1),
    "late_fee_daily_rate": ("rate", 0, 0.01),
    "late_fee_cap": ("money?", 0, 10_000_000),
    "acceleration_after_days": ("int?", 1, 3650),
    "annual_cost_cap": ("rate?", 0.01, 1),
}


MAX_DAYS_LATE = 3650


MAX_LATE_ENTRIES = 360


def scenario_from_dict(data) -> Scenario:
    """Check a scenario as read from JSON and build it, or raise ScenarioError listing every
    problem. ``preset`` supplies every loan value and rule that the scenario leaves out."""
    errors: list = []
    if not isinstance(data, dict):
        raise ScenarioError([FieldError("scenario", "not_an_object")])
    # "credit" holds the credit-record simulator's options; simulators.credit checks it.
    _unknown(errors, "", data, ("loan", "preset", "rules", "late", "apply_cap", "credit"))
    preset_id = data.get("preset", "custom")
    if preset_id not in presets.all_presets():
        choices = tuple(presets.all_presets())
        raise ScenarioError(errors + [FieldError("preset", "choice", (("choices", choices),))])
    preset = presets.get(preset_id)

    loan_in = data.get("loan", {})
    rules_in = data.get("rules", {})
    for name, part in (("loan", loan_in), ("rules", rules_in)):
        if not isinstance(part, dict):
            raise ScenarioError(errors + [FieldError(name, "not_an_object")])
    _unknown(errors, "loan.", loan_in, LOAN_FIELDS)
    _unknown(errors, "rules.", rules_in, RULE_FIELDS)

    # A loan without a start date starts on the reader's today (no preset fixes a year).
    loan_values = {"start_date": today_iso(), **preset.loan_values(), **loan_in}
    loan = {}
    for name, (kind, lo, hi) in LOAN_FIELDS.items():
        loan[name] = _check(errors, f"loan.{name}", kind, lo, hi, loan_values.get(name))
    if loan["principal"] is not None and loan["upfront_fee"] is not None:
        if loan["upfront_fee"] >= loan["principal"]:
            errors.append(FieldError("loan.upfront_fee", "fee_below_principal",
                                     (("max", loan["principal"]),), "money"))
    rule_values = {**preset.rule_values(), **rules_in}
    rules = {}
    for name, (kind, lo, hi) in RULE_FIELDS.items():
        rules[name] = _check(errors, f"rules.{name}", kind, lo, hi, rule_values.get(name))

    apply_cap = data.get("apply_cap", False)
    if not isinstance(apply_cap, bool):
        errors.append(FieldError("apply_cap", "not_a_bool"))

    late = _late_entries(errors, data.get("late", []), loan.get("term_months"), loan.get("method"))
    if errors:
        raise ScenarioError(errors)
    return Scenario(loan=Loan(**loan), rules=Rules(**rules), late=tuple(late),
                    preset=preset_id, apply_cap=apply_cap)


def _late_entries(errors, entries, term, method):
    if not isinstance(entries, list):
        errors.append(FieldError("late", "not_a_list"))
        return []
    if len(entries) > MAX_LATE_ENTRIES:
        errors.append(FieldError("late", "too_many", (("max", MAX_LATE_ENTRIES),)))
        return []
    count = 1 if method == "bullet" else (term or 360)
    out = []
    for i, entry in enumerate(entries):
        where = f"late[{i + 1}]"
        if not isinstance(entry, dict):
            errors.append(FieldError(where, "not_an_object"))
            continue
        if "stop_from" in entry:
            _unknown(errors, f"{where}.", entry, ("stop_from", "days"))
            first = _check(errors, f"{where}.stop_from", "int", 1, count or 1, entry.get("stop_from"))
            if "days" in entry and entry["days"] is None:
                # {"stop_from": k, "days": null}: never catch up (the credit record follows it;
                # the cost of late payment needs a day when it ends).
                if first is not None and count:
                    out.append(StopPaying(first, None))
                continue
            days = _check(errors, f"{where}.days", "int", 0, MAX_DAYS_LATE, entry.get("days"))
            if first is not None and days is not None and count:
                out.append(StopPaying(first, days))
        else:
            _unknown(errors, f"{where}.", entry, ("instalment", "days_late"))
            number = _check(errors, f"{where}.instalment", "int", 1, count or 1, entry.get("instalment"))
            days = _check(errors, f"{where}.days_late", "int", 0, MAX_DAYS_LATE, entry.get("days_late"))
            if number is not None and days is not None and count:
                out.append(LateInstalment(number, days))
    return out


def scenario_to_dict(scenario: Scenario) -> dict:
    """The inverse of ``scenario_from_dict``: the full scenario, every rule spelled out."""
    loan = {k: getattr(scenario.loan, k) for k in LOAN_FIELDS}
    loan["start_date"] = scenario.loan.start_date.isoformat()
    late = []
    for e in scenario.late:
        if isinstance(e, StopPaying):
            late.append({"stop_from": e.stop_from, "days": e.days})
        else:
            late.append({"instalment": e.instalment, "days_late": e.days_late})
    return {
        "loan": loan,
        "preset": scenario.preset,
        "rules": {k: getattr(scenario.rules, k) for k in RULE_FIELDS},
        "late": late,
        "apply_cap": scenario.apply_cap,
    }


#: The names every simulator's input contract shares (see ``simulators.registry``).
from_dict = scenario_from_dict
to_dict = scenario_to_dict
