"""Card and plan files: reading them at the boundary, and reporting their results.

A **card file** (``python -m simulators credit-card CARD.json``)::

    {"preset": "cn_credit_card",
     "card": {"balance": 10000, "statement_date": "2026-01-05", "days_since_purchase": 15},
     "terms": {"annual_rate": 0.1825, "interest_method": "full", "min_rate": 0.1},
     "pay": [{"kind": "minimum"}, {"kind": "fixed", "amount": 1000},
             {"kind": "months", "months": 12}]}

A **plan file** (``python -m simulators repayment-plan PLAN.json``)::

    {"preset": "cn_credit_card",
     "card": {"balance": 20000, "statement_date": "2026-03-05"},
     "plan": {"months": 36, "annual_rate": 0, "monthly_fee_rate": 0, "missed_payments": 2},
     "new_loan": {"annual_rate": 0.12, "months": 36, "upfront_fee": 0}}

``preset`` supplies every card value and term that the file leaves out. Every value is checked
here with the machinery of ``simulators.scenario`` (``_check`` and the range tables below, which
the methodology page prints), and every problem is reported as a ``FieldError`` naming the field
and its range, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from simulators import i18n
from simulators import scenario as sc
from simulators.card import (CardRules, Card, Strategy, card_presets, simulate_card)
from simulators.money import to_yuan
from simulators.plan import MAX_PLAN_MONTHS, Option, compare, credit_view
from simulators.scenario import FieldError, ScenarioError, _check, _unknown

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
PLAN_DEFAULTS = {"months": 36, "annual_rate": 0.0, "monthly_fee_rate": 0.0, "missed_payments": 0}
NEW_LOAN_DEFAULTS = {"upfront_fee": 0.0}

# The ranges above are known to i18n.error_message, which formats them (a name already
# registered by another simulator keeps its kind: every one of these has the same kind).
for _table in (CARD_FIELDS, TERM_FIELDS, PAY_FIELDS, PLAN_FIELDS, NEW_LOAN_FIELDS):
    for _name, _spec in _table.items():
        sc.FIELD_SPECS.setdefault(_name, _spec)

CARD_SCHEMA = "borrowers-handbook/credit-card/1"
PLAN_SCHEMA = "borrowers-handbook/repayment-plan/1"


@dataclass(frozen=True)
class CardInput:
    card: Card
    preset: str
    pay: tuple  # of Strategy


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


def currency(preset_id: str) -> str:
    return "USD" if card_presets()[preset_id]["jurisdiction"] == "US" else "CNY"


def amount(cents: int, lang: str, cur: str = "CNY") -> str:
    """Money in the card's currency: ¥ as everywhere in the book; $1,234.56 / 1,234.56 美元."""
    if cur == "CNY":
        return i18n.money(cents, lang)
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    digits = f"{whole:,}.{frac:02d}"
    return f"{sign}${digits}" if lang == "en" else f"{sign}{digits} 美元"


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
    card_values = {**{k: v["value"] for k, v in preset["card"].items()}, **card_in}
    card = {name: _check(errors, f"card.{name}", kind, lo, hi, card_values.get(name))
            for name, (kind, lo, hi) in CARD_FIELDS.items()}
    term_values = {**{k: v["value"] for k, v in preset["rules"].items()}, **terms_in}
    terms = {name: _check(errors, f"terms.{name}", kind, lo, hi, term_values.get(name))
             for name, (kind, lo, hi) in TERM_FIELDS.items()}
    if (terms["default_penalty_max"] is not None and terms["default_penalty_min"] is not None
            and terms["default_penalty_max"] < terms["default_penalty_min"]):
        errors.append(FieldError("terms.default_penalty_max", "money_range",
                                 (("min", terms["default_penalty_min"]), ("max", 100_000))))
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
        values = {**PLAN_DEFAULTS, **plan_in}
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


# --------------------------------------------------------------------------- card results

def simulate_all(ci: CardInput) -> list:
    return [simulate_card(ci.card, s) for s in ci.pay]


def first_payment(r) -> int:
    return int(r.payment[0]) if len(r.payment) else 0


def pay_label(strategy: Strategy, lang: str, cur: str = "CNY") -> str:
    t = i18n.t
    if strategy.kind == "fixed":
        return t(lang, "card.pay.fixed", amount=amount(round(strategy.amount * 100), lang, cur))
    if strategy.kind == "months":
        return t(lang, "card.pay.months", n=strategy.months)
    return t(lang, f"card.pay.{strategy.kind}")


