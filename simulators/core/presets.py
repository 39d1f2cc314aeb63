"""Product presets: the rules of a product, each number with the key of its source.

A preset is a JSON file in ``simulators/presets/``. Every value is ``{"value": ..., "source":
key}``; ``typical: true`` marks a rule that varies by lender ("typical contract term, check
yours"); ``note`` explains it in each language; ``also`` lists further source keys. Source keys
resolve in ``presets/sources.json`` and in the book's bibliography.
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


def _files():
    return resources.files("simulators") / "presets"


@lru_cache(maxsize=None)
def sources() -> dict:
    """Source key -> {"en", "zh", "status"}."""
    return json.loads((_files() / "sources.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def all_presets() -> dict:
    """Preset id -> Preset, in a stable order (custom last)."""
    found = {}
    for entry in sorted(_files().iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json") and entry.name != "sources.json":
            data = json.loads(entry.read_text(encoding="utf-8"))
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
