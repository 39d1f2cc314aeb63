"""A ``Result`` in words and numbers: the JSON document, the plain sentence, the tables.

The command line, the apps and the book all use these, so a figure reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from simulators.core import i18n, presets
from simulators.core.i18n import display_width, money, t, text_table
from simulators.core.money import to_yuan
from simulators.core.schedule import LOAN_FIELDS
from simulators.late_payment.engine import compute
from simulators.late_payment.inputs import RULE_FIELDS, from_dict, scenario_to_dict
from simulators.late_payment.model import COST_KINDS, LateInstalment, StopPaying

SCHEMA = "borrowers-handbook/late-payment/1"


def _path(p) -> dict:
    return {
        "total_paid": to_yuan(p.total_paid),
        "total_interest": to_yuan(p.total_interest),
        "total_fees": to_yuan(p.total_fees),
        "total_cost": to_yuan(p.total_cost),
        "cap_allowed_cost": None if p.cap_allowed_cost is None else to_yuan(p.cap_allowed_cost),
        "above_cap": to_yuan(p.above_cap),
    }


def extra_share(result) -> float:
    """The extra cost as a share of what is repaid on time."""
    return result.extra_cost / result.on_time.total_paid if result.on_time.total_paid else 0.0


def to_dict(result, lang: str = "en") -> dict:
    """The JSON document of the command line (schema on the methodology page)."""
    s = result.schedule
    rows = []
    for j in range(len(s)):
        rows.append({
            "number": j + 1,
            "due_date": s.due_dates[j].isoformat(),
            "principal": to_yuan(s.principal[j]),
            "interest": to_yuan(s.interest[j]),
            "fee": to_yuan(s.fee[j]),
            "payment": to_yuan(s.payment[j]),
            "paid_date": i18n_date_iso(s, result.paid_day[j]),
            "days_late": int(result.days_late[j]),
            "called_in": bool(result.accelerated and j + 1 >= result.accelerated["first_called_in"]),
            **{k: to_yuan(result.charges[k][j]) for k in result.charges},
        })
    acc = result.accelerated
    up = catch_up(result)
    return {
        "schema": SCHEMA,
        "lang": lang,
        "currency": "CNY",
        "scenario": scenario_to_dict(result.scenario),
        "received": to_yuan(s.received_cents),
        "on_time": _path(result.on_time),
        "late": _path(result.late),
        "extra_cost": to_yuan(result.extra_cost),
        "extra_cost_share": extra_share(result),
        "extra_cost_by_kind": {k: to_yuan(result.extra_by_kind[k]) for k in COST_KINDS},
        "interest_not_charged": to_yuan(result.interest_not_charged),
        "accelerated": None if acc is None else {
            "date": acc["date"].isoformat(),
            "trigger_instalment": acc["trigger"],
            "first_instalment_called_in": acc["first_called_in"],
            "principal": to_yuan(acc["principal"]),
            "paid_date": acc["paid_date"].isoformat(),
            "interest": to_yuan(acc["interest"]),
        },
        "due_at_once": [{"date": d["date"].isoformat(), "amount": to_yuan(d["amount"]),
                         "instalments": list(d["instalments"])} for d in result.due_at_once],
        "catch_up": None if up is None else {
            "date": up["date"].isoformat(), "amount": to_yuan(up["amount"]),
            "late_charges": to_yuan(up["charges"]), "instalment": up["instalment"],
            "still_overdue": up["still_overdue"]},
        "apr_on_time": {k: result.apr_on_time[k] for k in ("monthly", "nominal", "effective")},
        "instalments": rows,
        "sentence": summary(result, lang),
        "assumptions": assumptions(result.scenario, lang),
    }


def i18n_date_iso(schedule, day) -> str:
    return (schedule.start_date + dt.timedelta(days=int(day))).isoformat()


def catch_up(result) -> dict | None:
    """The first day the late path pays an overdue instalment, when that day asks for one
    instalment only (days with more are ``result.due_at_once``): ``{"date", "amount" (cents: the
    instalment with the interest and fees still charged on it and its late charges), "charges"
    (cents), "instalment", "still_overdue" (instalments overdue that day too, paid later)}``;
    None if nothing is paid late, or paid within the grace period (no late charges).

    >>> r = compute(from_dict({"loan": {"start_date": "2026-01-15"},
    ...                        "late": [{"instalment": 3, "days_late": 45}]}))
    >>> up = catch_up(r)
    >>> up["instalment"], up["amount"] - up["charges"] == int(r.schedule.payment[2])
    (3, True)
    """
    late = np.flatnonzero(result.days_late > 0)
    if not len(late) or result.due_at_once:
        return None
    first = late[np.argmin(result.paid_day[late])]
    day = int(result.paid_day[first])
    if int((result.paid_day == day).sum()) != 1:
        return None
    s, inputs = result.schedule, result.timeline_inputs
    charges = int(sum(int(kind[first]) for kind in result.charges.values()))
    if charges == 0:  # paid within the grace period: nothing to find beyond the instalment
        return None
    amount = (int(s.principal[first]) + int(inputs["interest_owed"][first])
              + int(inputs["fee_owed"][first]) + charges)
    # Instalments that are overdue that day too and paid later (the scenario pays them later).
    still = [int(j) + 1 for j in np.flatnonzero((s.due_day <= day) & (result.paid_day > day))]
    return {"date": s.start_date + dt.timedelta(days=day), "amount": amount, "charges": charges,
            "instalment": int(first) + 1, "still_overdue": still}


def sentences(result, lang: str) -> list:
    """The plain-language summary: one main sentence, then what acceleration and a cap add."""
    sc = result.scenario
    total = money(result.on_time.total_paid, lang)
    if not sc.late or not any(
        (e.days_late if isinstance(e, LateInstalment) else e.days) > 0 for e in sc.late
    ):
        cost = money(result.on_time.total_cost, lang)
        received = money(result.schedule.received_cents, lang)
        out = [t(lang, "sentence.on_time", total=total, cost=cost, received=received)]
    else:
        extra = money(result.extra_cost, lang)
        share = i18n.percent(extra_share(result), lang)
        # When the loan is called in, the total repaid can fall (later interest is no longer
        # charged), so the sentence speaks of charges, and a later sentence gives the total.
        suffix = "_charges" if result.accelerated is not None else ""
        late_now = result.late_instalments  # instalments called in early are not "late"
        stops = [e for e in sc.late if isinstance(e, StopPaying) and e.days > 0]
        singles = [e for e in sc.late if isinstance(e, LateInstalment) and e.days_late > 0
                   and e.instalment in late_now]
        if len(stops) == 1 and not singles:
            out = [t(lang, f"sentence.stop{suffix}", first=stops[0].stop_from,
                     days=i18n.days(stops[0].days, lang), extra=extra, share=share)]
        else:
            which = i18n.instalments(late_now, lang)
            day_counts = {e.days_late for e in singles}
            if not stops and len(day_counts) == 1:
                out = [t(lang, f"sentence.late{suffix}", which=which,
                         days=i18n.days(day_counts.pop(), lang), extra=extra, share=share)]
            else:
                out = [t(lang, f"sentence.late_mixed{suffix}", which=which, extra=extra, share=share)]
        if result.extra_cost == 0 and sc.rules.grace_days > 0:
            out.append(t(lang, "sentence.grace", days=i18n.days(sc.rules.grace_days, lang)))
        up = catch_up(result)
        if up is not None:
            # The number a borrower must act on comes first: what catching up costs that day.
            first = t(lang, "sentence.catch_up", date=i18n.date(up["date"], lang),
                      amount=money(up["amount"], lang), which=up["instalment"],
                      charges=money(up["charges"], lang))
            if up["still_overdue"]:
                first += t(lang, "sentence.catch_up_still",
                           which=i18n.instalments(up["still_overdue"], lang),
                           count=len(up["still_overdue"]))
            out.insert(0, first)
        if result.due_at_once:
            # The number a borrower must act on comes first: the sum to find on one day.
            first = result.due_at_once[0]
            key = "sentence.due_at_once" + ("_called_in" if result.accelerated is not None
                                            and first["day"] == result.accelerated["paid_day"]
                                            else "")
            paid_late = set(result.late_instalments)
            late = sum(1 for j in first["instalments"] if j in paid_late)
            out.insert(0, t(lang, key, date=i18n.date(first["date"], lang),
                            amount=money(first["amount"], lang), count=len(first["instalments"]),
                            late=late, called=len(first["instalments"]) - late))
    acc = result.accelerated
    if acc is not None:
        out.append(t(lang, "sentence.accelerated", trigger=acc["trigger"],
                     limit=i18n.days(sc.rules.acceleration_after_days, lang),
                     date=i18n.date(acc["date"], lang), principal=money(acc["principal"], lang),
                     not_charged=money(result.interest_not_charged, lang)))
        difference = result.late.total_paid - result.on_time.total_paid
        key = "sentence.accelerated_total_" + ("less" if difference < 0 else "more")
        out.append(t(lang, key, total=money(result.late.total_paid, lang),
                     difference=money(abs(difference), lang)))
        if difference < 0:
            out.append(t(lang, "sentence.nothing_saved"))
    path = result.late
    if sc.rules.annual_cost_cap is not None and path.above_cap > 0:
        out.append(t(lang, "sentence.cap", above=money(path.above_cap, lang),
                     cap=i18n.percent(sc.rules.annual_cost_cap, lang, 0)))
        if sc.apply_cap:
            allowed_total = result.schedule.received_cents + path.cap_allowed_cost
            out.append(t(lang, "sentence.cap_applied", allowed=money(path.cap_allowed_cost, lang),
                         total=money(allowed_total, lang)))
    return out


def summary(result, lang: str) -> str:
    """The sentences as one paragraph (Chinese sentences are not separated by spaces)."""
    return i18n.punct(lang, "sentences").join(sentences(result, lang))


def assumptions(scenario, lang: str) -> list:
    r = scenario.rules
    out = [
        t(lang, "assumption.model"),
        t(lang, "assumption.monthly", basis=r.day_count),
        t(lang, "assumption.later_unchanged"),
        t(lang, "assumption.grace"),
        t(lang, "assumption.acceleration", days=i18n.days(r.acceleration_after_days, lang))
        if r.acceleration_after_days is not None else t(lang, "assumption.no_acceleration"),
        t(lang, "assumption.fees_no_interest"),
    ]
    if r.annual_cost_cap is not None:
        out.append(t(lang, "assumption.cap"))
    return out


def rule_value_text(name: str, value, lang: str) -> str:
    """A rule's value as a reader reads it: 50%, 3 days, ¥100.00, none."""
    if value is None:
        return t(lang, "none")
    if isinstance(value, bool):
        return t(lang, "yes" if value else "no")
    kind = (RULE_FIELDS.get(name) or LOAN_FIELDS.get(name))[0].rstrip("?")
    if kind == "rate":
        return i18n.percent(value, lang, digits=2 if round(value * 100, 2) % 1 else 0)
    if kind == "money":
        return money(round(value * 100), lang)
    if name in ("grace_days", "acceleration_after_days"):
        return i18n.days(value, lang)
    if name == "method":
        return i18n.choice_label("method", value, lang)
    return str(value)


