"""The command line as an educator uses it: a table, JSON, and clear errors with exit status 2."""

import json
import pathlib
import subprocess
import sys

import pytest

from tests.helpers import run as run_engine

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "late-3-4.json"


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "simulators", *args], capture_output=True,
                          text=True, cwd=ROOT, input=stdin, timeout=60)


def test_json_output_has_the_contract_fields():
    out = cli("late-payment", str(EXAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    engine = run_engine(late=[{"instalment": 3, "days_late": 45}, {"instalment": 4, "days_late": 45}])
    assert doc["on_time"]["total_paid"] == engine.on_time.total_paid / 100 == 21323.70
    assert doc["late"]["total_paid"] == 21403.67
    assert doc["extra_cost"] == 79.97
    assert set(doc["extra_cost_by_kind"]) == {"penalty_interest", "compound_interest", "late_fees",
                                              "acceleration_interest"}
    assert doc["extra_cost_by_kind"]["penalty_interest"] == 72.76
    assert doc["apr_on_time"]["nominal"] == pytest.approx(0.12, abs=1e-5)
    assert doc["apr_on_time"]["effective"] == pytest.approx(0.126825, abs=1e-5)
    assert len(doc["instalments"]) == 12 and doc["instalments"][2]["days_late"] == 45
    assert doc["due_at_once"] == []  # each late instalment is paid on a day of its own
    # The headline is the number to act on: what the first late instalment costs the day it is
    # paid (its payment, 1,776.98 = 20,000 x 1% / (1 - 1.01^-12), and its own late charges),
    # and that the next one is overdue by then too. Then what lateness adds in all.
    third = doc["instalments"][2]
    assert third["payment"] == round(20000 * 0.01 / (1 - 1.01 ** -12), 2) == 1776.98
    own = round(third["penalty_interest"] + third["compound_interest"] + third["late_fees"], 2)
    assert doc["catch_up"] == {"date": "2026-05-30", "amount": round(1776.98 + own, 2),
                               "late_charges": own, "instalment": 3, "still_overdue": [4]}
    assert doc["sentence"].startswith(f"On 30 May 2026 you pay ¥{1776.98 + own:,.2f} for instalment 3")
    assert "instalment 4 is overdue too" in doc["sentence"]
    assert ("Paying instalments 3 and 4 late by 45 days adds ¥79.97 to what you repay (0.38% more "
            "than paying on time)") in doc["sentence"]


def test_table_in_both_languages():
    en = cli("late-payment", str(EXAMPLE))
    assert en.returncode == 0
    # The sentence is wrapped at 80 columns: read it with the line ends as spaces.
    assert ("Paying instalments 3 and 4 late by 45 days adds ¥79.97 to what you repay "
            "(0.38% more than paying on time).") in en.stdout.replace("\n", " ")
    assert "¥21,403.67" in en.stdout and "30 May 2026" in en.stdout
    zh = cli("late-payment", str(EXAMPLE), "--lang", "zh")
    assert zh.returncode == 0
    assert "第3、4期逾期45天还款，你要多还79.97元（比按时还款的总额多0.38%）。" in zh.stdout
    assert "21,403.67元" in zh.stdout and "2026年5月30日" in zh.stdout


def test_reads_standard_input():
    out = cli("late-payment", "-", "--json", stdin=EXAMPLE.read_text())
    assert out.returncode == 0 and json.loads(out.stdout)["extra_cost"] == 79.97


@pytest.mark.parametrize("lang,needles", [
    ("en", ["Amount borrowed: must be between ¥1.00 and ¥100,000,000.00.",
            "Annual interest rate: must be between 0% and 100%.",
            "Term (months): must be a whole number from 1 to 360.",
            "Late payment 1: days late: please enter a number."]),
    ("zh", ["借款金额：须在1元至100,000,000元之间。", "年利率：须在0%至100%之间。",
            "期限（月）：须为1至360之间的整数。", "第1条逾期记录，逾期天数：请输入数字。"]),
])
def test_bad_values_exit_2_with_every_problem_named(tmp_path, lang, needles):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"loan": {"principal": -5, "annual_rate": 9, "term_months": 0},
                               "late": [{"instalment": 1, "days_late": "abc"}]}))
    out = cli("late-payment", str(bad), "--lang", lang)
    assert out.returncode == 2
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    for needle in needles:
        assert needle in out.stderr


def test_missing_file_and_corrupt_json(tmp_path):
    missing = cli("late-payment", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "Cannot open the scenario file" in missing.stderr
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"loan": {"principal": 20000,, }')
    out = cli("late-payment", str(corrupt), "--lang", "zh")
    assert out.returncode == 2 and "不是有效的 JSON（第1行" in out.stderr
    assert "Traceback" not in out.stderr
    not_object = tmp_path / "list.json"
    not_object.write_text("[1, 2]")
    out = cli("late-payment", str(not_object))
    assert out.returncode == 2 and "Scenario file: must be a JSON object" in out.stderr


def test_unknown_field_and_bad_preset(tmp_path):
    f = tmp_path / "typo.json"
    f.write_text(json.dumps({"loan": {"principle": 20000}, "preset": "custom"}))
    out = cli("late-payment", str(f))
    assert out.returncode == 2 and "loan.principle: this is not a field we know" in out.stderr
    f.write_text(json.dumps({"preset": "no_such_product"}))
    out = cli("late-payment", str(f))
    assert out.returncode == 2 and "Product: must be one of: cn_bank_consumer_loan" in out.stderr


def test_usage_errors_exit_2_without_traceback():
    out = cli("late-payment")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    out = cli("late-payment", str(EXAMPLE), "--lang", "fr")
    assert out.returncode == 2 and "invalid choice" in out.stderr


def test_presets_are_listed():
    out = cli("presets")
    assert out.returncode == 0 and "cn_bank_consumer_loan" in out.stdout and "custom" in out.stdout
