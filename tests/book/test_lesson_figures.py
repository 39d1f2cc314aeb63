"""Each lesson's numbers come from one module of ``book/_ext/figures`` that both editions call
with their language, so the English and Chinese pages cannot drift apart in their numbers."""

from __future__ import annotations

import doctest
import importlib
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
FIGURES = BOOK / "_ext" / "figures"
CELL = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)


def english_pages_with_code() -> list[Path]:
    return sorted(p for p in BOOK.rglob("*.md")
                  if "zh" not in p.relative_to(BOOK).parts[:1] and CELL.search(p.read_text("utf-8")))


def module_of(page: Path) -> str:
    rel = page.relative_to(BOOK).with_suffix("")
    return "_".join(rel.parts).replace("-", "_")


PAGES = english_pages_with_code()


def test_the_pages_with_figures_are_found():
    assert len(PAGES) >= 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_both_editions_call_the_lessons_module_with_their_language(page):
    twin = BOOK / "zh" / page.relative_to(BOOK)
    name = module_of(page)
    assert (FIGURES / f"{name}.py").exists(), f"no figures module {name}.py for {page}"
    for path, lang in ((page, "en"), (twin, "zh")):
        code = "\n".join(CELL.findall(path.read_text("utf-8")))
        assert f"from figures import {name}" in code, path
        assert f'{name}.glue_figures("{lang}")' in code, path
        # All the computing is in the module: a page's cell imports nothing from the engine.
        assert not re.search(r"^\s*(from|import) simulators\b", code, re.M), \
            f"{path} computes with the engine itself"


def test_every_figures_module_belongs_to_a_lesson():
    names = {module_of(p) for p in PAGES}
    modules = {p.stem for p in FIGURES.glob("*.py")} - {"__init__"}
    assert modules <= names, f"modules no lesson calls: {sorted(modules - names)}"


@pytest.mark.parametrize("name", sorted(p.stem for p in FIGURES.glob("*.py")))
def test_the_docstring_examples_of_a_figures_module_hold(name, monkeypatch):
    monkeypatch.syspath_prepend(str(BOOK / "_ext"))
    module = importlib.import_module("figures" if name == "__init__" else f"figures.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    sys.modules.pop(module.__name__, None)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stopping_payment_never_reads_as_cheaper(lang, monkeypatch):
    """"What paying late really costs": stopping for 120 days repays a smaller total than paying
    on time (interest not charged after the loan is called in). Right under the totals, the page
    says what follows instead: the lump sum and its day, the credit record, a lawsuit."""
    monkeypatch.syspath_prepend(str(BOOK / "_ext"))
    module = importlib.import_module("figures.late_payment_cost")
    glued = {}
    monkeypatch.setattr(module, "markdown", lambda name, src: glued.__setitem__(name, src))
    monkeypatch.setattr(module, "text", lambda name, value: glued.__setitem__(name, str(value)))
    monkeypatch.setattr(module, "chart", lambda name, draw: None)
    module.glue_figures(lang)
    sys.modules.pop(module.__name__, None)

    table, _, note = glued["table_total"].partition("\n\n")
    stop_row = table.splitlines()[-1]
    assert ("停还" if lang == "zh" else "Stopped") in stop_row and glued["b_total"] in stop_row
    assert glued["b_catchup"] in note and glued["b_paid_date"] in note, note
    assert all(w in note for w in (("一次拿出", "征信", "起诉") if lang == "zh"
                                   else ("at once", "credit record", "sue"))), note
    page = (BOOK / ("zh" if lang == "zh" else "") / "late-payment" / "cost.md").read_text("utf-8")
    assert "并不比按时还款" not in page and "is not higher than paying on time" not in page
