"""What a loan offer really costs: the report (sentences, JSON, text table)."""

from __future__ import annotations

import datetime as dt

from simulators.core import i18n, presets
from simulators.core.i18n import display_width, text_table
from simulators.core.money import to_yuan
from simulators.true_cost.engine import (
    borrowed,
    compute,
    shows_simple_rate,
)
from simulators.true_cost.inputs import from_dict, reference_lines
from simulators.true_cost.model import COST_KINDS, CashFlows, TrueCost

SCHEMA = "borrowers-handbook/true-cost/1"


def quoted_text(flows: CashFlows, lang: str) -> str:
    """How the offer was quoted, in words: 'a monthly fee rate of 0.60%'."""

    o = flows.offer
    if flows.loan is not None:
        return i18n.t(lang, "tc.quoted.loan", rate=i18n.percent(flows.loan.annual_rate, lang))
    if o is None:
        return i18n.t(lang, "tc.quoted.payments")
    digits = 3 if o.quote == "daily_rate" else 2
    return i18n.t(lang, f"tc.quoted.{o.quote}", rate=i18n.percent(o.rate, lang, digits))


def compare_sentence(costs: list, names: list, lang: str) -> str:
    """One sentence: which offer is cheapest and by how much (or what one offer costs)."""

    pct = lambda x: i18n.percent(x, lang)  # noqa: E731
    if len(costs) == 1:
        c = costs[0]
        return i18n.t(lang, "tc.sentence.one", name=names[0], rate=pct(c.rates["nominal"]),
                      cost=i18n.money(c.total_cost, lang),
                      received=i18n.money(c.flows.received_cents, lang))
    order = sorted(range(len(costs)), key=lambda i: (round(costs[i].rates["nominal"], 12),
                                                     costs[i].total_cost))
    b, n = order[0], order[1]
    best, nxt = costs[b], costs[n]
    points = (nxt.rates["nominal"] - best.rates["nominal"]) * 100
    fields = dict(best=names[b], next=names[n], best_rate=pct(best.rates["nominal"]),
                  next_rate=pct(nxt.rates["nominal"]), points=f"{points:.2f}")
    if round(points, 2) == 0:
        return i18n.t(lang, "tc.sentence.tie", **fields)
    same = borrowed(best.flows) == borrowed(nxt.flows) and best.flows.dates == nxt.flows.dates
    if same and nxt.total_cost > best.total_cost:
        return i18n.t(lang, "tc.sentence.same_money",
                      difference=i18n.money(nxt.total_cost - best.total_cost, lang), **fields)
    return i18n.t(lang, "tc.sentence.different_money", **fields)


def to_dict(cost: TrueCost, lang: str = "en", form: str = "offer") -> dict:
    """The JSON document of ``python -m simulators true-cost FILE --json``."""

    f = cost.flows
    payments = [{"number": k + 1, "date": d.isoformat(), "amount": to_yuan(f.amounts[k]),
                 "cost": None if f.cost is None else to_yuan(f.cost[k]),
                 "cost_to_date": to_yuan(cost.cost_to_date[k])}
                for k, d in enumerate(f.dates)]
    name = i18n.t(lang, "tc.offer_default_name", n=1)
    return {
        "schema": SCHEMA,
        "lang": lang,
        "currency": "CNY",
        "form": form,
        "quoted": quoted_text(f, lang),
        "received": to_yuan(f.received_cents),
        "received_date": f.received_date.isoformat(),
        "apr": {"monthly": cost.rates["monthly"], "nominal": cost.rates["nominal"],
                "effective": cost.rates["effective"],
                "simple": cost.rates["simple"] if shows_simple_rate(f) else None},
        "total_paid": to_yuan(cost.total_paid),
        "total_cost": to_yuan(cost.total_cost),
        "cost_by_kind": {k: to_yuan(cost.by_kind.get(k, 0)) for k in COST_KINDS},
        "first_payment": to_yuan(cost.first_payment),
        "largest_payment": to_yuan(cost.largest_payment),
        "last_payment": to_yuan(cost.last_payment),
        "payments": payments,
        "reference_lines": line_positions(cost),
        "sentence": compare_sentence([cost], [name], lang),
    }


