"""On a phone, a hotline the reader should call is one tap away: on the "today" pages and on the
complaints page, each number the page gives has a ``tel:`` link where the page tells her to call,
and no number is shown bold without being one, in both editions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
NUMBERS = ("12368", "12378", "96110", "110", "12348", "12356")
PAGES = [p for lang in ("", "zh") for p in sorted((BOOK / lang / "today").glob("*.md"))
         + [BOOK / lang / "rights" / "complaints.md"]]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_each_hotline_is_a_tap_to_call_link(path):
    body = path.read_text("utf-8").split("\n---\n", 1)[-1]  # not the description
    body = re.sub(r"\{cite\}`[^`]*`", "", body)
    for number in NUMBERS:
        first = re.search(rf"(?<![\d:]){number}(?!\d)", body)
        if first is None:
            continue
        link = re.compile(rf"\[\*\*{number}\*\*\]\(tel:{number}\)")
        assert link.search(body), f"{path.relative_to(BOOK)}: {number} is never a tel: link"
        bold_only = re.search(rf"(?<!\[)\*\*{number}\*\*(?!\]\(tel:)", body)
        assert bold_only is None, f"{path.relative_to(BOOK)}: **{number}** is bold but no link"
