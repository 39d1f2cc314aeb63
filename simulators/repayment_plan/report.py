"""Staying overdue, an instalment plan or a new loan: the report (sentences, JSON, text table)."""

from __future__ import annotations

from simulators.core import i18n, presets, warnings
from simulators.core.i18n import display_width, text_table
from simulators.core.money import to_yuan
from simulators.minimum_payment.inputs import TERM_FIELDS, currency
from simulators.minimum_payment.report import amount
from simulators.repayment_plan.engine import credit_view, plan_options
from simulators.repayment_plan.inputs import PlanInput, plan_from_dict
from simulators.repayment_plan.model import Option

PLAN_SCHEMA = "borrowers-handbook/repayment-plan/1"


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
            amount(o.first_payment, lang, cur, table=True),
            str(o.months),
            amount(o.total_paid, lang, cur, table=True),
            amount(o.total_cost, lang, cur, table=True),
            amount(o.owed_at_end, lang, cur, table=True),
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
            "warnings": [warnings.to_dict(w, lang, currency(pi.preset)) for w in o.warnings],
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
    t = i18n.t
    cur = currency(pi.preset)
    colon = i18n.punct(lang, "colon")
    title = t(lang, "plan.cli.title")
    lines = [title, "=" * display_width(title), "",
             f"{t(lang, 'plan.cli.debt')}{colon}{amount(round(pi.card.balance * 100), lang, cur)}",
             ""]
    lines += [text_table(option_headers(lang), option_rows(options, pi, lang),
                     right=(1, 2, 3, 4, 5)), ""]
    for o in options:
        lines.append(f"- {option_sentence(o, pi, lang)}")
        lines += [f"  ! {warnings.message(w, lang, currency(pi.preset))}" for w in o.warnings]
    src = presets.sources()
    lines += ["", t(lang, "plan.may_agree"), f"  ({src['cbrc-2011-credit-card'][lang]})",
              t(lang, "plan.codes_note"), f"  ({src['crc-repayment-codes'][lang]}; "
              f"{src['credit-reporting-regulation-2013'][lang]})",
              t(lang, "warning.intermediaries"), f"  ({src['nfra-2024-debt-restructuring'][lang]})",
              "", t(lang, "card.model")]
    return "\n".join(lines) + "\n"


def run_command(data, lang: str):
    """``python -m simulators repayment-plan FILE``: (JSON document, text table)."""
    pi = plan_from_dict(data)
    options = plan_options(pi)
    return plan_to_dict(pi, options, lang), plan_text(pi, options, lang)


def sentences(options, pi: PlanInput, lang: str) -> list:
    """What the app and the command line say: each option's sentence, then its warnings."""
    cur = currency(pi.preset)
    out = []
    for o in options:
        out.append(option_sentence(o, pi, lang))
        out += ["⚠ " + warnings.message(w, lang, cur) for w in o.warnings]
    return out
