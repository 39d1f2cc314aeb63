"""The instructor's kit as an educator gets it from the built site: each handout prints on A4
within its page count in both languages, a worksheet holds no answer, its answer key holds every
lesson's solution, each plan's "print everything" PDF and its participant and facilitator packs
are there (no answers in the participant pack, no nearly blank page), every demo link opens an
app the site has with an example scenario, sample letters print their blanks as lines, and the
projector view of a lesson shows its worked example and key points in large type."""

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


def pdf_text(pdf, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(first), "-l", str(last)] if first else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf) -> int:
    return build_site.pdf_pages(pdf)


def answer_sentences(site, plan, lang) -> list[str]:
    """The sentences of a plan's answer key (its exercises' solutions and its knowledge check's
    reasons), without their labels, white space removed; only those long enough to be telling."""
    key = soup(site, f"{KIT[lang]}/answers-{plan}")
    found = []
    for answer in key.select(".bh-kit-answer"):
        for sentence in re.split(r"(?<=[.。])", words(answer.get_text(" "))):
            sentence = re.sub(r"^(Answer:|答案：|Correctanswer:[A-D]\.|正确答案：[A-D]\.)", "", sentence)
            sentence = re.sub(r"\[\d+\]", "", sentence)
            if len(sentence) > 24:
                found.append(sentence)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("plan", ["a", "b", "c"])
def test_each_plan_has_a_participant_pack_without_answers_and_a_facilitator_pack_with_them(site, plan, lang):
    """An educator prints the participant pack for each person and the facilitator pack once: both
    exist within their page counts, the plan's guide and the workshop guide link them with their
    number of pages, and no answer of the key is in the participant pack."""
    packs = build_site.kit_packs(ROOT)
    for pack in ("participant", "facilitator"):
        pdf = build_site.kit_pdf(site, plan, lang, pack)
        assert pdf.exists(), pdf
        pages = packs[(plan, lang, pack)]
        count = pdf_pages(pdf)
        assert len(pages) <= count <= sum(n for _, n in pages), (pdf.name, count)
        said = f"{count}页" if lang == "zh" else f"{count} pages"
        for guide in (f"{KIT[lang]}/plan-{plan}", KIT[lang].rsplit("/", 1)[0] + "/workshop"):
            links = [p for p in soup(site, guide).select(".bh-kit-pdf")
                     if ((site / guide).parent / p.a["href"]).resolve() == pdf.resolve()]
            assert links, f"{guide} does not link {pdf.name}"
            assert said in links[0].get_text(), (guide, links[0].get_text())
    everything = pdf_pages(build_site.kit_pdf(site, plan, lang))
    assert everything == sum(pdf_pages(build_site.kit_pdf(site, plan, lang, pack))
                             for pack in ("participant", "facilitator")), "the packs are not the plan's pages"
    participant = words(pdf_text(build_site.kit_pdf(site, plan, lang, "participant")))
    facilitator = words(pdf_text(build_site.kit_pdf(site, plan, lang, "facilitator")))
    for pack in (None, "participant", "facilitator"):  # the printed guide gives the same counts
        count = pdf_pages(build_site.kit_pdf(site, plan, lang, pack))
        assert words(f"{count}页" if lang == "zh" else f"{count} pages") in facilitator, (pack, count)
    sentences = answer_sentences(site, plan, lang)
    found = [s for s in sentences if s in facilitator]
    assert len(found) >= len(sentences) // 2 >= 3, "the key's sentences are read from the PDF's text"
    printed = [s for s in found if s in participant]
    assert not printed, f"the participant pack of plan {plan} ({lang}) prints answers: {printed[:3]}"
    label = "正确答案" if lang == "zh" else "Correctanswer"
    assert label in facilitator and label not in participant


def kit_pdfs(site):
    return sorted(p for lang in KIT for p in (site / KIT[lang]).glob("plan-*.pdf"))


def test_no_page_of_a_kit_pdf_is_nearly_blank(site):
    """A sheet holding only a handout's foot or a stray heading wastes paper for 25 people and
    looks like a misprint: every page of every kit PDF has at least five lines of text."""
    pdfs = kit_pdfs(site)
    assert len(pdfs) == 18, [p.name for p in pdfs]
    thin = []
    for pdf in pdfs:
        for number in range(1, pdf_pages(pdf) + 1):
            lines = [line for line in pdf_text(pdf, number, number).splitlines() if line.strip()]
            if len(lines) < 5:
                thin.append(f"{pdf.name} p. {number}: {lines}")
    assert not thin, thin


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_blank_of_a_sample_letter_is_a_line_to_write_on(site, lang):
    """A printed letter has no bracket left to fill in: each "[...]" or "【...】", also one that
    spans a line break or formatting, is a blank (a line to write on), and an optional passage's
    brackets are hidden on paper."""
    folder = "book/zh/letters" if lang == "zh" else "book/letters"
    letters = sorted(p.stem for p in (ROOT / folder).glob("*.md") if p.stem != "index")
    assert len(letters) >= 4
    for name in letters:
        page = soup(site, f"{folder}/{name}")
        box = page.select_one(".bh-letter")
        assert box is not None and len(box.select(".bh-blank")) >= 5, name
        for gone in box.select(".bh-blank, .bh-bracket"):
            gone.decompose()
        left = re.findall(r".{0,20}[\[\]【】].{0,20}", box.get_text(" "))
        assert not left, f"{folder}/{name}: {left}"


