"""The page "How the facts were checked" as a reader sees it: its counts of verified and
reported-only sources, and its list of what is still unconfirmed, equal what the bibliography
files say now. The bibliography is read here with pybtex (the parser sphinxcontrib-bibtex uses),
independently of the page's own small parser. Reuses the book build of ``test_book.py``."""

from __future__ import annotations

import re

import pytest
import yaml
from pybtex.database import parse_string

from tests.book.test_book import ROOT, page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

PAGES = {"en": "book/reference/fact-checking.html", "zh": "book/zh/reference/fact-checking.html"}
LABELS = {"en": ("Verified", "Reported only"), "zh": ("已核对", "仅见报道")}
KEY_LINE = {"en": r"Key in the bibliography: (\S+?)\.(?:\s|$)", "zh": r"文献编号：(\S+?)。"}
REPORTED_HEADING = {"en": "Reported only", "zh": "仅见报道"}
REVIEWED = {"en": "Last reviewed: 6 December 2026", "zh": "最近复核：2026年12月6日"}


def bibliography(lang: str) -> list:
    """(file, key, status, note) of every entry of ``lang`` in the files _config.yml lists; the
    status is the entry's ``status`` field."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    found = []
    for name in config["bibtex_bibfiles"]:
        data = parse_string((ROOT / name).read_text(encoding="utf-8"), "bibtex")
        for key, entry in data.entries.items():
            if key.startswith("zh-") == (lang == "zh"):
                note = str(entry.fields.get("note", ""))
                found.append((name, key, str(entry.fields.get("status", "none")), note))
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_counts_equal_the_bibliography(site, lang):  # noqa: F811
    entries = bibliography(lang)
    counts = {s: sum(1 for e in entries if e[2] == s) for s in ("verified", "reported", "none")}
    soup = page(site, PAGES[lang])
    shown = pasted(soup)
    for n in (len(entries), counts["verified"], counts["reported"]):
        assert str(n) in shown, f"{PAGES[lang]}: {n} not among the glued figures {shown}"

    table = soup.select_one("article table")
    rows = [[c.get_text(" ", strip=True) for c in tr.select("td")] for tr in table.select("tbody tr")]
    columns = ["verified", "reported"] + (["none"] if counts["none"] else [])
    # One row per bibliography file that holds entries of this language, in _config.yml's order.
    files = list(dict.fromkeys(e[0] for e in entries))
    expected = [[sum(1 for e in entries if e[0] == f and e[2] == s) for s in columns]
                + [sum(1 for e in entries if e[0] == f)] for f in files]
    expected.append([counts[s] for s in columns] + [len(entries)])
    assert [[int(c) for c in row[1:]] for row in rows] == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_reported_only_source_is_listed(site, lang):  # noqa: F811
    entries = bibliography(lang)
    reported = {key for _, key, s, _ in entries if s == "reported"}
    partly = {key for _, key, s, note in entries if s == "verified" and LABELS[lang][1] in note}
    soup = page(site, PAGES[lang])
    listed = {}
    for section in soup.select("article section"):
        heading = section.find(["h2", "h3"])
        if heading is not None and heading.name == "h3":
            listed[heading.get_text(strip=True)] = set(re.findall(KEY_LINE[lang], section.get_text(" ")))
    in_reported = next(keys for title, keys in listed.items()
                       if title.startswith(REPORTED_HEADING[lang]))
    assert in_reported == reported, (f"{PAGES[lang]}: missing {reported - in_reported}, "
                                     f"not reported only {in_reported - reported}")
    everywhere = set().union(*listed.values())
    assert everywhere == reported | partly, everywhere ^ (reported | partly)
    # Every key listed is a citation that links to the sources page.
    cites = [a for a in soup.select("article a[href]") if "sources.html#" in a["href"]]
    assert len(cites) >= len(everywhere)
    assert all(a.get_text().startswith("中") == (lang == "zh") for a in cites)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_states_the_review_date_and_the_reproduction(site, lang):  # noqa: F811
    text = page(site, PAGES[lang]).select_one("article").get_text(" ")
    assert REVIEWED[lang] in text
    assert "2f4c5c23716267af9dbebbbbd6cbbf732b101981" in text
    assert "flk.npc.gov.cn" in text and "court.gov.cn" in text
