"""The sample letters as a reader and an educator see them: every letter page holds one letter
with blanks to fill, the sources around it are cited in the page's language, the index links the
four letters and answers its self-check, and each letter prints on one A4 page with nothing of
the explanation around it. Reuses the book build of ``test_book.py``."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.book.test_book import page, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

LETTERS = ["complaint", "repayment-plan", "credit-report-objection", "stop-contacting-others"]
PREFIX = {"en": "book/letters/", "zh": "book/zh/letters/"}
CHROMIUM = os.environ.get("BH_CHROMIUM", "/usr/bin/chromium")

#: What each letter must say, in its own words: the rule it relies on and the deadline it asks for.
IN_THE_LETTER = {
    "en": {"complaint": ["15 days"],
           "repayment-plan": ["Article 70", "in writing"],
           "credit-report-objection": ["Article 25", "20 days"],
           "stop-contacting-others": ["Article 1033", "borrowers or guarantors"]},
    "zh": {"complaint": ["15日内", "受理编号"],
           "repayment-plan": ["第七十条", "书面"],
           "credit-report-objection": ["第二十五条", "20日内"],
           "stop-contacting-others": ["第一千零三十三条", "担保人"]},
}


def rel(lang: str, name: str) -> str:
    return f"{PREFIX[lang]}{name}.html"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", LETTERS)
def test_each_page_holds_one_letter_with_blanks(site, lang, name):  # noqa: F811
    soup = page(site, rel(lang, name))
    letters = soup.select("article .bh-letter")
    assert len(letters) == 1, f"{name} ({lang}): {len(letters)} letters"
    text = letters[0].get_text(" ")
    blank = r"\[[^\]]+\]" if lang == "en" else r"【[^】]+】"
    assert len(re.findall(blank, text)) >= 5, f"{name} ({lang}): too few blanks to fill"
    for words in IN_THE_LETTER[lang][name]:
        assert words in text, f"{name} ({lang}): the letter does not say {words!r}"
    # On paper a link is underlined: nothing in the letter links anywhere.
    assert not letters[0].select("a[href]"), \
        f"{name} ({lang}): links inside the letter {[a.get_text() for a in letters[0].select('a')]}"
    if lang == "zh":
        assert "此致" in text and "敬礼" in text
        article = soup.select_one("article").get_text(" ")
        assert "您" not in article, f"{name}: the reader is addressed as 你"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", LETTERS)
def test_letter_pages_explain_and_cite(site, lang, name):  # noqa: F811
    soup = page(site, rel(lang, name))
    headings = [h.get_text(" ").strip().rstrip("#").strip() for h in soup.select("article h2")]
    wanted = (["When to use this letter", "Before you send it", "After you send it", "Sources"]
              if lang == "en" else ["什么时候用", "寄出之前", "寄出之后", "参考来源"])
    for heading in wanted:
        assert any(h.startswith(heading) for h in headings), f"{name} ({lang}): no {heading!r}"
    cites = [a for a in soup.select("article a[href]") if "sources.html#" in a["href"]]
    assert cites, f"{name} ({lang}) cites no source"
    assert all(a.get_text().startswith("中") == (lang == "zh") for a in cites)
    # Each page links its twin in the other language.
    twin = soup.select_one(".bh-lang-switch a[href]")
    assert twin is not None and name in twin["href"]
    # The English page sends readers to the Chinese letter for a lender in mainland China.
    if lang == "en":
        assert "Chinese" in soup.select_one("article").get_text(" ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stop_contacting_page_hedges_the_industry_guidelines(site, lang):  # noqa: F811
    text = page(site, rel(lang, "stop-contacting-others")).select_one("article").get_text(" ")
    if lang == "en":
        assert "reported in the press" in text and "not law" in text
    else:
        assert "见于新闻报道" in text and "不是法律" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_index_links_every_letter_and_answers_its_self_check(site, lang):  # noqa: F811
    soup = page(site, rel(lang, "index"))
    hrefs = {a["href"].split("#")[0] for a in soup.select("article a[href]")}
    for name in LETTERS:
        assert f"{name}.html" in hrefs, f"the {lang} index does not link {name}"
    assert len(soup.select("article .solution, article details, article .dropdown")) >= 3
    text = soup.select_one("article").get_text(" ")
    assert ("15 days" in text and "20 days" in text) if lang == "en" \
        else ("15日内" in text and "20日内" in text)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_letter_prints_alone_on_one_a4_page(site, playwright_session, tmp_path, lang):  # noqa: F811
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    browser = playwright_session.chromium.launch(
        executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
    try:
        for name in LETTERS:
            pg = browser.new_page()
            pg.goto((site / rel(lang, name)).as_uri())
            pg.wait_for_load_state("load")
            pg.emulate_media(media="print")
            pdf = tmp_path / f"{lang}-{name}.pdf"
            pg.pdf(path=str(pdf), format="A4", print_background=True)
            pg.close()
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                  check=True).stdout
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            assert pages == 1, f"{name} ({lang}) prints on {pages} pages"
            printed = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout.split())
            assert ("Yoursfaithfully" in printed) if lang == "en" else ("此致" in printed)
            explanation = "Beforeyousendit" if lang == "en" else "寄出之前"
            assert explanation not in printed, f"{name} ({lang}): the explanation is printed"
    finally:
        browser.close()
