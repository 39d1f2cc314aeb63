"""Links between the apps, and what a page's query string asks of an app.

Voila (and the in-browser kernel) put the page's query string in the kernel's environment as
``QUERY_STRING``, without the '?'. Every app reads ``lang`` and, where it has them, ``preset``;
the credit-record app also reads ``jurisdiction`` and ``scenario`` (a scenario of the
late-payment simulator, URL-safe base64 of its JSON), which the late-payment app writes into its
link. Unknown or unreadable values are ignored, or reported, never raised.

No widgets here, and no app module: the apps import this module, never each other.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import urllib.parse

from simulators.core.i18n import LANGUAGES

LATE_PAYMENT_APP = "late_payment.ipynb"
CREDIT_RECORD_APP = "credit_record.ipynb"


def environment_query() -> str:
    """The page's query string, as Voila passes it to the kernel."""
    return os.environ.get("QUERY_STRING", "")


def _first(parsed: dict, name: str) -> str:
    return (parsed.get(name) or [""])[0].strip()


def query_params(query: str | None) -> dict:
    """``lang`` and ``preset`` from a query string such as '?lang=zh&preset=...'. A language
    other than the book's is ignored; 'zh-CN', 'zh_TW' ... are Chinese."""
    if not query:
        return {}
    parsed = urllib.parse.parse_qs(query.lstrip("?"), keep_blank_values=False)
    out = {}
    lang = _first(parsed, "lang").lower().replace("_", "-")
    if lang.startswith("zh"):
        out["lang"] = "zh"
    elif lang in LANGUAGES:
        out["lang"] = lang
    preset = _first(parsed, "preset")
    if preset:
        out["preset"] = preset
    return out


def app_params(query: str | None, preset_ids=()) -> dict:
    """The keyword arguments of an app for ``query``: its language, and its preset when it is
    one of ``preset_ids`` (an app without presets passes none)."""
    params = query_params(query)
    if params.get("preset") not in preset_ids:
        params.pop("preset", None)
    return params


def encode_scenario(data: dict) -> str:
    """A scenario as the ``scenario=`` value of a link: URL-safe base64 of its JSON."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_scenario(text: str) -> dict:
    """The inverse of ``encode_scenario``; raises ValueError for anything that is not one."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, ValueError) as e:
        raise ValueError(str(e)) from None
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data


def _looks_like_a_scenario(data: dict) -> bool:
    late = data.get("late", [])
    return (isinstance(data.get("loan", {}), dict) and isinstance(data.get("rules", {}), dict)
            and isinstance(late, list) and all(isinstance(e, dict) for e in late))


def credit_record_params(query: str | None, jurisdictions=()) -> dict:
    """The credit-record app's arguments: ``lang``, ``jurisdiction`` (one of ``jurisdictions``),
    ``scenario`` and ``notice`` ('from_link' for a scenario read from the link, 'corrupt' for a
    link whose scenario cannot be read)."""
    params = app_params(query)
    parsed = urllib.parse.parse_qs((query or "").lstrip("?"))
    where = (parsed.get("jurisdiction") or [""])[0]
    if where in jurisdictions:
        params["jurisdiction"] = where
    encoded = (parsed.get("scenario") or [""])[0]
    if encoded:
        try:
            data = decode_scenario(encoded)
            if not _looks_like_a_scenario(data):
                raise ValueError("not a scenario")
            params["scenario"] = data
            params["notice"] = "from_link"
        except ValueError:
            params["notice"] = "corrupt"
    return params


def link_to_credit_record(data: dict, lang: str) -> str:
    """The relative link from another app to the credit-record app with ``data`` (a scenario of
    the late-payment simulator) as its scenario."""
    query = urllib.parse.urlencode({"lang": lang, "scenario": encode_scenario(data)})
    return f"{CREDIT_RECORD_APP}?{query}"


def link_to_late_payment(lang: str, preset: str = "") -> str:
    """The relative link to the late-payment app in ``lang`` with ``preset``."""
    return f"{LATE_PAYMENT_APP}?{urllib.parse.urlencode({'lang': lang, 'preset': preset})}"
