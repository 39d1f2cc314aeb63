"""Command line: ``python -m simulators late-payment SCENARIO.json [--json] [--lang zh]``.

Exit status 0 with the report; 2 with a message in the chosen language for any bad input.
No traceback reaches the reader.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulators import i18n, report
from simulators.i18n import t
from simulators.late import simulate
from simulators.scenario import ScenarioError, scenario_from_dict


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m simulators",
                description="The Borrower's Handbook simulators on the command line.")
    sub = p.add_subparsers(dest="command", required=True)
    late = sub.add_parser("late-payment", help="what paying late costs, for a scenario file")
    late.add_argument("scenario", help="scenario JSON file (see the methodology page), or - for stdin")
    late.add_argument("--json", action="store_true", help="print JSON instead of a table")
    late.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language: en or zh")
    sub.add_parser("presets", help="list the product presets")
    return p


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


class _Fail(Exception):
    pass


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "presets":
        from simulators import presets

        for p in presets.all_presets().values():
            print(f"{p.id}: {p.name['en']} / {p.name['zh']}")
        return 0
    lang = args.lang
    try:
        data = _read(args.scenario, lang)
        result = simulate(scenario_from_dict(data))
    except _Fail as e:
        print(str(e), file=sys.stderr)
        return 2
    except ScenarioError as e:
        print(t(lang, "error.header"), file=sys.stderr)
        for err in e.errors:
            print("- " + i18n.error_message(err, lang), file=sys.stderr)
        return 2
    if args.json:
        json.dump(report.to_dict(result, lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.text_report(result, lang))
    return 0
