"""Warnings as data: what a result could mislead a reader about, as a code with its parameters.

A simulator's result carries a tuple of ``Warning`` objects; the words come from the catalogs
(``warning.<code>``), so the app shows them beside the result, the command line prints them and
the JSON document lists them, in the reader's language. A parameter's name says how it is
written: ``..._cents`` is money, ``rate`` a percentage, ``date`` a day, anything else as it is.

>>> w = Warning("below_minimum", (("month", 1), ("payment_cents", 73608), ("minimum_cents", 80000)))
>>> message(w, "en")
'Pay at least the minimum of ¥800.00 in month 1: this way of paying gives only ¥736.08, and less than the minimum brings a default penalty and a late mark in your credit report.'
>>> to_dict(w, "zh")["minimum"]
800.0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulators.core import i18n
from simulators.core.money import to_yuan


@dataclass(frozen=True)
class Warning:  # noqa: A001  (the name the issue and the JSON use; never the builtin here)
    code: str
    params: tuple = ()

    @property
    def kwargs(self) -> dict:
        return dict(self.params)


def _text(name: str, value, lang: str, currency: str) -> str:
    if name.endswith("_cents"):
        return i18n.money(value, lang, currency)
    if name == "rate":
        return i18n.percent(value, lang)
    if isinstance(value, dt.date):
        return i18n.date(value, lang)
    return str(value)


def message(w: Warning, lang: str, currency: str = "CNY") -> str:
    """The warning in the reader's language."""
    fields = {name.removesuffix("_cents"): _text(name, value, lang, currency)
              for name, value in w.params}
    return i18n.t(lang, f"warning.{w.code}", **fields)


def to_dict(w: Warning, lang: str, currency: str = "CNY") -> dict:
    """For the JSON document: the code, each parameter (money in yuan or dollars, dates as
    ISO), and the message."""
    out = {"code": w.code}
    for name, value in w.params:
        if name.endswith("_cents"):
            out[name.removesuffix("_cents")] = to_yuan(value)
        elif isinstance(value, dt.date):
            out[name] = value.isoformat()
        else:
            out[name] = value
    out["message"] = message(w, lang, currency)
    return out
