"""Loan offers as they are advertised, turned into the cash flows they really are.

A borrower in China sees a loan quoted as an annual interest rate, a "monthly fee rate" (月费率)
on the original principal, a daily rate (日利率, for example 0.05%), a total instalment fee
(分期手续费), an amount deducted from the money paid out (砍头息), fixed fees per instalment, or a
bundled product (membership, insurance, guarantee). Each is converted here into one stream of
payments against the money actually received, and ``true_cost`` finds what that stream costs
(``rates.annual_rates``). Amounts are whole cents (int64) inside, as in the rest of the engine.

Three kinds of offer file are read by ``flows_from_dict`` (the command line's contract):

- ``{"offer": {...}}``: an offer as quoted (``OFFER_FIELDS``);
- ``{"loan": {...}}``: a loan as in the scenario contract (``scenario.LOAN_FIELDS``);
- ``{"received": 99000, "received_date": "2026-01-15", "payments": [{"date": ..., "amount": ...}]}``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

import numpy as np

from simulators import scenario as sc
from simulators.model import METHODS, Loan
from simulators.money import round_cents, to_cents
from simulators.rates import NoRateError, annual_rates, periods_of_dates
from simulators.scenario import FieldError, ScenarioError, _check, _unknown
from simulators.schedule import build_schedule

#: How an offer's price is quoted.
QUOTES = ("annual_rate", "monthly_fee_rate", "daily_rate", "total_fee_rate")
#: The allowed rate for each way of quoting (fractions: 0.006 is 0.6%).
RATE_RANGES = {
    "annual_rate": (0, 1),
    "monthly_fee_rate": (0, 0.1),
    "daily_rate": (0, 0.01),
    "total_fee_rate": (0, 1),
}
EXTRA_KINDS = ("membership", "insurance", "guarantee", "other")
EXTRA_WHEN = ("upfront", "monthly")
MAX_EXTRAS = 5
MAX_PAYMENTS = 600
MAX_OFFERS = 3

#: Allowed ranges of an offer as quoted: (kind, minimum, maximum), as in ``scenario``.
OFFER_FIELDS = {
    "principal": ("money", 1, 100_000_000),
    "term_months": ("int", 1, 360),
    "quote": ("choice", QUOTES, None),
    "rate": ("rate", 0, 1),  # narrowed by RATE_RANGES for the quote chosen
    "method": ("choice", METHODS, None),
    "day_count": ("choice", (360, 365), None),
    "term_days": ("int?", 1, 3650),
    "start_date": ("date", dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    "upfront_deduction": ("money", 0, None),  # below the principal; checked below
    "monthly_fee": ("money", 0, 1_000_000),
}
OFFER_DEFAULTS = {
    "method": "equal_instalment", "day_count": 360, "term_days": None,
    "start_date": "2026-01-15", "upfront_deduction": 0, "monthly_fee": 0,
}
EXTRA_FIELDS = {
    "kind": ("choice", EXTRA_KINDS, None),
    "amount": ("money", 0, 10_000_000),
    "when": ("choice", EXTRA_WHEN, None),
}
FLOW_FIELDS = {
    "received": ("money", 0.01, 100_000_000),
    "received_date": ("date", dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    "date": ("date", dt.date(1990, 1, 1), dt.date(2150, 12, 31)),
    "amount": ("money", 0, 100_000_000),
}
#: Each cost is reported under one of these kinds, in this order.
COST_KINDS = ("interest", "fees", "deduction", "extras")

# The range of every field above is known to i18n.error_message, which formats it.
sc.FIELD_SPECS.update({**OFFER_FIELDS, **EXTRA_FIELDS, **FLOW_FIELDS})


@dataclass(frozen=True)
class Extra:
    """A product sold with the loan: ``amount`` yuan, once at the start or with every instalment."""

    kind: str
    amount: float
    when: str = "monthly"


@dataclass(frozen=True)
class Offer:
    """A loan offer as quoted. ``rate`` is read according to ``quote``:

    - ``annual_rate``: a nominal annual interest rate, charged monthly at rate / 12 on the balance
      (repaid by ``method``).
    - ``monthly_fee_rate``: a fee each month of rate x the original principal, which is repaid in
      equal parts (the usual instalment product).
    - ``daily_rate``: interest of rate per day; over months it is charged at rate x ``day_count``
      a year (repaid by ``method``); a one-payment loan with ``term_days`` pays
      principal x (1 + rate x days) after that many days.
    - ``total_fee_rate``: a fee of rate x principal for the whole loan, spread over the
      instalments, with the principal repaid in equal parts.
    """

    principal: float
    term_months: int
    quote: str
    rate: float
    method: str = "equal_instalment"
    day_count: int = 360
    term_days: Optional[int] = None
    start_date: dt.date = dt.date(2026, 1, 15)
    upfront_deduction: float = 0.0
    monthly_fee: float = 0.0
    extras: tuple = ()


@dataclass(frozen=True, eq=False)
class CashFlows:
    """The money received on one day against the payments that repay it, in cents.

    ``cost`` is the part of each payment that is not principal (interest, fees, extras) where
    the offer says so; None for a bare list of payments. ``by_kind`` totals the cost by kind,
    the upfront deduction included."""

    received_cents: int
    received_date: dt.date
    dates: tuple
    amounts: np.ndarray
    cost: Optional[np.ndarray] = None
    upfront_cost_cents: int = 0
    by_kind: dict = field(default_factory=dict)
    offer: Optional[Offer] = None
    loan: Optional[Loan] = None

    @property
    def total_paid(self) -> int:
        return int(self.amounts.sum())


@dataclass(frozen=True, eq=False)
class TrueCost:
    """What a stream of payments costs. Amounts in cents; rates as fractions."""

    flows: CashFlows
    rates: dict  # {"monthly", "nominal", "effective", "simple"}
    total_paid: int
    total_cost: int  # total_paid - received
    cost_to_date: np.ndarray  # cost paid by each payment date (after day 0's deduction)
    by_kind: dict

    @property
    def first_payment(self) -> int:
        return int(self.flows.amounts[0])

    @property
    def largest_payment(self) -> int:
        return int(self.flows.amounts.max())

    @property
    def last_payment(self) -> int:
        return int(self.flows.amounts[-1])

    @property
    def level(self) -> bool:
        """Whether the payments are all the same, give or take rounding (within 1 yuan)."""
        a = self.flows.amounts
        return bool(a.max() - a.min() <= 100)


# --------------------------------------------------------------------------- examples and lines

def _files():
    return resources.files("simulators") / "presets" / "offers"


@lru_cache(maxsize=None)
def examples() -> list:
    """The fictional example offers (presets/offers/examples.json), each with its source key."""
    return json.loads((_files() / "examples.json").read_text(encoding="utf-8"))["offers"]


@lru_cache(maxsize=None)
def reference_lines() -> list:
    """The rate levels a court or regulator uses, with sources, 'as of' dates and meanings."""
    return json.loads((_files() / "reference_lines.json").read_text(encoding="utf-8"))["lines"]


# --------------------------------------------------------------------------- reading

def offer_from_dict(data, prefix: str = "offer.") -> Offer:
    """Check an offer as read from JSON (or typed in the app) and build it, or raise
    ScenarioError listing every problem, each naming its field with ``prefix``."""
    errors: list = []
    if not isinstance(data, dict):
        raise ScenarioError([FieldError(prefix.rstrip("."), "not_an_object")])
    _unknown(errors, prefix, data, (*OFFER_FIELDS, "extras", "name"))
    values = {**OFFER_DEFAULTS, **{k: v for k, v in data.items() if k != "name"}}
    out = {}
    for name, (kind, lo, hi) in OFFER_FIELDS.items():
        if name == "rate":
            continue
        out[name] = _check(errors, f"{prefix}{name}", kind, lo, hi, values.get(name))
    quote = out.get("quote")
    lo, hi = RATE_RANGES.get(quote, (0, 1))
    out["rate"] = _check(errors, f"{prefix}rate", "rate", lo, hi, values.get("rate"))
    extras = _extras(errors, prefix, data.get("extras", []))
    if out["principal"] is not None and out["upfront_deduction"] is not None:
        upfront = out["upfront_deduction"] + sum(e.amount for e in extras if e.when == "upfront")
        if upfront >= out["principal"]:
            errors.append(FieldError(f"{prefix}upfront_deduction", "fee_below_principal",
                                     (("max", out["principal"]),)))
    if out["term_days"] is not None and out["method"] != "bullet":
        errors.append(FieldError(f"{prefix}term_days", "days_need_bullet"))
    if errors:
        raise ScenarioError(errors)
    return Offer(extras=tuple(extras), **out)


def _extras(errors, prefix, entries) -> list:
    if not isinstance(entries, list):
        errors.append(FieldError(f"{prefix}extras", "not_a_list"))
        return []
    if len(entries) > MAX_EXTRAS:
        errors.append(FieldError(f"{prefix}extras", "too_many", (("max", MAX_EXTRAS),)))
        return []
    out = []
    for i, entry in enumerate(entries, start=1):
        where = f"{prefix}extras[{i}]"
        if not isinstance(entry, dict):
            errors.append(FieldError(where, "not_an_object"))
            continue
        _unknown(errors, f"{where}.", entry, EXTRA_FIELDS)
        values = {"when": "monthly", **entry}
        got = {n: _check(errors, f"{where}.{n}", *EXTRA_FIELDS[n], values.get(n))
               for n in EXTRA_FIELDS}
        if None not in got.values():
            out.append(Extra(**got))
    return out


def _payments(errors, data) -> tuple:
    received = _check(errors, "received", *FLOW_FIELDS["received"], data.get("received"))
    day = _check(errors, "received_date", *FLOW_FIELDS["received_date"], data.get("received_date"))
    entries = data.get("payments")
    if not isinstance(entries, list):
        errors.append(FieldError("payments", "not_a_list" if entries is not None else "required"))
        return received, day, [], []
    if not entries or len(entries) > MAX_PAYMENTS:
        errors.append(FieldError("payments", "payments_count", (("min", 1), ("max", MAX_PAYMENTS))))
        return received, day, [], []
    dates, amounts = [], []
    for i, entry in enumerate(entries, start=1):
        where = f"payments[{i}]"
        if not isinstance(entry, dict):
            errors.append(FieldError(where, "not_an_object"))
            continue
        _unknown(errors, f"{where}.", entry, ("date", "amount"))
        d = _check(errors, f"{where}.date", *FLOW_FIELDS["date"], entry.get("date"))
        a = _check(errors, f"{where}.amount", *FLOW_FIELDS["amount"], entry.get("amount"))
        if d is not None and day is not None and d < day:
            errors.append(FieldError(f"{where}.date", "date_before_received", (("min", day),)))
            d = None
        if d is not None and a is not None:
            dates.append(d)
            amounts.append(a)
    return received, day, dates, amounts


# --------------------------------------------------------------------------- cash flows

def _spread(total_cents: int, n: int) -> np.ndarray:
    """``total_cents`` in ``n`` parts that add up exactly (the later parts take the odd cents)."""
    cumulative = round_cents(total_cents * np.arange(0, n + 1) / n)
    return np.diff(cumulative).astype(np.int64)


def offer_flows(offer: Offer) -> CashFlows:
    """The payments of ``offer`` and the money actually received.

    Received = principal - upfront deduction - extras charged up front. Each instalment pays
    principal + interest + fees + extras charged monthly. See the class docstring of ``Offer``
    for how each quote is read.

    Example: 10,000 over 12 months at a monthly fee rate of 0.6%: 12 payments of 833.33 (the
    last 833.37) + 60.00 fee, 10,000 received; the fees total 720.00.
    """
    p_cents = to_cents(offer.principal)
    n = int(offer.term_months)
    q = offer.quote
    if q == "daily_rate" and offer.term_days is not None:
        due = (offer.start_date + dt.timedelta(days=int(offer.term_days)),)
        principal = np.array([p_cents], dtype=np.int64)
        interest = np.array([round_cents(p_cents * offer.rate * offer.term_days)], dtype=np.int64)
        months = 1
    else:
        if q in ("monthly_fee_rate", "total_fee_rate"):
            method, annual = "equal_principal", 0.0
        elif q == "daily_rate":
            method, annual = offer.method, offer.rate * offer.day_count
        else:
            method, annual = offer.method, offer.rate
        s = build_schedule(Loan(principal=offer.principal, annual_rate=annual, term_months=n,
                                method=method, start_date=offer.start_date))
        due, principal, interest = s.due_dates, s.principal, s.interest
        months = n if method == "bullet" else 1  # a one-payment loan pays every month's fees
    count = len(due)
    fees = np.zeros(count, dtype=np.int64)
    if q == "monthly_fee_rate":
        fees += round_cents(p_cents * offer.rate) * months
    elif q == "total_fee_rate":
        fees += _spread(round_cents(p_cents * offer.rate), count)
    fees += to_cents(offer.monthly_fee) * months
    extras = np.zeros(count, dtype=np.int64)
    upfront_extras = 0
    for e in offer.extras:
        if e.when == "upfront":
            upfront_extras += to_cents(e.amount)
        else:
            extras += to_cents(e.amount) * months
    deduction = to_cents(offer.upfront_deduction)
    cost = interest + fees + extras
    return CashFlows(
        received_cents=p_cents - deduction - upfront_extras,
        received_date=offer.start_date,
        dates=tuple(due),
        amounts=(principal + cost).astype(np.int64),
        cost=cost.astype(np.int64),
        upfront_cost_cents=deduction + upfront_extras,
        by_kind={"interest": int(interest.sum()), "fees": int(fees.sum()),
                 "deduction": deduction, "extras": int(extras.sum()) + upfront_extras},
        offer=offer,
    )


def loan_flows(loan: Loan) -> CashFlows:
    """The payments of a loan of the scenario contract (its schedule, paid on time)."""
    s = build_schedule(loan)
    cost = (s.interest + s.fee).astype(np.int64)
    return CashFlows(received_cents=s.received_cents, received_date=s.start_date,
                     dates=s.due_dates, amounts=s.payment.astype(np.int64), cost=cost,
                     upfront_cost_cents=s.upfront_fee_cents,
                     by_kind={"interest": int(s.interest.sum()), "fees": int(s.fee.sum()),
                              "deduction": s.upfront_fee_cents, "extras": 0}, loan=loan)


def flows_from_dict(data) -> CashFlows:
    """An offer file (any of the three forms in the module docstring) as cash flows, or
    ScenarioError listing every problem."""
    if not isinstance(data, dict):
        raise ScenarioError([FieldError("offer", "not_an_object")])
    if "offer" in data:
        errors: list = []
        _unknown(errors, "", data, ("offer",))
        offer = offer_from_dict(data["offer"])
        if errors:
            raise ScenarioError(errors)
        return offer_flows(offer)
    if "loan" in data:
        errors = []
        _unknown(errors, "", data, ("loan", "preset"))
        if errors:
            raise ScenarioError(errors)
        return loan_flows(sc.scenario_from_dict({"loan": data["loan"],
                                                 "preset": data.get("preset", "custom")}).loan)
    errors = []
    _unknown(errors, "", data, ("received", "received_date", "payments"))
    received, day, dates, amounts = _payments(errors, data)
    if errors:
        raise ScenarioError(errors)
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    return CashFlows(received_cents=to_cents(received), received_date=day,
                     dates=tuple(dates[i] for i in order),
                     amounts=np.array([to_cents(amounts[i]) for i in order], dtype=np.int64))


# --------------------------------------------------------------------------- the cost

def _cost_to_date(flows: CashFlows, monthly: float) -> np.ndarray:
    """Cost paid by each payment date. Where the offer says which part of each payment is
    cost, that; for a bare list of payments, what is paid beyond the principal repaid, the
    principal still owed after payment k being the value then of the payments still to come
    at the rate found (so the cost comes out as interest at that rate)."""
    if flows.cost is not None:
        return flows.upfront_cost_cents + np.cumsum(flows.cost)
    whole, fraction = periods_of_dates(flows.received_date, flows.dates)
    v = (1.0 + monthly) ** (-whole) / (1.0 + fraction * monthly)
    a = flows.amounts.astype(float)
    later = np.cumsum((a * v)[::-1])[::-1] - a * v  # value at day 0 of the payments after k
    owed_after = later / v
    principal_repaid = flows.received_cents - owed_after
    return round_cents(np.cumsum(a) - principal_repaid)


def true_cost(flows: CashFlows, prefix: str = "") -> TrueCost:
    """The annual rates, total paid and total cost of ``flows``, or ScenarioError (field
    ``<prefix>payments``, code ``no_rate_<reason>``) when no rate exists."""
    try:
        found = annual_rates(float(flows.received_cents), flows.received_date, flows.dates,
                             flows.amounts.astype(float))
    except NoRateError as e:
        raise ScenarioError([FieldError(f"{prefix}payments", f"no_rate_{e.code}")]) from None
    total_paid = flows.total_paid
    total_cost = total_paid - flows.received_cents
    by_kind = dict(flows.by_kind) if flows.by_kind else {"interest": total_cost, "fees": 0,
                                                           "deduction": 0, "extras": 0}
    return TrueCost(flows=flows, rates=found, total_paid=total_paid, total_cost=total_cost,
                    cost_to_date=_cost_to_date(flows, found["monthly"]), by_kind=by_kind)


def cheapest(costs: list) -> Optional[int]:
    """Index of the offer with the lowest annual rate (nominal; ties to the lower total cost)."""
    if not costs:
        return None
    return min(range(len(costs)), key=lambda i: (round(costs[i].rates["nominal"], 12),
                                                 costs[i].total_cost))


# --------------------------------------------------------------------------- in words

SCHEMA = "borrowers-handbook/true-cost/1"


def quoted_text(flows: CashFlows, lang: str) -> str:
    """How the offer was quoted, in words: 'a monthly fee rate of 0.60%'."""
    from simulators import i18n

    o = flows.offer
    if flows.loan is not None:
        return i18n.t(lang, "tc.quoted.loan", rate=i18n.percent(flows.loan.annual_rate, lang))
    if o is None:
        return i18n.t(lang, "tc.quoted.payments")
    digits = 3 if o.quote == "daily_rate" else 2
    return i18n.t(lang, f"tc.quoted.{o.quote}", rate=i18n.percent(o.rate, lang, digits))


def shows_simple_rate(flows: CashFlows) -> bool:
    """Whether a lender would show a simple annual rate for this offer: a daily-rate quote or a
    loan repaid in one payment (the way short loans are advertised)."""
    return len(flows.dates) == 1 or (flows.offer is not None and flows.offer.quote == "daily_rate")


def borrowed(flows: CashFlows) -> int:
    """The amount on the contract, in cents (what was received, for a bare list of payments)."""
    return to_cents(flows.offer.principal) if flows.offer is not None else flows.received_cents


def compare_sentence(costs: list, names: list, lang: str) -> str:
    """One sentence: which offer is cheapest and by how much (or what one offer costs)."""
    from simulators import i18n

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


def line_positions(cost: TrueCost) -> list:
    """Each reference line with whether the offer's nominal annual rate is above it."""
    return [{"id": line["id"], "rate": line["rate"], "source": line["source"],
             "as_of": line["as_of"], "above": cost.rates["nominal"] > line["rate"]}
            for line in reference_lines()]


