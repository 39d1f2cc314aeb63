"""The credit-record lessons as a reader sees them: the dates glued into the text are the
engine's, worked out again here, in both languages; the rights pages carry the 20-day deadline
and the sample letter."""

import pytest

from simulators.core import i18n
from simulators.credit_record.engine import credit_record
from simulators.late_payment.inputs import scenario_from_dict
from tests.book.test_book import page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book
LESSON = {"en": "book/credit-record/report.html", "zh": "book/zh/credit-record/report.html"}
RIGHTS = {"en": "book/rights/credit-report.html", "zh": "book/zh/rights/credit-report.html"}


def record(late, where="cn"):
    return credit_record(scenario_from_dict({"preset": "cn_internet_instalment", "late": late}), where)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_dates_are_the_engines(site, lang):  # noqa: F811
    words = pasted(page(site, LESSON[lang]))
    ten = record([{"instalment": 3, "days_late": 10}]).negative_records[0]
    stop = record([{"stop_from": 3, "days": 100}])
    # Instalment 3 of a loan from 15 Jan 2026 is due 15 Apr; 10 days late is 25 Apr;
    # Art. 16: shown until 5 years later.
    assert i18n.date(ten.overdue_end, lang) in words
    assert ten.visible_until.isoformat() == "2031-04-25"
    assert i18n.date(ten.visible_until, lang) in words
    assert i18n.date(stop.negative_records[0].visible_until, lang) in words
    # Unpaid on 15 Apr, May, Jun and Jul: 1 to 4 (called in on 14 Jul, all paid 24 Jul).
    assert "1, 2, 3, 4" in words


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rights_page_has_the_deadline_and_the_letter(site, lang):  # noqa: F811
    """The rights page quotes the letter's key request and sends the reader to the one
    printable objection letter in the book, rather than carrying a second, different letter."""
    soup = page(site, RIGHTS[lang])
    text = soup.get_text(" ")
    assert ("20 days" in text) if lang == "en" else ("20日内" in text)
    assert soup.select_one("article .bh-letter") is None, "a second objection letter"
    extract = " ".join(q.get_text(" ") for q in soup.select("article blockquote"))
    assert ("Article 25" in extract) if lang == "en" else ("第二十五条" in extract)
    assert ("20 days" in extract) if lang == "en" else ("20日内" in extract)
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert any("letters/credit-report-objection.html" in h for h in hrefs)
    # The worked example: a true late payment of 40 days on instalment 3 (due 15 Apr 2026) is
    # kept until 5 years after it ends (Art. 16); the dates are the engine's.
    late = record([{"instalment": 3, "days_late": 40}]).negative_records[0]
    assert late.overdue_end.isoformat() == "2026-05-25" and late.visible_until.isoformat() == "2031-05-25"
    words = pasted(soup)
    for day in (late.overdue_start, late.overdue_end, late.visible_until):
        assert i18n.date(day, lang) in words, day
    assert late.worst_code in words
    # The answer counts the last day: the Chinese says 最晚, not 之前 ("before").
    if lang == "zh":
        assert "最晚6月23日" in text and "6月23日之前" not in text
    # The simulator on a workshop laptop, as on the other rights pages.
    laptop = [a["href"] for a in soup.select("article .bh-open-simulator a[href]")]
    assert any("credit_record.ipynb" in h for h in laptop), laptop


SIMULATOR = {"en": "book/simulators/credit-record.html", "zh": "book/zh/simulators/credit-record.html"}
EXAMPLE = "examples/credit-late-45.json"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_simulator_page_preview_is_the_engines(site, lang):  # noqa: F811
    """The preview's sentences and dates are the engine's for the example file; the page opens
    the app in the browser and on a workshop laptop, and prints what the command prints."""
    import json
    import subprocess
    import sys

    import yaml

    from simulators.credit_record import engine as credit_record_engine
    from simulators.credit_record import report as credit_record_report
    from tests.book.test_book import ROOT

    soup = page(site, SIMULATOR[lang])
    # The preview is drawn without widgets: no widget state weighs the page down on a phone.
    assert "widget-state+json" not in (site / SIMULATOR[lang]).read_text(encoding="utf-8")
    text = soup.select_one("article").get_text(" ")
    data = json.loads((ROOT / EXAMPLE).read_text(encoding="utf-8"))
    rec = credit_record_engine.credit_record(scenario_from_dict(data), "cn")
    for sentence in credit_record_report.sentences(rec, lang):
        assert sentence in text, sentence
    assert i18n.date(rec.negative_records[0].visible_until, lang) in pasted(soup)
    # Every month of the example, with its code, in the preview table.
    for m in rec.months:
        assert credit_record_report.month_name(m.date, lang) in text
    assert soup.select_one("article div.bh-try[data-bh-app*='credit_record']") is not None
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["parse"]["myst_substitutions"]["simulator_credit_record_url"]
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert url + ("?lang=zh" if lang == "zh" else "") in hrefs
    assert any("late-payment.html" in h for h in hrefs), "no link to the late-payment simulator"
    printed = subprocess.run([sys.executable, "-m", "simulators", "credit-record",
                              str(ROOT / EXAMPLE), "--lang", lang],
                             capture_output=True, text=True, check=True).stdout
    blocks = [pre.get_text() for pre in soup.select("article details pre, article .dropdown pre")]
    assert printed.strip() in [b.strip() for b in blocks]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_late_payment_pages_link_to_the_credit_pages(site, lang):  # noqa: F811
    prefix = "book/zh/" if lang == "zh" else "book/"
    lesson = [a["href"] for a in page(site, prefix + "late-payment/cost.html").select("article a[href]")]
    assert any("credit-record/report.html" in h for h in lesson)
    assert any("rights/credit-report.html" in h for h in lesson)
    sim = [a["href"] for a in page(site, prefix + "simulators/late-payment.html").select("article a[href]")]
    assert any("credit-record.html" in h for h in sim)
