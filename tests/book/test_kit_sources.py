"""The instructor's kit from its sources (book/reference/kit/, book/_ext/kit.py), in a second:
every worksheet lists lessons that have exercises, every knowledge-check item is the same question
in both languages with one right answer and verified sources, every demo link names an existing
app and opens it with an existing example scenario, and the homes send educators to the guide."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_string

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import kit  # noqa: E402

from simulators.ui.links import decode_scenario  # noqa: E402

KIT = {"en": ROOT / "book/reference/kit", "zh": ROOT / "book/zh/reference/kit"}
LESSON_LIST = re.compile(r"```\{kit-exercises\}\n(?::answers:\n)?((?:\.\./.*\n)+)```")
DEMO = re.compile(r"```\{kit-demo\} (\S+) (\S+)")


def bibliography() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    found = {}
    for name in config["bibtex_bibfiles"]:
        data = parse_string((ROOT / name).read_text(encoding="utf-8"), "bibtex")
        found.update({k: str(e.fields.get("status")) for k, e in data.entries.items()})
    return found


def lesson_lists(lang: str) -> dict:
    """{page: [lesson docnames]} of the kit pages of ``lang`` that list lessons."""
    out = {}
    for path in sorted(KIT[lang].glob("*.md")):
        docname = str(path.relative_to(ROOT).with_suffix(""))
        for block in LESSON_LIST.findall(path.read_text(encoding="utf-8")):
            out[path.stem] = [kit.resolve(docname, t) for t in block.split()]
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_worksheet_and_its_key_list_the_same_lessons_each_with_exercises(lang):
    lists = lesson_lists(lang)
    for plan in "abc":
        assert lists[f"worksheet-{plan}"] == lists[f"answers-{plan}"], plan
        for docname in lists[f"worksheet-{plan}"]:
            found = kit.exercises(docname)
            assert found, f"{docname} has no exercise"
            assert all(e.title and e.body and e.solution for e in found), docname


def test_the_two_languages_list_twin_lessons_with_as_many_exercises():
    en, zh = lesson_lists("en"), lesson_lists("zh")
    assert en.keys() == zh.keys()
    for page in en:
        assert [d.replace("book/", "book/zh/", 1) for d in en[page]] == zh[page]
        assert [len(kit.exercises(d)) for d in en[page]] == [len(kit.exercises(d)) for d in zh[page]]


def test_the_worksheet_text_leaves_the_solution_out():
    """What the worksheet copies of an exercise is its question: none of its solution's words."""
    ex = kit.exercises("book/loan-terms/signing-in-an-app")[0]
    assert "Is the friend right?" in " ".join(ex.body)
    assert not set(ex.solution) & set(ex.body)
    assert "electronic signature" in " ".join(ex.solution)


def test_lesson_links_and_glued_numbers_keep_their_meaning_on_a_kit_page():
    lines = kit.absolute_docs(["See {doc}`../rights/complaints` and {doc}`price`: {glue:text}`rate`."],
                              "book/rights/court")
    assert lines == ["See {doc}`/book/rights/complaints` and {doc}`/book/rights/price`: "
                     "{glue:text}`/book/rights/court.md::rate:s`."]


def test_every_knowledge_check_item_is_one_question_in_both_languages_with_verified_sources():
    bib = bibliography()
    labels = {e.label for path in (ROOT / "book").rglob("*.md") if "/zh/" not in str(path)
              and "_build" not in str(path)
              for e in kit.exercises(str(path.relative_to(ROOT).with_suffix("")))}
    data = yaml.safe_load((KIT["en"] / "check.yml").read_text(encoding="utf-8"))
    assert data["a"], "plan A has a knowledge check"
    for plan, items in data.items():
        for item in items:
            assert item["from"] in labels, f"{item['from']}: no such exercise"
            assert len(item["en"]["choices"]) == len(item["zh"]["choices"]) >= 3
            assert item["answer"] in "ABCD"[: len(item["en"]["choices"])]
            for key in item["cite"]:
                assert bib.get(key) == "verified" and bib.get(f"zh-{key}") == "verified", key
            chinese = (item["zh"]["q"] + "".join(item["zh"]["choices"]) + item["zh"]["why"])
            assert not re.search(r"[A-Za-z]{3,}", chinese.replace("LPR", "").replace("App", "")), chinese


def demo_lines():
    for path in sorted((ROOT / "book").rglob("*.md")):
        for app, example in DEMO.findall(path.read_text(encoding="utf-8")):
            yield path, app, example


def test_every_demo_link_opens_an_existing_app_with_an_example_scenario():
    found = list(demo_lines())
    assert len(found) >= 10
    for path, app, example in found:
        assert (ROOT / "simulators/apps" / f"{app}.ipynb").exists(), f"{path}: no app {app}"
        data = json.loads((ROOT / "examples" / example).read_text(encoding="utf-8"))
        lang = "zh" if "/zh/" in str(path) else "en"
        site, laptop = kit.demo_href(app, example, lang, 3)
        for link in (site, laptop):
            query = dict(p.split("=", 1) for p in link.split("?", 1)[1].split("&"))
            assert query["lang"] == lang
            assert decode_scenario(query["scenario"]) == data
            assert query["present"] == "1"  # shown on a projector: the apps' projector mode
        assert site.startswith(f"../../../apps/voici/render/{app}{'.zh' if lang == 'zh' else ''}.html?")
        assert laptop.startswith(f"/voila/render/{app}.ipynb?")


