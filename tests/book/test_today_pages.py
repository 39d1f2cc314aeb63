""""Start here" (issue 16): a borrower in trouble finds what to do today in two taps.

Read in the built book: each edition's home links the today page first; the today page's seven
steps each link to a section that exists in the lesson that explains it; the four short pages
have their own title and preview text and end with links to the full lessons; the seven long
pages open with a three-line "what to do first" box; an answer's label is no longer a link to
the question (a tap on it jumped away instead of opening the answer). Reuses the session build
of ``test_book.py``; the phone checks (first screen, tap sizes, tables) are in
``tests/site/test_today_phone.py``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from tests.book.test_book import ROOT, page, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

LANGS = ["en", "zh"]
SHORT = ["court-sms", "family-called", "negotiate", "debt-agents"]
#: The section each step of the today page explains itself in, in order.
STEP_TARGETS = ["rights/mediation.html#mediation-verify", "late-payment/cost.html#cost-what-to-do",
                "cant-pay/when-you-cant-pay.html#cant-pay-steps",
                "late-payment/collection.html#collection-record",
                "rights/fair-collection.html#fair-collection-contacts",
                "cant-pay/when-you-cant-pay.html#cant-pay-scams",
                "rights/credit-report.html#credit-report-free"]
LONG = ["late-payment/cost", "late-payment/timeline", "late-payment/collection",
        "rights/fair-collection", "rights/mediation", "cant-pay/when-you-cant-pay",
        "rights/credit-report"]
FIRST_TITLE = {"en": "Do these three things first", "zh": "先做这三件事"}
LEARN_MORE = {"en": "Learn more", "zh": "详细了解"}


def book_rel(lang: str, rel: str) -> str:
    return f"book/{'zh/' if lang == 'zh' else ''}{rel}"


def links(node, rel: str) -> list[str]:
    """The site paths (with #fragment) the reader can follow from ``node``, citations left out."""
    found = []
    for a in node.select("a[href]"):
        if a.find_parent(class_="bibtex-citation") or a["href"].startswith(("http", "mailto")):
            continue
        found.append(urljoin(rel, a["href"]))
    return found


def resolves(site: Path, target: str) -> bool:
    path, _, fragment = target.partition("#")
    if not (site / path).exists():
        return False
    return not fragment or page(site, path).find(id=fragment) is not None


# --------------------------------------------------------------------------- the pages exist

def test_every_today_page_has_a_twin_and_is_in_the_contents():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    first = [c["file"] for c in toc["parts"][0]["chapters"]]
    assert first == [f"book/today/{n}" for n in ["index", *SHORT]], first
    # The Chinese edition's own contents (_toc_zh.yml) opens with the same part.
    toc_zh = yaml.safe_load((ROOT / "_toc_zh.yml").read_text(encoding="utf-8"))
    zh = [c["file"] for c in toc_zh["parts"][0]["chapters"]]
    assert zh == [f"book/zh/today/{n}" for n in ["index", *SHORT]], zh
    for name in ["index", *SHORT]:
        for lang in LANGS:
            assert (ROOT / book_rel(lang, f"today/{name}.md")).exists(), (lang, name)


@pytest.mark.parametrize("lang", LANGS)
def test_each_home_offers_the_today_page_before_anything_else(site, lang):
    rel = book_rel(lang, "index.html")
    soup = page(site, rel)
    entry = soup.select_one("article .bh-today-entry")
    assert entry is not None, f"{rel}: no 'start here' entry"
    assert links(entry, rel) == [book_rel(lang, "today/index.html")]
    # Nothing but the title and the language switch comes before it.
    previous = entry.find_previous_sibling()
    assert previous is not None and "bh-lang-switch" in previous.get("class", []), previous
    assert previous.find_previous_sibling().name == "h1"


@pytest.mark.parametrize("lang", LANGS)
def test_each_step_of_the_today_page_links_to_the_section_that_explains_it(site, lang):
    rel = book_rel(lang, "today/index.html")
    soup = page(site, rel)
    steps = soup.select("article ol.bh-today-steps > li")
    assert len(steps) == 7, f"{rel}: {len(steps)} steps"
    prefix = "zh-" if lang == "zh" else ""
    for step, expected in zip(steps, STEP_TARGETS):
        path, fragment = expected.split("#")
        target = book_rel(lang, f"{path}#{prefix}{fragment}")
        assert target in links(step, rel), f"{rel}: step {step.get_text()[:30]!r} misses {target}"
        assert resolves(site, target), f"{target} does not exist in the built book"
    # App and consumer-finance loans, not only cards.
    text = soup.select_one("article").get_text()
    for words in ({"en": ["app", "consumer finance"], "zh": ["App", "消费金融公司"]}[lang]):
        assert words in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SHORT)
