"""Figures of the methodology page for the credit-card and repayment-plan simulators: the fields
of their input files and what the command line prints for the two example files.

Called by ``book/reference/methodology-cards.md`` and ``book/zh/reference/methodology-cards.md``
with their language. They show one table per group of input fields (glue names ``card_fields``,
``term_fields``, ``pay_fields``, ``plan_fields``, ``loan_fields``: field, meaning, allowed values,
from the engine's field specs), and for each example its JSON file and the output of
``python -m simulators credit-card`` / ``repayment-plan`` in the page's language (``card_out``,
``card_out_file``, ``plan_out``, ``plan_out_file``).
"""

from __future__ import annotations

import subprocess
import sys

from lessonkit import ROOT, markdown, table

from simulators.core import i18n
from simulators.minimum_payment.inputs import CARD_FIELDS, PAY_FIELDS, TERM_FIELDS
from simulators.repayment_plan.inputs import NEW_LOAN_FIELDS, PLAN_FIELDS

WORDS = {
    "en": {
        "kinds": {"money": "amount", "rate": "fraction (0.12 = 12%)", "int": "whole number",
                  "date": "date YYYY-MM-DD", "choice": "one of", "bool": "true or false"},
        "optional": " (or null)",
        "choice": "one of: {choices}", "choice_sep": ", ",
        "bool": "`true` or `false`",
        "date": "date from {lo} to {hi}",
        "range": "{unit} from {lo:g} to {hi:g}{optional}",
        "from": "{unit} from {lo:g}",
        "head": ["Field", "Meaning", "Allowed values"],
    },
    "zh": {
        "kinds": {"money": "金额", "rate": "小数（0.12 即 12%）", "int": "整数",
                  "date": "日期 YYYY-MM-DD", "choice": "取值之一", "bool": "true 或 false"},
        "optional": "（或 null）",
        "choice": "取值之一：{choices}", "choice_sep": "、",
        "bool": "`true` 或 `false`",
        "date": "日期，{lo} 至 {hi}",
        "range": "{unit}，{lo:g} 至 {hi:g}{optional}",
        "from": "{unit}，不小于 {lo:g}",
        "head": ["字段", "含义", "允许的值"],
    },
}


def shown(lang, kind, lo, hi):
    """The values a field of ``kind`` allows, in words."""
    w = WORDS[lang]
    base = kind.rstrip("?")
    optional = w["optional"] if kind.endswith("?") else ""
    if base == "choice":
        return w["choice"].format(choices=w["choice_sep"].join(f"`{c}`" for c in lo))
    if base == "bool":
        return w["bool"]
    if base == "date":
        return w["date"].format(lo=lo.isoformat(), hi=hi.isoformat())
    unit = w["kinds"][base]
    if hi is not None:
        return w["range"].format(unit=unit, lo=lo, hi=hi, optional=optional)
    return w["from"].format(unit=unit, lo=lo)


def fields_table(lang, prefix, fields):
    """A table of the fields: name, meaning, allowed values."""
    rows = [[f"`{prefix}{name}`", i18n.field_label(f"{prefix}{name}", lang),
             shown(lang, *spec)] for name, spec in fields.items()]
    return table(WORDS[lang]["head"], rows)


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    markdown("card_fields", fields_table(lang, "card.", CARD_FIELDS))
    markdown("term_fields", fields_table(lang, "terms.", TERM_FIELDS))
    markdown("pay_fields", fields_table(lang, "pay[n].", PAY_FIELDS))
    markdown("plan_fields", fields_table(lang, "plan.", PLAN_FIELDS))
    markdown("loan_fields", fields_table(lang, "new_loan.", NEW_LOAN_FIELDS))
    for name, file in (("card_out", "card-minimum-vs-more.json"),
                       ("plan_out", "plan-overdue-card.json")):
        command = "credit-card" if name == "card_out" else "repayment-plan"
        out = subprocess.run([sys.executable, "-m", "simulators", command,
                              str(ROOT / "examples" / file), "--lang", lang],
                             capture_output=True, text=True, check=True).stdout
        markdown(name, "```text\n" + out.rstrip() + "\n```")
        markdown(name + "_file",
                 "```json\n" + (ROOT / "examples" / file).read_text().rstrip() + "\n```")
