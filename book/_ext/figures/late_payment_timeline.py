"""Figures of the lesson "When a payment is late: the timeline": Chen Jing's loan, step by step.

Called by ``book/late-payment/timeline.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/late-payment/timeline.md`` (``glue_figures("zh")``). They show the loan of
book/late-payment/cost.md; for each step of the timeline (days counted from instalment 3's due
date) its last day, what paying late has added by then and of what, and what she owes that day;
the loan called in; the judgment amount and whether it is above the reported 24% line; the
delayed-performance interest of enforcement; and a summary table linking to each step.
tests/book/test_timeline_pages.py computes the same figures and checks that both pages show them.
"""
from __future__ import annotations

import datetime as dt

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.core.money import round_half_up
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict

# Chen Jing's loan of book/late-payment/cost.md: the fictional internet instalment loan preset.
# She pays nothing from instalment 3 on. For each step of the timeline we ask what paying late
# has added if she catches up on the step's last day (days counted from instalment 3's due date).
PRESET = "cn_internet_instalment"
#: The lesson's worked example starts on a stated day, so that its dates and figures are the same
#: whenever the book is built (a scenario without a date would start on the reader's today).
LOAN = {"start_date": "2026-01-15"}
FIRST_MISSED = 3
STEP_DAYS = {"grace": 3, "interest": 30, "report": 60, "collection": 90, "called_in": 120,
             "lawsuit": 180, "mediation": 210, "filed": 240, "judgment": 270}
# Delayed-performance interest: the extra 0.0175% a day of the unpaid judgment debt
# (Civil Procedure Law Art. 264; Supreme People's Court interpretation of 2014, Art. 1).
DELAY_DAILY_RATE = 0.000175
DELAY_DAYS = (30, 90)

#: The words of the judgment sentence and of the summary table, in each language. The summary's
#: links go to the page's own step headings (the Chinese page's labels start with "zh-").
WORDS = {
    "en": {
        "cap_under": ("So her charges stay under the reported {cap} line; on that ground alone a "
                      "court would be unlikely to reduce them."),
        "cap_above": ("So {above} is above the reported {cap} line. If she argues that the charges "
                      "are too high, a court may reduce that part; the model leaves it out of the "
                      "judgment amount."),
        "header": ["Step", "Days late", "Added"],
        "label_prefix": "",
        "steps": {
            "grace": "First days (no grace period)",
            "interest": "Penalty and compound interest",
            "report": "Notice, credit record",
            "collection": "Collection",
            "called-in": "Whole loan due",
            "lawsuit": "Lender goes to court",
            "mediation": "Pre-filing mediation",
            "filed": "Case filed and served",
            "judgment": "Judgment",
            "enforcement": "Enforcement: only if the judgment is not paid",
            "list": "Dishonest list: only on six grounds, never for being unable to pay",
        },
    },
    "zh": {
        "cap_under": "所以她的各项费用没有超过据报道的{cap}这条线；仅凭这一点，法院不太可能调减。",
        "cap_above": ("所以有{above}超过了据报道的{cap}这条线。"
                      "如果她主张费用过高，法院可能调减这一部分；模型算判决金额时不含这部分。"),
        "header": ["步骤", "天数", "多出的钱"],
        "label_prefix": "zh-",
        "steps": {
            "grace": "头几天（没有宽限期）",
            "interest": "罚息和复利",
            "report": "告知和征信",
            "collection": "催收",
            "called-in": "提前到期",
            "lawsuit": "贷款机构起诉",
            "mediation": "诉前调解",
            "filed": "立案和送达",
            "judgment": "判决",
            "enforcement": "强制执行：仅在判决未履行时",
            "list": "失信名单：仅限六种情形，还不起不在其中",
        },
    },
}

#: The summary's rows: the step's heading label (after "timeline-") and its days late.
SUMMARY = [("grace", "1–3"), ("interest", "4–30"), ("report", "31–60"), ("collection", "61–90"),
           ("called-in", "91–120"), ("lawsuit", "121–180"), ("mediation", "181–210"),
           ("filed", "211–240"), ("judgment", "241–270"), ("enforcement", "271+"), ("list", "271+")]


def run(data):
    return simulate(scenario_from_dict(data))


