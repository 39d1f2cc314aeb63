"""The part "Loan terms" (the contract, the checklist, guarantors, signing in an app) as a reader
sees it: the lessons' numbers are the engine's, worked out again here in both languages; the
lessons follow the lesson pattern and cite sources that resolve; the checklist is one printable
list of tick boxes; the new glossary words exist in both glossaries. Reuses the book build of
``test_book.py``."""

from __future__ import annotations

import pytest
import yaml

from simulators.core import i18n
from simulators.late_payment.engine import simulate
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from simulators.late_payment.inputs import scenario_from_dict
from tests.book.test_book import ROOT, _target, assert_citations_resolve, page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book
LESSONS = ("contract", "guarantors", "signing-in-an-app")
NEW_TERMS = {"en": ["automatic debit", "co-borrower", "general guarantee", "guarantee period",
                    "guarantor", "joint and several liability guarantee", "loan facilitation",
                    "separate consent", "standard terms"],
             "zh": ["自动扣款", "共同借款人", "一般保证", "保证期间", "保证人", "连带责任保证",
                    "助贷", "单独同意", "格式条款"]}


def rel(name, lang, folder="loan-terms"):
    return f"book/{'zh/' if lang == 'zh' else ''}{folder}/{name}.html"


def cost(**offer):
    return true_cost(offer_flows(offer_from_dict(offer)))


def contract_figures(lang):
    m, p = (lambda c: i18n.money(c, lang)), (lambda x: i18n.percent(x, lang))  # noqa: E731
    loan = dict(principal=20000, term_months=12, quote="annual_rate", rate=0.108,
                method="equal_instalment", start_date="2026-04-10", upfront_deduction=600)
    full = cost(**loan, extras=[{"kind": "guarantee", "amount": 40, "when": "monthly"}])
    plain = cost(**{**loan, "upfront_deduction": 0})
    deducted = cost(**loan)
    assert full.flows.received_cents == 1940000 and full.by_kind["extras"] == 48000
    assert plain.rates["nominal"] < deducted.rates["nominal"] < full.rates["nominal"]
    return {
        "money received": m(full.flows.received_cents),
        "each payment": m(full.first_payment),
        "total repaid": m(full.total_paid),
        "cost": m(full.total_cost),
        "interest": m(full.by_kind["interest"]),
        "guarantee fees": m(full.by_kind["extras"]),
        "annualised rate": p(full.rates["nominal"]),
        "effective rate": p(full.rates["effective"]),
        "rate without fees": p(plain.rates["nominal"]),
        "rate without the guarantee": p(deducted.rates["nominal"]),
    }


def guarantor_figures(lang):
    m = lambda c: i18n.money(c, lang)  # noqa: E731
    loan = {"principal": 30000, "annual_rate": 0.072, "term_months": 24,
            "start_date": "2026-03-20"}
    r = simulate(scenario_from_dict({"preset": "cn_bank_consumer_loan", "loan": loan,
                                     "late": [{"stop_from": 7, "days": 120}]}))
    s, acc = r.schedule, r.accelerated
    assert acc is not None and acc["principal"] > 0
    # The guarantor's demand on the day the loan is called in: principal called in, the
    # instalments overdue and the charges on them so far.
    owed = int(r.owed_late[acc["day"]])
    assert owed > acc["principal"]
    on_that_day = r.paid_day == acc["paid_day"]
    # The breakdown of that amount: the three missed instalments (principal and contract
    # interest), the principal called in, the current month's interest pro rata to the day, and
    # the penalty and compound interest so far (the rest). Every part is positive and they add up.
    missed = slice(6, acc["first_called_in"] - 1)
    assert acc["first_called_in"] - 1 - 6 == 3
    missed_principal, missed_interest = int(s.principal[missed].sum()), int(s.interest[missed].sum())
    j0 = acc["first_called_in"] - 1
    month = (acc["day"] - int(s.due_day[j0 - 1])) / (int(s.due_day[j0]) - int(s.due_day[j0 - 1]))
    running = round(int(s.interest[j0]) * month)
    so_far = owed - acc["principal"] - missed_principal - missed_interest - running
    assert 0 < so_far < missed_principal * 0.108 / 360 * 120
    return {
        "penalty rate": "10.8%",  # 7.2% x 1.5: the contract rate plus 50%
        "missed principal": m(missed_principal),
        "missed interest": m(missed_interest),
        "current month's interest": m(running),
        "charges so far": m(so_far),
        "monthly payment": m(s.payment[0]),
        "missed due date": i18n.date(s.due_dates[6], lang),
        "called in on": i18n.date(acc["date"], lang),
        "principal called in": m(acc["principal"]),
        "owed that day": m(owed),
        "paid on": i18n.date(acc["paid_date"], lang),
        "paid at once": m(r.late.total_paid - int(s.payment[~on_that_day].sum())),
        "extra charges": m(r.extra_cost),
    }


