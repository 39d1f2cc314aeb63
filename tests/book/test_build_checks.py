"""The book's rules fail the build: a teaching page without a citation, a lesson without a
self-check, a glossary term used but not defined, a broken cross-reference. Each rule is shown
failing on a small book made for the purpose (built the way the real one is: ``-W -n``), and
the real book's pages are checked for the result a reader sees: the first use of every glossary
term on a page is a link to its definition."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.book.test_book import ROOT, page, site, toc_pages  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

CONF = f"""
import sys
sys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_exercise", "bookchecks"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
"""

BIB = """
@misc{law-2020,
  author = {{A Legislature}},
  title = {{A Law}},
  year = {2020},
  note = {Verified: a note},
}
"""

GLOSSARY = """
# Glossary

```{glossary}
penalty interest
  Interest charged on an overdue amount.
```
"""

EXERCISE = """```{exercise} A question
:label: ex-q
:nonumber:

Why?
```

```{solution} ex-q
:class: dropdown

Because.
```
"""

GOOD_LESSON = """
# A lesson

:::{admonition} What you will learn
:class: tip
- Something.
:::

A late payment bears {term}`penalty interest` {cite}`law-2020`.
See {doc}`reference/glossary`.

""" + EXERCISE + """
```{bibliography}
```
"""

INDEX = """
# Home

```{toctree}
book/lesson
book/reference/glossary
```
"""


def build(tmp_path: Path, lesson: str) -> subprocess.CompletedProcess:
    src = tmp_path / "src"
    (src / "book" / "reference").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "book" / "reference" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (src / "book" / "lesson.md").write_text(textwrap.dedent(lesson), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b",
                           "html", str(src), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)


def test_a_correct_lesson_builds(tmp_path):
    done = build(tmp_path, GOOD_LESSON)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "book" / "lesson.html").read_text(encoding="utf-8")
    assert "glossary.html#term-penalty-interest" in html


def test_the_first_plain_use_of_a_term_is_linked_unless_the_writer_opts_out(tmp_path):
    lesson = GOOD_LESSON.replace("- Something.", "- The {no-term}`Penalty Interest Act`.\n- Why penalty interest adds up.")
    done = build(tmp_path, lesson)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "book" / "lesson.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="[^"]*" href="[^"]*#term-penalty-interest"[^>]*>([^<]*)</a>', html)
    # The name comes first but is left alone; the first plain use after it gets the link.
    assert links[0] == "penalty interest", links
    assert '<span class="bh-no-term">Penalty Interest Act</span>' in html


@pytest.mark.parametrize("change, message", [
    (("{cite}`law-2020`", ""), "page cites no source"),
    (("{term}`penalty interest`", "{term}`default interest`"), "term not in glossary"),
    (("{doc}`reference/glossary`", "{doc}`reference/glosary`"), "unknown document"),
    ((EXERCISE, ""), "lesson has no self-check"),
], ids=["no citation", "undefined term", "broken cross-reference", "no self-check"])
def test_a_broken_rule_fails_the_build(tmp_path, change, message):
    old, new = change
    assert old in GOOD_LESSON
    lesson = GOOD_LESSON.replace(old, new)
    done = build(tmp_path, lesson)
    assert done.returncode != 0, f"the build passed although {message!r} was expected"
    assert message in done.stderr, done.stderr


# --------------------------------------------------------------------------- the real book

TEACHING = [p for p in toc_pages()
            if not re.match(r"^book/(zh/)?(index|simulators/.*|reference/.*)\.html$", p)]
# Figure captions are left alone by the linker, as headings are: the test skips them too.
SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "svg", "script", "style", "button",
             "title", "dt", "figcaption"}


def glossary_terms(site_dir: Path, lang: str) -> dict:
    rel = "book/reference/glossary.html" if lang == "en" else "book/zh/reference/glossary.html"
    soup = page(site_dir, rel)
    terms = {}
    for dt in soup.select("article dl.glossary dt[id]"):
        for link in dt.select("a.headerlink"):
            link.decompose()
        name = dt.get_text(" ", strip=True)
        if lang == "en" or len(name) >= 2:
            terms[name] = dt["id"]
    return terms


def _pattern(term: str, lang: str):
    if lang == "zh":
        return re.compile(re.escape(term))
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", re.IGNORECASE)


def _in_skipped(node) -> bool:
    for parent in node.parents:
        if parent.name in SKIP_TAGS or parent.name == "a":
            return True
        classes = parent.get("class") or []
        if {"bh-lang-switch", "admonition-title", "bh-chart-narrow", "bh-chart-wide", "caption", "rubric", "bh-letter",
            "math", "bh-no-term"} & set(classes):
            return True
    return False


@pytest.mark.parametrize("rel", TEACHING)
def test_first_use_of_each_term_links_to_the_glossary(site, rel):
    lang = "zh" if rel.startswith("book/zh/") else "en"
    terms = glossary_terms(site, lang)
    soup = page(site, rel)
    article = soup.select_one("article")
    seen_link, failures = set(), []
    # Walk the page in reading order: a link to a term counts as its first use; so does a plain
    # mention, which must then not come before the link.
    for node in article.descendants:
        if getattr(node, "name", None) == "a" and node.get("href"):
            fragment = urlsplit(node["href"]).fragment
            if "glossary.html" in node["href"]:
                seen_link |= {t for t, anchor in terms.items() if anchor == fragment}
            continue
        if getattr(node, "name", None) is not None or _in_skipped(node):
            continue
        text = str(node)
        for term in terms:
            if term in seen_link or not _pattern(term, lang).search(text):
                continue
            # A longer term containing this one (e.g. "equal instalments") counts for it.
            if any(term != other and term.lower() in other.lower() and _pattern(other, lang).search(text)
                   for other in terms):
                continue
            failures.append(f"{term!r} first appears unlinked in: {text.strip()[:80]!r}")
            seen_link.add(term)
    assert not failures, f"{rel}:\n" + "\n".join(failures)


@pytest.mark.parametrize("rel", ["book/reference/glossary.html", "book/zh/reference/glossary.html"])
def test_the_glossary_is_one_alphabetical_list(site, rel):
    """Each part of the book adds its terms; the reader finds them all in one sorted list."""
    lists = page(site, rel).select("article dl.glossary")
    assert len(lists) == 1, f"{rel} shows {len(lists)} separate lists"
    terms = []
    for dt in lists[0].select("dt"):
        # An entry may have a second name (个人信用报告 / 征信报告): it sorts by its first.
        before = dt.find_previous_sibling(["dt", "dd"])
        if before is not None and before.name == "dt":
            continue
        for link in dt.select("a.headerlink"):
            link.decompose()
        terms.append(dt.get_text(" ", strip=True).lower())
    if "/zh/" in rel:
        # A Chinese reader looks a word up by its pinyin, as in a dictionary: 本金 (běn) comes
        # before 催收 (cuī) and 逾期 (yú), whatever the characters' code points.
        from pypinyin import Style, lazy_pinyin

        def key(term):
            return " ".join(lazy_pinyin(term, style=Style.TONE3, errors=lambda s: s.lower())), term
        assert terms.index("本金") < terms.index("催收") < terms.index("逾期")
    else:
        def key(term):
            return term
    assert len(terms) > 40 and terms == sorted(terms, key=key), f"{rel}: terms out of order"