def test_the_plans_print_pages_that_exist_in_both_languages():
    plans = kit.plans()
    assert set(plans) == {"a", "b", "c"}
    for plan, pages in plans.items():
        for entry in pages:
            for lang, folder in KIT.items():
                docname = kit.resolve(str(folder.relative_to(ROOT)) + "/x", entry["page"])
                assert (ROOT / f"{docname}.md").exists(), docname
            assert 1 <= entry["sheets"] <= 12


@pytest.mark.parametrize("home,guide", [("book/index.md", "{doc}`reference/workshop`"),
                                        ("book/zh/index.md", "{doc}`reference/workshop`")])
def test_the_home_pages_educator_line_links_to_the_workshop_guide(home, guide):
    text = (ROOT / home).read_text(encoding="utf-8")
    line = next(part for part in text.split("\n- ") if "Educators" in part or "讲课的老师" in part)
    assert guide in line


def test_only_a_public_address_counts_as_published():
    assert not kit.published("http://localhost:8000/")
    assert not kit.published("http://127.0.0.1:8000")
    assert not kit.published("")
    assert kit.published("https://borrowers-handbook.example.org/")
    assert kit.published("http://192.168.1.20:8000/")  # a workshop laptop on the room's network


def test_the_two_language_terms_sheet_has_every_glossary_term_with_its_chinese():
    """The mixed room's sheet is made from the glossary: every term, each with the Chinese term
    its entry starts with (the glossary's own words, checked here against its text)."""
    text = (ROOT / "book" / "reference" / "glossary.md").read_text(encoding="utf-8")
    terms = kit.glossary_terms()
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    listed = [line.strip() for line in block.splitlines() if line and not line.startswith((" ", ":"))]
    assert [en for en, _ in terms] == listed
    for en, zh in terms:
        assert re.search(r"[\u4e00-\u9fff]", zh), (en, zh)
        assert f"**{zh}" in block, (en, zh)
    assert ("acceleration", "宣布提前到期") in terms


def letter_doctree(markdown: str):
    """A sample letter's MyST as docutils parses it, after kit.py's blanks have been made."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    tree = publish_doctree(markdown, parser=Parser(), settings_overrides={
        "myst_enable_extensions": ["colon_fence"], "report_level": 4})
    kit.letter_blanks(None, tree, "book/letters/x")
    return tree


def inline_texts(tree, cls: str) -> list[str]:
    from docutils import nodes

    return [re.sub(r"\s+", " ", n.astext()) for n in tree.findall(nodes.inline) if cls in n["classes"]]


def test_a_letter_blank_that_spans_a_line_break_or_formatting_is_one_blank():
    tree = letter_doctree(":::{container} bh-letter\n"
                          "**What happened.**\n[Set out the facts in order,\nwith **dates** and amounts.]\n\n"
                          "Dear [*name*], my [loan] is overdue.\n\n"
                          "[If you have done so: On [date] I asked you for a plan.]\n\n"
                          "【按时间顺序写清事实，\n写明**日期**和金额。】\n:::\n")
    assert inline_texts(tree, "bh-blank") == [
        "[Set out the facts in order, with dates and amounts.]", "[name]", "[loan]", "[date]",
        "【按时间顺序写清事实， 写明日期和金额。】"]
    assert inline_texts(tree, "bh-blank-block") == ["【按时间顺序写清事实， 写明日期和金额。】"]
    assert inline_texts(tree, "bh-optional") == ["[If you have done so: On [date] I asked you for a plan.]"]
    assert inline_texts(tree, "bh-bracket") == ["[", "]"]


def test_every_handout_of_the_kit_ends_with_its_foot():
    """Each kit page a participant takes home carries the foot (address, QR code, date)."""
    for lang, folder in KIT.items():
        for path in sorted(folder.glob("*.md")):
            if path.stem.startswith("plan-"):
                continue
            assert "```{kit-footer}" in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_with_a_public_address_a_handouts_foot_has_the_address_its_qr_code_and_the_date(lang):
    foot = kit.footer_html("https://borrowers-handbook.example.org/", "book/reference/kit/referral-card", lang)
    assert "https://borrowers-handbook.example.org/book/reference/kit/referral-card.html" in foot
    assert '<span class="bh-kit-qr"' in foot and "<svg" in foot and "<path" in foot
    assert kit.CHECKED[lang] in foot
    local = kit.footer_html("http://localhost:8000/", "book/reference/kit/referral-card", lang)
    assert "localhost" not in local and "<svg" not in local and kit.CHECKED[lang] in local


def test_each_page_of_a_plan_goes_in_one_of_its_two_packs():
    for plan, pages in kit.plans().items():
        packs = {entry["page"]: entry["pack"] for entry in pages}
        assert set(packs.values()) == {"participant", "facilitator"}, plan
        assert packs[f"plan-{plan}"] == packs[f"answers-{plan}"] == "facilitator"
        assert packs[f"check-{plan}"] == packs[f"worksheet-{plan}"] == packs["referral-card"] == "participant"