def to_dict(cost: TrueCost, lang: str = "en", form: str = "offer") -> dict:
    """The JSON document of ``python -m simulators true-cost FILE --json``."""
    from simulators import i18n
    from simulators.money import to_yuan

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
    from simulators import i18n

    m = lambda c: i18n.money(c, lang)  # noqa: E731
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
    from simulators import i18n
    from simulators.report import _table, _width

    t = i18n.t
    colon = ": " if lang == "en" else "："
    name = t(lang, "tc.offer_default_name", n=1)
    title = t(lang, "tc.cli.title")
    lines = [title, "=" * _width(title), "",
             f"{t(lang, 'tc.cli.quoted')}{colon}{quoted_text(cost.flows, lang)}", "",
             compare_sentence([cost], [name], lang), ""]
    lines += [_table(["", name], summary_rows([cost], lang), right=(1,)), ""]
    kinds = [[t(lang, f"tc.kind.{k}"), i18n.money(cost.by_kind.get(k, 0), lang)]
             for k in COST_KINDS if cost.by_kind.get(k, 0)]
    if kinds:
        lines += [t(lang, "tc.cli.by_kind"),
                  _table([t(lang, "ui.table.kind"), t(lang, "ui.table.amount")], kinds, right=(1,)),
                  ""]
    f = cost.flows
    rows = [[k + 1, i18n.date(d, lang), i18n.money(f.amounts[k], lang),
             "—" if f.cost is None else i18n.money(f.cost[k], lang),
             i18n.money(cost.cost_to_date[k], lang)] for k, d in enumerate(f.dates)]
    headers = [t(lang, "table.instalment"), t(lang, "tc.schedule.date"),
               t(lang, "tc.schedule.payment"), t(lang, "tc.schedule.cost"),
               t(lang, "tc.schedule.cost_to_date")]
    lines += [t(lang, "tc.cli.schedule"), _table(headers, rows, right=(0, 2, 3, 4)), ""]
    lines.append(t(lang, "tc.lines.heading"))
    from simulators import presets

    src = presets.sources()
    for line in reference_lines():
        stop = ". " if lang == "en" else "。"
        lines.append(f"- {line['label'][lang]}{stop}{line['means'][lang]} "
                     f"{line['not_means'][lang]} {t(lang, 'tc.lines.source')}{colon}"
                     f"{src[line['source']][lang]}")
    lines += ["", t(lang, "tc.model")]
    return "\n".join(lines) + "\n"


def run_command(data, lang: str):
    """The command line's ``true-cost`` command: (JSON document, text table)."""
    form = "offer" if isinstance(data, dict) and "offer" in data else (
        "loan" if isinstance(data, dict) and "loan" in data else "payments")
    cost = true_cost(flows_from_dict(data), prefix="offer." if form == "offer" else "")
    return to_dict(cost, lang, form), text_report(cost, lang)