def years_months(months: int, lang: str) -> str:
    """64 -> '5 years 4 months' / '5年4个月'."""
    y, m = divmod(int(months), 12)
    t = i18n.t
    if lang == "zh":
        return (f"{y}年" if y else "") + (f"{m}个月" if m or not y else "")
    parts = []
    if y:
        parts.append(t(lang, "card.years_1") if y == 1 else t(lang, "card.years", n=y))
    if m or not y:
        parts.append(t(lang, "card.months_1") if m == 1 else t(lang, "card.months", n=m))
    return " ".join(parts)


def card_sentence(r, lang: str, cur: str = "CNY") -> str:
    """One sentence: how long and how much, for one way of paying."""
    t = i18n.t
    how = pay_label(r.strategy, lang, cur)
    if not r.paid_off:
        return t(lang, "card.sentence.never", how=how, years=r.months // 12,
                 interest=amount(r.total_interest, lang, cur))
    key = "card.sentence.free" if r.total_interest + r.total_penalties == 0 else "card.sentence"
    extra = ""
    if r.total_penalties:
        extra = t(lang, "card.sentence.penalties", amount=amount(r.total_penalties, lang, cur))
    return t(lang, key, how=how, time=years_months(r.months, lang),
             interest=amount(r.total_interest, lang, cur), extra=extra,
             paid=amount(r.total_paid, lang, cur),
             balance=amount(int(r.statement_balance[0]), lang, cur))


def card_rows(results, lang: str, cur: str = "CNY") -> list:
    t = i18n.t
    rows = []
    for r in results:
        rows.append([
            pay_label(r.strategy, lang, cur),
            amount(first_payment(r), lang, cur),
            years_months(r.months, lang) if r.paid_off else t(lang, "card.never"),
            amount(r.total_interest, lang, cur),
            amount(r.total_penalties, lang, cur),
            amount(r.total_paid, lang, cur) if r.paid_off else "—",
        ])
    return rows


def card_headers(lang: str) -> list:
    return [i18n.t(lang, f"card.col.{k}") for k in
            ("pay", "first", "time", "interest", "penalties", "paid")]


def terms_with_sources(preset_id: str, card: Card, lang: str) -> list:
    """Each term of the card: label, value as used, whether it is the preset's (with its source
    and whether it is a typical contract term) or set by the reader."""
    from simulators import presets

    src = presets.sources()
    preset = card_presets()[preset_id]
    out = []
    for name, entry in preset["rules"].items():
        if name not in TERM_FIELDS:
            continue
        value = getattr(card.rules, name)
        changed = value != entry["value"] and not (
            isinstance(value, float) and entry["value"] is not None
            and abs(value - float(entry["value"])) < 1e-12)
        out.append({
            "name": name,
            "label": i18n.field_label(f"terms.{name}", lang),
            "value": term_text(name, value, lang, currency(preset_id)),
            "changed": changed,
            "typical": bool(entry.get("typical")),
            "source": i18n.t(lang, "card.set_by_you") if changed else src[entry["source"]][lang],
            "note": "" if changed else entry.get("note", {}).get(lang, ""),
        })
    return out


def term_text(name: str, value, lang: str, cur: str = "CNY") -> str:
    kind = TERM_FIELDS[name][0].rstrip("?")
    if value is None:
        return i18n.t(lang, "none")
    if kind == "rate":
        return i18n.percent(value, lang, digits=2 if round(value * 100, 6) % 1 else 0)
    if kind == "money":
        return amount(round(value * 100), lang, cur)
    if kind == "bool":
        return i18n.t(lang, "card.yes" if value else "card.no")
    if name == "interest_method":
        return i18n.t(lang, f"card.method.{value}")
    return str(value)


