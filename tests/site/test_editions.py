"""The two editions of the site: the English handbook and 借款人手册, each a site for its language.

Built once by the session's ``built`` fixture (tools/site/build_site.py builds both editions and
puts them together, book/_ext/editions.py). A Chinese reader must meet no English: not in the
menu, not in the interface of any page, not in the search; and the search must find, for the
words real readers type, the page that answers them.
"""

from __future__ import annotations

import json
import re
import sys
from urllib.parse import quote

import bs4
import pytest
import yaml

from site_helpers import ROOT, describe, run_axe, toc_pages
from test_site import overflow  # noqa: E402  (how far a page scrolls sideways)

sys.path.insert(0, str(ROOT / "tools" / "site"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import chrome_words  # noqa: E402
import zh_drift  # noqa: E402

pytestmark = pytest.mark.browser

ZH_PAGES = toc_pages("zh")
EN_PAGES = toc_pages("en")
CJK = re.compile("[\u4e00-\u9fff]")


def soup(site, rel):
    return bs4.BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


# --------------------------------------------------------------------------- the menus

def menu(site, rel):
    nav = soup(site, rel).select_one("nav.bd-docs-nav")
    assert nav is not None, f"{rel} has no menu"
    parts = []
    for caption in nav.select("p.caption"):
        items = caption.find_next_sibling("ul")
        parts.append((caption.get_text(" ", strip=True),
                      [(a.get_text(" ", strip=True), a["href"]) for a in items.select("a.reference")]))
    return parts


def test_the_chinese_menu_is_chinese_and_in_parts(site):
    """The Chinese menu holds the Chinese pages only, with Chinese titles, under the same parts
    as the English menu (in the same order), with Chinese part captions."""
    zh, en = menu(site, ZH_PAGES[1]), menu(site, EN_PAGES[1])
    toc = yaml.safe_load((ROOT / "_toc_zh.yml").read_text(encoding="utf-8"))
    assert [caption for caption, _ in zh] == [p["caption"] for p in toc["parts"]]
    assert len(zh) == len(en) >= 8
    for (caption, items), (_, en_items) in zip(zh, en):
        assert CJK.search(caption) and not chrome_words.english(caption), caption
        assert len(items) == len(en_items), f"part {caption}: {len(items)} pages, English {len(en_items)}"
        for title, href in items:
            assert CJK.search(title) and not chrome_words.english(title), f"English in the menu: {title}"
            assert not href.startswith(("../../", "http")), f"{title} leaves the edition: {href}"
    # The English menu has no Chinese page.
    for caption, items in en:
        for title, href in items:
            assert "/zh/" not in "/" + href and not CJK.search(title), f"{title} in the English menu"


# --------------------------------------------------------------------------- no English interface

def test_no_chinese_page_has_english_in_its_interface(site):
    """Every page of the Chinese edition (its table of contents, search, index and 404 pages):
    no English in what the page shows or says around the book's text (tools/site/chrome_words.py
    says what counts and what is allowed)."""
    found = {}
    for rel in chrome_words.chinese_pages(site, ZH_PAGES):
        words = chrome_words.chrome_english((site / rel).read_text(encoding="utf-8"))
        if words:
            found[rel] = sorted(set(words))[:6]
    assert not found, "English in the Chinese interface:\n" + "\n".join(
        f"{rel}: {words}" for rel, words in found.items())


def test_the_interface_check_finds_english():
    """The check itself: an English tooltip, a menu caption, a fold button and the theme's
    search box are found; the same page in Chinese, and a name marked English, pass."""
    bad = ('<html lang="zh-CN"><body><nav><p class="caption">Loan terms</p></nav>'
           '<article class="bd-article"><p>正文 the English of the text</p>'
           '<div class="admonition"><p class="admonition-title">Note</p></div></article>'
           '<button title="Toggle primary sidebar">≡</button>'
           '<input placeholder="Search..."><script>let toggleHintShow = "Click to show";</script>'
           '</body></html>')
    found = " ".join(chrome_words.chrome_english(bad))
    for words in ("Loan terms", "Note", "Toggle primary sidebar", "Search...", "Click to show"):
        assert words in found, words
    assert "English of the text" not in found
    good = ('<html lang="zh-CN"><body><nav><p class="caption">借款条款</p></nav>'
            '<a href="x" lang="en">English · The Borrower\'s Handbook</a>'
            '<button title="打开或关闭目录">≡</button><p>在App里签约</p></body></html>')
    assert chrome_words.chrome_english(good) == []


@pytest.mark.parametrize("rel", [ZH_PAGES[0], "book/zh/late-payment/cost.html"])
def test_a_chinese_page_as_shown_has_no_english_interface(site_url, browser, rel):
    """After its scripts ran (tooltips, the colour switch, the fold buttons), in the browser."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("networkidle")
        words = chrome_words.chrome_english(page.content())
    finally:
        page.close()
    assert not words, words[:8]


# --------------------------------------------------------------------------- search

#: What real readers type, and the pages that answer it: one of them must be among the first
#: three results.
ZH_SEARCHES = {
    "诉前调解中心": {"book/zh/rights/mediation.html", "book/zh/today/court-sms.html"},
    "12368": {"book/zh/rights/mediation.html", "book/zh/rights/court.html",
              "book/zh/today/court-sms.html", "book/zh/today/index.html"},
    "冻结": {"book/zh/rights/mediation.html", "book/zh/today/court-sms.html"},
    "停息挂账": {"book/zh/cant-pay/when-you-cant-pay.html", "book/zh/letters/repayment-plan.html",
             "book/zh/today/debt-agents.html", "book/zh/today/negotiate.html"},
    "征信": {"book/zh/rights/credit-report.html", "book/zh/credit-record/report.html",
           "book/zh/letters/credit-report-objection.html"},
    "催收": {"book/zh/late-payment/collection.html", "book/zh/rights/fair-collection.html",
           "book/zh/today/family-called.html"},
    # Collectors calling her sister: what collectors may do, and the letter to stop it.
    "姐姐": {"book/zh/late-payment/collection.html", "book/zh/rights/fair-collection.html",
           "book/zh/letters/stop-contacting-others.html", "book/zh/today/family-called.html"},
    # What a reader who cannot pay types: the page on asking for a plan.
    "还不上": {"book/zh/today/negotiate.html", "book/zh/cant-pay/when-you-cant-pay.html"},
    "还不起": {"book/zh/today/negotiate.html", "book/zh/cant-pay/when-you-cant-pay.html"},
    "协商还款": {"book/zh/today/negotiate.html", "book/zh/cant-pay/when-you-cant-pay.html",
             "book/zh/letters/repayment-plan.html"},
    # How much she owes now: the page that works it out, and its simulator (a reader's review
    # found the credit-card minimum first, and the cost page 8th).
    "欠多少钱": {"book/zh/late-payment/cost.html", "book/zh/simulators/late-payment.html"},
    "逾期 多少钱": {"book/zh/late-payment/cost.html", "book/zh/simulators/late-payment.html"},
    "一共要还多少": {"book/zh/late-payment/cost.html", "book/zh/simulators/late-payment.html"},
}

def search(browser, url: str, words: list | None = None) -> list[str]:
    """The addresses of the results of a search page, in order, as the reader's browser shows
    them (Sphinx's own search code over the edition's own index); ``words`` receives the
    interface words the page showed once the search finished."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(url)
        page.wait_for_function("(document.querySelector('#search-results .search-summary')"
                               " || {innerText: ''}).innerText.trim().length > 0", timeout=30_000)
        hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
        if words is not None:
            words += chrome_words.chrome_english(page.content())
            words += chrome_words.english(page.inner_text("#search-results h2"))
            words += chrome_words.english(page.inner_text("#search-results .search-summary"))
    finally:
        page.close()
    return hrefs


@pytest.mark.parametrize("word", list(ZH_SEARCHES))
def test_chinese_search_finds_the_answering_page(site_url, browser, word):
    english = []
    results = search(browser, f"{site_url}/zh/search.html?q={quote(word)}", english)
    assert not english, f"English on the Chinese search page: {english[:6]}"
    assert results, f"{word}: no result"
    assert all("/book/zh/" in url for url in results), f"{word}: results from another edition: {results}"
    first = [u.split("#")[0].split("?")[0].replace(site_url + "/", "") for u in results[:3]]
    assert ZH_SEARCHES[word] & set(first), f"{word}: first results {first}"


def test_a_chinese_search_that_finds_nothing_says_so_and_points_to_today(site_url, browser):
    """The amount in a collector's SMS is in no page: the reader is told in the handbook's words
    (not Sphinx's "您的搜索……选择了合适的分类", about categories the site has not got), with
    the way to the page for today."""
    import zh_search

    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(f"{site_url}/zh/search.html?q=3860")
        summary = page.locator("#search-results .search-summary")
        page.wait_for_function("(document.querySelector('#search-results .search-summary')"
                               " || {innerText: ''}).innerText.includes('没有找到')", timeout=30_000)
        assert summary.inner_text().strip() == zh_search.NO_MATCH["said"]
        link = page.locator("#search-results a.bh-no-match-link")
        assert link.inner_text().strip() == zh_search.NO_MATCH["link"]
        link.click()
        page.wait_for_load_state()
        assert page.url.split("#")[0].endswith("/book/zh/today/index.html"), page.url
    finally:
        page.close()


def test_english_search_still_works_and_stays_english(site_url, browser):
    results = search(browser, f"{site_url}/search.html?q=collection")
    assert results and all("/book/zh/" not in u for u in results), results
    first = [u.split("#")[0].replace(site_url + "/", "") for u in results[:3]]
    assert "book/late-payment/collection.html" in first, first


def test_the_chinese_index_is_split_into_words(site):
    """jieba splits the Chinese pages into words: the index has the words readers type, not
    only single characters or whole sentences."""
    text = (site / "zh" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    for word in ("调解", "征信", "催收", "冻结", "12368"):
        assert word in index["terms"], f"{word} is not a word of the Chinese index"
    assert "诉前调解中心" not in index["terms"]  # what the search page must split (zh_search.py)


# --------------------------------------------------------------------------- twins, chooser, sitemap

@pytest.mark.parametrize("edition", ["en", "zh"])
def test_every_page_links_to_its_twin(site, edition):
    for rel in (EN_PAGES if edition == "en" else ZH_PAGES):
        page = soup(site, rel)
        switch = page.select_one("a.bh-twin")
        assert switch is not None, f"{rel}: no language switch in the header"
        target = (site / rel).parent / switch["href"]
        assert target.resolve().exists(), f"{rel}: the switch leads to {switch['href']}, not a page"
        label = switch.get_text(strip=True)
        assert CJK.search(label) and not chrome_words.english(label), label
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert {"en", "zh-CN", "x-default"} <= set(alternates), f"{rel}: {alternates}"
        assert alternates["zh-CN"].endswith(rel if edition == "zh" else
                                            rel.replace("book/", "book/zh/", 1)), alternates


def test_the_root_lets_the_reader_choose_and_remembers(site, site_url, browser):
    root = soup(site, "index.html")
    links = {a["href"] for a in root.select("a.choice")}
    assert links == {"book/zh/index.html", "book/index.html"}, "both editions, with no script"
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/index.html")
        assert "suggested" in page.get_attribute("#bh-zh", "class"), "Chinese is suggested to a Chinese browser"
        page.click("#bh-zh")
        page.wait_for_url("**/book/zh/index.html")
        page.goto(f"{site_url}/index.html")
        page.wait_for_url("**/book/zh/index.html")  # remembered
        # A tap on the header's link to the other edition is not a choice of edition: the root
        # still opens the Chinese one.
        page.click("a.bh-twin")
        page.wait_for_url("**/book/index.html")
        page.goto(f"{site_url}/index.html")
        page.wait_for_url("**/book/zh/index.html")
        page.goto(f"{site_url}/index.html?choose")
        assert page.locator("a.choice").count() == 2
        overflow_px = overflow(page)
        violations = run_axe(page)
    finally:
        context.close()
    assert overflow_px <= 0, f"the chooser scrolls sideways by {overflow_px}px at 360px"
    assert not violations, describe(violations)


def test_the_sitemap_lists_both_editions(site):
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    for rel in (EN_PAGES[0], ZH_PAGES[0], ZH_PAGES[-1], EN_PAGES[-1]):
        assert f"/{rel}</loc>" in text, rel
    assert not (site / "zh" / "sitemap.xml").exists()


@pytest.mark.parametrize("rel", ["zh/search.html?q=%E5%82%AC%E6%94%B6", "zh/genindex.html", "zh/404.html"])
def test_the_chinese_editions_own_pages_pass_the_site_checks(site_url, browser, rel):
    """The Chinese edition's own search (with results), index and 404 pages: axe, no sideways
    scroll at 360 px, nothing from other hosts, no script error (the chooser is checked above)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda r: requested.append(r.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("networkidle")
        sideways = overflow(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, describe(violations)
    assert sideways <= 0, f"{rel} scrolls sideways by {sideways}px at 360px"
    assert not [u for u in requested if not u.startswith(site_url)
                and not u.startswith(("data:", "blob:", "about:"))]
    assert not errors, errors


# --------------------------------------------------------------------------- the same figures

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def _canonical(value: str) -> str:
    """A number as a value: 19400.00 and 19400 are the same amount (Chinese sentences drop the
    cents of whole yuan; English ones and tables keep them)."""
    percent = value.endswith("%")
    value = value.rstrip("%")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value + ("%" if percent else "")


def figures(page_html: str) -> set[str]:
    """The figures the engine put into a page (its glued numbers, span.pasted-text): amounts,
    rates and counts, as numbers (1,234.50 and 1234.50 are the same). Small whole numbers are
    left out: the English text writes some of them as words ("the seventh instalment")."""
    page = bs4.BeautifulSoup(page_html, "html.parser")
    out = set()
    for span in page.select("article span.pasted-text"):
        for number in _NUMBER.findall(span.get_text()):
            value = _canonical(number.replace(",", ""))
            if "." in value or "%" in value or len(value) >= 3:
                out.add(value)
    return out


def test_an_english_page_and_its_chinese_twin_show_the_same_figures(site):
    """Both editions compute their numbers with the same lesson-figure modules: a page and its
    twin show the same amounts and rates."""
    pairs = [(en, "book/zh/" + en[len("book/"):]) for en in EN_PAGES if en.startswith("book/")]
    checked, differ = 0, []
    for en, zh in pairs:
        if not (site / zh).exists():
            continue
        a = figures((site / en).read_text(encoding="utf-8"))
        b = figures((site / zh).read_text(encoding="utf-8"))
        if not a and not b:
            continue
        checked += 1
        if a != b:
            differ.append(f"{en}: only English {sorted(a - b)[:5]}, only Chinese {sorted(b - a)[:5]}")
    assert checked >= 10, f"only {checked} pages have figures: the check looks at nothing"
    assert not differ, "\n".join(differ)


def test_the_figures_check_sees_a_different_number():
    page = '<article><p>多付 <span class="pasted-text">¥{}</span>，占 <span class="pasted-text">{}%</span></p></article>'
    assert figures(page.format("1,234.50", "0.05")) == figures(page.format("1234.50", "0.05"))
    assert figures(page.format("1,234.50", "0.05")) != figures(page.format("1,234.51", "0.05"))
    assert figures(page.format("19,400.00", "0.05")) == figures(page.format("19400", "0.05"))
    assert figures(page.format("19,400.00", "0.05")) != figures(page.format("19,400.50", "0.05"))


# --------------------------------------------------------------------------- translation drift

def test_every_chinese_page_records_the_english_it_was_checked_against():
    missing = [str(p.relative_to(ROOT)) for p in zh_drift.chinese_pages() if zh_drift.recorded(p) is None]
    assert not missing, missing


def test_the_drift_check_lists_a_page_whose_english_changed(tmp_path):
    for rel in ("book/rights/court.md", "book/zh/rights/court.md",
                "book/late-payment/cost.md", "book/zh/late-payment/cost.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text((ROOT / rel).read_text(encoding="utf-8"), encoding="utf-8")
    zh_drift.mark(tmp_path / "book/zh/rights/court.md", tmp_path)
    zh_drift.mark(tmp_path / "book/zh/late-payment/cost.md", tmp_path)
    assert zh_drift.drifted(tmp_path) == []
    english = tmp_path / "book/rights/court.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    assert [p.name for p, _ in zh_drift.drifted(tmp_path)] == ["court.md"]
    assert zh_drift.main(["--root", str(tmp_path)]) == 1
    zh_drift.mark(tmp_path / "book/zh/rights/court.md", tmp_path)
    assert zh_drift.main(["--root", str(tmp_path)]) == 0
    # Trailing spaces and line endings are not a change.
    english.write_text(english.read_text(encoding="utf-8").replace("\n", "  \r\n"), encoding="utf-8")
    assert zh_drift.drifted(tmp_path) == []


@pytest.mark.parametrize("rel", ["zh/search.html", "search.html"])
def test_the_search_box_text_starts_after_its_magnifier(site_url, browser, rel):
    """On a phone the magnifier was drawn over the first character typed."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(f"{site_url}/{rel}?q=12368")
        page.wait_for_load_state("networkidle")
        box = page.evaluate("""() => {
            const form = [...document.querySelectorAll('form.bd-search')].filter(f => f.offsetParent).pop();
            const icon = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
            const input = form.querySelector('input');
            return {iconRight: icon.right, textLeft: input.getBoundingClientRect().left
                    + parseFloat(getComputedStyle(input).paddingLeft)};
        }""")
    finally:
        page.close()
    assert box["textLeft"] >= box["iconRight"], box
