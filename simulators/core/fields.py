"""Field specs and errors: reading a number as a reader types it, checking a value against its
allowed range, and collecting every problem as a ``FieldError`` naming the field, so that the
message can be given in the reader's language. Every simulator's input contract uses these."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. ``code`` picks the message; ``params`` fill it in; ``kind``
    (money, rate, int, date, ...) says how to write its range in the reader's language."""

    field: str
    code: str
    params: tuple = ()
    kind: str = dataclasses.field(default="int", compare=False)

    @property
    def kwargs(self) -> dict:
        return dict(self.params)


class ScenarioError(ValueError):
    """A scenario that cannot be computed, with every problem found."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code} {e.kwargs}" for e in self.errors))


def parse_number(text, field: str, percent: bool = False):
    """A number typed by a reader, written the way people write amounts: '20,000', '12%',
    ' 1.5 ', '２０', '30000元', '¥30,000', '3万', '3.5万元', '8千' -> float.

    ``percent`` reads '12' as 12% (0.12). Raises ScenarioError(not_a_number) otherwise.

    >>> parse_number("3万", "loan.principal"), parse_number("3.5万元", "loan.principal")
    (30000.0, 35000.0)
    >>> parse_number("３０，０００元", "loan.principal"), parse_number("12", "rate", percent=True)
    (30000.0, 0.12)
    """
    if isinstance(text, bool):
        raise ScenarioError([FieldError(field, "not_a_number")])
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        cleaned = str(text).strip().translate(_FULLWIDTH).replace(",", "").replace("，", "")
        cleaned = cleaned.replace("¥", "").replace("￥", "").replace("元", "").strip()
        had_percent = cleaned.endswith(("%", "％"))
        cleaned = cleaned.rstrip("%％").strip()
        scale = _SCALES.get(cleaned[-1:], 1) if not had_percent else 1
        if scale != 1:
            cleaned = cleaned[:-1].strip()
        try:
            value = float(cleaned) * scale
        except ValueError:
            raise ScenarioError([FieldError(field, "not_a_number")]) from None
        if had_percent and not percent:
            value /= 100.0
    if not math.isfinite(value):
        raise ScenarioError([FieldError(field, "not_a_number")])
    return value / 100.0 if percent else value


_FULLWIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
#: How Chinese readers write round amounts: 3万 is 30,000, 8千 is 8,000.
_SCALES = {"万": 10_000, "千": 1_000}


def _check(errors, field, kind, lo, hi, value):
    """Return the cleaned value, or append a FieldError and return None."""
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if value is None:
        if optional:
            return None
        errors.append(FieldError(field, "required"))
        return None
    if kind == "choice":
        if value not in lo:
            errors.append(FieldError(field, "choice", (("choices", tuple(lo)),)))
            return None
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            errors.append(FieldError(field, "not_a_bool"))
            return None
        return value
    if kind == "date":
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            errors.append(FieldError(field, "not_a_date"))
            return None
        if not lo <= day <= hi:
            errors.append(FieldError(field, "date_range", (("min", lo), ("max", hi))))
            return None
        return day
    try:
        number = parse_number(value, field)
    except ScenarioError as e:
        errors.extend(e.errors)
        return None
    if kind == "int" and number != int(number):
        errors.append(FieldError(field, "not_whole", (("min", lo), ("max", hi)), kind))
        return None
    too_low = number < lo
    too_high = hi is not None and number > hi
    if too_low or too_high:
        code = {"money": "money_range", "rate": "rate_range", "int": "int_range"}[kind]
        if hi is None:
            code = "money_min"
        errors.append(FieldError(field, code, (("min", lo), ("max", hi)), kind))
        return None
    return int(number) if kind == "int" else number


def _unknown(errors, prefix, given: dict, known):
    for key in given:
        if key not in known:
            errors.append(FieldError(f"{prefix}{key}", "unknown_field"))
