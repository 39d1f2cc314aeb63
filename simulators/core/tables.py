"""Terminal tables: columns padded by display width (a CJK character takes two columns)."""

from __future__ import annotations

import unicodedata


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(headers, rows, right=()) -> str:
    widths = [max(_width(str(x)) for x in col) for col in zip(headers, *rows)]

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            pad = " " * (widths[i] - _width(str(c)))
            out.append(pad + str(c) if i in right else str(c) + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])
