"""The "Rates" part as a reader sees it: the numbers glued into the lessons are the engine's,
worked out again here from hand-written offers, in both languages; the citations resolve; the
methodology page shows what the command line prints now and every input it accepts."""

import json
import subprocess
import sys

import pytest
import yaml

from simulators.core import i18n
from simulators.true_cost import report as true_cost_report
from simulators.true_cost.inputs import EXTRA_FIELDS, FLOW_FIELDS, OFFER_FIELDS, offer_from_dict
from simulators.true_cost.engine import flows_from_dict
from simulators.true_cost.engine import offer_flows, true_cost
from tests.book.test_book import ROOT, _target, assert_citations_resolve, page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book
LESSONS = ("quoted-rates", "comparing-offers", "limits-and-early-repayment")


def rel(name, lang, folder="rates"):
    return f"book/{'zh/' if lang == 'zh' else ''}{folder}/{name}.html"


def cost(**offer):
    return true_cost(offer_flows(offer_from_dict({"start_date": "2026-01-15", **offer})))


def test_rates_part_comes_before_the_simulators():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = [p["caption"] for p in toc["parts"]]
    # The reader's path: what you sign, then what rates mean, then the later parts and tools.
    assert captions.index("Loan terms") < captions.index("Rates") < captions.index("Simulators")
    rates = next(p for p in toc["parts"] if p["caption"] == "Rates")
    assert [c["file"] for c in rates["chapters"]] == [f"book/rates/{n}" for n in LESSONS]
    zh_toc = yaml.safe_load((ROOT / "_toc_zh.yml").read_text(encoding="utf-8"))
    zh = [c["file"] for p in zh_toc["parts"] for c in p["chapters"]]
    for name in LESSONS:
        assert zh.index(f"book/zh/rates/{name}") < zh.index("book/zh/simulators/late-payment")
    assert "book/zh/simulators/true-cost" in zh and "book/zh/reference/methodology-rates" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quoted_rates_figures_are_the_engines(site, lang):  # noqa: F811
    words = set(pasted(page(site, rel("quoted-rates", lang))))
    fee = cost(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    daily = cost(principal=1_000, term_months=1, quote="daily_rate", rate=0.0005, method="bullet",
                 term_days=30)
    deducted = cost(principal=10_000, term_months=12, quote="annual_rate", rate=0.096,
                    upfront_deduction=300)
    want = {
        # 10,000 at 1% a month: 1,200 simple, 10,000 x (1.01^12 - 1) = 1,268.25 compound.
        "simple": i18n.money(120_000, lang),
        "compound": i18n.money(126_825, lang),
        "fee each month": i18n.money(6_000, lang),
        "fees in total": i18n.money(72_000, lang),
        "fee rate, nominal": i18n.percent(fee.rates["nominal"], lang),
        "30 days at 0.05%": i18n.money(1_500, lang),
        "simple annual rate": "18.25%",
        "received after the deduction": i18n.money(970_000, lang),
        "rate after the deduction": i18n.percent(deducted.rates["nominal"], lang),
    }
    assert daily.rates["simple"] == pytest.approx(0.1825)
    missing = {k: v for k, v in want.items() if v not in words}
    assert not missing, f"{lang}: {missing}; shown: {sorted(words)}"
    # The doubling the lesson is about: about 13% for a fee rate "x 12" of 7.2%.
    assert "13.03%" == i18n.percent(fee.rates["nominal"], lang)
    assert page(site, rel("quoted-rates", lang)).select("article table")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_comparing_offers_figures_and_charts(site, lang):  # noqa: F811
    soup = page(site, rel("comparing-offers", lang))
    words = set(pasted(soup))
    a = cost(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    b = cost(principal=10_000, term_months=12, quote="annual_rate", rate=0.096, upfront_deduction=300)
    c = cost(principal=10_000, term_months=12, quote="daily_rate", rate=0.0003,
             extras=[{"kind": "membership", "amount": 19, "when": "monthly"}])
    table = soup.select("article table")[0].get_text(" ")
    for x in (a, b, c):
        assert i18n.percent(x.rates["nominal"], lang) in table
    assert i18n.money(b.flows.received_cents, lang, table=True) in table  # (tables keep the cents)
    assert i18n.money(12 * 1_900, lang) in words  # the membership over the year
    names = ["Offer A", "Offer B", "Offer C"] if lang == "en" else ["方案A", "方案B", "方案C"]
    # A (13.03%) is cheapest; the next by rate is C (14.85%), which costs 102.61 more.
    assert true_cost_report.compare_sentence([a, b, c], names, lang) in words
    assert i18n.money(c.total_cost - a.total_cost, lang) == i18n.money(10_261, lang)
    charts = soup.select("figure svg.bh-chart")
    assert len(charts) == 4  # two charts, each in a phone and a wide drawing
    ids = [tag["id"] for tag in soup.select("[id]")]
    for svg in charts:
        for ref in svg["aria-labelledby"].split():
            assert ids.count(ref) == 1, f"{ref} missing or repeated"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_early_repayment_figures_are_the_engines(site, lang):  # noqa: F811
    words = set(pasted(page(site, rel("limits-and-early-repayment", lang))))
    loan = cost(principal=10_000, term_months=12, quote="annual_rate", rate=0.096)
    f = loan.flows
    # Repaid with instalment 6: the first six payments, the principal still owed added to the
    # sixth. Interest for the actual period only (Civil Code Art. 677): the rate stays 9.6%.
    principal = f.amounts - f.cost
    owed = int(principal[6:].sum())
    amounts = [int(x) for x in f.amounts[:6]]
    amounts[-1] += owed
    early = true_cost(flows_from_dict({
        "received": 10_000, "received_date": "2026-01-15",
        "payments": [{"date": d.isoformat(), "amount": a / 100} for d, a in zip(f.dates, amounts)]}))
    assert early.rates["nominal"] == pytest.approx(0.096, abs=5e-5)
    assert i18n.money(owed, lang) in words
    assert i18n.money(loan.total_cost - early.total_cost, lang) in words
    assert i18n.percent(early.rates["nominal"], lang) in words
    assert i18n.money(round(owed * 0.03), lang) in words  # the 3% prepayment charge


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", LESSONS)
def test_lessons_cite_sources_that_resolve(site, lang, name):  # noqa: F811
    assert_citations_resolve(site, rel(name, lang), rel("sources", lang, "reference"))


def test_limits_lesson_cites_each_line_and_article_677(site):  # noqa: F811
    text = page(site, rel("limits-and-early-repayment", "en")).select_one("article").get_text(" ")
    for must in ("4 × LPR", "3.0% as of March 2026", "reported", "Art. 677", "36%", "24%"):
        assert must in text, must
    zh = page(site, rel("limits-and-early-repayment", "zh")).select_one("article").get_text(" ")
    for must in ("截至2026年3月", "据报道", "第六百七十七条"):
        assert must in zh, must


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_link_to_the_simulator(site, lang):  # noqa: F811
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["parse"]["myst_substitutions"]["simulator_true_cost_url"]
    url += "?lang=zh" if lang == "zh" else ""
    for here in [rel(n, lang) for n in LESSONS] + [rel("true-cost", lang, "simulators")]:
        hrefs = [a["href"] for a in page(site, here).select("article a[href]")]
        assert url in hrefs, f"{here} does not link to {url}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_late_payment_lesson_links_to_the_rates_lesson(site, lang):  # noqa: F811
    here = f"book/{'zh/' if lang == 'zh' else ''}late-payment/cost.html"
    targets = [_target(site, here, a["href"])[0] for a in page(site, here).select("article a[href]")
               if not a["href"].startswith("http")]
    assert (site / rel("quoted-rates", lang)).resolve() in targets


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_methodology_shows_the_engine_output_and_every_input(site, lang):  # noqa: F811
    soup = page(site, rel("methodology-rates", lang, "reference"))
    text = soup.select_one("article").get_text(" ")
    for name in OFFER_FIELDS:
        assert f"offer.{name}" in text, name
    for name in EXTRA_FIELDS:
        assert f"offer.extras[k].{name}" in text, name
    for name in ("received", "received_date"):
        assert f"`{name}`" not in text and name in text
    for name in ("date", "amount"):
        assert f"payments[k].{name}" in text
    assert set(FLOW_FIELDS) == {"received", "received_date", "date", "amount"}
    printed = subprocess.run([sys.executable, "-m", "simulators", "true-cost",
                              str(ROOT / "examples" / "offer-monthly-fee.json"), "--json",
                              "--lang", lang], capture_output=True, text=True, check=True).stdout
    shown = []
    for block in soup.select("article pre"):
        try:
            shown.append(json.loads(block.get_text()))
        except ValueError:
            continue
    assert json.loads(printed) in shown
    for key in json.loads(printed):
        assert key in text, key