def stop(days, **rules):
    """Paying nothing from instalment 3 on, and catching up after ``days`` days."""
    data = {"preset": PRESET, "loan": LOAN, "late": [{"stop_from": FIRST_MISSED, "days": days}]}
    if rules:
        data["rules"] = rules
    return run(data)


def owed_that_day(result, days):
    """What she pays on the day she catches up: everything overdue or called in, with the
    charges (every payment of the late path made that day)."""
    s = result.schedule
    day = int(s.due_day[FIRST_MISSED - 1]) + days
    return int(result.late.total_paid - s.payment[result.paid_day != day].sum())


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    steps = {name: stop(days) for name, days in STEP_DAYS.items()}
    with_grace = stop(STEP_DAYS["grace"], grace_days=3)
    on = steps["grace"]
    loan, rules, schedule = on.scenario.loan, on.scenario.rules, on.schedule
    due = schedule.due_dates[FIRST_MISSED - 1]

    # The loan and its contract.
    text("loan", money(schedule.principal_cents))
    text("payment", money(schedule.payment[0]))
    text("due3", i18n.date(due, lang))
    text("rate", rate(loan.annual_rate))
    text("factor", f"{1 + rules.penalty_markup:g}")
    text("penalty_rate", rate(loan.annual_rate * (1 + rules.penalty_markup)))
    text("default_rate", rate(rules.late_fee_rate))
    text("acc_days", rules.acceleration_after_days)
    text("cap", rate(rules.annual_cost_cap))

    # Each step: the date of its last day, what paying late has added by then, and of what.
    for name, days in STEP_DAYS.items():
        r = steps[name]
        k = r.extra_by_kind
        text(f"{name}_date", i18n.date(due + dt.timedelta(days=days), lang))
        text(f"{name}_extra", money(r.extra_cost))
        text(f"{name}_penalty", money(k["penalty_interest"]))
        text(f"{name}_compound", money(k["compound_interest"]))
        text(f"{name}_fees", money(k["late_fees"]))
        text(f"{name}_called_in_interest", money(k["acceleration_interest"]))
        text(f"{name}_late_count", len(r.late_instalments))
        text(f"{name}_owed", money(owed_that_day(r, days)))

    g = steps["grace"].extra_by_kind
    text("grace_interest", money(g["penalty_interest"] + g["compound_interest"]))
    text("grace_with_grace", money(with_grace.extra_cost))
    assert steps["collection"].accelerated is None  # paid on day 90: not yet called in

    # The whole loan falls due.
    acc = steps["called_in"].accelerated
    text("acc_date", i18n.date(acc["date"], lang))
    text("acc_principal", money(acc["principal"]))
    text("called_in_not_charged", money(steps["called_in"].interest_not_charged))

    # The judgment: what she owed on its day, less any part above the reported 24% line, which
    # the model leaves out (a court may reduce it if she argues that the charges are too high).
    j = steps["judgment"]
    judgment = owed_that_day(j, STEP_DAYS["judgment"]) - j.late.above_cap
    text("judgment_amount", money(judgment))
    text("judgment_cost", money(j.late.total_cost))
    text("judgment_allowed", money(j.late.cap_allowed_cost))
    cap = rate(rules.annual_cost_cap)
    text("judgment_cap_words",
         words["cap_under"].format(cap=cap) if j.late.above_cap == 0 else
         words["cap_above"].format(cap=cap, above=money(j.late.above_cap)))

    # Enforcement: delayed-performance interest on the judgment, in whole cents, halves rounded up.
    delay = {d: round_half_up(judgment * DELAY_DAILY_RATE * d) for d in DELAY_DAYS}
    for d, cents in delay.items():
        text(f"delay_{d}", money(cents))

    # The summary table: three short columns, so that it fits a phone.
    added = {"enforcement": f"+{money(delay[90])}", "list": "–"}
    for name in STEP_DAYS:
        added[name.replace("_", "-")] = money(steps[name].extra_cost)
    markdown("summary", table(
        words["header"],
        [[f"{{ref}}`{words['steps'][label]} <{words['label_prefix']}timeline-{label}>`", days,
          added[label]] for label, days in SUMMARY],
        align="lrr",
    ))
