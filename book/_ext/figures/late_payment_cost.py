"""Figures of the lesson "What paying late really costs": Chen Jing's fictional internet instalment loan.

Called by ``book/late-payment/cost.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/late-payment/cost.md`` (``glue_figures("zh")``). They show the loan and its contract,
what paying two instalments 45 days late adds, two days late with and without a grace period,
stopping for 120 days until the lender calls in the loan (and what the lump sum is made of),
two small tables of the extra cost and of the totals (under the totals, a note that stopping's
smaller total is not a saving: the lump sum, its date, the credit record, a lawsuit), and three charts (what she owes day by day
and the total cost) with a description of this case for screen readers.
tests/book/test_book.py computes the same scenarios and checks the numbers on the page.
"""
from __future__ import annotations

import datetime as dt
import re
from html import escape

from lessonkit import chart, markdown, rate, table, text

from simulators.core import i18n
from simulators.core.i18n import t
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui.charts.late_payment import cost_chart, owed_chart

# Chen Jing's loan: the fictional internet instalment loan preset, with the late payments below.
PRESET = "cn_internet_instalment"
#: The lesson's worked example starts on a stated day, so that its dates and figures are the same
#: whenever the book is built (a scenario without a date would start on the reader's today).
LOAN = {"start_date": "2026-01-15"}
ON_TIME = {"preset": PRESET, "loan": LOAN, "late": []}
LATE_45 = {"preset": PRESET, "loan": LOAN, "late": [{"instalment": 3, "days_late": 45},
                                      {"instalment": 4, "days_late": 45}]}
LATE_2 = {"preset": PRESET, "loan": LOAN, "late": [{"instalment": 3, "days_late": 2}]}
LATE_2_GRACE = {"preset": PRESET, "loan": LOAN, "rules": {"grace_days": 3},
                "late": [{"instalment": 3, "days_late": 2}]}
STOP_120 = {"preset": PRESET, "loan": LOAN, "late": [{"stop_from": 3, "days": 120}]}

#: The words of the tables and of the charts' descriptions, in each language.
WORDS = {
    "en": {
        "extra_header": ["What paying late adds", "2 instalments 45 days late", "Stopped 120 days"],
        "penalty": "Penalty interest",
        "compound": "Interest on unpaid interest",
        "fees": "Default penalties",
        "acceleration": "Penalty interest on the loan called in",
        "extra_total": "Extra cost of paying late",
        "total_header": ["What she repays", "Interest and fees no longer charged", "Total repaid"],
        "paths": ("2 instalments 45 days late", "Stopped 120 days"),
        "total_note": ("A smaller total after stopping is not a saving: on {paid_date} she must "
                       "find **{catchup} at once**, the late payments can go on her credit "
                       "record, and if she cannot pay, the lender can sue her."),
        "alt_owed_45": ("Line chart of what Chen Jing owes each day, paying on time and paying "
                        "instalments 3 and 4 45 days late. The two lines stay close: paying late "
                        "adds {extra}, most of it default penalties ({fees})."),
        "alt_cost_45": ("Bar chart of the total cost of Chen Jing's loan: {on_time} paying on time, "
                        "{late} paying instalments 3 and 4 45 days late. The reported 24% guide "
                        "would allow {allowed}, so the late cost stays under it."),
        "alt_owed_stop": ("Line chart of what Chen Jing owes each day if she stops paying for 120 "
                          "days from instalment 3. On {date} the lender calls in the whole loan, "
                          "and on {paid_date} she must pay {catchup} at once."),
    },
    "zh": {
        "extra_header": ["逾期多出的钱", "两期各晚45天", "停还120天"],
        "penalty": "罚息",
        "compound": "复利",
        "fees": "违约金",
        "acceleration": "提前到期后本金的罚息",
        "extra_total": "逾期多出的费用合计",
        "total_header": ["一共还多少", "不再收取的利息和服务费", "还款总额"],
        "paths": ("两期各晚45天", "停还120天"),
        "total_note": ("停还后总额少一点，并不是省了钱：她要在{paid_date}**一次拿出{catchup}**，"
                       "逾期可能记入征信；拿不出来，贷款机构可以起诉她。"),
        "alt_owed_45": ("陈静每天欠款金额的折线图：按时还款，以及第3、4期各晚还45天。两条线很接近："
                        "逾期多出{extra}，其中大部分是违约金（{fees}）。"),
        "alt_cost_45": ("陈静这笔贷款总成本的条形图：按时还款{on_time}，第3、4期各晚还45天{late}。"
                        "按据报道的24%参考线，最多可支持{allowed}，逾期后的成本没有超过。"),
        "alt_owed_stop": ("如果陈静从第3期起停还120天，她每天欠款金额的折线图。"
                          "{date}，贷款机构宣布整笔贷款提前到期；{paid_date}，她要一次拿出{catchup}。"),
    },
}


