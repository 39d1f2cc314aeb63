"""Paying off a credit card: the report (sentences, JSON, text table)."""

from __future__ import annotations

from simulators.core import i18n, presets, warnings
from simulators.core.i18n import display_width, text_table
from simulators.core.money import to_yuan
from simulators.minimum_payment.engine import compute, first_payment
from simulators.minimum_payment.inputs import (
    TERM_FIELDS,
    CardInput,
    card_from_dict,
    card_presets,
    currency,
)
from simulators.minimum_payment.model import Card, Strategy

CARD_SCHEMA = "borrowers-handbook/credit-card/1"


def amount(cents: int, lang: str, cur: str = "CNY", table: bool = False) -> str:
    """Money in the card's currency: ¥ as everywhere in the book; $1,234.56 / 1,234.56美元
    (a ``table`` keeps the cents of whole amounts)."""
    return i18n.money(cents, lang, cur, table=table)


def pay_label(strategy: Strategy, lang: str, cur: str = "CNY") -> str:
    t = i18n.t
    if strategy.kind == "fixed":
        return t(lang, "card.pay.fixed", amount=amount(round(strategy.amount * 100), lang, cur))
    if strategy.kind == "months":
        return t(lang, "card.pay.months", n=strategy.months)
    return t(lang, f"card.pay.{strategy.kind}")


def years_months(months: int, lang: str) -> str:
    """A number of months in years and months.

    >>> years_months(64, "en"), years_months(64, "zh"), years_months(12, "en")
    ('5 years 4 months', '5年4个月', '1 year')
    """
    y, m = divmod(int(months), 12)
    t = i18n.t
    parts = []
    if y:
        parts.append(t(lang, "card.years_1") if y == 1 else t(lang, "card.years", n=y))
    if m or not y:
        parts.append(t(lang, "card.months_1") if m == 1 else t(lang, "card.months", n=m))
    return i18n.punct(lang, "words").join(parts)


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
            amount(first_payment(r), lang, cur, table=True),
            years_months(r.months, lang) if r.paid_off else t(lang, "card.never"),
            amount(r.total_interest, lang, cur, table=True),
            amount(r.total_penalties, lang, cur, table=True),
            amount(r.total_paid, lang, cur, table=True) if r.paid_off else "—",
        ])
    return rows


def card_headers(lang: str) -> list:
    return [i18n.t(lang, f"card.col.{k}") for k in
            ("pay", "first", "time", "interest", "penalties", "paid")]


def terms_with_sources(preset_id: str, card: Card, lang: str) -> list:
    """Each term of the card: label, value as used, whether it is the preset's (with its source
    and whether it is a typical contract term) or set by the reader."""

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
            "warnings": [warnings.to_dict(w, lang, cur) for w in r.warnings],
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
    t = i18n.t
    cur = currency(ci.preset)
    title = t(lang, "card.cli.title")
    name = card_presets()[ci.preset]["name"][lang]
    colon = i18n.punct(lang, "colon")
    lines = [title, "=" * display_width(title), "",
             f"{t(lang, 'card.cli.card')}{colon}{name}",
             f"{t(lang, 'card.cli.balance')}{colon}{amount(round(ci.card.balance * 100), lang, cur)}",
             ""]
    lines += [text_table(card_headers(lang), card_rows(results, lang, cur), right=(1, 3, 4, 5)), ""]
    for r in results:
        lines.append(f"- {card_sentence(r, lang, cur)}")
        lines += [f"  ! {warnings.message(w, lang, cur)}" for w in r.warnings]
    lines += ["", t(lang, "card.cli.terms")]
    for row in terms_with_sources(ci.preset, ci.card, lang):
        tag = f" [{t(lang, 'table.typical')}]" if row["typical"] and not row["changed"] else ""
        lines.append(f"- {row['label']}{colon}{row['value']}{tag} ({row['source']})")
    lines += ["", t(lang, "card.model")]
    return "\n".join(lines) + "\n"


def run_command(data, lang: str):
    """``python -m simulators credit-card FILE``: (JSON document, text table)."""
    ci = card_from_dict(data)
    results = compute(ci)
    return card_to_dict(ci, results, lang), card_text(ci, results, lang)


def sentences(results, lang: str, cur: str = "CNY") -> list:
    """What the app says: each way of paying's sentence, then its warnings."""
    out = []
    for r in results:
        out.append(card_sentence(r, lang, cur))
        out += ["⚠ " + warnings.message(w, lang, cur) for w in r.warnings]
    return out
