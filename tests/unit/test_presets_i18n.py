"""Presets are complete and sourced; the two message catalogs say the same things."""

import pathlib
import re

import pytest

from simulators.core import i18n
from simulators.core import presets
from simulators.late_payment.engine import simulate
from simulators.core.schedule import LOAN_FIELDS
from simulators.late_payment.inputs import RULE_FIELDS, scenario_from_dict

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("preset_id", list(presets.all_presets()))
def test_every_preset_value_has_a_known_source_and_computes(preset_id):
    p = presets.get(preset_id)
    # Every loan value but the start date: a loan starts on the reader's today (issue 14).
    assert set(p.loan) == set(LOAN_FIELDS) - {"start_date"} and set(p.rules) == set(RULE_FIELDS)
    known = presets.sources()
    for entry in [*p.loan.values(), *p.rules.values()]:
        assert entry["source"] in known
        for key in entry.get("also", []):
            assert key in known
        if "note" in entry:
            assert set(entry["note"]) == {"en", "zh"}
    for lang in ("en", "zh"):
        assert p.name[lang] and p.summary[lang]
    r = simulate(scenario_from_dict({"preset": preset_id, "late": [{"instalment": 1, "days_late": 40}]}))
    assert r.extra_cost > 0


def test_rules_that_vary_by_lender_are_marked_typical():
    for p in presets.all_presets().values():
        for name, entry in p.rules.items():
            if entry["source"] == "sample-contract":
                assert entry.get("typical"), f"{p.id}.{name} comes from the sample contract"


def test_legal_sources_are_in_the_bibliography():
    keys = set()
    for bib in (ROOT / "book").glob("*.bib"):
        keys |= set(re.findall(r"@\w+\{([^,]+),", bib.read_text(encoding="utf-8")))
    for key, source in presets.sources().items():
        if source["status"] != "example":
            assert key in keys, f"source {key} is not in book/references.bib"


def test_unverified_sources_say_so_in_both_languages():
    for key, source in presets.sources().items():
        if source["status"] == "unverified":
            assert "reported" in source["en"] and "据报道" in source["zh"]


def test_catalogs_have_the_same_keys_and_fields():
    en, zh = i18n.catalog("en"), i18n.catalog("zh")
    assert set(en) == set(zh)
    for key in en:
        if key.startswith("format."):
            # A format may write the same date with other parts (15 Mar 2026 / 2026年3月15日);
            # test_number_and_date_formats_follow_the_language checks what each one gives.
            continue
        assert set(re.findall(r"\{(\w*)\}", en[key])) == set(re.findall(r"\{(\w*)\}", zh[key])), key


def test_number_and_date_formats_follow_the_language():
    import datetime as dt
    assert i18n.money(123456789, "en") == "¥1,234,567.89"
    assert i18n.money(123456789, "zh") == "1,234,567.89元"
    assert i18n.money(-5, "en") == "-¥0.05"
    # As a Chinese reader writes money in a sentence: no space before 元, no ".00" on whole
    # yuan (3,000元); a table keeps the cents so that its column lines up (3,000.00元).
    assert i18n.money(300000, "zh") == "3,000元" and i18n.money(107461, "zh") == "1,074.61元"
    assert i18n.money(300000, "zh", table=True) == "3,000.00元"
    assert i18n.money(-300000, "zh") == "-3,000元" and i18n.money(300000, "en") == "¥3,000.00"
    assert i18n.date(dt.date(2026, 3, 5), "en") == "5 Mar 2026"
    assert i18n.date(dt.date(2026, 3, 5), "zh") == "2026年3月5日"
    assert i18n.instalments([3, 4], "en") == "instalments 3 and 4"
    assert i18n.instalments([3, 4, 5, 6], "zh") == "第3至6期"
    assert i18n.instalments([2, 5, 9], "en") == "instalments 2, 5 and 9"
    assert i18n.instalments([2, 5, 9], "zh") == "第2、5、9期"
    assert i18n.instalments([7], "en") == "instalment 7" and i18n.instalments([7], "zh") == "第7期"
    assert i18n.money(100, "en", "USD") == "$1.00" and i18n.money(100, "zh", "USD") == "1美元"
    assert i18n.month(dt.date(2026, 3, 5), "en") == "Mar 2026"
    assert i18n.month(dt.date(2026, 3, 5), "en", long=True) == "March 2026"
    assert i18n.month(dt.date(2026, 3, 5), "zh") == "2026年3月"
    assert i18n.days(1, "en") == "1 day" and i18n.days(1000, "en") == "1,000 days"
    assert i18n.days(1000, "zh") == "1000天"
    assert i18n.days(1, "en") == "1 day" and i18n.days(45, "zh") == "45天"
