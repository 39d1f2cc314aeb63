"""The book's own rules, enforced when it is built (with ``-W`` a warning fails the build).

- Every page that teaches (all but the home pages, the simulator pages and the reference pages)
  cites at least one source: a legal statement without a source is not allowed in this book.
- Every lesson (a page with a "What you will learn" box) has a self-check (an exercise).
- A glossary term used with ``{term}`` but defined nowhere, and a broken cross-reference, are
  reported by Sphinx itself (``-n``); this module adds nothing there.
- The first use of each glossary term on a page links to its definition. Writers mark terms with
  ``{term}``; this module links the first plain use of every other term as well, so that a reader
  can tap any defined word the first time it appears.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

ZH_PREFIX = "book/zh/"
GLOSSARY = {"en": "book/reference/glossary", "zh": "book/zh/reference/glossary"}
LESSON_TITLES = ("What you will learn", "读完这一课，你会知道")
#: Pages that need not cite: the home pages, the simulator guides and the reference pages.
NO_CITATION_NEEDED = re.compile(r"^book/(zh/)?(index|simulators/.*|reference/.*)$")


def lang_of(docname: str) -> str:
    return "zh" if docname.startswith(ZH_PREFIX) else "en"


def needs_citation(docname: str) -> bool:
    return docname.startswith("book/") and not NO_CITATION_NEEDED.match(docname)


def is_lesson(doctree) -> bool:
    for admonition in doctree.findall(nodes.admonition):
        titles = [t.astext().strip() for t in admonition.findall(nodes.title)]
        if titles and titles[0] in LESSON_TITLES:
            return True
    return False


def _cites(doctree) -> bool:
    return any(node.get("refdomain") == "cite" for node in doctree.findall(addnodes.pending_xref))


def _has_exercise(doctree) -> bool:
    return any(type(node).__name__.startswith("exercise") for node in doctree.findall(nodes.Element))


def check_page(app, doctree):
    """Warn (and so fail a ``-W`` build) on a teaching page without a source or a lesson
    without a self-check."""
    docname = app.env.docname
    if needs_citation(docname) and not _cites(doctree):
        logger.warning("page cites no source: every legal statement needs a {cite} to the "
                       "bibliography", location=docname, type="handbook", subtype="citation")
    if is_lesson(doctree) and not _has_exercise(doctree):
        logger.warning("lesson has no self-check: add an exercise with its solution",
                       location=docname, type="handbook", subtype="self-check")


# --------------------------------------------------------------------------- glossary links

_SKIP = (nodes.title, nodes.reference, nodes.literal, nodes.literal_block, nodes.raw,
         nodes.math, nodes.math_block, nodes.term, nodes.citation, nodes.label,
         nodes.FixedTextElement, addnodes.pending_xref, addnodes.glossary, nodes.caption,
         nodes.rubric, nodes.option_list)


def glossary_terms(env, lang: str) -> dict:
    """{term text: (docname, anchor)} of the glossary of ``lang``."""
    std = env.get_domain("std")
    out = {}
    for (kind, name), (docname, anchor) in std.objects.items():
        if kind == "term" and docname == GLOSSARY[lang]:
            out[name] = (docname, anchor)
    return out


def term_pattern(terms, lang: str):
    """One regular expression matching any of ``terms``, longest first. English terms match as
    whole words, with an optional plural; Chinese terms of two characters or more match
    anywhere (a one-character term would match inside other words, so it is not linked)."""
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        if lang == "zh":
            if len(term) >= 2:
                alternatives.append(re.escape(term))
        else:
            alternatives.append(re.escape(term) + r"(?:s|es)?")
    if not alternatives:
        return None
    body = "|".join(alternatives)
    if lang == "zh":
        return re.compile(f"({body})")
    return re.compile(rf"(?<![\w-])({body})(?![\w-])", re.IGNORECASE)


def _skipped(node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP):
            return True
        classes = parent.get("classes", []) if isinstance(parent, nodes.Element) else []
        # A sample letter is sent as it is: no links inside it. A writer keeps a phrase that
        # only looks like a term (a name, a quotation) unlinked with {no-term}`phrase`.
        if {"bh-lang-switch", "admonition-title", "bh-letter", "bh-no-term"} & set(classes):
            return True
        parent = parent.parent
    return False


def _base_term(match: str, terms: dict, lang: str):
    """The glossary term a matched text stands for (plural and case folded)."""
    if lang == "zh":
        return match if match in terms else None
    lowered = {t.lower(): t for t in terms}
    for candidate in (match, match[:-1], match[:-2]):
        if candidate.lower() in lowered:
            return lowered[candidate.lower()]
    return None


class FirstUseGlossaryLinks(SphinxPostTransform):
    """Link the first use on a page of each glossary term that the writer did not link."""

    # Before Sphinx resolves references (priority 10): a {term} reference is still pending here.
    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs):
        docname = self.env.docname
        if not docname.startswith("book/") or docname in GLOSSARY.values():
            return
        lang = lang_of(docname)
        terms = glossary_terms(self.env, lang)
        pattern = term_pattern(terms, lang)
        if pattern is None:
            return
        linked = set()
        builder = self.app.builder
        # In reading order: a term the writer linked with {term} counts as linked from there on;
        # a plain use before it (say in "What you will learn") gets the link instead.
        for text in list(self.document.findall(lambda n: isinstance(n, (nodes.Text, addnodes.pending_xref)))):
            if isinstance(text, addnodes.pending_xref):
                if text.get("reftype") == "term":
                    target = text.get("reftarget", "").lower()
                    linked |= {t for t in terms if t.lower() == target}
                continue
            if _skipped(text) or not pattern.search(str(text)):
                continue
            value = str(text)
            pieces, last = [], 0
            for match in pattern.finditer(value):
                term = _base_term(match.group(1), terms, lang)
                if term is None or term in linked:
                    continue
                linked.add(term)
                target_doc, anchor = terms[term]
                uri = builder.get_relative_uri(docname, target_doc) + "#" + anchor
                if match.start() > last:
                    pieces.append(nodes.Text(value[last:match.start()]))
                ref = nodes.reference("", "", internal=True, refuri=uri,
                                      classes=["bh-term"], reftitle=term)
                ref += nodes.Text(match.group(0))
                pieces.append(ref)
                last = match.end()
            if pieces:
                if last < len(value):
                    pieces.append(nodes.Text(value[last:]))
                text.parent.replace(text, pieces)


def glossary_sort_key(term: str, lang: str):
    """English terms in alphabetical order; Chinese terms in pinyin order (then by tone and
    character), as a Chinese dictionary orders them, so a reader can guess where 逾期 is."""
    if lang != "zh":
        return term.lower()
    from pypinyin import Style, lazy_pinyin

    return (" ".join(lazy_pinyin(term, style=Style.TONE3, errors=lambda s: s.lower())), term)


def merge_glossaries(app, doctree):
    """The glossary page gathers the terms of each part of the book from its own file; the
    reader gets them as one alphabetical list."""
    if app.env.docname not in GLOSSARY.values():
        return
    glossaries = list(doctree.findall(addnodes.glossary))
    if len(glossaries) < 2:
        return
    lists = [g.next_node(nodes.definition_list) for g in glossaries]
    items = [item for dl in lists if dl is not None for item in dl.children]
    items.sort(key=lambda item: glossary_sort_key(item.next_node(nodes.term).astext(), lang_of(app.env.docname)))
    keep = lists[0]
    keep.children = []
    for item in items:
        keep.append(item)
    for glossary in glossaries[1:]:
        glossary.parent.remove(glossary)


def no_term_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{no-term}`Personal Information Protection Law`: words that look like a glossary term
    but are part of a name or a quotation, left unlinked."""
    return [nodes.inline(rawtext, text, classes=["bh-no-term"])], []


def setup(app):
    app.add_role("no-term", no_term_role)
    app.connect("doctree-read", check_page)
    app.connect("doctree-read", merge_glossaries)
    app.add_post_transform(FirstUseGlossaryLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