def test_the_chinese_kit_pages_have_no_english_interface_words(site):
    """What kit.py writes on a Chinese page (links to PDFs, the terms sheet's header, the foot,
    the scoring sheet, the slides, the demo links) is Chinese; "PDF" and "A4" are what they are."""
    pages = sorted((site / KIT["zh"]).glob("*.html")) + [site / "book/zh/reference/workshop.html"]
    seen = 0
    for path in pages:
        page = bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        made = page.select(".bh-kit-pdf, .bh-kit-terms thead, .bh-kit-footer, .bh-kit-scoring, "
                           ".bh-kit-check .bh-kit-item > p:last-child, .bh-workshop-link")
        for node in made:
            text = node.get_text(" ")
            if node.select_one(".bh-kit-pdf a") or "bh-kit-pdf" in node.get("class", []):
                text = text.replace(node.a.get_text(" "), "")  # the label is the page's own text
            english = re.findall(r"[A-Za-z]{2,}", text.replace("PDF", "").replace("A4", ""))
            assert not english, f"{path.name}: {english} in {text.strip()[:80]}"
            seen += 1
    assert seen >= 20
    for path in pages:  # nor any English phrase in the pages' own text (code and the terms aside)
        article = bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        for gone in article.select("script, style, pre, code, svg, .bh-kit-terms tbody"):
            gone.decompose()
        phrases = re.findall(r"[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}", article.get_text(" "))
        assert not phrases, f"{path.name}: {phrases[:5]}"
    terms = bs4.BeautifulSoup((site / KIT["zh"] / "terms.html").read_text(encoding="utf-8"), "html.parser")
    assert [th.get_text(strip=True) for th in terms.select(".bh-kit-terms thead th")] == ["中文", "英文"]


def slide_lessons(plan: str, lang: str) -> list[str]:
    text = (ROOT / f"{KIT[lang]}/plan-{plan}.md").read_text(encoding="utf-8")
    block = text.split("```{kit-slides}\n", 1)[1].split("```", 1)[0]
    return [build_site.posixpath.normpath(f"{KIT[lang]}/{line.strip()}") for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_projector_view_of_each_plan_a_lesson_shows_its_worked_example_in_large_type(site, browser, lang):
    """At 1024 x 768 the projector view (?present=1) of each lesson plan A shows on the projector
    holds the lesson's worked example, with its key figures (the glued numbers, its table or
    chart), and its key points, in type of at least 24 px, nothing wider than the screen; the
    case, the idea and the rest of the lesson are not shown. The text is the lesson's own."""
    lessons = slide_lessons("a", lang)
    assert len(lessons) >= 5
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        for lesson in lessons:
            normal = soup(site, lesson)
            marked = normal.select(".bd-article section.bh-slide")
            assert len(marked) == 2, f"{lesson}: mark its worked example and key points ({{.bh-slide}})"
            example = marked[0]
            assert re.search(r"\d", example.get_text()), lesson
            page.goto((site / f"{lesson}.html").as_uri() + "?present=1")
            page.wait_for_load_state("load")
            shown = page.evaluate("""() => {
                const seen = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
                const art = document.querySelector('.bd-article');
                const texts = [...art.querySelectorAll('p, li, td, th')].filter(seen);
                return {
                  slides: [...art.querySelectorAll('section.bh-slide')].filter(seen).map(s => {
                    const text = [...s.querySelectorAll('figure')].reduce((t, f) => t.replace(f.innerText, ''), s.innerText);
                    return text.replace(/\\s+/g, '');
                  }),
                  sizes: texts.map(t => parseFloat(getComputedStyle(t).fontSize)),
                  wide: [...art.querySelectorAll('*')].filter(seen).filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5),
                  scroll: document.documentElement.scrollWidth,
                  others: [...art.querySelectorAll(':scope > section > section:not(.bh-slide)')].filter(seen).filter(s => !s.querySelector('.bh-slide')).length,
                  sidebar: [...document.querySelectorAll('.bd-sidebar-primary, .bd-header')].filter(seen).length,
                  tables: [...art.querySelectorAll('section.bh-slide table, section.bh-slide img, section.bh-slide svg')].filter(seen).length,
                  labels: [...art.querySelectorAll('section.bh-slide svg text')].filter(seen).map(t => t.getBoundingClientRect().height),
                };
            }""")
            pictures = len(example.select("table, img")) + len(example.select("figure"))
            for figure in normal.select(".bd-article section.bh-slide figure"):
                figure.decompose()  # (a chart's own words are drawn, not text)
            assert shown["slides"] == [words(s.get_text("")).replace("#", "") for s in marked], lesson
            assert min(shown["sizes"]) >= 24, (lesson, min(shown["sizes"]))
            assert not shown["wide"] and shown["scroll"] <= 1024, (lesson, shown["wide"], shown["scroll"])
            assert shown["others"] == 0 and shown["sidebar"] == 0, lesson
            assert shown["tables"] == pictures, lesson
            assert min(shown["labels"], default=99) >= 18, (lesson, "a chart's words are too small", shown["labels"])
            name = "kit-present-" + lesson.replace("/", "-")
            page.screenshot(path=str(save(name).with_suffix(".png")))
    finally:
        page.close()


@pytest.mark.parametrize("plan", ["a", "b", "c"])
@pytest.mark.parametrize("lang", sorted(KIT))
def test_the_scoring_sheet_gives_the_answers_in_one_line(site, plan, lang):
    """The educator reads the answers out from the scoring sheet: its second row holds each
    question's right answer, as the check's source (check.yml) gives it."""
    import sys

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import kit

    sheet = soup(site, f"{KIT[lang]}/answers-{plan}").select_one(".bh-kit-scoring table")
    row = [cell.get_text(strip=True) for cell in sheet.select("tbody tr")[0].select("td")]
    assert row[0] == ("答案" if lang == "zh" else "Answer")
    assert row[1:] == [item["answer"] for item in kit.check_items(plan)]
