"""The amount due at once: when the late path asks for more than one instalment on one day, the
result gives the day and the sum, and the headline leads with it (issue 14, case 1)."""

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from simulators.core.fields import ScenarioError
from simulators.late_payment.engine import compute
from simulators.late_payment.inputs import from_dict
from simulators.core import i18n
from simulators.late_payment.report import sentences, to_dict

STOP = {"preset": "cn_internet_instalment", "loan": {"principal": 30_000, "term_months": 24},
        "late": [{"stop_from": 10, "days": 100}]}


def test_stopping_payment_leads_with_the_lump_sum_on_the_catch_up_day():
    r = compute(from_dict(STOP))
    first = r.due_at_once[0]
    # Instalment 10 is due on 15 Nov 2026; 100 days later is 23 Feb 2027. By then the lender
    # has called in the loan (more than 90 days overdue), so everything left is paid that day:
    # the late path's total less the nine instalments paid on time before.
    assert first["date"] == dt.date(2027, 2, 23)
    nine_on_time = int(r.schedule.payment[:9].sum())
    assert nine_on_time == 9 * 151_545
    assert first["amount"] == r.late.total_paid - nine_on_time == 2_102_757
    assert first["instalments"] == tuple(range(10, 25))
    en, zh = sentences(r, "en"), sentences(r, "zh")
    assert en[0].startswith("On 23 Feb 2027 you must pay ¥21,027.57 at once")
    assert zh[0].startswith("2027年2月23日这一天，你要一次拿出21,027.57")
    # Which instalments: 10, 11 and 12 were due by 13 Feb 2027 and unpaid; 13 to 24 were called in.
    assert "the 3 overdue instalments, the other 12 that the lender called in" in en[0]
    assert "逾期没还的3期、贷款机构要求提前还清的剩下12期" in zh[0]
    # The late total is lower than on time: the reader is told that nothing was saved.
    assert r.late.total_paid < r.on_time.total_paid
    assert any("Nothing was saved" in s for s in en)
    assert any("并没有省钱" in s for s in zh)
    doc = to_dict(r, "en")
    assert doc["due_at_once"][0] == {"date": "2027-02-23", "amount": 21027.57,
                                     "instalments": list(range(10, 25))}


def test_two_instalments_paid_together_are_due_at_once():
    r = compute(from_dict({"preset": "cn_bank_consumer_loan",
                           "late": [{"instalment": 3, "days_late": 30}]}))
    # Instalment 3 (due 15 Apr 2026), 30 days late, is paid on 15 May, the day instalment 4
    # falls due: two at once.
    assert len(r.due_at_once) == 1
    d = r.due_at_once[0]
    assert d["instalments"] == (3, 4)
    p, charges = r.schedule.payment, sum(int(r.charges[k][2]) for k in r.charges)
    assert d["amount"] == int(p[2]) + int(p[3]) + charges


def test_paying_one_instalment_a_few_days_late_asks_for_nothing_at_once():
    r = compute(from_dict({"preset": "cn_bank_consumer_loan",
                           "late": [{"instalment": 3, "days_late": 5}]}))
    assert r.due_at_once == ()
    assert "at once" not in " ".join(sentences(r, "en"))
    assert to_dict(r, "en")["due_at_once"] == []
    # What the reader must find that day leads: the instalment with its late charges.
    p, charges = r.schedule.payment, sum(int(r.charges[k][2]) for k in r.charges)
    up = to_dict(r, "zh")["catch_up"]
    assert up["amount"] == (int(p[2]) + charges) / 100 and up["still_overdue"] == []
    assert sentences(r, "zh")[0].startswith(f"{i18n.date(dt.date.fromisoformat(up['date']), 'zh')}还第3期")


@settings(max_examples=60, deadline=None)
@given(preset=st.sampled_from(["cn_bank_consumer_loan", "cn_internet_instalment", "cn_private_loan"]),
       term=st.integers(2, 36), first=st.integers(1, 36), days=st.integers(1, 400))
def test_due_at_once_never_exceeds_the_late_total_and_is_all_of_it_when_nothing_was_paid(
        preset, term, first, days):
    try:
        scenario = from_dict({"preset": preset, "loan": {"term_months": term},
                              "late": [{"stop_from": first, "days": days}]})
    except ScenarioError:
        assume(False)  # a stop the contract refuses (after the loan's last instalment)
    r = compute(scenario)
    for d in r.due_at_once:
        assert 0 < d["amount"] <= r.late.total_paid
    amounts = [d["amount"] for d in r.due_at_once]
    assert amounts == sorted(amounts, reverse=True)
    if first == 1 and r.due_at_once and len(r.due_at_once[0]["instalments"]) == term:
        # Nothing paid before: the one day's sum is the whole late total.
        assert r.due_at_once[0]["amount"] == r.late.total_paid
