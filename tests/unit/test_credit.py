"""The credit record engine on worked cases: every status and date below is worked out by hand
from the loan's due dates (a 12-month loan from 15 Jan 2026: instalment k is due on the 15th,
k months later) and the reporting rules, not taken from the engine."""

import datetime as dt
import json
import pathlib
import subprocess
import sys

import pytest

from simulators.credit_record.engine import credit_record, lender_view, yearly_view
from simulators.credit_record.engine import record_from_dict
from simulators.late_payment.engine import simulate
from simulators.core.fields import ScenarioError
from simulators.late_payment.inputs import scenario_from_dict, scenario_to_dict
from tests.helpers import BASE_RULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
D = dt.date
MONTHS = [f"{y}-{m:02d}" for y, m in [(2026, m) for m in range(2, 13)] + [(2027, 1)]]


def scenario(late, rules=None, **loan):
    loan = {"principal": 20000, "annual_rate": 0.12, "term_months": 12,
            "method": "equal_instalment", "start_date": "2026-01-15", **loan}
    return scenario_from_dict({"loan": loan, "preset": "custom",
                               "rules": {**BASE_RULES, **(rules or {})}, "late": late})


def codes(record):
    return dict(zip((m.month for m in record.months), record.codes))


def test_on_time_shows_normal_then_settled_and_no_record():
    r = credit_record(scenario([]), "cn")
    assert [m.month for m in r.months] == MONTHS
    assert r.codes == ["N"] * 11 + ["C"]
    assert r.negative_records == ()
    assert r.settled_on == D(2027, 1, 15)


def test_late_within_a_month():
    # Instalment 3 is due 15 Apr 2026 and paid 10 days late, on 25 Apr: unpaid at the end of
    # its due date (April shows 1), paid before the May statement (May shows N).
    r = credit_record(scenario([{"instalment": 3, "days_late": 10}]), "cn")
    assert r.codes == ["N", "N", "1"] + ["N"] * 8 + ["C"]
    [rec] = r.negative_records
    assert (rec.overdue_start, rec.overdue_end) == (D(2026, 4, 16), D(2026, 4, 25))
    # Art. 16: kept 5 years from the day the overdue ends.
    assert rec.visible_until == D(2031, 4, 25)
    # The April status is taken by the end of 15 Apr, the day the payment is missed; a report
    # shows it from 16 Apr, the first day of the overdue, never before it.
    assert rec.first_shown == D(2026, 4, 16) == rec.overdue_start and rec.worst_code == "1"
    # United States: reported only once 30 days past due, so never reported.
    us = credit_record(scenario([{"instalment": 3, "days_late": 10}]), "us")
    assert us.negative_records == () and set(us.codes[:-1]) == {"OK"}


def test_late_across_several_due_dates():
    # Instalments 3 and 4 (due 15 Apr and 15 May) each paid 45 days late: 30 May and 29 Jun.
    # 15 Apr: 3 unpaid, its first missed due date -> 1. 15 May: 3 still unpaid, second -> 2.
    # 15 Jun: 3 paid, 4 unpaid since 15 May, second -> 2. 15 Jul: all paid -> N.
    late = [{"instalment": 3, "days_late": 45}, {"instalment": 4, "days_late": 45}]
    r = credit_record(scenario(late), "cn")
    assert codes(r)["2026-04"] == "1" and codes(r)["2026-05"] == "2"
    assert codes(r)["2026-06"] == "2" and codes(r)["2026-07"] == "N"
    assert [m.days_overdue for m in r.months[2:5]] == [0, 30, 31]  # 15 Apr-15 May, 15 May-15 Jun
    [rec] = r.negative_records  # the two spells overlap: one episode
    assert (rec.overdue_start, rec.overdue_end, rec.visible_until) == (
        D(2026, 4, 16), D(2026, 6, 29), D(2031, 6, 29))
    us = credit_record(scenario(late), "us")
    assert codes(us)["2026-04"] == "OK" and codes(us)["2026-05"] == "30"
    assert codes(us)["2026-06"] == "30"
    # FCRA: 7 years; from the start of the delinquency for an ordinary late payment.
    assert us.negative_records[0].visible_until == D(2033, 4, 16)
    uk = credit_record(scenario(late), "uk")
    assert uk.negative_records[0].visible_until == D(2032, 6, 29)


