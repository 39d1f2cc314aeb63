"""The instructor's kit as an educator gets it from the built site: each handout prints on A4
within its page count in both languages, a worksheet holds no answer, its answer key holds every
lesson's solution, each plan's "print everything" PDF is there, and every demo link opens an app
the site has with an example scenario."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse

import bs4
import pytest

from site_helpers import ROOT, build_site, save
from simulators.ui.links import decode_scenario

KIT = build_site.KIT
PLANS = build_site.kit_plans(ROOT)
A4 = (595, 842)


def soup(site, docname):
    return bs4.BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    """Text without white space (a glossary link on one page and not the other spaces it apart)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("plan", ["a", "b", "c"])
def test_a_worksheet_has_every_question_and_no_answer_and_its_key_has_every_answer(site, plan, lang):
    sheet = soup(site, f"{KIT[lang]}/worksheet-{plan}")
    key = soup(site, f"{KIT[lang]}/answers-{plan}")
    questions = [words(i.get_text(" ")) for i in sheet.select(".bh-kit-worksheet .bh-kit-item")]
    keyed = key.select(".bh-kit-exercises.bh-kit-key .bh-kit-item")
    assert len(questions) >= 5 and len(keyed) == len(questions)
    assert not sheet.select(".bh-kit-answer")
    assert len(sheet.select(".bh-kit-worksheet .bh-kit-lines")) == len(questions)
    sheet_text = words(sheet.select_one("article").get_text(" "))
    for item, question in zip(keyed, questions):
        answer = item.select_one(".bh-kit-answer")
        assert answer is not None, question
        assert words(item.get_text(" ")).startswith(question), question
        # The answer's own sentences (without its "Answer:" label) appear nowhere on the worksheet.
        for sentence in re.split(r"(?<=[.。])", words(answer.get_text(" "))):
            sentence = re.sub(r"^(Answer:|答案：)", "", sentence)
            if len(sentence) > 20:
                assert sentence not in sheet_text, f"worksheet-{plan} ({lang}) prints an answer: {sentence}"


def test_no_glued_number_is_missing_from_the_kit(site):
    for lang in KIT:
        for name in ("worksheet-a", "answers-a"):
            text = soup(site, f"{KIT[lang]}/{name}").select_one("article").get_text(" ")
            assert "glue" not in text and "::" not in text, name


def test_every_demo_link_opens_an_app_of_the_site_with_an_example_scenario(site):
    examples = [json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "examples").glob("*.json")]
    pages = [f"{KIT[lang]}/plan-a" for lang in KIT] + ["book/reference/workshop", "book/zh/reference/workshop"]
    seen = 0
    for docname in pages:
        for link in soup(site, docname).select(".bh-kit-demo a[href]"):
            href = link["href"]
            path, query = href.split("?", 1)
            params = dict(urllib.parse.parse_qsl(query))
            if path.startswith("/voila/"):
                assert (ROOT / "simulators/apps" / path.rsplit("/", 1)[-1]).exists(), href
            else:
                target = (site / docname).parent / path
                assert target.resolve().exists(), f"{docname}: {path} is not on the site"
                assert ("/zh/" in docname) == path.endswith(".zh.html")
            assert params["lang"] == ("zh" if "/zh/" in docname else "en")
            assert decode_scenario(params["scenario"]) in examples
            seen += 1
    assert seen >= 20


@pytest.mark.parametrize("home", ["book/index", "book/zh/index"])
def test_the_home_educator_line_links_to_the_workshop_guide(site, home):
    page = soup(site, home)
    item = next(li for li in page.select("article li") if "Educators" in li.get_text() or "讲课的老师" in li.get_text())
    assert any(a["href"].endswith("reference/workshop.html") for a in item.select("a[href]"))


def sheets(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_each_kit_page_prints_on_a4_within_its_page_count(site, browser):
    """Each handout as an educator prints it from the browser, in both languages; one page of
    each is kept as a picture (test-results/)."""
    limits = {}
    for pages in PLANS.values():
        limits.update(dict(pages))
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    over = []
    try:
        for docname, most in sorted(limits.items()):
            page.goto((site / f"{docname}.html").as_uri())
            page.wait_for_load_state("load")
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
            sizes = {tuple(round(float(v)) for v in m.groups()) for m in
                     re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)}
            assert sizes == {A4}, docname
            if sheets(pdf) > most:
                over.append(f"{docname}: {sheets(pdf)} sheets, at most {most}")
            if docname.endswith(("referral-card", "check-a", "worksheet-a")):
                path = save("kit-" + docname.replace("/", "-")).with_suffix(".pdf")
                path.write_bytes(pdf)
    finally:
        page.close()
    assert not over, over


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("plan", ["a", "b", "c"])
def test_each_plan_has_one_print_everything_pdf_linked_from_the_workshop_guide(site, plan, lang):
    pdf = build_site.kit_pdf(site, plan, lang)
    assert pdf.exists(), pdf
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert count <= sum(n for _, n in PLANS[(plan, lang)]) and count >= len(PLANS[(plan, lang)])
    assert "(A4)" in info, info
    guide = "book/zh/reference/workshop" if lang == "zh" else "book/reference/workshop"
    hrefs = [a["href"] for a in soup(site, guide).select(".bh-kit-pdf a[href]")]
    assert any(((site / guide).parent / h).resolve() == pdf.resolve() for h in hrefs), hrefs


@pytest.mark.parametrize("lesson", ["book/loan-terms/contract", "book/zh/loan-terms/contract"])
def test_a_lessons_projector_view_shows_its_key_points_in_large_type(site, browser, lesson):
    """The slide-like view (?present=1) of a lesson: its title and key points, from the lesson's
    own text, readable at 1024 x 768; the rest of the lesson is not shown."""
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.goto((site / f"{lesson}.html").as_uri() + "?present=1")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        kept = page.locator(".bh-present-keep")
        assert kept.count() == 1
        assert kept.locator("li").first.is_visible()
        size = float(page.evaluate("getComputedStyle(document.querySelector('.bh-present-keep li')).fontSize")[:-2])
        assert size >= 24
        assert not page.locator(".bd-article .cell_output").first.is_visible()
        assert not page.locator(".bd-sidebar-primary").first.is_visible()
        page.screenshot(path=str(save("kit-present-" + lesson.replace("/", "-")).with_suffix(".png")))
    finally:
        page.close()


def test_no_handout_sends_a_reader_to_localhost(site):
    """A QR code or an address of localhost on paper sends a participant's phone nowhere: while
    bh_site_url is this computer's address, the handouts carry the check date only."""
    import sys

    import yaml

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import kit

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    if kit.published(config["sphinx"]["config"]["bh_site_url"]):
        pytest.skip("the site has a public address")
    pages = sorted(site.glob("book/**/kit/*.html"))
    assert pages, "no kit pages built"
    for page in pages:
        soup = bs4.BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = str(soup.select_one("article") or "")
        assert "localhost" not in article and "127.0.0.1" not in article, page
        assert soup.select_one('meta[name="bh-site-url"]') is None, f"{page}: printed links to localhost"
        footer = soup.select_one(".bh-kit-footer")
        if footer is not None:
            assert footer.select_one(".bh-kit-qr") is None, f"{page}: a QR code of localhost"