def card_to_dict(ci: CardInput, results, lang: str = "en") -> dict:
    cur = currency(ci.preset)
    c = ci.card
    out = []
    for r in results:
        s = r.strategy
        out.append({
            "pay": {"kind": s.kind, **({"amount": s.amount} if s.kind == "fixed" else {}),
                    **({"months": s.months} if s.kind == "months" else {})},
            "paid_off": r.paid_off,
            "months": r.months,
            "first_payment": to_yuan(first_payment(r)),
            "monthly_payment": None if r.monthly_payment is None else to_yuan(r.monthly_payment),
            "total_interest": to_yuan(r.total_interest),
            "total_penalties": to_yuan(r.total_penalties),
            "total_paid": to_yuan(r.total_paid),
            "owed_at_end": to_yuan(r.owed_at_end),
            "penalty_rate_months": r.penalty_rate_months,
            "sentence": card_sentence(r, lang, cur),
            "statements": [{
                "statement_date": r.statement_dates[k].isoformat(),
                "due_date": r.due_dates[k].isoformat(),
                "statement_balance": to_yuan(r.statement_balance[k]),
                "minimum": to_yuan(r.minimum[k]),
                "payment": to_yuan(r.payment[k]),
                "interest": to_yuan(r.interest[k]),
                "penalties": to_yuan(r.penalties[k]),
                "balance_after": to_yuan(r.balance_after[k]),
            } for k in range(r.months)],
        })
    return {
        "schema": CARD_SCHEMA, "lang": lang, "currency": cur, "preset": ci.preset,
        "card": {"balance": c.balance, "statement_date": c.statement_date.isoformat(),
                 "days_since_purchase": c.days_since_purchase},
        "terms": {name: getattr(c.rules, name) for name in TERM_FIELDS},
        "results": out,
    }


def card_text(ci: CardInput, results, lang: str = "en") -> str:
    from simulators.report import _table, _width

    t = i18n.t
    cur = currency(ci.preset)
    title = t(lang, "card.cli.title")
    name = card_presets()[ci.preset]["name"][lang]
    colon = ": " if lang == "en" else "："
    lines = [title, "=" * _width(title), "",
             f"{t(lang, 'card.cli.card')}{colon}{name}",
             f"{t(lang, 'card.cli.balance')}{colon}{amount(round(ci.card.balance * 100), lang, cur)}",
             ""]
    lines += [_table(card_headers(lang), card_rows(results, lang, cur), right=(1, 3, 4, 5)), ""]
    lines += [f"- {card_sentence(r, lang, cur)}" for r in results]
    lines += ["", t(lang, "card.cli.terms")]
    for row in terms_with_sources(ci.preset, ci.card, lang):
        tag = f" [{t(lang, 'table.typical')}]" if row["typical"] and not row["changed"] else ""
        lines.append(f"- {row['label']}{colon}{row['value']}{tag} ({row['source']})")
    lines += ["", t(lang, "card.model")]
    return "\n".join(lines) + "\n"


def run_card_command(data, lang: str):
    ci = card_from_dict(data)
    results = simulate_all(ci)
    return card_to_dict(ci, results, lang), card_text(ci, results, lang)


# --------------------------------------------------------------------------- plan results

def plan_options(pi: PlanInput) -> list:
    return compare(pi.card, pi.months, pi.plan_rate, pi.plan_fee_rate, pi.loan_rate,
                   pi.loan_months, pi.loan_fee)


def record_text(option: Option, pi: PlanInput, lang: str) -> str:
    """What the credit record shows, in one clause."""
    t = i18n.t
    view = credit_view(option, pi.missed_payments, pi.card.statement_date)
    if option.kind == "stay_overdue":
        return t(lang, "plan.record.overdue", worst=view.worst, months=option.months)
    if view.visible_until is None:
        return t(lang, "plan.record.clean")
    key = "plan.record.kept_1" if pi.missed_payments == 1 else "plan.record.kept"
    return t(lang, key, n=pi.missed_payments, worst=view.worst,
             until=i18n.date(view.visible_until, lang))


def option_sentence(option: Option, pi: PlanInput, lang: str) -> str:
    """One sentence on what an option costs in money and in the credit record."""
    t = i18n.t
    cur = currency(pi.preset)
    record = record_text(option, pi, lang)
    if option.kind == "stay_overdue":
        return t(lang, "plan.sentence.overdue", months=option.months,
                 owed=amount(option.owed_at_end, lang, cur),
                 added=amount(option.total_cost, lang, cur), record=record)
    key = "plan.sentence.plan" if option.kind == "plan" else "plan.sentence.loan"
    return t(lang, key, months=option.months, payment=amount(option.first_payment, lang, cur),
             paid=amount(option.total_paid, lang, cur), cost=amount(option.total_cost, lang, cur),
             record=record)


def option_rows(options, pi: PlanInput, lang: str) -> list:
    t = i18n.t
    cur = currency(pi.preset)
    rows = []
    for o in options:
        view = credit_view(o, pi.missed_payments, pi.card.statement_date)
        if o.kind == "stay_overdue":
            until = t(lang, "plan.until.unpaid")
        elif view.visible_until is None:
            until = "—"
        else:
            until = i18n.date(view.visible_until, lang)
        rows.append([
            t(lang, f"plan.option.{o.kind}"),
            amount(o.first_payment, lang, cur),
            str(o.months),
            amount(o.total_paid, lang, cur),
            amount(o.total_cost, lang, cur),
            amount(o.owed_at_end, lang, cur),
            " ".join(view.codes[:12]) + (" …" if len(view.codes) > 12 else ""),
            until,
        ])
    return rows


