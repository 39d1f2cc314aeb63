"""How late payment shows up in a credit record, and for how long.

From a ``Scenario`` (the same file as the late-payment simulator) and a jurisdiction's reporting
rules (``presets/credit/<id>.json``), this gives the month-by-month repayment status as a credit
report shows it, and for each episode of late payment the day it ends and the day its record
stops being shown.

Conventions (the methodology page states each with its source and status):

- **Statements.** One status per month, taken on each monthly due date of the loan
  (``schedule.add_months(start, k)``, k = 1, 2, ...), by the end of that day. After the last due
  date, statements go on monthly on the same day of the month while anything is unpaid.
- **Unpaid.** An instalment is unpaid at a statement if it was due on or before that day and
  paid after it. A payment made within the product's grace period counts as on time.
- **Status.** The status counts the due dates that the *oldest* unpaid instalment has missed by
  the statement, its own included: 1 the month it is missed, 2 a month later, and so on
  (monthly due dates make that about 1-30, 31-60, ... days overdue). A jurisdiction turns the
  count into its code: China ``1``-``7`` from the first missed due date; the United States
  ``30``-``180`` from the second (a payment is reported once 30 days past due); the United
  Kingdom ``1``-``6`` months in arrears. The month the last amount is paid shows the settled
  code (China ``C``) if nothing is overdue then.
- **Episode.** A stretch of days on which at least one instalment is overdue (from the day
  after its due date until the day it is paid). It becomes a negative record only if a
  statement inside it shows a late code.
- **How long it is shown.** China: until 5 years after the day the episode ends (the overdue
  debt is paid), then deleted; while it is unpaid, it stays. United States: 7 years from the
  start of the delinquency; if it reaches 180 days and the account is charged off or passed to
  collection, 7 years from 180 days after the start. United Kingdom: 6 years from the day the
  episode ends; once a default is registered, 6 years from the default date, paid or not.

Example: a 12-month loan from 15 Jan 2026 whose instalment 3 (due 15 Apr 2026) is paid 45 days
late, on 30 May 2026. In China, April shows ``1``, May ``2`` (still unpaid on 15 May), June
``N``; the record ends on 30 May 2026 and stops being shown on 30 May 2031.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

import numpy as np

from simulators.model import LateInstalment, Result, Scenario, StopPaying
from simulators.scenario import FieldError, ScenarioError, scenario_from_dict
from simulators.schedule import add_months, build_schedule

#: How far the grid and the lender's view look ahead when a debt is never repaid (the second
#: generation report shows 60 months of history: digest §5.7, unverified).
GRID_MONTHS = 60
#: A day number that no payment reaches: "never paid".
NEVER = np.iinfo(np.int64).max // 4


@dataclass(frozen=True)
class CreditRules:
    """One jurisdiction's reporting rules, each with the key of its source (see the preset
    files). ``late_codes[i]`` is the code shown when the oldest unpaid instalment has missed
    ``first_reported_missed + i`` due dates (the last code also for more)."""

    id: str
    name: dict
    summary: dict
    current_code: str
    settled_code: Optional[str]
    no_payment_due_code: str
    late_codes: tuple
    first_reported_missed: int
    default_code: Optional[str]
    default_after_missed: Optional[int]
    retention_years: int
    retention_from: str  # "end" (episode ends) or "start" (delinquency begins)
    default_retention_years: Optional[int]
    default_retention_from: Optional[str]  # "default" or "start_plus_180"
    grid_months: int
    sources: dict  # rule name -> {"source", "typical", "also", "note"}


@dataclass(frozen=True)
class MonthStatus:
    """The status shown for one month: ``code`` on the statement ``date``; ``missed`` due dates
    missed by the oldest unpaid instalment (``oldest``, 1-based; 0 and None when up to date);
    ``days_overdue`` its days past due at the statement."""

    date: dt.date
    code: str
    missed: int
    days_overdue: int
    oldest: Optional[int]
    kind: str  # "current", "late", "default", "settled", "no_payment_due"

    @property
    def month(self) -> str:
        return f"{self.date.year:04d}-{self.date.month:02d}"


@dataclass(frozen=True)
class NegativeRecord:
    """One episode of late payment as the report keeps it. ``overdue_end`` and
    ``visible_until`` are None while the debt is never repaid."""

    overdue_start: dt.date
    overdue_end: Optional[dt.date]
    first_shown: dt.date  # the first statement that shows it
    worst_code: str
    late_months: int  # statements inside it that show a late or default code
    default_on: Optional[dt.date]
    visible_until: Optional[dt.date]
    retention_rule: str  # "end", "start", "start_plus_180", "default", "unpaid"

    def shown_on(self, day: dt.date) -> bool:
        """Whether a lender checking the report on ``day`` sees this record."""
        if day < self.first_shown:
            return False
        return self.visible_until is None or day < self.visible_until


@dataclass(frozen=True, eq=False)
class CreditRecord:
    scenario: Scenario
    rules: CreditRules
    months: tuple  # of MonthStatus
    negative_records: tuple  # of NegativeRecord
    settled_on: Optional[dt.date]
    called_in_on: Optional[dt.date]
    never_repaid: bool
    as_of: dt.date  # the last statement computed when the debt is never repaid

    @property
    def codes(self) -> list:
        return [m.code for m in self.months]


# --------------------------------------------------------------------------- rules

def _preset_dir():
    return resources.files("simulators") / "presets" / "credit"


@lru_cache(maxsize=None)
def jurisdictions() -> dict:
    """Jurisdiction id -> CreditRules, China first."""
    found = {}
    for entry in sorted(_preset_dir().iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
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


def add_years(day: dt.date, years: int) -> dt.date:
    """The same date ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# --------------------------------------------------------------------------- reading the input

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