def test_each_short_page_is_shareable_and_ends_with_the_full_lessons(site, lang, name):
    rel = book_rel(lang, f"today/{name}.html")
    soup = page(site, rel)
    description = soup.select_one('meta[name="description"]')
    og = soup.select_one('meta[property="og:description"]')
    title = soup.select_one('meta[property="og:title"]')
    h1 = soup.select_one("article h1").get_text(strip=True).rstrip("#")
    assert description and og and description["content"] == og["content"]
    assert len(description["content"]) > 30
    assert title is not None and h1 in title["content"]
    sections = soup.select("article section > h2")
    last = sections[-1]
    assert last.get_text(strip=True).rstrip("#") == LEARN_MORE[lang], f"{rel}: ends with {last}"
    section = last.find_parent("section")
    assert section.find_next_sibling("section") is None
    targets = [t for t in links(section, rel) if "/today/" not in t]
    assert len(targets) >= 2, f"{rel}: {targets}"
    for target in targets:
        assert resolves(site, target), f"{rel}: broken link {target}"
    # A screen or two: short, not a lesson.
    assert len(soup.select_one("article").get_text()) < {"en": 4200, "zh": 1900}[lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", LONG)
def test_each_long_page_opens_with_what_to_do_first(site, lang, lesson):
    rel = book_rel(lang, f"{lesson}.html")
    soup = page(site, rel)
    article = soup.select_one("article")
    first = article.select_one("div.admonition")
    assert first is not None and "bh-first-steps" in first["class"], f"{rel}: first box {first}"
    assert first.select_one(".admonition-title").get_text(strip=True) == FIRST_TITLE[lang]
    assert len(first.select("li")) == 3
    # Right under the title and the language switch.
    switch = article.select_one("p.bh-lang-switch")
    assert switch.find_next_sibling() is first, f"{rel}: something before the box"
    for target in links(first, rel):
        assert resolves(site, target), f"{rel}: broken link {target}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_cant_pay_lesson_covers_app_loans_and_links_the_pages_a_reader_needs(site, lang):
    rel = book_rel(lang, "cant-pay/when-you-cant-pay.html")
    soup = page(site, rel)
    text = soup.select_one("article").get_text()
    for word in ("协商还款", "延期还款", "再分期"):
        assert word in text
    found = links(soup.select_one("article"), rel)
    for target in ("today/court-sms.html", "late-payment/collection.html",
                   "rights/fair-collection.html", "letters/stop-contacting-others.html",
                   "letters/repayment-plan.html"):
        assert book_rel(lang, target) in [t.partition("#")[0] for t in found], target


def court_fee(claim: int) -> float:
    """The case acceptance fee of a money case (Measures on litigation costs, Art. 13(1)),
    for the first three bands, in yuan."""
    bands = [(10_000, None), (100_000, 0.025), (200_000, 0.02)]
    fee, low = 50.0, 10_000
    for high, share in bands[1:]:
        fee += max(0, min(claim, high) - low) * share
        low = high
    return fee


@pytest.mark.parametrize("lang", LANGS)
def test_what_it_costs_shows_the_court_fee_of_its_example(site, lang):
    soup = page(site, book_rel(lang, "late-payment/cost.html"))
    label = soup.find(id=f"{'zh-' if lang == 'zh' else ''}cost-litigation")
    assert label is not None
    # Sphinx gives the label to the section, or to an empty mark at the top of it.
    section = label if label.name == "section" else label.find_parent("section")
    text = section.get_text(" ")
    fee = court_fee(20_000)
    assert fee == 300
    assert f"{fee:.0f}" in text and f"{fee / 2:.0f}" in text  # halved under the simplified procedure
    assert "5000" in text.replace(",", "")  # the preservation fee's ceiling


@pytest.mark.parametrize("lang", LANGS)
def test_an_answer_label_is_not_a_link_to_the_question(site, lang):
    soup = page(site, book_rel(lang, "rights/mediation.html"))
    titles = soup.select("div.solution > p.admonition-title")
    assert titles, "no answers on the page"
    for title in titles:
        assert title.select("a") == [], title
        label = title.select_one(".bh-solution-of")
        assert label.get_text(strip=True)  # still names the question
        assert soup.find(id=label["data-question"], class_="exercise") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_the_citation_numbers_are_explained_under_the_page(site, lang):
    """A reader meets "[中48]" with no word on what it is: a page that cites sources says, under
    its text, that the numbers are sources and names its own first one; the sources page, which
    the numbers point to, does not."""
    court = page(site, book_rel(lang, "today/court-sms.html"))
    first = court.select_one("article .bibtex-citation a").get_text()
    note = court.select_one("article p.bh-citation-note")
    assert note is not None, "no note on the citation numbers"
    assert first in note.get_text()
    assert ("出处" if lang == "zh" else "where a statement comes from") in note.get_text()
    assert not page(site, book_rel(lang, "reference/sources.html")).select("p.bh-citation-note")
