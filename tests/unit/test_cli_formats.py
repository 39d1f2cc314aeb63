"""The command line's output fits a page (issue 18): text no wider than 80 display columns (a
CJK character counts two) for every example file in both languages, and Markdown and HTML
outputs with the same sentences and figures."""

import html
import json
import pathlib
import re
import subprocess
import sys

import pytest

from simulators.core.i18n import display_width, text_table, wrap

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
#: Amounts of money and dates, as each language writes them.
MONEY = re.compile(r"-?[¥$][\d,]+\.\d\d|-?[\d,]+(?:\.\d\d)?(?:元|美元)"
                   r"|\d{1,2} [A-Z][a-z]{2} \d{4}|\d{4}年\d{1,2}月\d{1,2}日")


def command(path: pathlib.Path) -> str:
    name = path.name
    if name.startswith("card") or "card-minimum" in name:
        return "credit-card"
    if "plan" in name:
        return "repayment-plan"
    if "offer" in name:
        return "true-cost"
    if "credit" in name:
        return "credit-record"
    return "late-payment"


def run(path, lang, fmt):
    done = subprocess.run([sys.executable, "-m", "simulators", command(path), str(path),
                           "--lang", lang, "--format", fmt],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_text_fits_80_columns_and_markdown_and_html_say_the_same(path, lang):
    text = run(path, lang, "text")
    wide = [line for line in text.splitlines() if display_width(line) > 80]
    assert not wide, wide
    md = run(path, lang, "markdown")
    page = run(path, lang, "html")
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page and "</html>" in page
    # The same figures in all three: every amount of money and every date the text prints.
    figures = set(MONEY.findall(text))
    assert figures
    assert figures <= set(MONEY.findall(md))
    assert figures <= set(MONEY.findall(html.unescape(page)))
    # The markdown's tables are pipe tables.
    assert re.search(r"^\|.*\|$", md, re.M) and re.search(r"^\|(-{3}:?\|)+", md, re.M)


def test_a_number_keeps_its_unit_when_a_line_is_wrapped():
    lines = wrap("你要多还" + "很多" * 30 + "共计3,000元的费用", 40)
    assert all(display_width(x) <= 40 for x in lines)
    assert not any(x.startswith("元") for x in lines)
    assert "3,000元" in "".join(lines)


def test_a_table_too_wide_for_the_page_is_one_block_per_row():
    headers = ["Instalment", "Due date", "Principal", "Interest", "Fee", "Payment", "Paid", "Days late",
               "Late charges"]
    rows = [[1, "15 Feb 2026", "¥792.88", "¥90.00", "¥40.00", "¥922.88", "15 Feb 2026", "0", "¥0.00"]]
    out = text_table(headers, rows)
    assert out.splitlines()[0] == "Instalment 1"
    assert "  Principal: ¥792.88" in out and max(display_width(x) for x in out.splitlines()) <= 80
    narrow = text_table(["月份", "Paid"], [["1", "¥5.00"]])
    assert narrow.splitlines()[1].startswith("----")


def test_json_is_still_json():
    out = run(ROOT / "examples" / "late-3-4.json", "en", "json")
    assert json.loads(out)
