"""The pages "Your right to know the price" and "Complaining, step by step" as a reader sees
them: the numbers glued into them are the engine's, worked out again here from hand-written
offers and dates, in both languages; the pages follow the lesson pattern, cite their sources in
the reader's language and link the simulator and the sample letter. Reuses the book build of
``test_book.py``."""

from __future__ import annotations

import datetime as dt

import pytest

from simulators.core import i18n
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from tests.book.test_book import ROOT, page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book


def rel(name, lang):
    return f"book/{'zh/' if lang == 'zh' else ''}rights/{name}.html"


def cost(**offer):
    return true_cost(offer_flows(offer_from_dict(offer)))


def price_figures(lang):
    loan = {"principal": 6000, "term_months": 12, "start_date": "2026-03-10"}
    fee = cost(**loan, quote="monthly_fee_rate", rate=0.015)
    daily = cost(**loan, quote="daily_rate", rate=0.0005)
    guarantee = cost(**loan, quote="daily_rate", rate=0.0005,
                     extras=[{"kind": "guarantee", "amount": 30, "when": "monthly"}])
    deducted = cost(**loan, quote="monthly_fee_rate", rate=0.015, upfront_deduction=300)
    # The case as written: 90 yuan of fee a month on 6,000 yuan, 1,080 in the year; the fee
    # rate's annualised rate is far above the "18%" on the app's page, the daily rate's is 18%.
    assert fee.flows.cost[0] == 9_000 and fee.total_cost == 108_000
    assert fee.rates["nominal"] > 0.30 and daily.rates["nominal"] == pytest.approx(0.18, abs=1e-4)
    assert deducted.flows.received_cents == 570_000
    # The board check: she owes 6,000, 5,500, ... 500 at the start of the months, 3,250 on
    # average; 1,080 / 3,250 is about 33%, a little above the exact annualised rate.
    owed = [600_000 - 50_000 * k for k in range(12)]
    average = sum(owed) // 12
    assert average == 325_000 and round(108_000 / average, 2) == 0.33
    assert 0.30 < fee.rates["nominal"] < 108_000 / average
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    p = lambda x: i18n.percent(x, lang)  # noqa: E731
    return {
        "the app's 18%": "18%",
        "fee each month": m(9_000),
        "instalment of offer A": m(59_000),
        "offer A, annualised": p(fee.rates["nominal"]),
        "offer A, effective": p(fee.rates["effective"]),
        "offer B, annualised": p(daily.rates["nominal"]),
        "A costs more than B by": m(fee.total_cost - daily.total_cost),
        "guarantee fees in the year": m(36_000),
        "offer B with the guarantee fee": p(guarantee.rates["nominal"]),
        "received after the deduction": m(570_000),
        "rate after the deduction": p(deducted.rates["nominal"]),
        "owed in the first month": "6,000",
        "owed in the second month": "5,500",
        "owed in the last month": "500",
        "average owed": m(average),
        "the year's fees": m(108_000),
        "board check": i18n.percent(108_000 / average, lang, digits=0),
    }


