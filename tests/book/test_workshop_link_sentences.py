"""The workshop laptop's link (``{{ simulator_*_link }}``) is hidden on the published site and shown
only by the workshop server. The sentence before it must read as complete either way: a reader's
review found "下面这个链接才能打开：" with nothing under it on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
LINK = re.compile(r"^:::\{container\} bh-open-simulator\n\{\{ simulator_\w+_link(_zh)? \}\}", re.M)
PAGES = sorted(p for p in BOOK.rglob("*.md") if LINK.search(p.read_text("utf-8")))


def test_the_pages_with_a_workshop_link_are_found():
    assert len(PAGES) >= 30 and any("zh" in p.parts for p in PAGES)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_no_sentence_leads_into_the_hidden_workshop_link(path):
    text = path.read_text("utf-8")
    for match in LINK.finditer(text):
        before = [ln.strip() for ln in text[:match.start()].splitlines() if ln.strip()]
        last = before[-1] if before else ""
        assert last.startswith(":::") or not last.endswith((":", "：")), \
            f"{path.relative_to(BOOK)}: {last!r}"
