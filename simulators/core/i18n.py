"""Words and number formats in the reader's language.

Every string a reader sees comes from one message catalog per language
(``simulators/locales/en.json`` and ``zh.json``), looked up by key, with ``{name}`` fields.
Money, percentages, days and dates are formatted here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
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


def money(cents: int, lang: str) -> str:
    """¥1,234.56 in English; 1,234.56 元 in Chinese. Negative amounts get a minus sign."""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    digits = f"{whole:,}.{frac:02d}"
    return f"{sign}¥{digits}" if lang == "en" else f"{sign}{digits} 元"


def percent(fraction, lang: str, digits: int = 2) -> str:
    """0.1268 -> '12.68%'. None -> a dash."""
    if fraction is None:
        return "—"
    return f"{fraction * 100:,.{digits}f}%"


def rate_or_none(value, lang: str) -> str:
    return t(lang, "none") if value is None else percent(value, lang)


def date(day: dt.date, lang: str) -> str:
    """15 Mar 2026 / 2026年3月15日."""
    if lang == "en":
        return f"{day.day} {day:%b} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def days(n: int, lang: str) -> str:
    n = int(n)
    if lang == "en":
        return "1 day" if n == 1 else f"{n:,} days"
    return f"{n}天"


def instalments(numbers, lang: str) -> str:
    """'instalment 3', 'instalments 3 and 4', 'instalments 3 to 6' / '第3期', '第3、4期', '第3至6期'."""
    numbers = sorted(set(int(x) for x in numbers))
    if not numbers:
        return ""
    run = len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1))
    if lang == "en":
        if len(numbers) == 1:
            return f"instalment {numbers[0]}"
        if run:
            return f"instalments {numbers[0]} to {numbers[-1]}"
        return "instalments " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    if run:
        return f"第{numbers[0]}至{numbers[-1]}期"
    return "第" + "、".join(map(str, numbers)) + "期"


def field_label(field: str, lang: str) -> str:
    """'loan.principal' -> 'Amount borrowed'; 'late[2].days_late' -> 'Late payment 2: days late'."""
    cat = catalog(lang)
    # An entry of a list: 'late[2].days_late', 'offers[1].extras[2].amount'.
    head, bracket, tail = field.partition("[")
    if bracket and tail.split("]", 1)[0].isdigit() and f"field.{head.rsplit('.', 1)[-1]}_entry" in cat:
        index, _, rest = tail.partition("]")
        outer, _, name = head.rpartition(".")
        sep = ": " if lang == "en" else "，"
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
