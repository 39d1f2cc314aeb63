"""Figures of the methodology page for the true-cost (rates) simulator: its input files, what
``python -m simulators true-cost --json`` prints, the rate solver's limits, the worked check of
the 2021 disclosure example, and the reference lines.

Called by ``book/reference/methodology-rates.md`` and ``book/zh/reference/methodology-rates.md``
with their language. They show the meaning of each key of the JSON output (glue name
``output_keys``; the page fails to build if the engine prints other keys), the example output
(``example_output``) and the example files (``file_offer_monthly_fee``, ...), the fields of an
offer, an add-on and a list of payments with their allowed values and defaults (``offer_fields``,
``extra_fields``, ``flow_fields``), the limits (``max_extras``, ``max_payments``, ``max_offers``,
``max_monthly``, ``small``), the rates of the 2021 example (``pboc_monthly``, ``pboc_nominal``,
``pboc_effective``) and the reference lines with their sources (``lines``).
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import reference_tables as ref
from lessonkit import ROOT, markdown, text

from simulators.core import i18n, rates
from simulators.true_cost import engine as true_cost_engine
from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost.inputs import (
    EXTRA_FIELDS,
    FLOW_FIELDS,
    OFFER_DEFAULTS,
    OFFER_FIELDS,
)
from simulators.true_cost.model import MAX_EXTRAS, MAX_OFFERS, MAX_PAYMENTS, RATE_RANGES

EXAMPLES = ("offer-monthly-fee", "offer-daily-30-days", "offer-loan", "offer-payments")

WORDS = {
    "en": {
        "meaning": {
            "schema": "the format's name and version",
            "lang": "the language of the words in the document",
            "currency": "always CNY (yuan)",
            "form": "which kind of offer file was read: `offer`, `loan` or `payments`",
            "quoted": "how the offer was quoted, in words",
            "received": "the money actually received, in yuan",
            "received_date": "the day it was received",
            "apr": "`monthly` (the IRR per month), `nominal` (12 × monthly), `effective` ((1 + monthly)^12 − 1), `simple` (the simple annual rate, only where a lender would show it: a daily-rate quote or a single payment; otherwise null); all fractions",
            "total_paid": "the sum of all payments, in yuan",
            "total_cost": "total_paid minus received, in yuan",
            "cost_by_kind": "`interest`, `fees`, `deduction` (kept back when paid out), `extras` (products sold with the loan); for a bare list of payments, all of the cost is reported as interest",
            "first_payment": "the first payment, in yuan",
            "largest_payment": "the largest payment, in yuan",
            "last_payment": "the last payment, in yuan",
            "payments": "one entry per payment: `number`, `date`, `amount`, `cost` (the part that is not principal; null for a bare list of payments) and `cost_to_date`",
            "reference_lines": "each reference line: `id`, `rate`, `source` (its key in the bibliography), `as_of`, and `above` (whether the nominal rate is above it)",
            "sentence": "what the offer costs, in one sentence",
        },
        "rate_range": "`{quote}`: fraction, {lo:g} to {hi:g}", "rate_sep": "; ",
        "rate_allowed": "depends on `quote`: {ranges}",
        "upfront_deduction": "; with the add-ons charged up front, less than the principal",
        "term_days": "; only with `method` `bullet` and a daily-rate quote",
        "default": ". Default: `{value}`", "required": ". Required",
        "today": ". Default: the day the simulator runs (today)",
        "line": "- `{id}`: {rate:g}%, source `{source}`{also}, as of {as_of}, {status}",
        "also": " (also {keys})", "also_sep": ", ",
        "status": {},  # the status as the data spells it
    },
    "zh": {
        "meaning": {
            "schema": "格式名称和版本",
            "lang": "文档中文字的语言",
            "currency": "固定为CNY（人民币元）",
            "form": "读取的方案文件类型：`offer`、`loan`或`payments`",
            "quoted": "方案的报价方式（文字）",
            "received": "实际到手金额（元）",
            "received_date": "到账日期",
            "apr": "`monthly`（按月的内部收益率）、`nominal`（12 × monthly）、`effective`（(1 + monthly)^12 − 1）、`simple`（单利年化，只在贷款机构会这样展示时给出：日利率报价或一次性还款；否则为null）；均为小数",
            "total_paid": "所有还款之和（元）",
            "total_cost": "还款总额减去实际到手金额（元）",
            "cost_by_kind": "`interest`（利息）、`fees`（手续费）、`deduction`（放款时预扣）、`extras`（搭售产品）；只有一组还款时，全部成本计为利息",
            "first_payment": "第一笔还款（元）",
            "largest_payment": "最大的一笔还款（元）",
            "last_payment": "最后一笔还款（元）",
            "payments": "每笔还款一项：`number`、`date`、`amount`、`cost`（其中不属于本金的部分；只有一组还款时为null）和`cost_to_date`",
            "reference_lines": "每条参考线：`id`、`rate`、`source`（在参考文献中的键）、`as_of`，以及`above`（名义年化利率是否高于它）",
            "sentence": "一句话说明这个方案的成本",
        },
        "rate_range": "`{quote}`：小数，{lo:g}至{hi:g}", "rate_sep": "；",
        "rate_allowed": "取决于`quote`：{ranges}",
        "upfront_deduction": "；连同放款时收取的搭售产品费用，须小于借款金额",
        "term_days": "；只用于`method`为`bullet`的日利率报价",
        "default": "。默认值：`{value}`", "required": "。必填",
        "today": "。默认值：运行模拟器的当天（今天）",
        "line": "- `{id}`：{rate:g}%，来源`{source}`{also}，截至{as_of}，{status}",
        "also": "（另见{keys}）", "also_sep": "、",
        # Any status other than "verified" is a rate only reported, not checked.
        "status": {"verified": "已核对", None: "仅见报道"},
    },
}


def status_word(lang, status):
    """A reference line's status in words."""
    words = WORDS[lang]["status"]
    return words.get(status, words.get(None, status))