def option_headers(lang: str) -> list:
    return [i18n.t(lang, f"plan.col.{k}") for k in
            ("option", "payment", "months", "paid", "cost", "owed", "codes", "until")]


def plan_to_dict(pi: PlanInput, options, lang: str = "en") -> dict:
    c = pi.card
    out = []
    for o in options:
        view = credit_view(o, pi.missed_payments, c.statement_date)
        out.append({
            "option": o.kind, "months": o.months,
            "monthly_payment": to_yuan(o.first_payment),
            "total_paid": to_yuan(o.total_paid), "total_cost": to_yuan(o.total_cost),
            "owed_at_end": to_yuan(o.owed_at_end),
            "credit_record": {
                "before": list(view.before), "codes": list(view.codes),
                "still_overdue": view.still_overdue,
                "overdue_ends": None if view.overdue_ends is None else view.overdue_ends.isoformat(),
                "visible_until": (None if view.visible_until is None
                                  else view.visible_until.isoformat()),
            },
            "sentence": option_sentence(o, pi, lang),
        })
    return {
        "schema": PLAN_SCHEMA, "lang": lang, "currency": currency(pi.preset), "preset": pi.preset,
        "card": {"balance": c.balance, "statement_date": c.statement_date.isoformat()},
        "terms": {name: getattr(c.rules, name) for name in TERM_FIELDS},
        "plan": {"months": pi.months, "annual_rate": pi.plan_rate,
                 "monthly_fee_rate": pi.plan_fee_rate, "missed_payments": pi.missed_payments},
        "new_loan": None if pi.loan_rate is None else {
            "annual_rate": pi.loan_rate, "months": pi.loan_months, "upfront_fee": pi.loan_fee},
        "options": out,
    }


def plan_text(pi: PlanInput, options, lang: str = "en") -> str:
    from simulators import presets
    from simulators.report import _table, _width

    t = i18n.t
    cur = currency(pi.preset)
    colon = ": " if lang == "en" else "："
    title = t(lang, "plan.cli.title")
    lines = [title, "=" * _width(title), "",
             f"{t(lang, 'plan.cli.debt')}{colon}{amount(round(pi.card.balance * 100), lang, cur)}",
             ""]
    lines += [_table(option_headers(lang), option_rows(options, pi, lang),
                     right=(1, 2, 3, 4, 5)), ""]
    lines += [f"- {option_sentence(o, pi, lang)}" for o in options]
    src = presets.sources()
    lines += ["", t(lang, "plan.may_agree"), f"  ({src['cbrc-2011-credit-card'][lang]})",
              t(lang, "plan.codes_note"), f"  ({src['crc-repayment-codes'][lang]}; "
              f"{src['credit-reporting-regulation-2013'][lang]})",
              t(lang, "warning.intermediaries"), f"  ({src['nfra-2024-debt-restructuring'][lang]})",
              "", t(lang, "card.model")]
    return "\n".join(lines) + "\n"


def run_plan_command(data, lang: str):
    pi = plan_from_dict(data)
    options = plan_options(pi)
    return plan_to_dict(pi, options, lang), plan_text(pi, options, lang)


def owed_paths(pi: PlanInput) -> list:
    """For each option of ``plan_options(pi)``: what is still owed after each month, in cents
    (month 0: the debt today). Staying overdue follows the card; a plan or a loan its schedule
    (principal still to repay)."""
    from simulators.card import Strategy as _Strategy
    from simulators.model import Loan
    from simulators.schedule import build_schedule

    debt = round(pi.card.balance * 100)
    stay = simulate_card(pi.card, _Strategy("none", months=pi.months))
    paths = [[debt] + [int(v) for v in stay.balance_after]]

    def repaid(rate, months, fee_rate=0.0):
        s = build_schedule(Loan(principal=pi.card.balance, annual_rate=rate, term_months=months,
                                method="equal_instalment", start_date=pi.card.statement_date,
                                monthly_fee_rate=fee_rate))
        left = debt - s.principal.cumsum()
        return [debt] + [int(v) for v in left]

    paths.append(repaid(pi.plan_rate, pi.months, pi.plan_fee_rate))
    if pi.loan_rate is not None:
        paths.append(repaid(pi.loan_rate, pi.loan_months))
    return paths
