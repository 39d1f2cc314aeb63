"""Figures of the page "How the facts were checked": the bibliography, counted and listed.

Called by ``book/reference/fact-checking.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/reference/fact-checking.md`` (``glue_figures("zh")``). Each edition counts the sources
of its own language (the Chinese edition's keys start with "zh-") in every .bib file that
_config.yml lists (bibtex_bibfiles), so a new file or entry is counted as soon as it is added. They
show a table of the sources by topic and by status (each entry's ``status`` field: verified,
reported only, or not yet labelled), the
counts, and two lists: the sources only reported, and those verified with a part only reported.
tests/book/test_fact_checking_page.py counts them again.

>>> sentence("A note", WORDS["en"])
'A note.'
>>> md("5$ (a_b)")
'5\\\\$ (a\\\\_b)'
"""
from __future__ import annotations

import re

import yaml
from lessonkit import ROOT, markdown, table, text

#: The languages, in the order of the columns of TOPICS.
LANGS = ("en", "zh")

#: What each bibliography file holds, in each language. A file not named here is shown by its
#: own name.
TOPICS = {
    "references.bib": ("Core sources, shared by all parts", "各部分共用的基本来源"),
    "references-terms.bib": ("Loan terms", "借款合同条款"),
    "references-rates.bib": ("Rates", "利率"),
    "references-costs.bib": ("Costs and fees", "费用与成本"),
    "references-late.bib": ("Late payment", "逾期还款"),
    "references-collection.bib": ("Debt collection", "催收"),
    "references-credit.bib": ("Credit records", "信用记录"),
    "references-cards.bib": ("Credit cards", "信用卡"),
    "references-rights.bib": ("Your rights", "你的权利"),
    "references-courts.bib": ("Courts and enforcement", "法院与执行"),
    "references-letters.bib": ("Sample letters", "示范信函"),
    "references-law.bib": ("Laws used by several lessons", "多课共用的法律"),
}

#: The page's words in each language. "verified" and "reported" are the two values of an entry's
#: ``status`` field, named as the sources page names them.
WORDS = {
    "en": {
        "verified": "Verified",
        "reported": "Reported only",
        "header": ["Topic", "{verified}", "{reported}", "No label yet", "All"],
        "all_topics": "All topics",
        "year": " ({year})",
        "key_line": "Key in the bibliography: {key}.",
        "stop": ".",
        "none_yet": "None at present.",
    },
    "zh": {
        "verified": "已核对",
        "reported": "仅见报道",
        "header": ["主题", "{verified}", "{reported}", "尚未标注", "合计"],
        "all_topics": "全部",
        "year": "（{year}年）",
        "key_line": "文献编号：{key}。",
        "stop": "。",
        "none_yet": "目前没有。",
    },
}


def edition(key):
    """The language of the edition that cites a source: its key starts with "zh-" in Chinese."""
    return "zh" if key.startswith("zh-") else "en"


def topic(path, lang):
    """What a bibliography file holds, in ``lang``."""
    if path.name in TOPICS:
        return TOPICS[path.name][LANGS.index(lang)]
    stem = path.stem.removeprefix("references-").removeprefix("references")
    return stem.replace("-", " ").strip().capitalize() or path.name