def field_list(lang, prefix, fields, defaults=None):
    """A definition list of the fields: name and label, allowed values, default."""
    w = WORDS[lang]
    items = []
    for name, spec in fields.items():
        if name == "rate":
            ranges = w["rate_sep"].join(w["rate_range"].format(quote=q, lo=lo, hi=hi)
                                        for q, (lo, hi) in RATE_RANGES.items())
            allowed = w["rate_allowed"].format(ranges=ranges)
        else:
            allowed = ref.allowed(name, spec, lang)
        if name in ("upfront_deduction", "term_days"):
            allowed += w[name]
        default = ""
        if defaults is not None:
            default = (w["default"].format(value=json.dumps(defaults[name])) if name in defaults
                       else w["today"] if name == "start_date" else w["required"])
        key = f"{prefix}.{name}" if prefix else name
        label = i18n.field_label(key.replace("[k]", "[1]"), lang)
        items.append(f"`{key}` · {label}\n: {allowed}{default}")
    return "\n\n".join(items)


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]
    meaning = w["meaning"]
    example = ROOT / "examples" / "offer-monthly-fee.json"
    printed = subprocess.run([sys.executable, "-m", "simulators", "true-cost", str(example),
                              "--json", "--lang", lang],
                             capture_output=True, text=True, check=True).stdout
    doc = json.loads(printed)
    if set(doc) != set(meaning):  # the page must describe exactly what the engine prints
        raise ValueError(f"JSON keys differ from this page: {set(doc) ^ set(meaning)}")
    markdown("output_keys", "\n\n".join(f"`{k}`\n: {meaning[k]}" for k in doc))
    markdown("example_output", "```json\n" + printed.strip() + "\n```")
    for name in EXAMPLES:
        path = ROOT / "examples" / f"{name}.json"
        markdown(f"file_{name.replace('-', '_')}",
                 "```json\n" + path.read_text(encoding="utf-8").strip() + "\n```")

    markdown("offer_fields", field_list(lang, "offer", OFFER_FIELDS, OFFER_DEFAULTS))
    markdown("extra_fields", field_list(lang, "offer.extras[k]", EXTRA_FIELDS,
                                        {"when": "monthly"}))
    markdown("flow_fields",
             field_list(lang, "", {k: FLOW_FIELDS[k] for k in ("received", "received_date")})
             + "\n\n"
             + field_list(lang, "payments[k]", {k: FLOW_FIELDS[k] for k in ("date", "amount")}))
    text("max_extras", MAX_EXTRAS)
    text("max_payments", MAX_PAYMENTS)
    text("max_offers", MAX_OFFERS)
    text("max_monthly", f"{rates.MAX_MONTHLY_RATE:.0e}")
    text("small", rates.SMALL)

    # The worked check of the equation: the example reported for the 2021 rule.
    payments = true_cost_engine.flows_from_dict(json.loads((ROOT / "examples" / "offer-payments.json")
                                                 .read_text()))
    r = rates.annual_rates(99_000, datetime.date(2026, 1, 15), payments.dates, [8_833.30] * 12)
    text("pboc_monthly", i18n.percent(r["monthly"], lang, 4))
    text("pboc_nominal", i18n.percent(r["nominal"], lang))
    text("pboc_effective", i18n.percent(r["effective"], lang))

    def line(x):
        also = (w["also"].format(keys=w["also_sep"].join(f"`{k}`" for k in x["also"]))
                if x.get("also") else "")
        return w["line"].format(id=x["id"], rate=x["rate"] * 100, source=x["source"], also=also,
                                as_of=x["as_of"], status=status_word(lang, x["status"]))

    markdown("lines", "\n".join(line(x) for x in true_cost_inputs.reference_lines()))