def summary_rows(costs: list, lang: str) -> list:
    """Rows of [item, offer 1, offer 2, ...] for the side-by-side table."""

    m = lambda c: i18n.money(c, lang, table=True)  # noqa: E731
    pct = lambda x: i18n.percent(x, lang)  # noqa: E731

    def payment(c):
        if c.level:
            return m(c.first_payment)
        return i18n.t(lang, "tc.row.payment_range", first=m(c.first_payment), last=m(c.last_payment))

    rows = [
        [i18n.t(lang, "tc.row.received"), *(m(c.flows.received_cents) for c in costs)],
        [i18n.t(lang, "tc.row.payment"), *(payment(c) for c in costs)],
        [i18n.t(lang, "tc.row.total_paid"), *(m(c.total_paid) for c in costs)],
        [i18n.t(lang, "tc.row.total_cost"), *(m(c.total_cost) for c in costs)],
        [i18n.t(lang, "tc.row.nominal"), *(pct(c.rates["nominal"]) for c in costs)],
        [i18n.t(lang, "tc.row.effective"), *(pct(c.rates["effective"]) for c in costs)],
    ]
    if any(shows_simple_rate(c.flows) for c in costs):
        rows.append([i18n.t(lang, "tc.row.simple"),
                     *(pct(c.rates["simple"]) if shows_simple_rate(c.flows) else "—"
                       for c in costs)])
    return rows


def text_report(cost: TrueCost, lang: str = "en") -> str:
    """The readable table the command line prints."""

    t = i18n.t
    colon = i18n.punct(lang, "colon")
    name = t(lang, "tc.offer_default_name", n=1)
    title = t(lang, "tc.cli.title")
    lines = [title, "=" * display_width(title), "",
             f"{t(lang, 'tc.cli.quoted')}{colon}{quoted_text(cost.flows, lang)}", "",
             compare_sentence([cost], [name], lang), ""]
    lines += [text_table(["", name], summary_rows([cost], lang), right=(1,)), ""]
    kinds = [[t(lang, f"tc.kind.{k}"), i18n.money(cost.by_kind.get(k, 0), lang, table=True)]
             for k in COST_KINDS if cost.by_kind.get(k, 0)]
    if kinds:
        lines += [t(lang, "tc.cli.by_kind"),
                  text_table([t(lang, "ui.table.kind"), t(lang, "ui.table.amount")], kinds, right=(1,)),
                  ""]
    f = cost.flows
    rows = [[k + 1, i18n.date(d, lang), i18n.money(f.amounts[k], lang, table=True),
             "—" if f.cost is None else i18n.money(f.cost[k], lang, table=True),
             i18n.money(cost.cost_to_date[k], lang, table=True)] for k, d in enumerate(f.dates)]
    headers = [t(lang, "table.instalment"), t(lang, "tc.schedule.date"),
               t(lang, "tc.schedule.payment"), t(lang, "tc.schedule.cost"),
               t(lang, "tc.schedule.cost_to_date")]
    lines += [t(lang, "tc.cli.schedule"), text_table(headers, rows, right=(0, 2, 3, 4)), ""]
    lines.append(t(lang, "tc.lines.heading"))

    src = presets.sources()
    for line in reference_lines():
        stop = i18n.punct(lang, "stop")
        lines.append(f"- {line['label'][lang]}{stop}{line['means'][lang]} "
                     f"{line['not_means'][lang]} {t(lang, 'tc.lines.source')}{colon}"
                     f"{src[line['source']][lang]}")
    lines += ["", t(lang, "tc.model")]
    return "\n".join(lines) + "\n"


def run_command(data, lang: str):
    """The command line's ``true-cost`` command: (JSON document, text table)."""
    ci = from_dict(data)
    cost = compute(ci)
    return to_dict(cost, lang, ci.form), text_report(cost, lang)


def line_positions(cost: TrueCost) -> list:
    """Each reference line with whether the offer's nominal annual rate is above it."""
    return [{"id": line["id"], "rate": line["rate"], "source": line["source"],
             "as_of": line["as_of"], "above": cost.rates["nominal"] > line["rate"]}
            for line in reference_lines()]


def as_of_text(text: str, lang: str) -> str:
    """An 'as of' date as precise as its source: '2017-12-01' -> 1 Dec 2017 / 2017年12月1日;
    '2026-03' -> March 2026 / 2026年3月; '2017' -> 2017 / 2017年."""
    parts = [int(x) for x in text.split("-")]
    if len(parts) == 3:
        return i18n.date(dt.date(*parts), lang)
    if len(parts) == 2:
        day = dt.date(parts[0], parts[1], 1)
        return i18n.month(day, lang, long=True)
    return i18n.year(parts[0], lang)
