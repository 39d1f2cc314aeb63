"""The lesson "When a payment is late: the timeline" as a reader sees it: every step has its
heading, in both languages, and the figures are the engine's, worked out again here (the
delayed-performance interest with plain decimal arithmetic). Reuses the book build of
``test_book.py``."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from simulators.core import i18n
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict
from tests.book.test_book import page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

LESSON = {"en": "book/late-payment/timeline.html", "zh": "book/zh/late-payment/timeline.html"}
PRESET = "cn_internet_instalment"
# Chen Jing stops paying from instalment 3; each step is costed on its last day.
STEP_DAYS = {"grace": 3, "interest": 30, "report": 60, "collection": 90, "called_in": 120,
             "lawsuit": 180, "mediation": 210, "filed": 240, "judgment": 270}

HEADINGS = {
    "en": [
        "Day 1 to 3: the first days, and grace periods",
        "Day 4 to 30: penalty interest and compound interest",
        "Day 31 to 60: the notice and the credit record",
        "Day 61 to 90: collection",
        "Day 91 to 120: the whole loan falls due",
        "Day 121 to 180: the lender goes to court",
        "Day 181 to 210: pre-filing mediation",
        "Day 211 to 240: the case is filed and the claim served",
        "Day 241 to 270: the judgment",
        "Up to 2 years after the deadline: enforcement",
        "During enforcement: the dishonest list and spending limits",
        "Up to 3 years after the last due date: the limitation period",
        "How each step ends",
    ],
    "zh": [
        "第1至3天：头几天，以及宽限期",
        "第4至30天：罚息和复利",
        "第31至60天：报送前的告知和征信记录",
        "第61至90天：催收",
        "第91至120天：整笔贷款提前到期",
        "第121至180天：贷款机构起诉",
        "第181至210天：诉前调解",
        "第211至240天：立案和送达",
        "第241至270天：判决",
        "判决履行期限届满后2年内：强制执行",
        "强制执行期间：失信名单和限制消费",
        "最后一期到期后3年内：诉讼时效",
        "每一步怎样结束",
    ],
}


def stop(days, **rules):
    data = {"preset": PRESET, "late": [{"stop_from": 3, "days": days}]}
    if rules:
        data["rules"] = rules
    return simulate(scenario_from_dict(data))


def catch_up_payment(result, days) -> int:
    """Everything paid on the catch-up day: the late path's total less the payments of the
    instalments paid on other days."""
    s = result.schedule
    day = int(s.due_day[2]) + days
    other_days = sum(int(p) for p, d in zip(s.payment, result.paid_day) if int(d) != day)
    return result.late.total_paid - other_days


def delay_interest(judgment_cents: int, days: int) -> int:
    """0.0175% a day of the unpaid judgment debt, in whole cents, halves rounded up."""
    exact = Decimal(judgment_cents) * Decimal("0.000175") * days
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected(lang: str) -> dict:
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    r = {name: stop(days) for name, days in STEP_DAYS.items()}
    due = r["grace"].schedule.due_dates[2]
    assert due == dt.date(2026, 4, 15)
    out = {}
    for name, days in STEP_DAYS.items():
        out[f"{name}: date"] = i18n.date(due + dt.timedelta(days=days), lang)
        out[f"{name}: added"] = m(r[name].extra_cost)
    for name in ("interest", "report"):
        k = r[name].extra_by_kind
        out[f"{name}: penalty interest"] = m(k["penalty_interest"])
        out[f"{name}: compound interest"] = m(k["compound_interest"])
        out[f"{name}: default penalties"] = m(k["late_fees"])
    grace = r["grace"].extra_by_kind
    out["grace: default penalty"] = m(grace["late_fees"])
    out["grace: interest"] = m(grace["penalty_interest"] + grace["compound_interest"])
    out["grace: with a 3-day grace period"] = m(stop(3, grace_days=3).extra_cost)
    assert stop(3, grace_days=3).extra_cost == 0
    # Paid on day 90: not yet called in; not paid by then: called in on day 90.
    assert r["collection"].accelerated is None
    acc = r["called_in"].accelerated
    assert acc["date"] == due + dt.timedelta(days=90)
    out["called in on"] = i18n.date(acc["date"], lang)
    out["principal called in"] = m(acc["principal"])
    out["to pay at once on day 120"] = m(catch_up_payment(r["called_in"], 120))
    out["penalty interest on the loan called in"] = m(
        r["called_in"].extra_by_kind["acceleration_interest"])
    out["no longer charged"] = m(r["called_in"].interest_not_charged)
    out["claimed on day 180"] = m(catch_up_payment(r["lawsuit"], 180))
    out["settled on day 210"] = m(catch_up_payment(r["mediation"], 210))
    out["paid on day 240, after filing"] = m(catch_up_payment(r["filed"], 240))
    j = r["judgment"]
    judgment = catch_up_payment(j, 270) - j.late.above_cap
    out["judgment"] = m(judgment)
    out["total cost by the judgment"] = m(j.late.total_cost)
    out["allowed under the 24% line"] = m(j.late.cap_allowed_cost)
    out["delay interest, 30 days"] = m(delay_interest(judgment, 30))
    out["delay interest, 90 days"] = m(delay_interest(judgment, 90))
    return out


def test_the_running_case_is_the_cost_lessons():
    """Day 120 is the cost lesson's "stopped 120 days": the same lump sum, both pages one story;
    the delayed-performance interest is worked out independently of the page's rounding."""
    r = stop(120)
    assert catch_up_payment(r, 120) == 914929
    assert delay_interest(973410, 30) == 5110 and delay_interest(973410, 90) == 15331


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_timeline_figures_equal_the_engine(site, lang):  # noqa: F811
    soup = page(site, LESSON[lang])
    shown = set(pasted(soup))
    missing = {k: v for k, v in expected(lang).items() if v not in shown}
    assert not missing, f"{LESSON[lang]}: {missing}; shown {sorted(shown)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_step_has_its_heading(site, lang):  # noqa: F811
    soup = page(site, LESSON[lang])
    headings = [h.get_text(" ", strip=True).rstrip("#").strip()
                for h in soup.select("article h2, article h3")]
    missing = [h for h in HEADINGS[lang] if h not in headings]
    assert not missing, f"{LESSON[lang]}: no heading {missing}; headings {headings}"
    # The steps come in the order a borrower meets them: the lender goes to court, mediation
    # before filing, then the case is filed and served, then the judgment.
    order = [headings.index(h) for h in HEADINGS[lang]]
    assert order == sorted(order), f"{LESSON[lang]}: steps out of order: {headings}"


