"""Small Sphinx additions for The Borrower's Handbook.

- Pages under ``book/zh/`` are Chinese: their ``<html lang>`` says so, so that screen readers
  speak them in Chinese and browsers choose Chinese fonts and line breaking; the self-check
  boxes, which sphinx-exercise titles in English, are titled in Chinese there.
- Every bibliography entry carries a ``status`` field, ``verified`` (we read the text: the note
  says where) or ``reported`` (we read only reports of it). The ``handbook`` citation style shows
  it at the end of the entry on the sources page, in the entry's language (a key starting with
  "zh-" is Chinese); an entry without a valid status stops the build.
- The execution cache keys a page on its own code only. The figures also depend on the engine
  (``simulators``) and on ``lessonkit``: when either changes, the cache is emptied so that every
  page is computed again rather than showing numbers from an older engine.
- An answer's label opens the answer: the link to the question that sphinx-exercise puts in a
  solution's title is turned into plain text (a tap on it jumped to the question).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pybtex.plugin
from docutils import nodes
from pybtex.richtext import Tag, Text
from pybtex.style.formatting.plain import Style as PlainStyle

ZH_PREFIX = "book/zh/"
STAMP = "handbook-engine.sha256"
STATIC_STAMP = "handbook-static.sha256"

# sphinx-exercise writes these English words into the titles of exercises and solutions.
_ZH_TITLES = (
    ('<p class="admonition-title">Solution to<a', '<p class="admonition-title">答案：<a'),
    ("Solution to", "答案："),
    ("Exercise", "练习"),
)


#: How the sources page shows each status, in the language of the entry.
STATUS_WORDS = {
    "en": {"verified": "Status: Verified.", "reported": "Status: Reported only."},
    "zh": {"verified": "核对情况：已核对。", "reported": "核对情况：仅见报道。"},
}


class HandbookStyle(PlainStyle):
    """The plain style, with the entry's status (its ``status`` field) shown at the end."""

    def format_entry(self, label, entry, bib_data=None):
        formatted = super().format_entry(label, entry, bib_data)
        lang = "zh" if entry.key.startswith("zh-") else "en"
        status = str(entry.fields.get("status", "")).strip()
        if status not in STATUS_WORDS[lang]:
            raise ValueError(f"bibliography entry {entry.key}: status must be 'verified' or "
                             f"'reported', not {status!r}")
        formatted.text = Text(formatted.text, " ", Tag("strong", STATUS_WORDS[lang][status]))
        return formatted


def is_chinese(pagename: str) -> bool:
    return pagename.startswith(ZH_PREFIX)


def _chinese_titles(body: str) -> str:
    """Translate the words sphinx-exercise puts in titles, and only there."""
    def fix(match):
        title = match.group(0)
        for en, zh in _ZH_TITLES:
            title = title.replace(en, zh)
        return re.sub(r"练习 \((.*?)\)", r"练习（\1）", title)

    return re.sub(r'<p class="admonition-title">.*?</p>', fix, body, flags=re.S)