# --------------------------------------------------------------------------- the engine

def payment_days(scenario: Scenario, schedule, result: Optional[Result] = None):
    """The day each instalment is paid (days from the start; ``NEVER`` if never), the day the
    loan was called in (or None), and whether anything is never repaid.

    With a ``Result`` of the late-payment engine its paid days are used (they include the
    catch-up of a loan called in). A stop with ``days`` None ("never catch up") leaves every
    instalment from ``stop_from`` unpaid; where the product calls the loan in, it is called in
    the day the first of them is ``acceleration_after_days`` overdue.
    """
    due = schedule.due_day
    if result is not None:
        called = result.accelerated["day"] if result.accelerated else None
        return result.paid_day.astype(np.int64).copy(), called, False
    from simulators.late import payment_days as late_payment_days

    finite = tuple(e for e in scenario.late
                   if not (isinstance(e, StopPaying) and e.days is None))
    paid = late_payment_days(due, finite).astype(np.int64)
    never_from = [e.stop_from for e in scenario.late
                  if isinstance(e, StopPaying) and e.days is None]
    called = None
    if never_from:
        k = min(never_from) - 1
        paid[k:] = NEVER
        limit = scenario.rules.acceleration_after_days
        if limit is not None:
            called = int(due[k] + int(limit))
    return paid, called, bool(never_from)