def test_stop_paying_then_catch_up():
    # Nothing paid for 100 days from 15 Apr 2026: everything due by then is paid on 24 Jul.
    r = credit_record(scenario([{"stop_from": 3, "days": 100}]), "cn")
    assert [codes(r)[m] for m in ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08")] == \
        ["1", "2", "3", "4", "N"]
    [rec] = r.negative_records
    assert (rec.overdue_end, rec.visible_until, rec.worst_code) == (
        D(2026, 7, 24), D(2031, 7, 24), "4")
    uk = credit_record(scenario([{"stop_from": 3, "days": 100}]), "uk")
    # Four due dates missed on 15 Jul: the default (our assumption) is registered then and
    # stays 6 years from that date, although it was repaid 9 days later.
    assert codes(uk)["2026-07"] == "D"
    assert (uk.negative_records[0].default_on, uk.negative_records[0].visible_until) == (
        D(2026, 7, 15), D(2032, 7, 15))


def test_never_catch_up():
    r = credit_record(scenario([{"stop_from": 5, "days": None}]), "cn")
    # Instalment 5 is due 15 Jun 2026; statements go on for 60 months from 15 Feb 2026.
    assert len(r.months) == 60 and r.months[-1].date == D(2031, 1, 15)
    assert r.codes[:4] == ["N"] * 4
    assert r.codes[4:12] == ["1", "2", "3", "4", "5", "6", "7", "7"]
    assert set(r.codes[10:]) == {"7"}
    [rec] = r.negative_records
    assert rec.overdue_start == D(2026, 6, 16)
    assert rec.overdue_end is None and rec.visible_until is None
    assert r.never_repaid and r.settled_on is None
    # Every year to the last statement, a lender still sees it.
    assert [v["on"].year for v in yearly_view(r)] == list(range(2026, 2031))
    assert all(v["records"] == [rec] for v in yearly_view(r))
    us = credit_record(scenario([{"stop_from": 5, "days": None}]), "us")
    # 180 days past due on 15 Dec 2026 (7th due date missed): charged off (our assumption);
    # FCRA s.605(c): 7 years from 180 days after 16 Jun 2026, that is from 13 Dec 2026.
    assert codes(us)["2026-12"] == "CO"
    assert us.negative_records[0].visible_until == D(2033, 12, 13)


def test_called_in_loan_is_settled_on_the_catch_up_day():
    # The fictional internet loan calls the loan in after 90 days overdue. Stopping 120 days
    # from instalment 3 (due 15 Apr): called in on 14 Jul, everything paid on 13 Aug 2026.
    data = {"preset": "cn_internet_instalment", "late": [{"stop_from": 3, "days": 120}]}
    r = credit_record(scenario_from_dict(data), "cn")
    assert r.called_in_on == D(2026, 7, 14)
    assert r.settled_on == D(2026, 8, 13)
    assert [m.month for m in r.months][-1] == "2026-08"
    assert r.codes[2:] == ["1", "2", "3", "4", "C"]
    assert r.negative_records[0].visible_until == D(2031, 8, 13)
    # The same record from the late-payment engine's Result.
    assert credit_record(simulate(scenario_from_dict(data)), "cn").codes == r.codes


def test_grace_period_payment_is_not_recorded():
    r = credit_record(scenario([{"instalment": 3, "days_late": 2}], {"grace_days": 3}), "cn")
    assert r.negative_records == () and r.codes == ["N"] * 11 + ["C"]


def test_lender_view_drops_a_record_when_it_expires():
    r = credit_record(scenario([{"instalment": 3, "days_late": 10}]), "cn")
    assert lender_view(r, D(2031, 4, 24))["records"] == list(r.negative_records)
    assert lender_view(r, D(2031, 4, 25))["records"] == []
    # On 31 Dec 2026 the April status is one of the late months shown.
    assert lender_view(r, D(2026, 12, 31))["late_months"] == 1
    years = [v["on"].year for v in yearly_view(r)]
    assert years == list(range(2026, 2032))


def test_never_entry_round_trips_and_costs_give_a_clear_error():
    sc = scenario([{"stop_from": 5, "days": None}])
    assert scenario_to_dict(sc)["late"] == [{"stop_from": 5, "days": None}]
    with pytest.raises(ScenarioError) as e:
        simulate(sc)
    assert [(x.field, x.code) for x in e.value.errors] == [("late[1].days", "never_not_costed")]


def test_credit_options_are_checked():
    with pytest.raises(ScenarioError) as e:
        record_from_dict({"credit": {"jurisdiction": "fr", "as_of": "soon", "x": 1}})
    assert {(x.field, x.code) for x in e.value.errors} == {
        ("credit.jurisdiction", "choice"), ("credit.as_of", "not_a_date"),
        ("credit.x", "unknown_field")}


def cli(*args):
    return subprocess.run([sys.executable, "-m", "simulators", "credit-record", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_command_line_json_and_table():
    out = cli(str(ROOT / "examples" / "credit-late-45.json"), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    months = {m["month"]: m["status"] for m in doc["months"]}
    assert months["2026-04"] == "1" and months["2026-05"] == "2" and months["2027-01"] == "C"
    assert doc["negative_records"] == [{
        "overdue_start": "2026-04-16", "overdue_end": "2026-06-29", "first_shown": "2026-04-16",
        "worst_status": "2", "late_months": 3, "default_date": None,
        "visible_until": "2031-06-29", "retention_rule": "end"}]
    assert doc["comparison"]["us"]["negative_records"][0]["visible_until"] == "2033-04-16"
    table = cli(str(ROOT / "examples" / "credit-late-45.json"), "--lang", "zh")
    assert table.returncode == 0
    assert "2031年6月29日" in table.stdout and "逾期31–60天" in table.stdout


def test_command_line_bad_input_in_both_languages(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"credit": {"jurisdiction": "fr"},
                               "late": [{"stop_from": 0, "days": None}]}))
    en = cli(str(bad))
    assert en.returncode == 2 and "Traceback" not in en.stderr
    assert "Which country's rules: must be one of: cn, us, uk." in en.stderr
    zh = cli(str(bad), "--lang", "zh")
    assert zh.returncode == 2 and "适用哪个国家/地区的规则" in zh.stderr
