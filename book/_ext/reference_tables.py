"""Tables of the methodology page, generated from the engine so that they never drift from it.

- ``inputs_table``: every loan and rule field with its allowed range (``scenario.LOAN_FIELDS`` and
  ``RULE_FIELDS``) and its default in the custom preset.
- ``late_entries_table``: the two kinds of late-payment entry and their limits.
- ``output_tables``: the JSON output of the command line, key by key. It raises if the engine's
  output has a key this page does not describe (or the reverse), which fails the book build.
- ``preset_sections``: every preset file, its example loan and its rules with their sources.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from simulators.core import i18n
from simulators.core import presets
from simulators.late_payment import report as late_payment_report
from simulators.late_payment.engine import simulate
from simulators.core.schedule import LOAN_FIELDS
from simulators.late_payment.inputs import (MAX_DAYS_LATE, MAX_LATE_ENTRIES, RULE_FIELDS, scenario_from_dict)

from lessonkit import ROOT, rate

# --------------------------------------------------------------------------- words

WORDS = {
    "en": {
        "field": "Field", "meaning": "What it is", "allowed": "Allowed values",
        "default": "Default (custom preset)", "key": "Key", "type": "Type",
        "money": "amount in yuan", "money_range": "amount in yuan, {lo} to {hi}",
        "money_min": "amount in yuan, at least {lo}", "rate": "fraction, {lo} to {hi}",
        "int": "whole number, {lo} to {hi}", "choice": "one of {choices}",
        "date": "date YYYY-MM-DD, {lo} to {hi}", "bool": "true or false",
        "or_null": "; or null (none)", "below_principal": "; less than the principal",
        "none": "null", "instalment": "instalment number, 1 to the number of instalments (1 for a bullet loan)",
        "days": "whole number of days, 0 to {max}",
        "entry_late": "one instalment paid late", "entry_stop": "payments stop for a while",
        "entries": "Entry", "typical": "typical contract term, check yours", "source": "Source",
        "example_loan": "Example loan", "rules": "Rules",
        "today": "the day the simulator runs (today)",
    },
    "zh": {
        "field": "字段", "meaning": "含义", "allowed": "允许取值",
        "default": "默认值（自定义预设）", "key": "键", "type": "类型",
        "money": "金额（元）", "money_range": "金额（元），{lo}至{hi}",
        "money_min": "金额（元），不小于{lo}", "rate": "小数，{lo}至{hi}",
        "int": "整数，{lo}至{hi}", "choice": "取值之一：{choices}",
        "date": "日期 YYYY-MM-DD，{lo}至{hi}", "bool": "true 或 false",
        "or_null": "；或 null（无）", "below_principal": "；须小于借款金额",
        "none": "null", "instalment": "期数，1至总期数（到期一次还本付息的贷款只有1期）",
        "days": "天数（整数），0至{max}",
        "entry_late": "某一期晚还", "entry_stop": "一段时间内停止还款",
        "entries": "记录", "typical": "常见合同条款，请核对你的合同", "source": "来源",
        "example_loan": "示例贷款", "rules": "规则",
        "today": "运行模拟器的当天（今天）",
    },
}


def _code(text) -> str:
    return f"`{text}`"


def _number(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else f"{v:g}"


def allowed(name: str, spec: tuple, lang: str) -> str:
    """The allowed values of a field, in words, from its (kind, min, max) spec."""
    w = WORDS[lang]
    kind, lo, hi = spec
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if kind == "choice":
        text = w["choice"].format(choices=", ".join(_code(json.dumps(c)) for c in lo))
    elif kind == "bool":
        text = w["bool"]
    elif kind == "date":
        text = w["date"].format(lo=lo.isoformat(), hi=hi.isoformat())
    elif kind == "money":
        text = (w["money_range"].format(lo=_number(lo), hi=_number(hi)) if hi is not None
                else w["money_min"].format(lo=_number(lo)))
    elif kind == "rate":
        text = w["rate"].format(lo=_number(lo), hi=_number(hi))
    elif kind == "int":
        text = w["int"].format(lo=_number(lo), hi=_number(hi))
    else:  # a kind this page does not know yet: fail the build rather than mislead
        raise ValueError(f"unknown field kind {kind!r} for {name}")
    if name == "upfront_fee":
        text += w["below_principal"]
    if optional:
        text += w["or_null"]
    return text


def _default(value) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    return _code(json.dumps(value))


def inputs_table(lang: str) -> str:
    """Every loan and rule field, as a definition list (it reads well on a phone): its JSON name
    and what it is; its allowed values and its default in the custom preset."""
    w = WORDS[lang]
    custom = presets.get("custom")
    colon = ": " if lang == "en" else "："
    items = []
    for prefix, fields, defaults in (("loan", LOAN_FIELDS, custom.loan_values()),
                                     ("rules", RULE_FIELDS, custom.rule_values())):
        for name, spec in fields.items():
            items.append(f"{_code(f'{prefix}.{name}')} · {i18n.field_label(f'{prefix}.{name}', lang)}\n"
                         f": {allowed(name, spec, lang)}. {w['default']}{colon}"
                         f"{w['today'] if name == 'start_date' else _default(defaults.get(name))}")
    return "\n\n".join(items)


def late_entries_table(lang: str) -> str:
    """The two kinds of late-payment entry, as a definition list."""
    w = WORDS[lang]
    days = w["days"].format(max=_number(MAX_DAYS_LATE))
    one = _code(json.dumps({"instalment": 3, "days_late": 45}))
    stop = _code(json.dumps({"stop_from": 5, "days": 120}))
    return "\n\n".join([
        f"{w['entry_late']}: {one}\n"
        f": {_code('instalment')}: {w['instalment']}; {_code('days_late')}: {days}",
        f"{w['entry_stop']}: {stop}\n"
        f": {_code('stop_from')}: {w['instalment']}; {_code('days')}: {days}",
    ])


def max_late_entries() -> str:
    return _number(MAX_LATE_ENTRIES)


# --------------------------------------------------------------------------- JSON output

#: What each key of the command line's JSON output means. The build fails if the engine's
#: output and this description disagree.
OUTPUT_KEYS = {
    "en": {
        "top": {
            "schema": "The format's name and version: `borrowers-handbook/late-payment/1`.",
            "lang": "The language of the words in the output: `en` or `zh`.",
            "currency": "Always `CNY`: amounts are in yuan, rounded to the fen.",
            "scenario": "The scenario as computed: every loan value and rule spelled out (the preset's values filled in).",
            "received": "The money the borrower actually has: the principal less any fee charged up front.",
            "on_time": "Totals paying every instalment on its due date (keys below).",
            "late": "Totals paying late as the scenario says (keys below).",
            "extra_cost": "What paying late adds: the sum of `extra_cost_by_kind`.",
            "extra_cost_share": "`extra_cost` as a fraction of the on-time total repaid.",
            "extra_cost_by_kind": "The extra cost by kind: `penalty_interest`, `compound_interest`, `late_fees`, `acceleration_interest`.",
            "interest_not_charged": "Scheduled interest and fees no longer charged because the loan was called in.",
            "accelerated": "`null`, or what happened when the lender called in the loan (keys below).",
            "due_at_once": "Each day on which paying late asks for more than one instalment at once (a catch-up, a called-in loan), largest first: its `date`, the `amount` to pay that day (every instalment, the interest still charged on it and the late charges) and the `instalments` paid.",
            "catch_up": "When no day asks for more than one instalment: the first day an overdue instalment is paid (`date`), the `amount` paid that day (the instalment, the interest and fees still charged on it, and its `late_charges`), its number (`instalment`) and the instalments overdue that day too and paid later (`still_overdue`); null when nothing is paid late or every late payment falls within the grace period.",
            "apr_on_time": "The loan's annual rate by IRR, paying on time: `monthly`, `nominal` (x 12) and `effective` ((1 + r)^12 - 1), as fractions.",
            "instalments": "One object per instalment (keys below).",
            "sentence": "The plain-language summary, in the output's language.",
            "assumptions": "The model's assumptions for this scenario, as a list of sentences.",
        },
        "path": {
            "total_paid": "Everything repaid.",
            "total_interest": "All interest, including penalty and compound interest.",
            "total_fees": "All fees: the fee up front, monthly fees, late fees and default penalties.",
            "total_cost": "`total_paid` less `received`.",
            "cap_allowed_cost": "The most cost a court is expected to support under the annual cost cap; `null` without a cap.",
            "above_cap": "The part of `total_cost` above `cap_allowed_cost` (0 when none).",
        },
        "accelerated": {
            "date": "The day the lender called in the loan.",
            "trigger_instalment": "The instalment whose lateness triggered it.",
            "first_instalment_called_in": "The first instalment that was not yet due and fell due that day.",
            "principal": "The principal that fell due that day.",
            "paid_date": "The day the model assumes it is paid (when the borrower catches up).",
            "interest": "Penalty interest on that principal, from the call-in day to that day.",
        },
        "instalment": {
            "number": "The instalment's number, from 1.",
            "due_date": "Its due date.",
            "principal": "Its principal.",
            "interest": "Its scheduled interest.",
            "fee": "Its scheduled fee.",
            "payment": "Principal + interest + fee.",
            "paid_date": "The day it is paid in the late path.",
            "days_late": "Days after the due date (0 when on time or called in).",
            "called_in": "Whether it fell due early because the loan was called in.",
            "penalty_interest": "Its penalty interest.",
            "compound_interest": "Its compound interest.",
            "late_fees": "Its late fee or default penalty.",
        },
    },
    "zh": {
        "top": {
            "schema": "格式名称和版本：`borrowers-handbook/late-payment/1`。",
            "lang": "输出文字的语言：`en` 或 `zh`。",
            "currency": "固定为 `CNY`：金额以元为单位，精确到分。",
            "scenario": "实际计算的情景：贷款的每个取值和每条规则都写全（包括由预设补上的值）。",
            "received": "借款人实际到手的钱：本金减去前期收取的费用。",
            "on_time": "每期都按时还款时的合计（键见下表）。",
            "late": "按情景逾期还款时的合计（键见下表）。",
            "extra_cost": "逾期多出的费用：`extra_cost_by_kind` 之和。",
            "extra_cost_share": "`extra_cost` 占按时还款总额的比例（小数）。",
            "extra_cost_by_kind": "按类别的逾期多出费用：`penalty_interest`、`compound_interest`、`late_fees`、`acceleration_interest`。",
            "interest_not_charged": "因贷款被宣布提前到期而不再收取的计划内利息和费用。",
            "accelerated": "`null`，或贷款被宣布提前到期的情况（键见下表）。",
            "due_at_once": "逾期还款时需要在同一天一次还上不止一期的每一天（补还欠款、贷款被宣布提前到期），按金额从大到小：`date` 日期，`amount` 当天要还的金额（各期欠款、仍然收取的利息和逾期费用），`instalments` 当天还上的期数。",
            "catch_up": "没有哪一天要一次还上不止一期时：第一次还上逾期那一期的日子（`date`），当天要还的金额（`amount`：这一期本来应还的钱、仍然收取的利息和费用，加上它的逾期费用 `late_charges`），是第几期（`instalment`），以及那天同样已经逾期、之后才还的各期（`still_overdue`）；没有逾期，或者都在宽限期内还上时为 null。",
            "apr_on_time": "按时还款时贷款的年化利率（IRR）：`monthly`、`nominal`（×12）和 `effective`（(1+r)^12−1），均为小数。",
            "instalments": "每期一个对象（键见下表）。",
            "sentence": "用输出语言写的一句话总结。",
            "assumptions": "本情景下模型的假设，句子列表。",
        },
        "path": {
            "total_paid": "还款总额。",
            "total_interest": "全部利息，含罚息和复利。",
            "total_fees": "全部费用：前期费用、每月费用、逾期费用和违约金。",
            "total_cost": "`total_paid` 减 `received`。",
            "cap_allowed_cost": "按年化成本上限，法院预计最多支持的成本；没有上限时为 `null`。",
            "above_cap": "`total_cost` 超过 `cap_allowed_cost` 的部分（没有则为0）。",
        },
        "accelerated": {
            "date": "贷款机构宣布贷款提前到期的日期。",
            "trigger_instalment": "因哪一期逾期而触发。",
            "first_instalment_called_in": "当天提前到期的第一个尚未到期的期数。",
            "principal": "当天到期的本金。",
            "paid_date": "模型假设这笔钱还清的日期（借款人补还之日）。",
            "interest": "这部分本金自提前到期之日至还清之日的罚息。",
        },
        "instalment": {
            "number": "期数，从1开始。",
            "due_date": "应还日。",
            "principal": "本期本金。",
            "interest": "本期计划利息。",
            "fee": "本期计划费用。",
            "payment": "本金 + 利息 + 费用。",
            "paid_date": "逾期情景下的实还日。",
            "days_late": "晚于应还日的天数（按时或提前到期的为0）。",
            "called_in": "是否因贷款被宣布提前到期而提前到期。",
            "penalty_interest": "本期罚息。",
            "compound_interest": "本期复利。",
            "late_fees": "本期逾期费用或违约金。",
        },
    },
}


def _engine_output_keys() -> dict:
    """The keys the engine really writes, from a scenario that has every part (acceleration)."""
    result = simulate(scenario_from_dict({"preset": "cn_internet_instalment",
                                          "late": [{"stop_from": 3, "days": 120}]}))
    out = late_payment_report.to_dict(result, "en")
    return {
        "top": list(out),
        "path": list(out["on_time"]),
        "accelerated": list(out["accelerated"]),
        "instalment": list(out["instalments"][0]),
    }


def output_tables(lang: str) -> dict:
    """part -> Markdown list of each key and its meaning. Raises if the description has drifted."""
    described = OUTPUT_KEYS[lang]
    actual = _engine_output_keys()
    for part, keys in actual.items():
        if list(described[part]) != keys:
            missing = [k for k in keys if k not in described[part]]
            extra = [k for k in described[part] if k not in keys]
            raise AssertionError(f"JSON output '{part}' has drifted from the methodology page: "
                                 f"undescribed {missing}, gone {extra} (or reordered)")
    # Definition lists rather than tables: they read well on a phone.
    return {part: "\n\n".join(f"{_code(k)}\n: {v}" for k, v in described[part].items())
            for part in actual}


# --------------------------------------------------------------------------- presets

def bib_keys() -> set:
    text = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"@\w+\{([^,\s]+),", text))


#: Short names for the sources that are not documents (the page explains them once).
SHORT_SOURCES = {
    "en": {"sample-contract": "the handbook's fictional sample contract",
           "example-loan": "a fictional example loan", "your-input": "set by you"},
    "zh": {"sample-contract": "本手册虚构的示例合同", "example-loan": "虚构的示例贷款",
           "your-input": "由你设定"},
}


def _source(key: str, lang: str, keys: set) -> str:
    """A citation when the source is in the bibliography, otherwise its name in words."""
    cite_key = key if lang == "en" else f"zh-{key}"
    if cite_key in keys:
        return f"{{cite}}`{cite_key}`"
    return SHORT_SOURCES[lang].get(key) or presets.sources()[key][lang]


def sample_contract(lang: str) -> str:
    """What the fictional sample contract is, in the words of the presets' source list."""
    return presets.sources()["sample-contract"][lang]


