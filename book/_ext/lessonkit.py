"""Helpers for the book's executed pages: gluing the engine's numbers, charts and tables.

Not part of the engine: every number comes from ``simulators``; this only formats and glues.
A page finds this module by walking up from its folder to the book root:

    import sys; from pathlib import Path
    sys.path.insert(0, str(next(p for p in Path.cwd().resolve().parents
                                if (p / "_toc.yml").exists()) / "book" / "_ext"))
"""

from __future__ import annotations

import re
from pathlib import Path

from IPython.display import HTML, Markdown
from myst_nb import glue

#: The repository root (the folder holding _config.yml and _toc.yml).
ROOT = Path(__file__).resolve().parents[2]

#: Each chart is drawn twice: in its compact layout for a phone and at full width for a wider
#: screen; the stylesheet shows one of them (the hidden one is hidden from screen readers too).
NARROW, WIDE = 360, 720

def rate(fraction: float) -> str:
    """0.12 -> '12%', 0.108 -> '10.8%', 0.00045 -> '0.045%': the decimals the number needs."""
    return f"{fraction * 100:.3f}".rstrip("0").rstrip(".") + "%"


def text(name: str, value: str) -> None:
    """Glue a piece of text, shown with {glue:text}`name`."""
    glue(name, str(value), display=False)


def markdown(name: str, source: str) -> None:
    """Glue MyST Markdown (a table, a list), shown with the ``glue:md`` directive."""
    glue(name, Markdown(source), display=False)


def _unique_ids(svg: str, suffix: str) -> str:
    """Give every id in ``svg`` (title, description, patterns) the suffix, and the references
    to it too, so that several charts can share a page."""
    for old in dict.fromkeys(re.findall(r'id="([^"]+)"', svg)):
        svg = re.sub(rf'(?<=["#\s]){re.escape(old)}(?=["\s)])', f"{old}-{suffix}", svg)
    return svg


def chart(name: str, draw) -> None:
    """Glue a chart, shown with the ``glue:figure`` directive. ``draw(width)`` returns its SVG."""
    narrow = _unique_ids(draw(NARROW), f"{name}-narrow")
    wide = _unique_ids(draw(WIDE), f"{name}-wide")
    glue(name, HTML(f'<div class="bh-chart-narrow">{narrow}</div>'
                    f'<div class="bh-chart-wide">{wide}</div>'), display=False)


def table(header: list, rows: list, align: str = "") -> str:
    """A Markdown table. ``align`` is one letter per column: l(eft) or r(ight)."""
    align = align or "l" * len(header)
    rule = ["--:" if a == "r" else ":--" for a in align]

    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return "\n".join([line(header), "|" + "|".join(rule) + "|", *(line(r) for r in rows)])