def credit_record(source, jurisdiction: str = "cn", as_of: Optional[dt.date] = None) -> CreditRecord:
    """The credit record of a ``Scenario`` (or of the late-payment engine's ``Result``) under
    ``jurisdiction``'s rules (``"cn"``, ``"us"``, ``"uk"``).

    ``as_of``: the last day followed when a debt is never repaid (default: 60 statements from
    the first due date, or 12 after the last, whichever is later).
    """
    result = source if isinstance(source, Result) else None
    scenario = result.scenario if result is not None else source
    if result is None and not any(isinstance(e, StopPaying) and e.days is None
                                  for e in scenario.late):
        from simulators.late import simulate

        # The late-payment engine knows when the loan is called in and paid off.
        result = simulate(scenario)
    rules = jurisdictions()[jurisdiction]
    schedule = result.schedule if result is not None else build_schedule(scenario.loan)
    start = scenario.loan.start_date
    due = schedule.due_day.astype(np.int64)
    paid, called_day, never = payment_days(scenario, schedule, result)
    grace = int(scenario.rules.grace_days)
    # Within the grace period a payment counts as on time (the product waives the charges;
    # the model assumes the lender does not report it either).
    # An instalment called in early and paid before its own due date counts as paid that day.
    effective = np.where((paid != NEVER) & (paid - due <= grace), np.minimum(paid, due), paid)

    def day_of(d: dt.date) -> int:
        return (d - start).days

    def date_of(n: int) -> dt.date:
        return start + dt.timedelta(days=int(n))

    last_paid = None if never else int(effective.max())
    if as_of is None:
        horizon = add_months(start, max(GRID_MONTHS, int(scenario.loan.term_months) + 12))
    else:
        horizon = as_of
    horizon_day = day_of(horizon)

    statements = []
    k = 1
    while True:
        d = day_of(add_months(start, k))
        statements.append(d)
        if never:
            if d >= horizon_day or k > 5000:
                break
        elif d >= last_paid or k > 5000:
            break
        k += 1
    statements = np.array(statements, dtype=np.int64)
    # Index of the statement on each due date (due dates are statement dates: same add_months).
    due_index = np.searchsorted(statements, due)

    months = []
    for i, s in enumerate(statements):
        unpaid = (due <= s) & (effective > s)
        if not never and s >= last_paid and not unpaid.any():
            code = rules.settled_code or rules.current_code
            months.append(MonthStatus(date_of(s), code, 0, 0, None, "settled"))
            continue
        if not unpaid.any():
            due_now = bool(((due > (statements[i - 1] if i else -1)) & (due <= s)).any())
            called_now = called_day is not None and called_day <= s
            if due_now or called_now:
                months.append(MonthStatus(date_of(s), rules.current_code, 0, 0, None, "current"))
            else:
                months.append(MonthStatus(date_of(s), rules.no_payment_due_code, 0, 0, None,
                                          "no_payment_due"))
            continue
        oldest = int(np.flatnonzero(unpaid)[0])
        missed = i - int(due_index[oldest]) + 1
        days_overdue = int(s - due[oldest])
        code, kind = _code(rules, missed)
        months.append(MonthStatus(date_of(s), code, missed, days_overdue, oldest + 1, kind))

    records = _episodes(rules, due, effective, statements, months, never, date_of, called_day)
    return CreditRecord(
        scenario=scenario, rules=rules, months=tuple(months), negative_records=tuple(records),
        settled_on=None if never else date_of(last_paid),
        called_in_on=None if called_day is None else date_of(called_day),
        never_repaid=never, as_of=date_of(statements[-1]),
    )


def _code(rules: CreditRules, missed: int):
    if rules.default_after_missed is not None and missed >= rules.default_after_missed:
        return rules.default_code, "default"
    if missed < rules.first_reported_missed:
        return rules.current_code, "current"
    i = min(missed - rules.first_reported_missed, len(rules.late_codes) - 1)
    return rules.late_codes[i], "late"


