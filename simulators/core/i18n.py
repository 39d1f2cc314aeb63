"""Words and number formats in the reader's language.

Every string a reader sees comes from the message catalogs of its language
(``simulators/locales/<lang>.json``, the common words and formats of ``locales/common/``, and one
folder per further simulator), looked up by key, with ``{name}`` fields. Money (yuan and
dollars), percentages, dates, months, day counts, punctuation and terminal tables are formatted
here and nowhere else, from the catalogs' formats: no ``if lang == ...`` decides a word.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import unicodedata
from html import escape as _escape
from functools import lru_cache
from importlib import resources

LANGUAGES = ("en", "zh")


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict:
    """All messages in ``lang``: ``locales/<lang>.json`` (shared words and the late-payment
    simulator) merged with ``locales/<topic>/<lang>.json`` for each further simulator. A key
    defined twice is a mistake and raises."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}")
    root = resources.files("simulators") / "locales"
    merged = json.loads((root / f"{lang}.json").read_text(encoding="utf-8"))
    for folder in sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name):
        path = folder / f"{lang}.json"
        if not path.is_file():
            continue
        part = json.loads(path.read_text(encoding="utf-8"))
        twice = set(part) & set(merged)
        if twice:
            raise ValueError(f"message keys defined twice ({folder.name}): {sorted(twice)}")
        merged.update(part)
    return merged


def t(lang: str, key: str, **fields) -> str:
    """The message ``key`` in ``lang``, with its fields filled in."""
    text = catalog(lang)[key]
    return text.format(**fields) if fields else text


def punct(lang: str, name: str) -> str:
    """A punctuation mark or separator of ``lang``: colon, semicolon, stop, comma, list (between
    items of a list), sentences and words (what joins them), field (between parts of a label).

    >>> punct("en", "colon"), punct("zh", "colon"), punct("zh", "list")
    (': ', '：', '、')
    """
    return t(lang, f"punct.{name}")


def money(cents: int, lang: str, currency: str = "CNY", table: bool = False) -> str:
    """Whole cents in ``currency`` (CNY or USD). Negative amounts get a minus sign.

    As a reader of the language writes it: in Chinese no space before 元 and, in a sentence, no
    ".00" on whole yuan (``format.money.whole``); a ``table`` keeps the cents so that its
    columns line up.

    >>> money(123456, "en"), money(123456, "zh"), money(-5, "en", "USD"), money(100, "zh", "USD")
    ('¥1,234.56', '1,234.56元', '-$0.05', '1美元')
    >>> money(300000, "zh"), money(300000, "zh", table=True), money(300000, "en")
    ('3,000元', '3,000.00元', '¥3,000.00')
    """
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    digits = f"{whole:,}.{frac:02d}"
    if frac == 0 and not table and t(lang, "format.money.whole") == "no_cents":
        digits = f"{whole:,}"
    return t(lang, f"format.money.{currency}", sign=sign, digits=digits)


def percent(fraction, lang: str, digits: int = 2) -> str:
    """A fraction as a percentage; None as a dash.

    >>> percent(0.1268, "en"), percent(0.5, "zh", digits=0), percent(None, "en")
    ('12.68%', '50%', '—')
    """
    if fraction is None:
        return "—"
    return f"{fraction * 100:,.{digits}f}%"


def rate_or_none(value, lang: str) -> str:
    return t(lang, "none") if value is None else percent(value, lang)


def date(day: dt.date, lang: str) -> str:
    """A day in words.

    >>> date(dt.date(2026, 3, 15), "en"), date(dt.date(2026, 3, 15), "zh")
    ('15 Mar 2026', '2026年3月15日')
    """
    return t(lang, "format.date", day=day.day, month=day.month, year=day.year, date=day)


def month(day: dt.date, lang: str, long: bool = False) -> str:
    """The month of ``day``: short on charts and tables, ``long`` in sentences.

    >>> month(dt.date(2026, 3, 15), "en"), month(dt.date(2026, 3, 15), "en", long=True)
    ('Mar 2026', 'March 2026')
    >>> month(dt.date(2026, 3, 15), "zh")
    '2026年3月'
    """
    key = "format.month_long" if long else "format.month_short"
    return t(lang, key, month=day.month, year=day.year, date=day)