def preset_sections(lang: str) -> str:
    """Every preset: a rubric, its summary, its example loan and its rules with their sources."""
    w = WORDS[lang]
    keys = bib_keys()
    colon = ": " if lang == "en" else "："
    stop = ". " if lang == "en" else "。"
    parts = []
    for preset in presets.all_presets().values():
        parts.append(f"```{{rubric}} {preset.name[lang]} · {preset.id}\n```")
        parts.append(preset.summary[lang])
        loan = preset.loan_values()
        loan_bits = [
            i18n.money(round(loan["principal"] * 100), lang),
            rate(loan["annual_rate"]),
            f"{loan['term_months']} months" if lang == "en" else f"{loan['term_months']}个月",
            i18n.choice_label("method", loan["method"], lang),
        ]
        def label(field):
            text = i18n.field_label(field, lang)
            return text[0].lower() + text[1:] if lang == "en" else text

        if loan["upfront_fee"]:
            loan_bits.append(f"{label('loan.upfront_fee')} "
                             f"{i18n.money(round(loan['upfront_fee'] * 100), lang)}")
        if loan["monthly_fee_rate"]:
            loan_bits.append(f"{label('loan.monthly_fee_rate')} "
                             f"{rate(loan['monthly_fee_rate'])}")
        parts.append(f"*{w['example_loan']}*{colon}" + (", " if lang == "en" else "，").join(loan_bits))
        lines = []
        for name in RULE_FIELDS:
            entry = preset.rules[name]
            value = late_payment_report.rule_value_text(name, entry["value"], lang)
            sources = "; ".join(_source(k, lang, keys) for k in [entry["source"], *entry.get("also", [])])
            line = f"- **{i18n.field_label(f'rules.{name}', lang)}**{colon}{value}"
            if entry.get("typical"):
                line += f" ({w['typical']})"
            line += f"{stop}{w['source']}{colon}{sources}{stop.strip()}"
            note = entry.get("note", {}).get(lang)
            if note:
                line += ("  \n  " if lang == "en" else "  \n  ") + note
            lines.append(line)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
