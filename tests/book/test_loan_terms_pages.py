"""The "Loan terms" lessons on repayment methods and fees as a reader sees them: their numbers
are worked out again here, independently where an independent method exists (numpy_financial for
the level payment and the rates, plain arithmetic for the other schedules), and must be on the
English and the Chinese page; the pages follow the lesson pattern, cite sources that resolve and
link the simulator. Reuses the book build of ``test_book.py``."""

from __future__ import annotations

import numpy_financial as npf
import pytest
import yaml

from simulators.core import i18n
from simulators.core.schedule import Loan
from simulators.core.money import round_half_up
from simulators.core.schedule import build_schedule
from tests.book.test_book import ROOT, _target, assert_citations_resolve, page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

PAGES = ("repayment-methods", "fees")
PRINCIPAL, MONTHS, RATE = 30_000, 12, 0.12


def rel(name, lang, folder="loan-terms"):
    return f"book/{'zh/' if lang == 'zh' else ''}{folder}/{name}.html"


def nominal(received, payments):
    """The nominal annual rate (12 x the monthly IRR) of monthly ``payments`` against
    ``received``, by numpy_financial."""
    return 12 * npf.irr([-received] + list(payments))


def level_payment_cents():
    """The equal-instalment payment by numpy_financial, rounded to the fen as banks round."""
    return round_half_up(npf.pmt(RATE / 12, MONTHS, -PRINCIPAL) * 100)


def equal_instalment_payments():
    """The payments in yuan: the level payment, the last one repaying what is left."""
    s = build_schedule(Loan(PRINCIPAL, RATE, MONTHS, "equal_instalment"))
    assert int(s.payment[0]) == level_payment_cents()
    assert int(s.principal.sum()) == PRINCIPAL * 100
    return [int(x) / 100 for x in s.payment], s


def methods_figures(lang):
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    pct = lambda x: i18n.percent(x, lang)  # noqa: E731
    pay, s = equal_instalment_payments()
    interest = int(s.interest.sum())
    # Equal principal: 2,500 a month plus 1% of what is still owed, 30,000 down to 2,500.
    ep_interest = sum(round(100 * 0.01 * (PRINCIPAL - 2_500 * k)) for k in range(MONTHS))
    # Repaid in full with instalment 6: the first six payments and the principal still owed.
    owed_6 = int(s.balance_after[5])
    early_interest = int(s.interest[:6].sum())
    early = pay[:5] + [pay[5] + owed_6 / 100]
    fee_early = nominal(PRINCIPAL - 600, early)
    fee_full = nominal(PRINCIPAL - 600, pay)
    return {
        "level payment": m(level_payment_cents()),
        "equal-instalment interest": m(interest),
        "equal principal, first": m(280_000),
        "equal principal, last": m(252_500),
        "equal-principal interest": m(ep_interest),
        "interest only, last": m(3_030_000),
        "all at the end": m(3_360_000),
        "all at the end, nominal": pct(12 * ((1 + RATE) ** (1 / 12) - 1)),
        "fee each month": m(15_000),
        "fees in total": m(180_000),
        "fee rate, nominal": pct(nominal(PRINCIPAL, [2_650] * MONTHS)),
        # The board's rule of thumb: monthly fee rate x 12 x 2n / (n + 1).
        "fee rate, rule of thumb": i18n.percent(0.005 * 12 * 2 * MONTHS / (MONTHS + 1), lang, 1),
        "principal owed after 6": m(owed_6),
        "interest saved": m(interest - early_interest),
        "2% charge": m(round(owed_6 * 0.02)),
        "fee kept back, 12 months": pct(fee_full),
        "fee kept back, repaid early": pct(fee_early),
    }


def fees_figures(lang):
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    pct = lambda x: i18n.percent(x, lang)  # noqa: E731
    pay, _ = equal_instalment_payments()
    plus = lambda extra: [p + extra for p in pay]  # noqa: E731
    everything = nominal(PRINCIPAL - 900 - 299, plus(90 + 60))
    return {
        "received after 900 kept back": m(2_910_000),
        "rate after 900 kept back": pct(nominal(PRINCIPAL - 900, pay)),
        "rate with a 90 service fee": pct(nominal(PRINCIPAL, plus(90))),
        "rate with a 60 guarantee fee": pct(nominal(PRINCIPAL, plus(60))),
        "rate with a 299 membership": pct(nominal(PRINCIPAL - 299, pay)),
        "received with all four": m(2_880_100),
        "rate with all four": pct(everything),
        "service fees over the year": m(108_000),
        "guarantee fees over the year": m(72_000),
    }


def test_the_worked_examples_are_what_the_lessons_say():
    """The teaching points hold for these numbers, whatever the formatting."""
    figures = methods_figures("en")
    assert figures["level payment"] == "¥2,665.46"
    assert figures["fee rate, nominal"] == "10.90%"  # not 6%
    assert float(figures["fee kept back, repaid early"].rstrip("%")) > \
        float(figures["fee kept back, 12 months"].rstrip("%"))
    assert float(fees_figures("en")["rate with all four"].rstrip("%")) > 24
    # The rule of thumb is close to the exact rate (within half a point).
    assert abs(float(figures["fee rate, rule of thumb"].rstrip("%")) - 10.90) < 0.5


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name, figures", [("repayment-methods", methods_figures),
                                           ("fees", fees_figures)])