def year(number: int, lang: str) -> str:
    """A year in words.

    >>> year(2017, "en"), year(2017, "zh")
    ('2017', '2017年')
    """
    return t(lang, "format.year", year=number)


def days(n: int, lang: str) -> str:
    """A number of days.

    >>> days(1, "en"), days(1200, "en"), days(45, "zh")
    ('1 day', '1,200 days', '45天')
    """
    n = int(n)
    return t(lang, "format.day_one") if n == 1 else t(lang, "format.days", n=n)


def term_months(n: int, lang: str) -> str:
    """A loan's term.

    >>> term_months(24, "en"), term_months(24, "zh")
    ('24 months', '24个月')
    """
    return t(lang, "format.term_months", n=int(n))


def instalments(numbers, lang: str) -> str:
    """'instalment 3', 'instalments 3 and 4', 'instalments 3 to 6' / '第3期', '第3、4期', '第3至6期'."""
    numbers = sorted(set(int(x) for x in numbers))
    if not numbers:
        return ""
    if len(numbers) == 1:
        return t(lang, "format.instalment_one", n=numbers[0])
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return t(lang, "format.instalment_run", first=numbers[0], last=numbers[-1])
    items = t(lang, "format.instalment_sep").join(map(str, numbers[:-1]))
    return t(lang, "format.instalment_list", items=items, last=numbers[-1])


def field_label(field: str, lang: str) -> str:
    """The label of a field, entries of lists numbered.

    >>> field_label("loan.principal", "en"), field_label("late[2].days_late", "en")
    ('Amount borrowed', 'Late payment 2: days late')
    >>> field_label("late[2].days_late", "zh")
    '第2条逾期记录，逾期天数'
    """
    cat = catalog(lang)
    # An entry of a list: 'late[2].days_late', 'offers[1].extras[2].amount'.
    head, bracket, tail = field.partition("[")
    if bracket and tail.split("]", 1)[0].isdigit() and f"field.{head.rsplit('.', 1)[-1]}_entry" in cat:
        index, _, rest = tail.partition("]")
        outer, _, name = head.rpartition(".")
        sep = punct(lang, "field")
        label = t(lang, f"field.{name}_entry", n=index)
        if outer:
            label = f"{field_label(outer, lang)}{sep}{label}"
        rest = rest.lstrip(".")
        if not rest:
            return label
        inner = field_label(rest, lang) if "[" in rest else cat.get(f"field.{name}.{rest}", rest)
        return f"{label}{sep}{inner}"
    return cat.get(f"field.{field}", field)


def _value(v, kind: str, lang: str) -> str:
    if isinstance(v, dt.date):
        return date(v, lang)
    if kind == "rate":
        return percent(v, lang, digits=0 if float(v * 100).is_integer() else 2)
    if kind == "money":
        return money(round(v * 100), lang)
    return f"{v:,}" if isinstance(v, (int, float)) else str(v)


def error_message(error, lang: str) -> str:
    """A FieldError as one sentence naming the field and what it may be."""
    kind = error.kind.rstrip("?")
    params = {}
    for key, v in error.params:
        if key == "choices":
            params[key] = ", ".join(str(c) for c in v)
        else:
            params[key] = _value(v, kind, lang) if v is not None else ""
    return t(lang, f"error.{error.code}", field=field_label(error.field, lang), **params)


def choice_label(field: str, value, lang: str) -> str:
    key = f"choice.{field}.{value}"
    return catalog(lang).get(key, str(value))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a wide (CJK) character takes two.

    >>> display_width("Loan"), display_width("贷款")
    (4, 4)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: The widest line of the command line's text output, in display columns: it fits a page of A4
#: in a monospaced font (a CJK character takes two columns).
TEXT_WIDTH = 80

#: What ``text_table`` writes: 'text' (a terminal table), 'markdown' or 'html'.
_TABLE_FORMAT = contextvars.ContextVar("bh_table_format", default="text")
TABLE_FORMATS = ("text", "markdown", "html")