def _episodes(rules, due, effective, statements, months, never, date_of, called_day):
    """Merge the overdue spells of the instalments into episodes, keep those a statement shows,
    and date when each stops being shown."""
    # A spell runs from the due date (unpaid at the end of it) to the day it is paid; the
    # overdue itself starts the next day.
    spells = sorted((int(d), int(p)) for d, p in zip(due, effective) if p > d)
    merged = []
    for a, b in spells:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        shown = [(s, m) for s, m in zip(statements, months)
                 if a <= s < b and m.kind in ("late", "default")]
        if not shown:
            continue
        unpaid = b >= NEVER
        start, end = date_of(a + 1), None if unpaid else date_of(b)
        worst = max(shown, key=lambda sm: sm[1].missed)[1].code
        defaults = [s for s, m in shown if m.kind == "default"]
        default_on = date_of(defaults[0]) if defaults else None
        if default_on is not None and rules.default_retention_from == "default":
            until, rule = add_years(default_on, rules.default_retention_years), "default"
        elif default_on is not None and rules.default_retention_from == "start_plus_180":
            # FCRA s.605(c): the 7 years start 180 days after the delinquency began.
            until = add_years(start + dt.timedelta(days=180), rules.default_retention_years)
            rule = "start_plus_180"
        elif rules.retention_from == "start":
            until, rule = add_years(start, rules.retention_years), "start"
        elif unpaid:
            until, rule = None, "unpaid"
        else:
            until, rule = add_years(end, rules.retention_years), "end"
        out.append(NegativeRecord(
            overdue_start=start, overdue_end=end, first_shown=date_of(shown[0][0]),
            worst_code=worst, late_months=len(shown), default_on=default_on,
            visible_until=until, retention_rule=rule))
    return out


def record_from_dict(data, jurisdiction: Optional[str] = None) -> CreditRecord:
    """Check a scenario file (with its optional ``"credit"`` part) and compute its record."""
    options = options_from_dict(data)
    scenario = scenario_from_dict(data)
    return credit_record(scenario, jurisdiction or options["jurisdiction"], options["as_of"])


# --------------------------------------------------------------------------- what a lender sees

def lender_view(record: CreditRecord, on: dt.date) -> dict:
    """What a lender checking the report on ``on`` sees: the statuses of the last
    ``grid_months`` statements up to that day, without those whose record has been deleted,
    and the negative records still shown."""
    shown_records = [r for r in record.negative_records if r.shown_on(on)]
    window_start = add_months(on, -record.rules.grid_months)
    grid = []
    for m in record.months:
        if not (window_start < m.date <= on):
            continue
        code = m.code
        if m.kind in ("late", "default"):
            owner = next((r for r in record.negative_records
                          if r.overdue_start - dt.timedelta(days=1) <= m.date and
                          (r.overdue_end is None or m.date < r.overdue_end)), None)
            if owner is not None and not owner.shown_on(on):
                code = None  # deleted: the month no longer shows the late code
        grid.append((m, code))
    return {"on": on, "records": shown_records, "grid": grid,
            "late_months": sum(1 for m, c in grid if c is not None and m.kind in ("late", "default"))}


def yearly_view(record: CreditRecord, years: Optional[int] = None) -> list:
    """``lender_view`` on 31 December of each year from the first statement until every record
    has gone (at most ``years`` years; 10 when a debt is never repaid)."""
    first = record.months[0].date.year
    ends = [r.visible_until for r in record.negative_records]
    if years is None:
        if not ends:
            last = (record.settled_on or record.as_of).year
        elif any(e is None for e in ends):
            # Followed as far as the statements go: the last 31 December they cover.
            last = record.as_of.year - (record.as_of < dt.date(record.as_of.year, 12, 31))
        else:
            last = max(ends).year
        years = last - first + 1
    return [lender_view(record, dt.date(first + y, 12, 31)) for y in range(years)]


__all__ = ["CreditRecord", "CreditRules", "MonthStatus", "NegativeRecord", "credit_record",
           "record_from_dict", "lender_view", "yearly_view", "jurisdictions", "add_years",
           "LateInstalment"]


# --------------------------------------------------------------------------- words and JSON

SCHEMA = "borrowers-handbook/credit-record/1"


def code_words(rules: CreditRules, code: str, lang: str) -> str:
    """What a code means, in words: 'N' -> 'Normal: paid as agreed'."""
    from simulators.i18n import t

    return t(lang, f"credit.word.{rules.id}.{code}")


