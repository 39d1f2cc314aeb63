"""Command line: ``python -m simulators COMMAND FILE.json [--json] [--lang zh]``.

Each command reads one JSON file (or standard input), checks it, computes, and prints a readable
table or, with ``--json``, a JSON document. Exit status 0 with the report; 2 with a message in the
chosen language for any bad input. No traceback reaches the reader.

The commands are the simulators of ``simulators.registry``: each one's ``report.run_command``
takes the parsed JSON and the language and returns ``(json_document, text_table)``, raising
``ScenarioError`` for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulators.core import i18n, presets
from simulators.core.fields import ScenarioError
from simulators.core.i18n import t
from simulators.registry import SIMULATORS, get


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m simulators",
                description="The Borrower's Handbook simulators on the command line.")
    sub = p.add_subparsers(dest="command", required=True)
    for simulator in SIMULATORS:
        one = sub.add_parser(simulator.command, help=simulator.help)
        one.add_argument("file", help=simulator.file_help)
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
        for p in presets.all_presets().values():
            print(f"{p.id}: {p.name['en']} / {p.name['zh']}")
        return 0
    lang = args.lang
    try:
        doc, text = get(args.command).run(_read(args.file, lang), lang)
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