def _same(a, b) -> bool:
    """Equal, allowing for binary fractions: 10.8% typed as '10.8' is 0.10800000000000001."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def rules_with_sources(scenario, lang: str) -> list:
    """One row per rule: label, value, whether it is a typical term, its source(s) and note.

    A rule the reader changed from the preset is attributed to the reader, not the preset."""
    preset = presets.get(scenario.preset)
    src = presets.sources()
    rows = []
    for name in RULE_FIELDS:
        value = getattr(scenario.rules, name)
        entry = preset.rules[name]
        changed = not _same(entry["value"], value)
        keys = ["your-input"] if changed else [entry["source"], *entry.get("also", [])]
        rows.append({
            "rule": name,
            "label": i18n.field_label(f"rules.{name}", lang),
            "value": rule_value_text(name, value, lang),
            "typical": bool(entry.get("typical")) and not changed,
            "changed": changed,
            "sources": [{"key": k, "title": src[k][lang], "status": src[k]["status"]} for k in keys],
            "note": None if changed else entry.get("note", {}).get(lang),
        })
    return rows


def summary_rows(result, lang: str) -> list:
    """Rows of [label, on time, late]: money received, repaid, total cost, and the cap."""
    s = result.schedule
    rows = [
        [t(lang, "table.received"), money(s.received_cents, lang, table=True), money(s.received_cents, lang, table=True)],
        [t(lang, "table.total_paid"), money(result.on_time.total_paid, lang, table=True),
         money(result.late.total_paid, lang, table=True)],
        [t(lang, "table.total_cost"), money(result.on_time.total_cost, lang, table=True),
         money(result.late.total_cost, lang, table=True)],
    ]
    if result.scenario.rules.annual_cost_cap is not None:
        rows.append([t(lang, "table.cap_allowed"), money(result.on_time.cap_allowed_cost, lang, table=True),
                     money(result.late.cap_allowed_cost, lang, table=True)])
        rows.append([t(lang, "table.above_cap"), money(result.on_time.above_cap, lang, table=True),
                     money(result.late.above_cap, lang, table=True)])
    return rows


def apr_text(result, lang: str) -> str:
    """The loan's annual rate paying on time, in words a reader without finance follows: every
    fee counted, on the money received, as 12 x the monthly rate and compounded."""
    apr = result.apr_on_time
    return t(lang, "table.apr", nominal=i18n.percent(apr["nominal"], lang),
             effective=i18n.percent(apr["effective"], lang))


def text_report(result, lang: str = "en") -> str:
    """The readable table the command line prints (for a handout)."""
    sc, s = result.scenario, result.schedule
    preset = presets.get(sc.preset)
    loan = sc.loan
    lines = [t(lang, "cli.title"), "=" * display_width(t(lang, "cli.title")), ""]
    colon = i18n.punct(lang, "colon")
    lines.append(f"{t(lang, 'cli.preset')}{colon}{preset.name[lang]}")
    loan_bits = [
        money(s.principal_cents, lang),
        t(lang, "format.rate_a_year", rate=i18n.percent(loan.annual_rate, lang)),
        i18n.term_months(loan.term_months, lang),
        i18n.choice_label("method", loan.method, lang),
        i18n.date(loan.start_date, lang),
    ]
    lines.append(f"{t(lang, 'cli.loan')}{colon}" + i18n.punct(lang, "comma").join(loan_bits))
    lines += ["", *sentences(result, lang), ""]

    lines += [t(lang, "table.summary"),
              text_table(["", t(lang, "table.on_time"), t(lang, "table.late")], summary_rows(result, lang),
                     right=(1, 2)), ""]
    lines += [apr_text(result, lang), ""]

    kinds = [[t(lang, f"kind.{k}"), money(result.extra_by_kind[k], lang, table=True)] for k in COST_KINDS]
    kinds.append([t(lang, "kind.total"), money(result.extra_cost, lang, table=True)])
    if result.interest_not_charged:
        kinds.append([t(lang, "kind.interest_not_charged"),
                      money(-result.interest_not_charged, lang, table=True)])
    lines += [t(lang, "table.breakdown"),
              text_table([t(lang, "ui.table.kind"), t(lang, "ui.table.amount")], kinds, right=(1,)), ""]

    rows = []
    for j in range(len(s)):
        called = result.accelerated and j + 1 >= result.accelerated["first_called_in"]
        charges = sum(int(result.charges[k][j]) for k in result.charges)
        rows.append([
            j + 1, i18n.date(s.due_dates[j], lang), money(s.principal[j], lang, table=True),
            money(s.interest[j], lang, table=True), money(s.fee[j], lang, table=True), money(s.payment[j], lang, table=True),
            i18n.date(s.start_date + _td(result.paid_day[j]), lang)
            + (f" ({t(lang, 'table.called_in')})" if called else ""),
            int(result.days_late[j]), money(charges, lang, table=True),
        ])
    headers = [t(lang, f"table.{k}") for k in
               ("instalment", "due_date", "principal", "interest", "fee", "payment", "paid_date",
                "days_late", "charges")]
    lines += [t(lang, "table.schedule"), text_table(headers, rows, right=(0, 2, 3, 4, 5, 7, 8)), ""]

    lines.append(t(lang, "table.rules"))
    for row in rules_with_sources(sc, lang):
        typical = f" [{t(lang, 'table.typical')}]" if row["typical"] else ""
        cites = "; ".join(x["title"] for x in row["sources"])
        stop = i18n.punct(lang, "stop")
        lines.append(f"- {row['label']}{colon}{row['value']}{typical}{stop}"
                     f"{t(lang, 'table.source')}{colon}{cites}")
    lines += ["", t(lang, "table.assumptions")]
    lines += [f"- {a}" for a in assumptions(sc, lang)]
    return "\n".join(lines) + "\n"


def _td(day):
    return dt.timedelta(days=int(day))


def run_command(data, lang: str):
    """``python -m simulators late-payment FILE``: (JSON document, text table)."""
    result = compute(from_dict(data))
    return to_dict(result, lang), text_report(result, lang)