def complaint_figures(lang):
    loan = {"principal": 8000, "term_months": 12, "start_date": "2026-02-10",
            "quote": "annual_rate", "rate": 0.12}
    plain = cost(**loan)
    member = cost(**loan, extras=[{"kind": "membership", "amount": 29, "when": "monthly"}])
    assert member.flows.amounts[0] - plain.flows.amounts[0] == 2_900
    received = dt.date(2026, 5, 18)
    d = lambda day: i18n.date(day, lang)  # noqa: E731
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    return {
        "instalment": m(plain.flows.amounts[0]),
        "instalment with the membership": m(member.flows.amounts[0]),
        "membership in the year": m(12 * 2_900),
        "membership paid before complaining (3 instalments)": m(3 * 2_900),
        "annualised rate without": i18n.percent(plain.rates["nominal"], lang),
        "annualised rate with the membership": i18n.percent(member.rates["nominal"], lang),
        "next instalment": d(dt.date(2026, 6, 10)),
        "complaint received": d(received),
        # Counted from the day after it is received (Civil Code Art. 201).
        "15 days": d(dt.date(2026, 6, 2)),
        "60 days": d(dt.date(2026, 7, 17)),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_price_figures_are_the_engines(site, lang):  # noqa: F811
    soup = page(site, rel("price", lang))
    shown = set(pasted(soup))
    want = price_figures(lang)
    missing = {k: v for k, v in want.items() if v not in shown}
    assert not missing, f"{lang}: {missing}; shown: {sorted(shown)}"
    table = soup.select("article table")[0].get_text(" ")
    for key in ("offer A, annualised", "offer B, annualised", "offer B with the guarantee fee"):
        assert want[key] in table, key
    # The board check sits in the text, next to the exact figure.
    text = soup.select_one("article").get_text()  # no separator: a link splits no phrase
    assert want["board check"] == "33%" and "≈ 33%" in text
    # The money-kept-back answer says what to ask for and where to go if refused.
    label = "ex-price-deduction" if lang == "en" else "ex-zh-price-deduction"
    answer = next((d for d in soup.select("article div.solution")
                   if d.select_one(f"p.admonition-title [data-question='{label}']")), None)
    assert answer is not None, "the deduction answer is missing"
    words = answer.get_text()
    assert want["received after the deduction"] in words
    assert ("as the principal" in words) if lang == "en" else ("作为本金" in words)
    assert any("complaints.html" in a["href"] for a in answer.select("a[href]"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_complaint_figures_and_deadlines(site, lang):  # noqa: F811
    soup = page(site, rel("complaints", lang))
    shown = set(pasted(soup))
    want = complaint_figures(lang)
    missing = {k: v for k, v in want.items() if v not in shown}
    assert not missing, f"{lang}: {missing}; shown: {sorted(shown)}"
    table = soup.select("article table")[0].get_text(" ")
    for day in (dt.date(2026, 6, 2), dt.date(2026, 6, 17), dt.date(2026, 7, 17)):
        assert i18n.date(day, lang) in table


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rights_pages_follow_the_pattern(site, lang):  # noqa: F811
    for name in ("price", "complaints"):
        soup = page(site, rel(name, lang))
        article = soup.select_one("article")
        text = article.get_text(" ")
        assert ("fictional" in text) if lang == "en" else ("虚构" in text), name
        assert ("What you will learn" in text) if lang == "en" else ("你会知道" in text), name
        assert soup.select(".solution, details, .dropdown"), f"{name}: no self-check answers"
        cites = [a for a in article.select("a[href]") if "sources.html#" in a["href"]]
        assert cites, f"{name} cites no source"
        assert all(a.get_text().startswith("中") == (lang == "zh") for a in cites), name
        links = " ".join(a["href"] for a in article.select("a[href]"))
        assert "true_cost.ipynb" in links, f"{name}: no link to the true-cost simulator"
        assert "letters/complaint.html" in links, f"{name}: no link to the sample letter"
        twin = soup.select_one("article p.bh-lang-switch a[href]")
        assert twin is not None and twin["href"].endswith(f"rights/{name}.html"), name
    complaints = page(site, rel("complaints", lang)).select_one("article").get_text(" ")
    for number in ("12378", "12363", "15", "30", "60"):
        assert number in complaints
    # The 15 days are a bank's deadline, so the case says who the lender is.
    plain = page(site, rel("complaints", lang)).select_one("article").get_text()
    assert ("Her lender, named in the contract, is a bank" in plain) if lang == "en" \
        else ("借钱给她的是一家银行" in plain)
    # The last day of a period counts: the Chinese answer says 最晚, not 之前 ("before").
    if lang == "zh":
        assert "最晚" + i18n.date(dt.date(2026, 6, 2), lang) in plain
        assert i18n.date(dt.date(2026, 6, 2), lang) + "之前" not in plain


def test_chinese_pages_say_ni():
    """The Chinese twins address the reader as 你, never 您 (the house rule)."""
    for name in ("price", "complaints"):
        source = (ROOT / "book" / "zh" / "rights" / f"{name}.md").read_text(encoding="utf-8")
        assert "您" not in source and "你" in source, name
