"""Every source in the bibliography says how far we checked it, and a source we know only from
reports is never cited as if we had read it.

- Each entry of every .bib file that _config.yml lists has a ``status`` field: ``verified`` (we
  read the text; the note says where) or ``reported`` (we read only reports of it). The note
  agrees with it, and a Chinese twin ("zh-" key) has the same status as its English entry.
- The book's one hedge wording: in English "reported" (as in "reported in ...; we could not read
  the text"), in Chinese "报道" (as in "据报道……，我们没有读到原文" or "见于……报道"). A page
  hedges a reported-only source once, where it first cites it: the paragraph of that first
  citation (its run of non-blank lines in the Markdown source), or the paragraph just before it that
  introduces it (a list of guidelines under "these are reported..."), carries the hedge of its language,
  so a reader meets the doubt before the claim is used again. Code cells and comments are
  skipped.

These tests read the sources, not the built book, so they run in a second.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pybtex.database import parse_string

ROOT = Path(__file__).resolve().parents[2]
HEDGE = {"en": "reported", "zh": "报道"}
#: The note's own words for each status, in each language.
NOTE_LABELS = {"en": {"verified": "Verified", "reported": "Reported only"},
               "zh": {"verified": "已核对", "reported": "仅见报道"}}
CITE = re.compile(r"\{(?:cite|cite:p|cite:t)\}`([^`]+)`")



def lang_of(key: str) -> str:
    return "zh" if key.startswith("zh-") else "en"


def bibliography() -> dict:
    """{key: (file, fields)} of every entry in the .bib files that _config.yml lists."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    found = {}
    for name in config["bibtex_bibfiles"]:
        data = parse_string((ROOT / name).read_text(encoding="utf-8"), "bibtex")
        for key, entry in data.entries.items():
            found[key] = (name, {k.lower(): str(v) for k, v in entry.fields.items()})
    return found


def reported_keys() -> set:
    return {key for key, (_, fields) in bibliography().items() if fields.get("status") == "reported"}


def cited_lines(path: Path):
    """(line number, paragraph, cited keys) of each prose line of a MyST page that cites
    something; ``paragraph`` is the run of non-blank lines the line stands in, with the run
    before it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    prose, in_code = [], False
    for line in lines:
        if line.startswith("```{code-cell}") or line.startswith("```python"):
            in_code = True
        elif in_code and line.startswith("```"):
            in_code = False
            prose.append("")
            continue
        prose.append("" if in_code or line.lstrip().startswith("%") else line)
    start, before = 0, 0  # where this paragraph and the one before it start
    for number, line in enumerate(prose, 1):
        if not line.strip():
            if number - 1 > start:
                before = start
            start = number
            continue
        keys = {k.strip() for m in CITE.finditer(line) for k in m.group(1).split(",")}
        if keys:
            end = next((k for k in range(number, len(prose)) if not prose[k].strip()), len(prose))
            yield number, "\n".join(prose[before:end]), keys


def unhedged(path: Path, reported: set) -> list:
    """Each reported-only source that ``path`` cites whose first citation stands in a
    paragraph without the hedge wording: (line number, [key])."""
    lang = "zh" if "/zh/" in path.as_posix() else "en"
    seen, out = set(), []
    for n, paragraph, keys in cited_lines(path):
        first = sorted((keys & reported) - seen)
        seen |= keys
        if first and HEDGE[lang] not in paragraph.lower():
            out.append((n, first))
    return out


def test_every_entry_has_a_status_that_its_note_and_its_twin_agree_with():
    entries = bibliography()
    assert entries
    for key, (name, fields) in entries.items():
        status = fields.get("status")
        assert status in ("verified", "reported"), f"{name}: {key} has status {status!r}"
        note = fields.get("note", "")
        labels = NOTE_LABELS[lang_of(key)]
        assert labels[status] in note, f"{name}: {key} is {status} but its note does not say so"
        if status == "reported":
            assert labels["verified"] not in note.split(labels["reported"])[0], (
                f"{name}: {key} is reported only but its note first says verified")
        twin = key.removeprefix("zh-") if key.startswith("zh-") else "zh-" + key
        if twin in entries:
            assert entries[twin][1].get("status") == status, f"{key} and {twin} disagree"


def test_the_check_finds_an_unhedged_citation(tmp_path):
    """The check itself can fail: a made-up page citing a reported-only source plainly."""
    reported = reported_keys()
    key = sorted(k for k in reported if not k.startswith("zh-"))[0]
    page = tmp_path / "page.md"
    page.write_text(f"Lenders must do this {{cite}}`{key}`.\n\nIt is reported {{cite}}`{key}`.\n",
                    encoding="utf-8")
    assert unhedged(page, reported) == [(1, [key])]
    once = tmp_path / "once.md"
    once.write_text(f"It is reported that lenders must do this {{cite}}`{key}`.\n\n"
                    f"So they do it {{cite}}`{key}`.\n", encoding="utf-8")
    assert unhedged(once, reported) == []
    zh = tmp_path / "zh" / "page.md"
    zh.parent.mkdir()
    zh.write_text(f"贷款机构必须这样做{{cite}}`zh-{key}`。\n", encoding="utf-8")
    assert unhedged(zh, reported) == [(1, ["zh-" + key])]


def test_reported_only_sources_are_always_cited_with_the_hedge():
    reported = reported_keys()
    pages = sorted((ROOT / "book").rglob("*.md"))
    assert pages
    failures = {}
    for path in pages:
        rel = path.relative_to(ROOT).as_posix()
        if "_build" in rel:
            continue
        bad = unhedged(path, reported)
        if bad:
            failures[rel] = bad
    assert not failures, ("lines citing a reported-only source without the hedge "
                          "('reported' / '据报道'): " + repr(failures))