def run(data):
    """The engine's result for one of the scenarios above."""
    return simulate(scenario_from_dict(data))


def described(svg, description):
    """The chart with a description of this case for screen readers, instead of the
    simulator's general one."""
    return re.sub(r'(<desc id="[^"]*">)[^<]*(</desc>)',
                  lambda m: m.group(1) + escape(description) + m.group(2), svg, count=1)


def bold(cell):
    return f"**{cell}**"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def day(result, n):
        """The date instalment ``n`` is paid on in ``result``."""
        return i18n.date(result.schedule.start_date + dt.timedelta(days=int(result.paid_day[n - 1])),
                         lang)

    on, late45, late2, grace2, stop = (run(d) for d in (ON_TIME, LATE_45, LATE_2, LATE_2_GRACE,
                                                         STOP_120))
    loan, rules, schedule = on.scenario.loan, on.scenario.rules, on.schedule

    # The loan and its contract.
    text("loan", money(schedule.principal_cents))
    text("rate", rate(loan.annual_rate))
    text("fee_rate", rate(loan.monthly_fee_rate))
    text("fee", money(schedule.fee[0]))
    text("payment", money(schedule.payment[0]))
    text("due3", i18n.date(schedule.due_dates[2], lang))
    text("due4", i18n.date(schedule.due_dates[3], lang))
    text("markup", rate(rules.penalty_markup))
    text("factor", f"{1 + rules.penalty_markup:g}")
    penalty_rate = loan.annual_rate * (1 + rules.penalty_markup)
    text("penalty_rate", rate(penalty_rate))
    text("penalty_daily", rate(penalty_rate / rules.day_count))
    text("day_count", rules.day_count)
    text("default_rate", rate(rules.late_fee_rate))
    text("default_cap", money(round(rules.late_fee_cap * 100)))
    text("acc_days", rules.acceleration_after_days)
    text("cap", rate(rules.annual_cost_cap))
    text("on_total", money(on.on_time.total_paid))
    text("apr_nominal", i18n.percent(on.apr_on_time["nominal"], lang))
    text("apr_effective", i18n.percent(on.apr_on_time["effective"], lang))

    # Two instalments 45 days late.
    k = late45.extra_by_kind
    text("a_extra", money(late45.extra_cost))
    text("a_share", i18n.percent(late45.extra_cost / late45.on_time.total_paid, lang))
    text("a_penalty", money(k["penalty_interest"]))
    text("a_compound", money(k["compound_interest"]))
    text("a_fees", money(k["late_fees"]))
    text("a_cost", money(late45.late.total_cost))
    text("a_cap_allowed", money(late45.late.cap_allowed_cost))
    text("a_paid3", day(late45, 3))
    text("a_paid4", day(late45, 4))

    # Two days late, without and with a grace period.
    text("two_extra", money(late2.extra_cost))
    text("two_fees", money(late2.extra_by_kind["late_fees"]))
    text("two_interest", money(late2.extra_by_kind["penalty_interest"]
                               + late2.extra_by_kind["compound_interest"]))
    text("grace_extra", money(grace2.extra_cost))

    # Stopping for 120 days: the lender calls in the loan. What she pays on the day she catches
    # up is everything she repays less the instalments she paid on their own days.
    acc = stop.accelerated
    paid_other_days = int(schedule.payment[stop.paid_day != acc["paid_day"]].sum())
    text("b_acc_date", i18n.date(acc["date"], lang))
    text("b_acc_principal", money(acc["principal"]))
    text("b_paid_date", i18n.date(acc["paid_date"], lang))
    catchup = stop.late.total_paid - paid_other_days
    text("b_catchup", money(catchup))

    # What that lump sum is made of: the instalments already overdue when the loan is called in,
    # the principal called in, the interest and fee of the month running that day (counted to
    # that day), and the charges for paying late. The parts must add up to the lump sum.
    overdue = (stop.paid_day == acc["paid_day"]) & (schedule.due_day <= acc["day"])
    assert (schedule.payment[overdue] == schedule.payment[0]).all()
    j0 = acc["first_called_in"] - 1
    running = int(stop.timeline_inputs["interest_owed"][j0] + stop.timeline_inputs["fee_owed"][j0])
    overdue_cents = int(schedule.payment[overdue].sum())
    assert overdue_cents + acc["principal"] + running + stop.extra_cost == catchup
    text("b_n_overdue", int(overdue.sum()))
    text("b_overdue", money(overdue_cents))
    text("b_running", money(running))
    text("b_running_from", i18n.date(schedule.due_dates[j0 - 1], lang))
    text("b_extra", money(stop.extra_cost))
    text("b_not_charged", money(stop.interest_not_charged))
    text("b_total", money(stop.late.total_paid))

    # The small tables: two narrow ones rather than one wide one, so that both fit a phone.
    def kind(result, name):
        return money(result.extra_by_kind[name]) if result.scenario.late else "–"

    late_paths = (late45, stop)
    markdown("table_extra", table(
        words["extra_header"],
        [
            [words["penalty"], *(kind(r, "penalty_interest") for r in late_paths)],
            [words["compound"], *(kind(r, "compound_interest") for r in late_paths)],
            [words["fees"], *(kind(r, "late_fees") for r in late_paths)],
            [words["acceleration"], *(kind(r, "acceleration_interest") for r in late_paths)],
            [bold(words["extra_total"]), *(bold(money(r.extra_cost)) for r in late_paths)],
        ],
        align="lrr",
    ))
    markdown("table_total", table(
        words["total_header"],
        [
            [name, money(-r.interest_not_charged) if r.interest_not_charged else "–",
             bold(money(r.late.total_paid))]
            for name, r in zip((t(lang, "table.on_time"), *words["paths"]), (on, late45, stop))
        ],
        align="lrr",
    ) + "\n\n" + words["total_note"].format(paid_date=i18n.date(acc["paid_date"], lang),
                                             catchup=money(catchup)))

    # The charts, each with a description of this case.
    alt_owed_45 = words["alt_owed_45"].format(extra=money(late45.extra_cost),
                                              fees=money(late45.extra_by_kind["late_fees"]))
    alt_cost_45 = words["alt_cost_45"].format(on_time=money(on.on_time.total_cost),
                                              late=money(late45.late.total_cost),
                                              allowed=money(late45.late.cap_allowed_cost))
    alt_owed_stop = words["alt_owed_stop"].format(date=i18n.date(acc["date"], lang),
                                                  paid_date=i18n.date(acc["paid_date"], lang),
                                                  catchup=money(catchup))
    chart("owed_45", lambda w: described(owed_chart(late45, lang, width=w), alt_owed_45))
    chart("cost_45", lambda w: described(cost_chart(late45, lang, width=w), alt_cost_45))
    chart("owed_stop", lambda w: described(owed_chart(stop, lang, width=w), alt_owed_stop))
