"""How late payment shows up in a credit record: the report (sentences, JSON, text table)."""

from __future__ import annotations

import datetime as dt

from simulators.core import i18n
from simulators.core.i18n import t
from simulators.credit_record.engine import compute, credit_record, yearly_view
from simulators.credit_record.inputs import from_dict, jurisdictions
from simulators.credit_record.model import CreditRecord, CreditRules, NegativeRecord
from simulators.late_payment.inputs import scenario_to_dict

SCHEMA = "borrowers-handbook/credit-record/1"


def code_words(rules: CreditRules, code: str, lang: str) -> str:
    """What a code means, in words.

    >>> from simulators.credit_record.inputs import jurisdictions
    >>> code_words(jurisdictions()["cn"], "N", "en"), code_words(jurisdictions()["cn"], "N", "zh")
    ('Normal: paid as agreed', '正常：按时还款')
    """

    return t(lang, f"credit.word.{rules.id}.{code}")


def _until_words(r: NegativeRecord, rules: CreditRules, lang: str) -> str:
    if r.visible_until is None:
        return t(lang, "credit.until.unpaid", years=rules.retention_years)
    years = (rules.default_retention_years if r.retention_rule in ("default", "start_plus_180")
             else rules.retention_years)
    return t(lang, f"credit.until.{r.retention_rule}", date=i18n.date(r.visible_until, lang),
             years=years, default=i18n.date(r.default_on, lang) if r.default_on else "")


def sentences(record: CreditRecord, lang: str) -> list:
    """The plain-language summary of a record: one sentence per negative record, or why there
    is none, then what calling in the loan or never repaying adds."""

    rules = record.rules
    out = []
    if not record.negative_records:
        late_any = any(m.missed > 0 for m in record.months)
        key = "credit.sentence.not_reported" if late_any else "credit.sentence.clean"
        out.append(t(lang, key, current=rules.current_code,
                     settled=rules.settled_code or rules.current_code))
    sep = i18n.punct(lang, "list")
    for n, r in enumerate(record.negative_records, start=1):
        shown = [m for m in record.months
                 # A statement's status is seen from the day after its statement day.
                 if m.kind in ("late", "default") and r.shown_on(m.date + dt.timedelta(days=1))
                 and r.overdue_start - dt.timedelta(days=1) <= m.date
                 and (r.overdue_end is None or m.date < r.overdue_end)]
        codes = sep.join(dict.fromkeys(m.code for m in shown))
        first, last = shown[0].date, shown[-1].date
        months = (month_name(first, lang) if first == last else
                  t(lang, "credit.months_range", first=month_name(first, lang),
                    last=month_name(last, lang)))
        if r.overdue_end is None:
            out.append(t(lang, "credit.sentence.record_unpaid", n=n, codes=codes, months=months,
                         start=i18n.date(r.overdue_start, lang)))
        else:
            out.append(t(lang, "credit.sentence.record", n=n, codes=codes, months=months,
                         start=i18n.date(r.overdue_start, lang),
                         end=i18n.date(r.overdue_end, lang)))
        out.append(_until_words(r, rules, lang))
    if record.called_in_on is not None:
        out.append(t(lang, "credit.sentence.called_in", date=i18n.date(record.called_in_on, lang)))
    return out


def month_name(day: dt.date, lang: str) -> str:
    """'Mar 2026' / '2026年3月'."""
    return i18n.month(day, lang)


def record_dict(record: CreditRecord, lang: str = "en") -> dict:
    """One jurisdiction's record as JSON: ``months`` and ``negative_records``."""
    rules = record.rules
    iso = lambda d: None if d is None else d.isoformat()  # noqa: E731
    return {
        "jurisdiction": rules.id,
        "rules": rules.name[lang],
        "months": [{"month": m.month, "status": m.code, "statement_date": m.date.isoformat(),
                    "meaning": code_words(rules, m.code, lang), "missed_due_dates": m.missed,
                    "days_overdue": m.days_overdue, "oldest_unpaid_instalment": m.oldest}
                   for m in record.months],
        "negative_records": [{"overdue_start": iso(r.overdue_start), "overdue_end": iso(r.overdue_end),
                              "first_shown": iso(r.first_shown), "worst_status": r.worst_code,
                              "late_months": r.late_months, "default_date": iso(r.default_on),
                              "visible_until": iso(r.visible_until),
                              "retention_rule": r.retention_rule}
                             for r in record.negative_records],
        "settled_on": iso(record.settled_on),
        "called_in_on": iso(record.called_in_on),
        "never_repaid": record.never_repaid,
        "sentences": sentences(record, lang),
    }