# What the summary table says about the last two rows, and phrases the reviews asked for.
CONDITIONS = {
    "en": ["only if the judgment is not paid", "never for being unable to pay"],
    "zh": ["仅在判决未履行时", "还不起不在其中"],
}
PHRASES = {
    "en": ["Do these three things first", "mediation centre", "double interest for the delay",
           "on that ground alone a court would be unlikely to reduce them",
           "clearly exceeds the lender", "the rule moved there from Art. 42",
           "still unpaid at the end of day 90", "has no fixed period"],
    "zh": ["先做这三件事", "调解中心", "加倍支付迟延履行期间的债务利息",
           "仅凭这一点，法院不太可能调减", "明显超过实际损失", "移到了第五十条",
           "到第90天结束时仍未还上", "没有固定期限"],
}
TOO_CERTAIN = {"en": "expects a court", "zh": "模型预计法院"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_and_text_say_what_the_reviews_asked(site, lang):  # noqa: F811
    soup = page(site, LESSON[lang])
    table = soup.select_one("article table").get_text(" ")
    rows = [tr.get_text(" ", strip=True) for tr in soup.select("article table tbody tr")]
    # Enforcement and the dishonest list are conditional, and say so in their rows.
    for phrase, row in zip(CONDITIONS[lang], rows[-2:]):
        assert phrase in row, (phrase, row)
    # The first row names the loan's missing grace period, so its cost is not a contradiction.
    assert ("no grace period" in rows[0]) if lang == "en" else ("没有宽限期" in rows[0]), rows[0]
    text = " ".join(soup.select_one("article").get_text(" ").split())
    if lang == "zh":  # glued figures stand between spaces; Chinese has none of its own
        text = text.replace(" ", "")
    missing = [p for p in PHRASES[lang] if p not in text]
    assert not missing, f"{LESSON[lang]}: missing {missing}"
    assert TOO_CERTAIN[lang] not in text
    assert "”Just" not in text and table


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_summary_table_links_every_step_and_fits_a_phone(site, lang):  # noqa: F811
    soup = page(site, LESSON[lang])
    table = soup.select_one("article table")
    assert table is not None, "no summary table"
    assert len(table.select("thead th")) == 3
    rows = table.select("tbody tr")
    assert len(rows) == 11
    targets = [a["href"].split("#")[-1] for a in table.select("a[href]")]
    assert len(targets) == 11
    for target in targets:
        assert soup.find(id=target) is not None, target
    figures = expected(lang)
    text = table.get_text(" ")
    for name in STEP_DAYS:
        assert figures[f"{name}: added"] in text, name
    assert figures["delay interest, 90 days"] in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_follows_the_pattern(site, lang):  # noqa: F811
    soup = page(site, LESSON[lang])
    text = soup.select_one("article").get_text(" ")
    assert ("This case is fictional" in text) if lang == "en" else ("纯属虚构" in text)
    assert len(soup.select(".solution, details, .dropdown")) >= 5
    cites = [a for a in soup.select("article a[href]") if "sources.html#" in a["href"]]
    assert cites
    assert all(a.get_text().startswith("中") == (lang == "zh") for a in cites)
    assert "12368" in text and "0.0175%" in text
    if lang == "zh":
        # The page's own words say 你. Left out: the try-in-browser box, whose text comes from
        # book/_ext/website.py, and links, whose text is the title of another page.
        article = soup.select_one("article")
        for tag in article.select(".bh-try, a"):
            tag.decompose()
        assert "您" not in article.get_text(" ")