# CJK characters and full-width punctuation: a line break next to one is not a space.
_CJK = re.compile("[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def _join_chinese_lines(app, doctree):
    """Chinese sources keep one sentence per line, like the English ones; in Chinese a line
    break must not become a space, so it is dropped where it touches a Chinese character
    (looking across neighbouring text nodes: a soft break is often a text node of its own)."""
    if not is_chinese(app.env.docname):
        return
    texts = [t for t in doctree.findall(nodes.Text)
             if not isinstance(t.parent, (nodes.literal_block, nodes.raw, nodes.literal))]
    for i, node in enumerate(texts):
        value = str(node)
        if "\n" not in value:
            continue
        before_node = str(texts[i - 1])[-1:] if i > 0 else ""
        after_node = str(texts[i + 1])[:1] if i + 1 < len(texts) else ""
        out = []
        for k, ch in enumerate(value):
            if ch == "\n":
                before = value[k - 1] if k > 0 else before_node
                after = value[k + 1] if k + 1 < len(value) else after_node
                if _CJK.match(before or " ") or _CJK.match(after or " "):
                    continue
            out.append(ch)
        text = "".join(out)
        if text != value:
            node.parent.replace(node, nodes.Text(text))
            texts[i] = nodes.Text(text)


#: The title of an answer (a sphinx-exercise solution): sphinx-exercise puts a link to its
#: question in it, so tapping the label jumped back up to the question instead of opening the
#: answer (the whole title is the dropdown's toggle).
_SOLUTION_TITLE = re.compile(
    r'(<div class="solution[^"]*"[^>]*>\s*<p class="admonition-title">)(.*?)(</p>)', re.S)
_TITLE_LINK = re.compile(r'<a class="reference internal" href="#?([^"]*)">(.*?)</a>', re.S)


def _answer_labels_open_answers(body: str) -> str:
    """Answer titles keep the question's name as plain text, without the link (the question's
    id stays in ``data-question``)."""
    return _SOLUTION_TITLE.sub(
        lambda m: m.group(1) + _TITLE_LINK.sub(
            r'<span class="bh-solution-of" data-question="\1">\2</span>', m.group(2))
        + m.group(3), body)


#: Said under a page that cites its sources with numbers in brackets, which a reader meets with
#: no explanation (a reader's review: "what is [中48]?").
CITATION_NOTE = {
    "en": "Numbers in square brackets, such as [{label}], show where a statement comes from: tap "
          "one to see the law or official source, the article and the date.",
    "zh": "方括号里的编号（比如［{label}］）是这句话的出处：点一下，就能看到是哪部法律或哪个官方来源、"
          "第几条、什么时候发布的。",
}


def _citation_note(body: str, chinese: bool) -> str:
    """The page's body with a one-line note on its citation numbers at its end, if it has any."""
    import re

    first = re.search(r'class="bibtex-citation"[^>]*>\[<a [^>]*>([^<]+)</a>', body)
    if not first:
        return body
    note = CITATION_NOTE["zh" if chinese else "en"].format(label=first.group(1))
    return body + f'\n<p class="bh-citation-note">{note}</p>\n'


def _page_context(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and "bibtex-citation" in body and not pagename.endswith("reference/sources"):
        context["body"] = body = _citation_note(body, is_chinese(pagename))
    if body and "solution" in body:
        context["body"] = body = _answer_labels_open_answers(body)
    if not is_chinese(pagename):
        return
    context["language"] = "zh-CN"
    if body and ("exercise" in body or "solution" in body):
        context["body"] = _chinese_titles(body)


def _fingerprint(files) -> str:
    digest = hashlib.sha256()
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def engine_fingerprint() -> str:
    """A hash of everything besides a page's own code that its figures depend on."""
    import simulators

    package = Path(simulators.__file__).resolve().parent
    here = Path(__file__).resolve().parent
    # The bibliography too: the fact-checking page counts its entries when it is computed.
    return _fingerprint(sorted(package.rglob("*.py")) + sorted(package.rglob("*.json"))
                        + sorted(here.rglob("*.py")) + sorted(here.parent.glob("*.bib")))


def static_fingerprint(srcdir) -> str:
    """A hash of the book's own static files (its stylesheet)."""
    return _fingerprint(sorted(p for p in (Path(srcdir) / "book" / "_static").rglob("*") if p.is_file()))


def _changed(stamp: Path, current: str) -> bool:
    """Whether ``current`` differs from the value recorded in ``stamp``; records it."""
    if stamp.exists() and stamp.read_text().strip() == current:
        return False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n")
    return True


def _refresh_cache(app, config):
    """Empty the execution cache, and re-read every page, when the engine has changed; re-write
    every page when the stylesheet has changed (Sphinx copies static files only when it writes
    pages, so an edit of the stylesheet alone would otherwise not reach _build/html)."""
    build = Path(app.outdir).parent
    app._handbook_reread = _changed(build / STATIC_STAMP, static_fingerprint(app.srcdir))
    if getattr(config, "nb_execution_mode", "") != "cache":
        return
    cache = getattr(config, "nb_execution_cache_path", "")
    # myst-nb's default, which this book uses: _build/.jupyter_cache beside _build/html.
    cache_dir = Path(cache) if cache else build / ".jupyter_cache"
    if _changed(build / STAMP, engine_fingerprint()):
        app._handbook_reread = True
        if cache_dir.exists():
            shutil.rmtree(cache_dir)


def _outdated(app, env, added, changed, removed):
    """After a change of the engine or of the stylesheet, every page is read again."""
    if getattr(app, "_handbook_reread", False):
        return sorted(env.found_docs - set(added) - set(changed))
    return []


def setup(app):
    pybtex.plugin.register_plugin("pybtex.style.formatting", "handbook", HandbookStyle, force=True)
    app.connect("config-inited", _refresh_cache, priority=100)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-read", _join_chinese_lines)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