def app_figures(lang):
    m, p = (lambda c: i18n.money(c, lang)), (lambda x: i18n.percent(x, lang))  # noqa: E731
    loan = dict(principal=5000, term_months=6, quote="daily_rate", rate=0.0004,
                method="equal_instalment", start_date="2026-04-10")
    plain = cost(**loan)
    insured = cost(**loan, extras=[{"kind": "insurance", "amount": 35, "when": "monthly"}])
    assert insured.by_kind["extras"] == 21000
    return {
        "payment expected": m(plain.first_payment),
        "payment billed": m(insured.first_payment),
        "insurance in all": m(insured.by_kind["extras"]),
        "interest in all": m(insured.by_kind["interest"]),
        "rate without": p(plain.rates["nominal"]),
        "rate with": p(insured.rates["nominal"]),
        # The daily rate over a year: 360 days (as the engine and many lenders count), and 365.
        "daily rate x 360": p(0.0004 * 360),
        "daily rate x 365": p(0.0004 * 365),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name, figures", [("contract", contract_figures),
                                           ("guarantors", guarantor_figures),
                                           ("signing-in-an-app", app_figures)])
def test_lesson_numbers_equal_the_engine(site, lang, name, figures):  # noqa: F811
    here = rel(name, lang)
    soup = page(site, here)
    # Glued into the text, or into a table the engine's numbers fill.
    shown = set(pasted(soup))
    tables = " ".join(t.get_text(" ") for t in soup.select("article table"))
    missing = {k: v for k, v in figures(lang).items() if v not in shown and v not in tables}
    assert not missing, f"{here}: {missing}; shown {sorted(shown)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", LESSONS)
