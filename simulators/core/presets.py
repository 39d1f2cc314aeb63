"""Presets: the rules of products and credit reports as data, each number with the key of its
source; the one loader for all of them, which checks their shape.

A preset is a JSON file in ``simulators/presets/`` (loan products), ``presets/cards/`` (credit
cards) or ``presets/credit/`` (credit-report rules of a jurisdiction); ``presets/offers/`` holds
the true-cost simulator's example offers and reference lines. Every value is ``{"value": ...,
"source": key}``; ``typical: true`` marks a rule that varies by lender ("typical contract term,
check yours"); ``note`` explains it in each language; ``also`` lists further source keys. Source
keys resolve in ``presets/sources.json`` and in the book's bibliography: a key that does not, a
value without a source, or a name or summary missing a language is refused when loaded.

>>> sorted(load("credit"))
['cn', 'uk', 'us']
>>> load("cards")["cn_credit_card"]["rules"]["min_rate"]["value"]
0.1
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Preset:
    id: str
    jurisdiction: str
    name: dict
    summary: dict
    loan: dict  # field -> {"value", "source", ...}
    rules: dict

    def loan_values(self) -> dict:
        return {k: v["value"] for k, v in self.loan.items()}

    def rule_values(self) -> dict:
        return {k: v["value"] for k, v in self.rules.items()}


#: Each kind of preset and its folder under ``presets/``.
KINDS = {"loans": "", "cards": "cards", "credit": "credit", "offers": "offers"}
#: The parts of a preset whose every entry is a value with its source.
VALUE_PARTS = ("loan", "rules", "card")
LANGUAGES = ("en", "zh")


class PresetError(ValueError):
    """A preset file whose shape is wrong: a mistake in the project's data, not the reader's."""


def _files():
    return resources.files("simulators") / "presets"


def _folder(kind: str):
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {tuple(KINDS)}")
    return _files() / KINDS[kind] if KINDS[kind] else _files()


def _check_sources(node, where: str, known: dict):
    """Every ``source`` and ``also`` key anywhere in ``node`` names a known source."""
    if isinstance(node, dict):
        for key in ([node["source"]] if "source" in node else []) + list(node.get("also", [])):
            if key not in known:
                raise PresetError(f"{where}: unknown source key {key!r}")
        for name, value in node.items():
            _check_sources(value, f"{where}.{name}", known)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _check_sources(value, f"{where}[{i}]", known)


def check(data: dict, where: str) -> dict:
    """``data`` if it has the shape of a preset (see the module's docstring); PresetError
    naming the file and the entry otherwise."""
    if not isinstance(data.get("id"), str):
        raise PresetError(f"{where}: no id")
    for part in ("name", "summary"):
        if not all(isinstance(data.get(part, {}).get(lang), str) for lang in LANGUAGES):
            raise PresetError(f"{where}: {part} must be given in {' and '.join(LANGUAGES)}")
    for part in VALUE_PARTS:
        for name, entry in data.get(part, {}).items():
            if not (isinstance(entry, dict) and "value" in entry and "source" in entry):
                raise PresetError(f"{where}: {part}.{name} must be {{'value': ..., 'source': key}}")
    _check_sources(data, where, sources())
    return data


@lru_cache(maxsize=None)
def load(kind: str) -> dict:
    """Every preset of ``kind`` (``loans``, ``cards`` or ``credit``), checked: id -> its JSON,
    in the order of their file names."""
    found = {}
    for entry in sorted(_folder(kind).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json") and entry.name != "sources.json":
            data = check(json.loads(entry.read_text(encoding="utf-8")), f"{KINDS[kind]}/{entry.name}")
            found[data["id"]] = data
    return found


@lru_cache(maxsize=None)
def document(kind: str, name: str) -> dict:
    """A data file of presets that is not one preset (``document("offers", "examples")``),
    its source keys checked."""
    data = json.loads((_folder(kind) / f"{name}.json").read_text(encoding="utf-8"))
    _check_sources(data, f"{KINDS[kind]}/{name}.json", sources())
    return data


@lru_cache(maxsize=None)
def sources() -> dict:
    """Source key -> {"en", "zh", "status"}."""
    return json.loads((_files() / "sources.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def all_presets() -> dict:
    """Preset id -> Preset, in a stable order (custom last)."""
    found = {}
    for data in load("loans").values():
        found[data["id"]] = Preset(
            id=data["id"],
            jurisdiction=data["jurisdiction"],
            name=data["name"],
            summary=data["summary"],
            loan=data["loan"],
            rules=data["rules"],
        )
    custom = found.pop("custom")
    found["custom"] = custom
    return found


def get(preset_id: str) -> Preset:
    return all_presets()[preset_id]
