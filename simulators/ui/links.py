"""Links between the apps, and what a page's query string asks of an app.

Voila (and the in-browser kernel) put the page's query string in the kernel's environment as
``QUERY_STRING``, without the '?'. Every app reads ``lang``, where it has them ``preset``,
``present=1`` (projector mode: large type, results first) and ``scenario``: its whole scenario,
URL-safe base64 of the JSON the command line reads (``examples/*.json``), checked by the
simulator's own ``inputs.from_dict``. The credit-record app also reads ``jurisdiction``.
Unknown or unreadable values are ignored, or reported, never raised.

``scenario_link(app_name, data, lang)`` writes such a link: the instructor's kit lists one per
session-plan block, and the late-payment app links to the credit-record app with it.

No widgets here, and no app module: the apps import this module, never each other.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import json
import os
import urllib.parse

from simulators.core.fields import ScenarioError
from simulators.core.i18n import LANGUAGES

LATE_PAYMENT_APP = "late_payment.ipynb"
CREDIT_RECORD_APP = "credit_record.ipynb"
#: The apps, by the name of their simulator's package (and of their notebook).
APPS = ("late_payment", "credit_record", "true_cost", "minimum_payment", "repayment_plan")


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


def present_param(query: str | None) -> bool:
    """Whether the link asks for projector mode: ``present=1`` (or true / yes / on)."""
    parsed = urllib.parse.parse_qs((query or "").lstrip("?"))
    return _first(parsed, "present").lower() in ("1", "true", "yes", "on")


def scenario_params(query: str | None, check) -> dict:
    """``scenario`` and ``notice`` from a link's ``scenario=``: the decoded scenario and
    'from_link' when ``check(data)`` (the simulator's ``inputs.from_dict``) accepts it, only
    ``notice='corrupt'`` when the text cannot be decoded or the simulator refuses it; nothing
    when the link has none. Never raises."""
    parsed = urllib.parse.parse_qs((query or "").lstrip("?"))
    encoded = _first(parsed, "scenario")
    if not encoded:
        return {}
    try:
        data = decode_scenario(encoded)
        check(data)
    except Exception:  # noqa: BLE001 - a bad link is the reader's message, never a traceback
        return {"notice": "corrupt"}
    return {"scenario": data, "notice": "from_link"}


def scenario_link(app_name: str, data: dict, lang: str, present: bool = False) -> str:
    """The relative link that opens app ``app_name`` (one of ``APPS``: 'late_payment',
    'credit_record', 'true_cost', 'minimum_payment', 'repayment_plan'; '.ipynb' may be added) in
    ``lang`` ('en' or 'zh') with ``data`` as its whole scenario: ``data`` is what the command
    line reads for that simulator (an ``examples/*.json`` file), and is checked here by the
    simulator's ``inputs.from_dict``, so a link that is written always opens. ``present`` adds
    ``present=1`` (projector mode). Raises ValueError for an unknown app or language, or a
    scenario the simulator refuses.

    >>> scenario_link("late_payment", {"preset": "custom"}, "zh")
    'late_payment.ipynb?lang=zh&scenario=eyJwcmVzZXQiOiJjdXN0b20ifQ'
    """
    name = app_name[:-len(".ipynb")] if app_name.endswith(".ipynb") else app_name
    if name not in APPS:
        raise ValueError(f"app must be one of {APPS}")
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}")
    check = importlib.import_module(f"simulators.{name}.inputs").from_dict
    try:
        check(data)
    except ScenarioError as e:
        raise ValueError(f"not a {name} scenario: {[err.field for err in e.errors]}") from None
    query = {"lang": lang, "scenario": encode_scenario(data)}
    if present:
        query["present"] = "1"
    return f"{name}.ipynb?{urllib.parse.urlencode(query)}"


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
            try:
                importlib.import_module("simulators.credit_record.inputs").from_dict(data)
            except ScenarioError:
                raise ValueError("not a scenario") from None
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
