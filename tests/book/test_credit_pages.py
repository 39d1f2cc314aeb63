"""The credit-record lessons as a reader sees them: the dates glued into the text are the
engine's, worked out again here, in both languages; the rights pages carry the 20-day deadline
and the sample letter."""

import pytest

from simulators import i18n
from simulators.credit import credit_record
from simulators.scenario import scenario_from_dict
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
    soup = page(site, RIGHTS[lang])
    text = soup.get_text(" ")
    assert ("20 days" in text) if lang == "en" else ("20日内" in text)
    assert soup.select_one(".bh-letter") is not None
    assert ("Article 25" in soup.select_one(".bh-letter").get_text()) if lang == "en" \
        else ("第二十五条" in soup.select_one(".bh-letter").get_text())