def closing(source, start):
    """The index of the brace that closes the one at ``start``."""
    depth = 0
    for i in range(start, len(source)):
        if source[i] == "{" and source[i - 1] != "\\":
            depth += 1
        elif source[i] == "}" and source[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced braces after position {start}")


def clean(value):
    """A field's BibTeX text as a reader sees it."""
    value = value.replace("``", "“").replace("''", "”")
    value = re.sub(r"\\([%$#&_])", r"\1", value)
    value = re.sub(r"(?<!\\)[{}]", "", value)
    return " ".join(value.split())


def entries(path):
    """Each entry of a .bib file: its key and its fields (title, year, note...)."""
    source = path.read_text(encoding="utf-8")
    for head in re.finditer(r"^[ \t]*@(\w+)[ \t]*\{[ \t]*([^,\s]+)[ \t]*,", source, re.M):
        if head.group(1).lower() in ("comment", "string", "preamble"):
            continue
        body = source[head.end():closing(source, source.index("{", head.start()))]
        fields, at = {}, 0
        while field := re.compile(r"[\s,]*(\w+)\s*=\s*").match(body, at):
            name, at = field.group(1).lower(), field.end()
            if body[at] == "{":
                end = closing(body, at)
                fields[name], at = clean(body[at + 1:end]), end + 1
            elif body[at] == '"':
                end = body.index('"', at + 1)
                fields[name], at = clean(body[at + 1:end]), end + 1
            else:
                bare = re.compile(r"[^,\s]*").match(body, at)
                fields[name], at = bare.group(0), bare.end()
        yield head.group(2), fields


def status(fields):
    """'verified' or 'reported': the entry's ``status`` field; 'none' if it has no valid one.

    >>> status({"status": "reported"}), status({"note": "Verified: ..."})
    ('reported', 'none')
    """
    value = fields.get("status", "")
    return value if value in ("verified", "reported") else "none"


def md(value):
    """Text with Markdown's special characters escaped ($ would start maths here)."""
    return re.sub(r"([\\`*_{}\[\]<>#|$~^])", r"\\\1", value)


def sentence(note, words):
    """A note ends with a full stop, as the sentences around it do."""
    return note if not note or note[-1] in ".。!?！？)）" else note + words["stop"]


def item(key, fields, words):
    """A definition-list item: the citation, title and year; the note; the key."""
    year = fields.get("year", "")
    when = words["year"].format(year=year) if year else ""
    # Plain text, not code: a long key then wraps at its hyphens on a phone.
    key_line = words["key_line"].format(key=key)
    return (f"{{cite}}`{key}` {md(fields.get('title', key))}{when}\n"
            f": {md(sentence(fields.get('note', ''), words))}\n\n  {key_line}")


def sources(lang):
    """(file, key, fields) of every source the edition in ``lang`` cites, file by file."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    files = [ROOT / name for name in config["bibtex_bibfiles"]]
    found = [(path, key, fields) for path in files if path.exists()
             for key, fields in entries(path) if edition(key) == lang]
    return files, found


def glue_figures(lang: str) -> None:
    """Count, list and glue the sources of the edition in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]
    files, found_sources = sources(lang)
    labelled = {s: 0 for s in ("verified", "reported", "none")}
    rows = []
    for path in files:
        found = [status(fields) for p, _, fields in found_sources
                 if p == path]
        if found:
            rows.append([topic(path, lang), *(found.count(s) for s in labelled), len(found)])
            for s in found:
                labelled[s] += 1
    rows.append([words["all_topics"], *labelled.values(), sum(labelled.values())])
    header = [h.format(**words) for h in words["header"]]
    if not labelled["none"]:  # every entry states its status: no column for the unlabelled
        header.pop(3)
        rows = [row[:3] + row[4:] for row in rows]
    rows[-1] = [f"**{cell}**" for cell in rows[-1]]
    markdown("by_topic", table(header, rows, align="l" + "r" * (len(header) - 1)))

    text("n_total", sum(labelled.values()))
    text("n_verified", labelled["verified"])
    text("n_reported", labelled["reported"])
    text("n_files", len(rows) - 1)

    notes = [(k, f, f.get("note", "")) for _, k, f in found_sources]
    reported = [(k, f) for k, f, note in notes if status(f) == "reported"]
    partly = [(k, f) for k, f, note in notes
              if status(f) == "verified" and words["reported"] in note]
    markdown("reported_list", "\n\n".join(item(k, f, words) for k, f in reported)
             or words["none_yet"])
    markdown("partly_list", "\n\n".join(item(k, f, words) for k, f in partly) or words["none_yet"])
    text("n_partly", len(partly))
