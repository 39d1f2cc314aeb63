"""Figures of the lesson on guarantors: Liu Yang's bank consumer loan (fictional), which he
stops paying after six instalments.

Called by ``book/loan-terms/guarantors.md`` and ``book/zh/loan-terms/guarantors.md`` with their
language. They show the loan, the day the bank calls in the whole loan (acceleration), what is owed
that day and of what it is made (glue name ``owed_table``), what catching up costs, and the late
terms the model uses (penalty markup, day count, grace days). tests/book/test_terms_pages.py
computes the same loan and checks the numbers on the page.
"""

from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.core.money import to_cents
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict

PRESET = "cn_bank_consumer_loan"
# Liu Yang's loan: the fictional bank consumer-loan preset, with his own amount, rate and term.
# He pays six instalments, then nothing for 120 days from the seventh.
LOAN = {"principal": 30000, "annual_rate": 0.072, "term_months": 24, "start_date": "2026-03-20"}
STOP = {"stop_from": 7, "days": 120}

WORDS = {
    "en": {
        "owed_on": "Owed on {date}", "amount": "Amount",
        "missed_principal": "Principal of the {n} missed instalments",
        "called_in": "Principal called in, not yet due",
        "missed_interest": "Contract interest in the missed instalments",
        "running_interest": "Interest of the current month, up to that day",
        "so_far": "Penalty interest and interest on unpaid interest so far",
        "owed": "**Owed in all**",
    },
    "zh": {
        "owed_on": "{date}所欠的钱", "amount": "金额",
        "missed_principal": "没还的{n}期的本金",
        "called_in": "提前到期的本金（原本尚未到期）",
        "missed_interest": "没还的几期里按合同算的利息",
        "running_interest": "当月到那天为止的利息",
        "so_far": "到那天为止的罚息和复利",
        "owed": "**合计**",
    },
}


def results():
    """The loan paid on time, and the loan stopped from instalment 7 for 120 days."""
    on = simulate(scenario_from_dict({"preset": PRESET, "loan": LOAN, "late": []}))
    stop = simulate(scenario_from_dict({"preset": PRESET, "loan": LOAN, "late": [STOP]}))
    return on, stop


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]
    on, stop = results()
    s, rules, acc = stop.schedule, stop.scenario.rules, stop.accelerated

    def money(cents):
        return i18n.money(cents, lang)

    text("borrowed", money(to_cents(LOAN["principal"])))
    text("rate", rate(LOAN["annual_rate"]))
    text("months", LOAN["term_months"])
    text("payment", money(s.payment[0]))
    text("on_total", money(on.on_time.total_paid))
    text("paid_before", STOP["stop_from"] - 1)
    text("stop_days", STOP["days"])
    text("due_missed", i18n.date(s.due_dates[STOP["stop_from"] - 1], lang))
    text("acc_days", rules.acceleration_after_days)
    text("acc_date", i18n.date(acc["date"], lang))
    text("acc_principal", money(acc["principal"]))
    # Instalments missed before the loan is called in: from the first unpaid one up to the first
    # called in.
    text("acc_missed", acc["first_called_in"] - STOP["stop_from"])
    text("acc_owed", money(stop.owed_late[acc["day"]]))
    text("paid_date", i18n.date(acc["paid_date"], lang))
    # What is paid on the day he catches up: everything repaid less the instalments paid on their
    # own days.
    paid_other_days = int(s.payment[stop.paid_day != acc["paid_day"]].sum())
    text("catch_up", money(stop.late.total_paid - paid_other_days))
    text("extra", money(stop.extra_cost))

    # The late terms the model uses: the bank preset's rules (the handbook's fictional sample
    # contract and the 2003 notice).
    text("markup", rate(rules.penalty_markup))
    text("multiplier", f"{1 + rules.penalty_markup:g}")
    text("penalty_rate", rate(LOAN["annual_rate"] * (1 + rules.penalty_markup)))
    text("day_count", rules.day_count)
    text("grace_days", rules.grace_days)

    # What makes up the amount owed on the day the loan is called in.
    k, j0 = STOP["stop_from"] - 1, acc["first_called_in"] - 1
    missed_n = j0 - k
    owed = int(stop.owed_late[acc["day"]])
    missed_principal = int(s.principal[k:j0].sum())
    missed_interest = int(s.interest[k:j0].sum())
    running_interest = int(stop.timeline_inputs["interest_owed"][j0])
    so_far = owed - acc["principal"] - missed_principal - missed_interest - running_interest
    assert so_far > 0
    markdown("owed_table", table(
        [w["owed_on"].format(date=i18n.date(acc["date"], lang)), w["amount"]],
        [[w["missed_principal"].format(n=missed_n), money(missed_principal)],
         [w["called_in"], money(acc["principal"])],
         [w["missed_interest"], money(missed_interest)],
         [w["running_interest"], money(running_interest)],
         [w["so_far"], money(so_far)],
         [w["owed"], f"**{money(owed)}**"]],
        align="lr"))