def test_lessons_follow_the_pattern(site, lang, name):  # noqa: F811
    soup = page(site, rel(name, lang))
    article = soup.select_one("article")
    text = article.get_text(" ")
    assert ("This case is fictional" in text) if lang == "en" else ("本案例为虚构" in text)
    assert article.select(".admonition.tip"), "no 'what you will learn' box"
    assert len(article.select(".solution, details, .dropdown")) >= 3, "self-check answers"
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert any("glossary.html" in h for h in hrefs) and any("sources.html" in h for h in hrefs)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", LESSONS + ("checklist",))
def test_pages_cite_sources_that_resolve(site, lang, name):  # noqa: F811
    assert_citations_resolve(site, rel(name, lang), rel("sources", lang, "reference"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_guarantee_articles_and_hedges_are_on_the_page(site, lang):  # noqa: F811
    text = page(site, rel("guarantors", lang)).select_one("article").get_text(" ")
    musts = (("Art. 686", "Art. 688", "Art. 692", "six months", "reported")
             if lang == "en" else ("第六百八十六条", "第六百八十八条", "第六百九十二条", "六个月", "据报道"))
    for must in musts:
        assert must in text, must


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lessons_link_to_a_simulator(site, lang):  # noqa: F811
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    subs = config["parse"]["myst_substitutions"]
    tail = "?lang=zh" if lang == "zh" else ""
    expected = {"contract": subs["simulator_true_cost_url"] + tail,
                "signing-in-an-app": subs["simulator_true_cost_url"] + tail,
                "guarantors": subs["simulator_late_payment_url"] + tail}
    for name, url in expected.items():
        hrefs = [a["href"] for a in page(site, rel(name, lang)).select("article a[href]")]
        assert url in hrefs, f"{name} does not link to {url}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_checklist_is_one_list_of_tick_boxes(site, lang):  # noqa: F811
    here = rel("checklist", lang)
    soup = page(site, here)
    box = soup.select_one("article div.bh-checklist")
    assert box is not None, "no bh-checklist container"
    ticks = [li for li in box.select("li") if li.get_text().lstrip().startswith("☐")]
    assert 15 <= len(ticks) <= 22, len(ticks)
    text = box.get_text(" ")
    assert "12378" in text and (("reported" in text) if lang == "en" else ("据报道" in text))
    targets = [_target(site, here, a["href"])[0] for a in soup.select("article a[href]")
               if not a["href"].startswith("http")]
    assert (site / rel("contract", lang)).resolve() in targets


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_new_glossary_words_are_defined_once(site, lang):  # noqa: F811
    glossary = page(site, rel("glossary", lang, "reference"))
    terms = [dt.get_text().strip().rstrip("#¶").strip() for dt in glossary.select("dl.glossary dt")]
    for word in NEW_TERMS[lang]:
        assert terms.count(word) == 1, (word, terms.count(word))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_printed_checklist_stands_on_its_own(site, lang):  # noqa: F811
    """Only the list prints: it names its source in words (no bare citation number), says when
    it was checked, and the page says which lessons it sums up."""
    here = rel("checklist", lang)
    soup = page(site, here)
    box = soup.select_one("article div.bh-checklist")
    assert not [a for a in box.select("a[href]") if "sources.html" in a["href"]]
    text = box.get_text("")
    if lang == "en":
        assert "CBIRC complaint measures, 2020" in text and "Checked: December 2026" in text
        assert "If the lender is a bank, insurer or consumer finance company" in text
        assert "passing it to another company needed my separate consent" in text
    else:
        assert "《银行业保险业消费投诉处理管理办法》" in text and "核对日期：2026年12月" in text
        assert "银行、保险机构、消费金融公司应当在15日内作出处理决定" in text
        assert "提供给其他公司的，需要我单独同意" in text
    targets = {_target(site, here, a["href"])[0] for a in soup.select("article a[href]")
               if not a["href"].startswith("http")}
    for lesson in ("signing-in-an-app", "contract", "repayment-methods", "fees", "guarantors"):
        assert (site / rel(lesson, lang)).resolve() in targets, lesson
    # The citation moved out of the list is still on the page.
    assert [a for a in soup.select("article a[href]") if "sources.html#" in a["href"]
            and "银行业保险业消费投诉处理管理办法" in a.get("title", "")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hedges_and_the_weaker_correct_wordings(site, lang):  # noqa: F811
    """The 2003 penalty notice is not stated as settled law for every lender; a forged
    signature brings criminal liability only where it is a crime; the complaint deadline is
    for banks and insurers; the contact-list question gets a verdict."""
    contract = page(site, rel("contract", lang)).select_one("article").get_text("")
    app = page(site, rel("signing-in-an-app", lang)).select_one("article").get_text("")
    guarantors = page(site, rel("guarantors", lang)).select_one("article").get_text("")
    if lang == "en":
        assert "not settled" in contract and "no repeal" in contract
        for text in (app, guarantors):
            assert "criminal liability where it is a crime" in text
            assert "civil and criminal liability" not in text
        assert "If the lender is a bank, insurer or consumer finance company" in app
        assert "hard to call necessary" in app
        assert "(Credit Reporting Regulation, Art. 29)" in app
    else:
        assert "尚无定论" in contract and "没有找到废止" in contract
        for text in (app, guarantors):
            assert "构成犯罪的要追究刑事责任" in text
        assert "贷款人是银行、保险机构或消费金融公司的" in app
        assert "很难说是借款所必需的" in app
        assert "（《征信业管理条例》第二十九条）" in app