def _until_words(r: NegativeRecord, rules: CreditRules, lang: str) -> str:
    from simulators import i18n
    from simulators.i18n import t

    if r.visible_until is None:
        return t(lang, "credit.until.unpaid", years=rules.retention_years)
    years = (rules.default_retention_years if r.retention_rule in ("default", "start_plus_180")
             else rules.retention_years)
    return t(lang, f"credit.until.{r.retention_rule}", date=i18n.date(r.visible_until, lang),
             years=years, default=i18n.date(r.default_on, lang) if r.default_on else "")


def sentences(record: CreditRecord, lang: str) -> list:
    """The plain-language summary of a record: one sentence per negative record, or why there
    is none, then what calling in the loan or never repaying adds."""
    from simulators import i18n
    from simulators.i18n import t

    rules = record.rules
    out = []
    if not record.negative_records:
        late_any = any(m.missed > 0 for m in record.months)
        key = "credit.sentence.not_reported" if late_any else "credit.sentence.clean"
        out.append(t(lang, key, current=rules.current_code,
                     settled=rules.settled_code or rules.current_code))
    sep = ", " if lang == "en" else "、"
    for n, r in enumerate(record.negative_records, start=1):
        shown = [m for m in record.months
                 if m.kind in ("late", "default") and r.shown_on(m.date)
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
    return f"{day:%b} {day.year}" if lang == "en" else f"{day.year}年{day.month}月"


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
    from simulators.scenario import scenario_to_dict

    doc = {"schema": SCHEMA, "lang": lang, "scenario": scenario_to_dict(record.scenario)}
    doc.update(record_dict(record, lang))
    doc["lender_view"] = [{"date": v["on"].isoformat(), "late_months_shown": v["late_months"],
                           "records_shown": len(v["records"])} for v in yearly_view(record)]
    doc["comparison"] = {c.rules.id: record_dict(c, lang) for c in comparisons}
    return doc


def text_report(record: CreditRecord, lang: str, comparisons=()) -> str:
    """The command line's table: the month-by-month grid, the records, and the comparison."""
    from simulators import i18n
    from simulators.i18n import t

    rules = record.rules
    lines = [t(lang, "credit.title"), rules.name[lang], ""]
    lines += sentences(record, lang)
    lines.append("")
    lines.append(t(lang, "credit.table.months"))
    head = [t(lang, "credit.table.month"), t(lang, "credit.table.status"),
            t(lang, "credit.table.meaning")]
    rows = [[m.month, m.code, code_words(rules, m.code, lang)] for m in record.months]
    lines += _columns(head, rows)
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
        lines += _columns(head, rows)
    if comparisons:
        lines.append("")
        lines.append(t(lang, "credit.table.comparison"))
        head = [t(lang, "credit.table.rules"), t(lang, "credit.table.first_shown"),
                t(lang, "credit.table.worst"), t(lang, "credit.table.visible_until")]
        lines += _columns(head, comparison_rows([record, *comparisons], lang))
    lines += ["", t(lang, "credit.model_note"), ""]
    return "\n".join(lines)


def comparison_rows(records, lang: str) -> list:
    """One row per jurisdiction: when the first record is first shown, its worst code, and
    when the last record stops being shown."""
    from simulators import i18n
    from simulators.i18n import t

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


def display_width(text: str) -> int:
    """Columns taken in a terminal: wide (CJK) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _columns(head, rows) -> list:
    table = [head] + [[str(c) for c in r] for r in rows]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(head))]
    out = []
    for k, r in enumerate(table):
        out.append("  ".join(c + " " * (w - display_width(c)) for c, w in zip(r, widths)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def run_command(data, lang: str):
    """``python -m simulators credit-record FILE``: (JSON document, text table)."""
    options = options_from_dict(data)
    scenario = scenario_from_dict(data)
    main = credit_record(scenario, options["jurisdiction"], options["as_of"])
    others = [credit_record(scenario, j, options["as_of"]) for j in jurisdictions()
              if j != main.rules.id]
    return to_dict(main, lang, others), text_report(main, lang, others)