@contextlib.contextmanager
def table_format(fmt: str):
    """Inside, ``text_table`` writes its tables as ``fmt`` ('text', 'markdown' or 'html'): the
    command line's ``--format``."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"format must be one of {TABLE_FORMATS}")
    token = _TABLE_FORMAT.set(fmt)
    try:
        yield
    finally:
        _TABLE_FORMAT.reset(token)


def _is_wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


#: Marks that must not begin a line (Chinese and closing punctuation).
_NO_LINE_START = set("，。；：、！？）》」』”’,.;:!?)%")


def wrap(line: str, width: int = TEXT_WIDTH) -> list:
    """``line`` cut into lines of at most ``width`` display columns: between words, or between
    two CJK characters; a line's leading spaces and a '- ' bullet indent the lines that follow.

    >>> wrap("- one two three", 9)
    ['- one two', '  three']
    >>> wrap("按时还款的总额多出不少", 10)
    ['按时还款的', '总额多出不', '少']
    """
    if display_width(line) <= width:
        return [line]
    stripped = line.lstrip(" ")
    indent = " " * (len(line) - len(stripped))
    hang = indent + ("  " if stripped.startswith(("- ", "! ")) else "")
    tokens: list = []
    word = ""
    for c in stripped:
        if _is_wide(c) and word[-1:].isdigit():
            tokens.append(word + c)  # '3,000元', '24个': a number keeps its unit
            word = ""
        elif _is_wide(c) or c == " ":
            if word:
                tokens.append(word)
                word = ""
            if c in _NO_LINE_START and tokens:
                tokens[-1] += c
            else:
                tokens.append(c)
        elif c in _NO_LINE_START and not word and tokens and tokens[-1] != " ":
            tokens[-1] += c
        else:
            word += c
    if word:
        tokens.append(word)
    lines, current = [], indent
    for tok in tokens:
        if current.strip() and display_width(current + tok) > width and tok != " ":
            lines.append(current.rstrip())
            current = hang
        if tok == " " and not current.strip():
            continue
        current += tok
    if current.strip():
        lines.append(current.rstrip())
    return lines


def fit_width(text: str, width: int = TEXT_WIDTH) -> str:
    """Every line of ``text`` wrapped to ``width`` display columns (``wrap``)."""
    return "\n".join(out for line in text.split("\n") for out in wrap(line, width))


def text_table(headers, rows, right=(), width: int = TEXT_WIDTH) -> str:
    """A terminal table: a header, a rule, and the rows, each column as wide as its widest
    cell in display columns; the columns numbered in ``right`` are aligned right.

    A table wider than ``width`` columns becomes one block per row (its first cell, then each
    other cell after its header), so that it fits a page; inside ``table_format('markdown')`` or
    ``table_format('html')`` the table is written in that format instead.

    >>> print(text_table(["月份", "Paid"], [["1", "¥5.00"], ["12", "¥60.00"]], right=(1,)))
    月份    Paid
    ----  ------
    1      ¥5.00
    12    ¥60.00
    """
    fmt = _TABLE_FORMAT.get()
    if fmt == "markdown":
        def cell(x):
            return str(x).replace("|", "\\|") or " "
        out = ["", "| " + " | ".join(cell(h) for h in headers) + " |",
               "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
        out += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
        return "\n".join(out + [""])
    if fmt == "html":
        def cells(tag, r):
            num = ' class="num"'
            return "".join(f"<{tag}{num if i in right else ''}>{_escape(str(x))}</{tag}>"
                           for i, x in enumerate(r))
        body = "".join(f"<tr>{cells('td', r)}</tr>" for r in rows)
        return f"<table><thead><tr>{cells('th', headers)}</tr></thead><tbody>{body}</tbody></table>"
    widths = [max(display_width(str(x)) for x in col) for col in zip(headers, *rows)]
    if sum(widths) + 2 * (len(widths) - 1) > width and len(headers) > 1:
        colon = "：" if any(_is_wide(c) for h in headers for c in str(h)) else ": "
        blocks = []
        for r in rows:
            head = f"{headers[0]} {r[0]}" if str(headers[0]) and str(r[0]) else str(r[0])
            blocks.append(head or "-")
            blocks += [f"  {h}{colon}{x}" if str(h) else f"  {x}"
                       for h, x in zip(headers[1:], r[1:])]
        return "\n".join(blocks)

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            pad = " " * (widths[i] - display_width(str(c)))
            out.append(pad + str(c) if i in right else str(c) + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])
