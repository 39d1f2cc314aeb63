"""Command line: ``python -m simulators COMMAND FILE.json [--json] [--lang zh]``.

Each command reads one JSON file (or standard input), checks it, computes, and prints a readable
table or, with ``--json``, a JSON document. Exit status 0 with the report; 2 with a message in the
chosen language for any bad input. No traceback reaches the reader.

A simulator adds its command to ``COMMANDS``: a function that takes the parsed JSON and the
language and returns ``(json_document, text_table)``, raising ``ScenarioError`` for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Callable

from simulators.core import i18n
from simulators.core.fields import ScenarioError
from simulators.core.i18n import t


@dataclass(frozen=True)
class Command:
    help: str
    file_help: str
    run: Callable  # (data, lang) -> (dict, str)


def _late_payment(data, lang):
    from simulators.late_payment import report as late_payment_report
    from simulators.late_payment.engine import simulate
    from simulators.late_payment.inputs import scenario_from_dict

    result = simulate(scenario_from_dict(data))
    return late_payment_report.to_dict(result, lang), late_payment_report.text_report(result, lang)


def _credit_record(data, lang):
    from simulators.credit_record.report import run_command

    return run_command(data, lang)


def _true_cost(data, lang):
    from simulators.true_cost.report import run_command

    return run_command(data, lang)


def _credit_card(data, lang):
    from simulators.minimum_payment.report import run_card_command

    return run_card_command(data, lang)


def _repayment_plan(data, lang):
    from simulators.repayment_plan.report import run_plan_command

    return run_plan_command(data, lang)


COMMANDS = {
    "late-payment": Command("what paying late costs, for a scenario file",
                            "scenario JSON file (see the methodology page), or - for stdin",
                            _late_payment),
    "true-cost": Command("what a loan offer really costs: its annual rate on the money received",
                         "offer JSON file (see the methodology page), or - for stdin",
                         _true_cost),
    "credit-record": Command("how late payment shows up in a credit record, and for how long",
                             "scenario JSON file (see the methodology page), or - for stdin",
                             _credit_record),
    "credit-card": Command("paying off a credit card: months and interest for each way of paying",
                           "card JSON file (see the methodology page), or - for stdin",
                           _credit_card),
    "repayment-plan": Command("staying overdue, an instalment plan or a new loan, side by side",
                              "plan JSON file (see the methodology page), or - for stdin",
                              _repayment_plan),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m simulators",
                description="The Borrower's Handbook simulators on the command line.")
    sub = p.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        one = sub.add_parser(name, help=command.help)
        one.add_argument("file", help=command.file_help)
        one.add_argument("--json", action="store_true", help="print JSON instead of a table")
        one.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language: en or zh")
    sub.add_parser("presets", help="list the product presets")
    return p


class _Fail(Exception):
    pass


def _read(path: str, lang: str):
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError) as e:
        raise _Fail(t(lang, "error.file_missing", path=path, reason=getattr(e, "strerror", None) or e))
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise _Fail(t(lang, "error.file_not_json", path=path, line=e.lineno, column=e.colno,
                      reason=e.msg))


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "presets":
        from simulators.core import presets

        for p in presets.all_presets().values():
            print(f"{p.id}: {p.name['en']} / {p.name['zh']}")
        return 0
    lang = args.lang
    try:
        doc, text = COMMANDS[args.command].run(_read(args.file, lang), lang)
    except _Fail as e:
        print(str(e), file=sys.stderr)
        return 2
    except ScenarioError as e:
        print(t(lang, "error.header"), file=sys.stderr)
        for err in e.errors:
            print("- " + i18n.error_message(err, lang), file=sys.stderr)
        return 2
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text)
    return 0
