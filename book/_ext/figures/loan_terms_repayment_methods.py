"""Figures of the lesson on repayment methods: Xu Ming's loan (fictional), 30,000 yuan over 12
months at 12% a year, repaid by each method the engine knows, and the same amount as a "monthly
fee rate" instalment loan; then the loan repaid early.

Called by ``book/loan-terms/repayment-methods.md`` and ``book/zh/loan-terms/repayment-methods.md``
with their language. They show each method's payments, interest and annualised rates (glue names
``payments_table``, ``totals_table``, ``rates_table``), a chart of the principal still owed month
by month (``owed_chart``), the monthly-fee-rate rule of thumb, and what paying early saves, with
and without a prepayment charge or a fee kept back (``early_table``).
tests/book/test_loan_terms_pages.py computes the same loan and checks the numbers on the page.
"""

from __future__ import annotations

from lessonkit import chart, markdown, rate, table, text

from simulators.core import i18n
from simulators.core.schedule import Loan, build_schedule
from simulators.true_cost.engine import flows_from_dict, offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from simulators.ui.charts.svg import lines_chart

START = "2026-01-15"
PRINCIPAL, MONTHS, RATE, FEE_RATE = 30_000, 12, 0.12, 0.005
METHODS = ("equal_instalment", "equal_principal", "interest_only", "bullet")
# Paying early: the equal-instalment loan repaid in full with instalment 6.
EARLY, CHARGE_RATE, UPFRONT = 6, 0.02, 600

WORDS = {
    "en": {
        "names": {"equal_instalment": "Equal instalments", "equal_principal": "Equal principal",
                  "interest_only": "Interest only", "bullet": "All at the end",
                  "fee_rate": "Monthly fee rate {fee_rate}"},
        "method": "Method", "month_n": "Month {n}", "cost": "Interest and fees",
        "total_paid": "Total repaid", "nominal": "Nominal", "effective": "Effective",
        "series": ("Equal instalments", "Equal principal", "Interest only, or all at the end"),
        "chart_title": "Principal still owed, month by month",
        "chart_desc": "The interest-only and all-at-the-end lines stay at the whole amount until "
                      "the last month; equal principal falls fastest, equal instalments a little "
                      "more slowly.",
        "early_head": ("Equal instalments, {principal} at {rate}", "Total cost",
                       "Annualised rate (nominal)"),
        "kept_for": "Kept for {months} months",
        "repaid_with": "Repaid with instalment {k}",
        "with_charge": "… with a {charge} prepayment charge",
        "fee_kept_for": "{fee} fee kept back, kept for {months} months",
        "fee_repaid_with": "{fee} fee kept back, repaid with instalment {k}",
    },
    "zh": {
        "names": {"equal_instalment": "等额本息", "equal_principal": "等额本金",
                  "interest_only": "先息后本", "bullet": "到期一次还本付息",
                  "fee_rate": "月费率{fee_rate}"},
        "method": "还款方式", "month_n": "第{n}个月", "cost": "利息和费用",
        "total_paid": "共还", "nominal": "名义", "effective": "实际",
        "series": ("等额本息", "等额本金", "先息后本，或到期一次还本付息"),
        "chart_title": "每个月之后还欠的本金",
        "chart_desc": "先息后本和到期一次还本付息的线一直停在全额，直到最后一个月；"
                      "等额本金下降最快，等额本息稍慢。",
        "early_head": ("等额本息，{principal}，年利率{rate}", "总成本", "年化利率（名义）"),
        "kept_for": "借满{months}个月",
        "repaid_with": "第{k}期时提前还清",
        "with_charge": "……另收{charge}提前还款违约金",
        "fee_kept_for": "放款时扣{fee}，借满{months}个月",
        "fee_repaid_with": "放款时扣{fee}，第{k}期时提前还清",
    },
}


