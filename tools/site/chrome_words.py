"""English left in the interface of the Chinese edition: what a page shows or says around its text.

    python tools/site/chrome_words.py _build/html          # every page of the Chinese edition

The interface ("chrome") of a page is everything a reader sees or hears that the book's own text
does not say: the header, the menu, the footer, the previous/next links, the search page, the
language switch, and inside the text the words the tools write (box titles such as "Note",
"Link to this heading", figure numbers, fold buttons), plus every ``title``, ``aria-label``,
``placeholder``, ``alt`` and tooltip (``data-bs-title``, ``data-tooltip``) anywhere on the page,
and the words the page's scripts are given (``toggleHintShow``...).

On a Chinese page none of it may be English. Allowed:

- what is marked English on purpose (an element with ``lang="en"``: the link to the English
  edition's title on a page, a quoted English name);
- the Latin-letter words Chinese readers use as they are (:data:`ALLOWED`: App, LPR...);
- numbers, symbols, and the book's own text (the article's content), which tests/book checks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import bs4

#: Latin-letter words a Chinese page may show in its interface: names Chinese readers use as
#: they are written (the page titles of the menu use them too).
ALLOWED = {"App", "APP", "LPR", "APR", "IRR", "PDF", "Python", "Voici", "Pyodide", "PBOC", "Excel",
           "Word", "QR", "ID", "SMS", "A4", "MB", "KB", "JSON", "JavaScript", "Ctrl", "Cmd"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-bs-title", "data-tooltip",
              "aria-description", "aria-roledescription", "value")
#: Inside the article: the words the tools put there (not the book's text).
ARTICLE_CHROME = (".bh-lang-switch", ".admonition-title", ".headerlink", ".caption-number", "button",
                  ".toggle-button", ".prev-next-area", ".bh-try-button", ".bh-try-note a",
                  ".sd-summary-title", "summary", ".cell_input .toggle")
#: Inline script settings that become visible words.
SCRIPT_WORDS = re.compile(r"\b(toggleHintShow|toggleHintHide)\s*=\s*['\"]([^'\"]*)['\"]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def english(text: str) -> list[str]:
    """The English words of ``text``: Latin-letter words except the allowed names, and except
    single capital letters (安排A, 方案B, the K of Ctrl K)."""
    return [w for w in _WORD.findall(text or "") if w not in ALLOWED
            and w.strip("'’-") not in ALLOWED and not (len(w) == 1 and w.isupper())]


def _marked_english(tag) -> bool:
    node = tag
    while node is not None and getattr(node, "attrs", None) is not None:
        lang = node.attrs.get("lang") or ""
        if lang:
            return lang.lower().startswith("en")
        node = node.parent
    return False


def chrome_english(page_html: str) -> list[str]:
    """The English interface words of a page, each as ``where: words``."""
    soup = bs4.BeautifulSoup(page_html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        for name, value in SCRIPT_WORDS.findall(script.string or ""):
            if english(value):
                found.append(f"script {name}: {value}")
    for tag in soup.find_all(True):
        if tag.name in ("script", "style", "link", "meta"):
            continue
        for attr in ATTRIBUTES:
            value = tag.attrs.get(attr)
            if attr == "value" and tag.name not in ("input", "button"):
                continue
            if attr == "title" and tag.name == "a" and "bh-cite" not in tag.get("class", []) and (
                    tag.get("role") == "doc-biblioref" or "#id" in (tag.get("href") or "")
                    or "reference/sources" in (tag.get("href") or "")):
                # A citation's tooltip is its bibliography entry: the book's text.
                continue
            if isinstance(value, str) and english(value) and not _marked_english(tag):
                found.append(f"<{tag.name} {attr}>: {value}")
    for tag in soup.find_all(["script", "style", "template", "code", "kbd", "pre"]):
        tag.decompose()
    # The search page's results quote the pages (the book's text); its title and summary stay.
    for tag in soup.select("#search-results ul.search"):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if str(tag.get("lang", "")).lower().startswith("en") and tag.name != "html":
            tag.decompose()
    article = soup.select_one("article.bd-article") or soup.select_one("article")
    if article is not None:
        for selector in ARTICLE_CHROME:
            for tag in article.select(selector):
                words = english(tag.get_text(" "))
                if words:
                    found.append(f"{selector}: {' '.join(tag.get_text(' ').split())[:80]}")
        article.decompose()
    body = soup.body or soup
    for text in body.find_all(string=True):
        if isinstance(text, (bs4.Comment, bs4.Doctype)):
            continue
        words = english(str(text))
        if words:
            parent = text.parent
            found.append(f"{parent.name}.{'.'.join(parent.get('class', []))}: {' '.join(str(text).split())[:80]}")
    for value in (soup.title.string if soup.title else "",):
        if value and english(value):
            found.append(f"<title>: {value}")
    return found


def chinese_pages(site: Path, toc_pages: list[str]) -> list[str]:
    """The Chinese edition's pages: its table of contents, and its search, index and 404 pages."""
    extra = [p for p in ("zh/search.html", "zh/genindex.html", "zh/404.html") if (site / p).exists()]
    return list(toc_pages) + extra


if __name__ == "__main__":
    import yaml

    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    root = Path(__file__).resolve().parents[2]
    toc = yaml.safe_load((root / "_toc_zh.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for p in toc["parts"] for c in p["chapters"]]
    bad = 0
    for rel in chinese_pages(site, [f + ".html" for f in files]):
        words = chrome_english((site / rel).read_text(encoding="utf-8"))
        if words:
            bad += 1
            print(f"{rel}:")
            for w in dict.fromkeys(words):
                print(f"    {w}")
    print(f"{bad} page(s) with English in the interface")
    sys.exit(1 if bad else 0)