def test_lesson_figures_equal_the_independent_ones(site, lang, name, figures):  # noqa: F811
    soup = page(site, rel(name, lang))
    shown = set(pasted(soup))
    tables = " ".join(t.get_text(" ") for t in soup.select("article table"))
    missing = {k: v for k, v in figures(lang).items() if v not in shown and v not in tables}
    assert not missing, f"{rel(name, lang)}: {missing}; shown: {sorted(shown)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PAGES)
def test_lessons_follow_the_pattern(site, lang, name):  # noqa: F811
    soup = page(site, rel(name, lang))
    text = soup.select_one("article").get_text(" ")
    assert ("fictional" in text) if lang == "en" else ("虚构" in text)
    assert ("What you will learn" in text) if lang == "en" else ("读完这一课，你会知道" in text)
    # The reader is 你 in the lesson's own words (the shared "try it" box has its own text).
    prose = soup.select_one("article")
    for box in prose.select(".bh-try"):
        box.decompose()
    assert "您" not in prose.get_text(" ")
    assert soup.select("article table") and soup.select("article figure svg")
    assert len(soup.select("article .solution, article details")) >= 4
    glossary = [a for a in soup.select("article a[href]") if "glossary.html#term-" in a["href"]]
    assert len(glossary) >= 4, "glossary terms are linked"
    assert not soup.select("article .cell_output"), "the hidden code cell shows output"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PAGES)
def test_lessons_cite_sources_that_resolve(site, lang, name):  # noqa: F811
    assert_citations_resolve(site, rel(name, lang), rel("sources", lang, "reference"))


def test_early_repayment_rests_on_article_677_and_the_fees_on_article_670(site):  # noqa: F811
    en = page(site, rel("repayment-methods", "en")).select_one("article").get_text(" ")
    zh = page(site, rel("repayment-methods", "zh")).select_one("article").get_text(" ")
    assert "Art. 677" in en and "第六百七十七条" in zh
    en = page(site, rel("fees", "en")).select_one("article").get_text(" ")
    zh = page(site, rel("fees", "zh")).select_one("article").get_text(" ")
    assert "Art. 670" in en and "第六百七十条" in zh
    # The rules we have not read are given as reported.
    assert "reported" in en and "据报道" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lessons_link_the_simulator_and_the_related_pages(site, lang):  # noqa: F811
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["parse"]["myst_substitutions"]["simulator_true_cost_url"]
    url += "?lang=zh" if lang == "zh" else ""
    wanted = {
        "repayment-methods": [rel("limits-and-early-repayment", lang, "rates"),
                              rel("quoted-rates", lang, "rates"), rel("checklist", lang),
                              rel("contract", lang), rel("true-cost", lang, "simulators")],
        "fees": [rel("comparing-offers", lang, "rates"), rel("price", lang, "rights"),
                 rel("complaints", lang, "rights"), rel("true-cost", lang, "simulators")],
    }
    for name, targets in wanted.items():
        here = rel(name, lang)
        links = page(site, here).select("article a[href]")
        assert url in [a["href"] for a in links], f"{here} does not link to {url}"
        reached = {_target(site, here, a["href"])[0] for a in links if not a["href"].startswith("http")}
        for t in targets:
            assert (site / t).resolve() in reached, f"{here} does not link to {t}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nominal_and_effective_are_defined_before_they_are_used(site, lang):  # noqa: F811
    text = page(site, rel("repayment-methods", lang)).select_one("article").get_text("")
    define, first_use = (("multiplied by 12", "nominal annualised rate is a little lower")
                         if lang == "en" else ("乘以12", "名义年化利率稍低"))
    assert define in text and first_use in text
    assert text.index(define) < text.index(first_use)


def test_the_chinese_prepayment_charge_is_not_the_default_penalty(site):  # noqa: F811
    """Paying early is not paying late: on the Chinese page every glossary link on 违约金 is to
    提前还款违约金 (prepayment charge), never to 违约金 alone (default penalty)."""
    soup = page(site, rel("repayment-methods", "zh"))
    terms = [a.get_text().strip() for a in soup.select("article a[href]")
             if "glossary.html#term-" in a["href"]]
    assert "提前还款违约金" in terms and "违约金" not in terms
    text = soup.select_one("article").get_text("")
    assert "收违约金" not in text and "扣掉违约金" not in text


def test_the_english_fees_chart_says_annualised_rate(site):  # noqa: F811
    svg = page(site, rel("fees", "en")).select_one("article figure svg")
    title = svg.select_one("title").get_text()
    assert title.startswith("Annualised rate of each offer"), title
    # The text alternative names every line in one piece (the drawn key may wrap).
    assert "private loans only (LPR 3.0%, March 2026)" in svg.select_one("desc").get_text()
