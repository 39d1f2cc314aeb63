"""The lessons on pre-filing mediation and on going to court, as a reader sees them: the dates
and amounts on the pages are computed here independently and must be the ones shown; the pages
follow the lesson pattern, cite their sources in their own language and switch language.
Reuses the book build of ``test_book.py``."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from simulators.core import i18n
from tests.book.test_book import page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

MEDIATION = {"en": "book/rights/mediation.html", "zh": "book/zh/rights/mediation.html"}
COURT = {"en": "book/rights/court.html", "zh": "book/zh/rights/court.html"}


def extra_interest(unpaid_yuan: int, days: int) -> int:
    """The extra interest on a money judgment paid late, in cents: 0.0175% a day of the unpaid
    amount (SPC interpretation of 2014, Art. 1), rounded half up to the cent."""
    cents = Decimal(unpaid_yuan) * 100 * Decimal("0.000175") * days
    return int(cents.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def mediation_figures(lang):
    d = lambda day: i18n.date(day, lang)  # noqa: E731
    # 30 days of pre-filing mediation from the mediator's acceptance; 30 days to apply for
    # judicial confirmation from the agreement; the first day is not counted.
    return {
        "mediator accepts": d(dt.date(2026, 6, 8)),
        "mediation ends": d(dt.date(2026, 7, 8)),
        "agreement signed": d(dt.date(2026, 6, 30)),
        "last day to apply for confirmation": d(dt.date(2026, 7, 30)),
    }


def court_figures(lang):
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    d = lambda day: i18n.date(day, lang)  # noqa: E731
    assert extra_interest(25000, 30) == 13125  # 25,000 x 0.0175% x 30 days, in the table
    part = extra_interest(25000, 30) + extra_interest(15000, 150)
    return {
        "judgment": m(2500000),
        "extra interest, 90 days": m(extra_interest(25000, 90)),
        "extra interest, 180 days": m(extra_interest(25000, 180)),
        "extra interest, 10,000 paid on day 30": m(part),
        "saved by paying part early": m(extra_interest(25000, 180) - part),
        "rate a day": "0.0175%",
        "last instalment due": d(dt.date(2026, 1, 15)),
        "limitation period ends": d(dt.date(2029, 1, 15)),
        "reminder": d(dt.date(2027, 5, 20)),
        "limitation period ends after the reminder": d(dt.date(2030, 5, 20)),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_figures_are_the_ones_computed(site, lang):  # noqa: F811
    for rel, figures in ((MEDIATION[lang], mediation_figures(lang)), (COURT[lang], court_figures(lang))):
        shown = set(pasted(page(site, rel)))
        missing = {k: v for k, v in figures.items() if v not in shown}
        assert not missing, f"{rel}: {missing}; shown {sorted(shown)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_court_table_shows_the_extra_interest(site, lang):  # noqa: F811
    table = page(site, COURT[lang]).select_one("article table")
    assert table is not None, "the extra-interest table is missing"
    cells = table.get_text(" ")
    for days in (30, 90, 180):
        assert i18n.days(days, lang) in cells
        assert i18n.money(extra_interest(25000, days), lang) in cells
        assert i18n.money(2500000 + extra_interest(25000, days), lang) in cells


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lessons_follow_the_pattern_and_cite_sources(site, lang):  # noqa: F811
    for rel in (MEDIATION[lang], COURT[lang]):
        soup = page(site, rel)
        text = soup.select_one("article").get_text(" ")
        assert ("fictional" in text) if lang == "en" else ("虚构" in text)
        assert soup.select(".solution, details, .dropdown"), f"{rel}: no self-check answers"
        cites = [a for a in soup.select("article a[href]") if "sources.html#" in a["href"]]
        assert cites, f"{rel} cites no source"
        assert all(a.get_text().startswith("中") == (lang == "zh") for a in cites), rel
        assert "12368" in text
    mediation = page(site, MEDIATION[lang]).select_one("article").get_text(" ")
    assert "1068" in mediation and "30" in mediation
    court = page(site, COURT[lang]).select_one("article").get_text(" ")
    assert "20" in court and ("six" in court if lang == "en" else "六种" in court)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_answer_a_frightened_borrower(site, lang):  # noqa: F811
    """The mediation page answers the message's threat to freeze accounts (only a court can,
    by its own ruling), with the preservation articles as its source; the court page keeps the
    5 years a late record stays after it is repaid, and warns that a claim may be for the
    whole loan called in early."""
    soup = page(site, MEDIATION[lang])
    mediation = soup.select_one("article").get_text(" ")
    assert ("Only a court can freeze" in mediation) if lang == "en" else ("只有法院能冻结" in mediation)
    assert ("Do not pay anything to the sender" in mediation) if lang == "en" \
        else ("不要给发短信的人付任何钱" in mediation)
    titles = [a.get("title", "") for a in soup.select("article a[href]")
              if "sources.html#" in a["href"]]
    assert any(("preservation" in t) if lang == "en" else ("保全" in t and "第一百零三条" in t)
               for t in titles), "no source for freezing"
    court = page(site, COURT[lang]).select_one("article").get_text(" ")
    assert ("for 5 years after the late payment ends" in court) if lang == "en" \
        else ("还清后再保留5年" in court)
    assert ("call in the whole loan" in court) if lang == "en" else ("提前到期" in court)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_answer_an_educators_questions(site, lang):  # noqa: F811
    """What a workshop asks: who the lender is (which limit applies), how long a dishonest
    listing lasts on the first ground, whether trains are restricted (read in the 2015 text, Art. 3) and how to ask to travel (Art. 8), how much a small
    claim is (ask the court), where the press report on fake mediators comes from, and the
    simulators on a workshop laptop."""
    en = lang == "en"
    soup = page(site, COURT[lang])
    court = soup.select_one("article").get_text()  # no separator: a glossary link splits no phrase
    assert ("is a consumer finance company, a licensed lender" in court) if en \
        else ("借钱给她的是一家消费金融公司（持牌金融机构）" in court)
    assert ("there is no fixed period: the listing ends when you perform" in court) if en \
        else ("没有固定期限，履行义务后删除" in court)
    assert ("1 to 3 years more in serious cases" in court) if en else ("可以延长1至3年" in court)
    assert ("no seat on a G-class high-speed train" in court and "apply to the court first" in court) if en \
        else ("不得乘坐G字头动车组列车的任何座位" in court and "要先向法院申请" in court)
    assert ("litigation-service centre (诉讼服务中心) for this year" in court) if en \
        else ("今年是多少，可以问法院的诉讼服务中心" in court)
    titles = [p.get_text() for p in soup.select("article .exercise p.admonition-title")]
    assert any(("When does the limitation period end?" in t) if en else ("诉讼时效哪天届满？" in t)
               for t in titles), titles
    laptop = [a["href"] for a in soup.select("article .bh-open-simulator a[href]")]
    assert any("late_payment.ipynb" in h and (("lang=zh" in h) != en) for h in laptop), laptop

    soup = page(site, MEDIATION[lang])
    titles = [a.get("title", "") for a in soup.select("article a[href]")
              if "sources.html#" in a["href"]]
    assert any("hljrk.com.cn" in t or "信网" in t for t in titles), "the press report has no source"
    mediation = soup.select_one("article").get_text()
    assert ("press reports of 2025; we could not check them" in mediation) if en \
        else ("2025年的媒体报道；我们无法用官方来源核实" in mediation)
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert any("simulators/repayment-plan.html" in h for h in hrefs)
    laptop = [a["href"] for a in soup.select("article .bh-open-simulator a[href]")]
    assert any("repayment_plan.ipynb" in h and (("lang=zh" in h) != en) for h in laptop), laptop