def to_dict(record: CreditRecord, lang: str = "en", comparisons=()) -> dict:
    """The command line's JSON document (schema on the methodology page)."""

    doc = {"schema": SCHEMA, "lang": lang, "scenario": scenario_to_dict(record.scenario)}
    doc.update(record_dict(record, lang))
    doc["lender_view"] = [{"date": v["on"].isoformat(), "late_months_shown": v["late_months"],
                           "records_shown": len(v["records"])} for v in yearly_view(record)]
    doc["comparison"] = {c.rules.id: record_dict(c, lang) for c in comparisons}
    return doc


def text_report(record: CreditRecord, lang: str, comparisons=()) -> str:
    """The command line's table: the month-by-month grid, the records, and the comparison."""

    rules = record.rules
    lines = [t(lang, "credit.title"), rules.name[lang], ""]
    lines += sentences(record, lang)
    lines.append("")
    lines.append(t(lang, "credit.table.months"))
    head = [t(lang, "credit.table.month"), t(lang, "credit.table.status"),
            t(lang, "credit.table.meaning")]
    rows = [[m.month, m.code, code_words(rules, m.code, lang)] for m in record.months]
    lines += i18n.text_table(head, rows).split("\n")
    if record.negative_records:
        lines.append("")
        lines.append(t(lang, "credit.table.records"))
        head = [t(lang, "credit.table.overdue_start"), t(lang, "credit.table.overdue_end"),
                t(lang, "credit.table.worst"), t(lang, "credit.table.visible_until")]
        rows = [[i18n.date(r.overdue_start, lang),
                 i18n.date(r.overdue_end, lang) if r.overdue_end else t(lang, "credit.not_yet"),
                 r.worst_code,
                 i18n.date(r.visible_until, lang) if r.visible_until else t(lang, "credit.not_yet")]
                for r in record.negative_records]
        lines += i18n.text_table(head, rows).split("\n")
    if comparisons:
        lines.append("")
        lines.append(t(lang, "credit.table.comparison"))
        head = [t(lang, "credit.table.rules"), t(lang, "credit.table.first_shown"),
                t(lang, "credit.table.worst"), t(lang, "credit.table.visible_until")]
        lines += i18n.text_table(head, comparison_rows([record, *comparisons], lang)).split("\n")
    lines += ["", t(lang, "credit.model_note"), ""]
    return "\n".join(lines)


def comparison_rows(records, lang: str) -> list:
    """One row per jurisdiction: when the first record is first shown, its worst code, and
    when the last record stops being shown."""

    rows = []
    for rec in records:
        rs = rec.negative_records
        if not rs:
            rows.append([rec.rules.name[lang], t(lang, "credit.not_shown"), "–", "–"])
            continue
        worst = max((m for m in rec.months if m.kind in ("late", "default")),
                    key=lambda m: m.missed).code
        ends = [r.visible_until for r in rs]
        until = (t(lang, "credit.while_unpaid") if any(e is None for e in ends)
                 else i18n.date(max(ends), lang))
        rows.append([rec.rules.name[lang], i18n.date(rs[0].first_shown, lang), worst, until])
    return rows


def run_command(data, lang: str):
    """``python -m simulators credit-record FILE``: (JSON document, text table)."""
    ci = from_dict(data)
    main = compute(ci)
    others = [credit_record(ci.scenario, j, ci.as_of) for j in jurisdictions()
              if j != main.rules.id]
    return to_dict(main, lang, others), text_report(main, lang, others)