def offer(**o):
    """The cash flows of Xu Ming's loan quoted as ``o``."""
    return offer_flows(offer_from_dict({"principal": PRINCIPAL, "term_months": MONTHS,
                                        "start_date": START, **o}))


def owed(method):
    """The principal still owed at the start and after each month."""
    s = build_schedule(Loan(PRINCIPAL, RATE, MONTHS, method))
    return [s.principal_cents] + [int(x) for x in s.balance_after]


def repaid_with(f, k, extra_cents=0):
    """The loan repaid in full with instalment k: the first k payments, then the principal still
    owed (and ``extra_cents`` charged for paying early) on instalment k's date."""
    principal = f.amounts - f.cost
    still_owed = int(principal[k:].sum())
    amounts = [int(x) for x in f.amounts[:k]]
    amounts[-1] += still_owed + extra_cents
    return true_cost(flows_from_dict({
        "received": f.received_cents / 100, "received_date": START,
        "payments": [{"date": d.isoformat(), "amount": a / 100}
                     for d, a in zip(f.dates[:k], amounts)]})), still_owed


def month_1(c):
    """The payment of month 1 (nothing for a single payment at the end)."""
    return 0 if len(c.flows.dates) == 1 else c.first_payment


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    flows = {m: offer(quote="annual_rate", rate=RATE, method=m) for m in METHODS}
    flows["fee_rate"] = offer(quote="monthly_fee_rate", rate=FEE_RATE)
    costs = {k: true_cost(f) for k, f in flows.items()}
    ei, ep, io, bl, fr = (costs[k] for k in (*METHODS, "fee_rate"))

    text("principal", money(PRINCIPAL * 100))
    text("start", i18n.date(flows["equal_instalment"].received_date, lang))
    text("months", MONTHS)
    text("rate", rate(RATE))
    text("monthly_rate", rate(RATE / 12))
    text("fee_rate", rate(FEE_RATE))
    text("fee_rate_x12", rate(FEE_RATE * 12))

    # Equal instalments: the level payment, and how its first and last payments split.
    s_ei = build_schedule(Loan(PRINCIPAL, RATE, MONTHS, "equal_instalment"))
    text("ei_payment", money(ei.first_payment))
    text("ei_last", money(ei.last_payment))
    text("ei_first_interest", money(s_ei.interest[0]))
    text("ei_first_principal", money(s_ei.principal[0]))
    text("ei_last_interest", money(s_ei.interest[-1]))
    text("ei_interest", money(ei.total_cost))
    text("ei_nominal", pct(ei.rates["nominal"]))

    # Equal principal.
    s_ep = build_schedule(Loan(PRINCIPAL, RATE, MONTHS, "equal_principal"))
    text("ep_principal_part", money(s_ep.principal[0]))
    text("ep_first", money(ep.first_payment))
    text("ep_last", money(ep.last_payment))
    text("ep_interest", money(ep.total_cost))
    text("ep_nominal", pct(ep.rates["nominal"]))
    text("ep_more_first", money(ep.first_payment - ei.first_payment))
    text("ep_saves", money(ei.total_cost - ep.total_cost))

    # Interest only, and everything at the end.
    text("io_payment", money(io.first_payment))
    text("io_last", money(io.last_payment))
    text("io_interest", money(io.total_cost))
    text("io_nominal", pct(io.rates["nominal"]))
    text("bl_payment", money(bl.last_payment))
    text("bl_interest", money(bl.total_cost))
    text("bl_nominal", pct(bl.rates["nominal"]))
    text("bl_effective", pct(bl.rates["effective"]))

    # The monthly fee rate.
    text("fr_fee", money(fr.flows.cost[0]))
    text("fr_payment", money(fr.first_payment))
    text("fr_fees", money(fr.total_cost))
    text("fr_nominal", pct(fr.rates["nominal"]))
    text("fr_effective", pct(fr.rates["effective"]))
    # A rule of thumb for the board: monthly fee rate x 12 x 2n / (n + 1), for n equal repayments
    # of principal (the fee is charged on the whole amount, the balance averages (n + 1) / 2n of
    # it).
    text("fr_rule", i18n.percent(FEE_RATE * 12 * 2 * MONTHS / (MONTHS + 1), lang, digits=1))
    text("two_n", 2 * MONTHS)
    text("n_plus_1", MONTHS + 1)

    names = {k: v.format(fee_rate=rate(FEE_RATE)) for k, v in w["names"].items()}
    markdown("payments_table", table(
        [w["method"], w["month_n"].format(n=1), w["month_n"].format(n=MONTHS)],
        [[names[k], money(month_1(c)), money(c.last_payment)] for k, c in costs.items()],
        align="lrr"))
    markdown("totals_table", table(
        [w["method"], w["cost"], w["total_paid"]],
        [[names[k], money(c.total_cost), money(c.total_paid)] for k, c in costs.items()],
        align="lrr"))
    markdown("rates_table", table(
        [w["method"], w["nominal"], w["effective"]],
        [[names[k], pct(c.rates["nominal"]), pct(c.rates["effective"])] for k, c in costs.items()],
        align="lrr"))

    series = list(zip(w["series"], (owed("equal_instalment"), owed("equal_principal"),
                                    owed("interest_only"))))
    chart("owed_chart", lambda width: lines_chart(
        series, lang, w["chart_title"], w["chart_desc"], width=width, uid=f"costs-owed-{width}"))

    # Paying early: the equal-instalment loan repaid in full with instalment EARLY.
    early, owed_early = repaid_with(flows["equal_instalment"], EARLY)
    charge = round(owed_early * CHARGE_RATE)
    charged, _ = repaid_with(flows["equal_instalment"], EARLY, charge)
    with_fee = offer(quote="annual_rate", rate=RATE, upfront_deduction=UPFRONT)
    fee_full = true_cost(with_fee)
    fee_early, _ = repaid_with(with_fee, EARLY)

    text("early_k", EARLY)
    text("early_date", i18n.date(flows["equal_instalment"].dates[EARLY - 1], lang))
    text("early_owed", money(owed_early))
    text("early_owed_ep", money(int(s_ep.balance_after[EARLY - 1])))
    text("early_interest", money(early.total_cost))
    text("early_saved", money(ei.total_cost - early.total_cost))
    text("early_nominal", pct(early.rates["nominal"]))
    text("charge_rate", rate(CHARGE_RATE))
    text("charge", money(charge))
    text("charge_net", money(ei.total_cost - early.total_cost - charge))
    text("charged_nominal", pct(charged.rates["nominal"]))
    text("upfront", money(UPFRONT * 100))
    text("upfront_received", money(with_fee.received_cents))
    text("fee_full_cost", money(fee_full.total_cost))
    text("fee_full_nominal", pct(fee_full.rates["nominal"]))
    text("fee_early_cost", money(fee_early.total_cost))
    text("fee_early_nominal", pct(fee_early.rates["nominal"]))

    fee = money(UPFRONT * 100)
    head, *rest = w["early_head"]
    markdown("early_table", table(
        [head.format(principal=money(PRINCIPAL * 100), rate=rate(RATE)), *rest],
        [[w["kept_for"].format(months=MONTHS), money(ei.total_cost), pct(ei.rates["nominal"])],
         [w["repaid_with"].format(k=EARLY), money(early.total_cost),
          pct(early.rates["nominal"])],
         [w["with_charge"].format(charge=rate(CHARGE_RATE)), money(charged.total_cost),
          pct(charged.rates["nominal"])],
         [w["fee_kept_for"].format(fee=fee, months=MONTHS), money(fee_full.total_cost),
          pct(fee_full.rates["nominal"])],
         [w["fee_repaid_with"].format(fee=fee, k=EARLY), money(fee_early.total_cost),
          pct(fee_early.rates["nominal"])]],
        align="lrr"))
