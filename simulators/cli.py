"""Command line: ``python -m simulators COMMAND FILE.json [--format text|json|markdown|html]
[--lang zh]`` (``--json`` is ``--format json``).

Each command reads one JSON file (or standard input), checks it, computes, and prints a readable
report: as text no wider than 80 columns (a CJK character counts two; tables too wide for that
are printed one block per row), so that it prints on A4; as Markdown or as an HTML page (the same
sentences and tables); or, with ``--format json``, a JSON document. Exit status 0 with the report; 2 with a message in the
chosen language for any bad input. No traceback reaches the reader.

The commands are the simulators of ``simulators.registry``: each one's ``report.run_command``
takes the parsed JSON and the language and returns ``(json_document, text_table)``, raising
``ScenarioError`` for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from html import escape

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
        one.add_argument("--json", action="store_true", help="print JSON (--format json)")
        one.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text",
                         help="text (80 columns, the default), json, markdown or html")
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
    fmt = "json" if args.json else args.format
    try:
        data = _read(args.file, lang)
        with i18n.table_format(fmt if fmt in ("markdown", "html") else "text"):
            doc, text = get(args.command).run(data, lang)
    except _Fail as e:
        print(str(e), file=sys.stderr)
        return 2
    except ScenarioError as e:
        print(t(lang, "error.header"), file=sys.stderr)
        for err in e.errors:
            print("- " + i18n.error_message(err, lang), file=sys.stderr)
        return 2
    if fmt == "json":
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "markdown":
        sys.stdout.write(text)
    elif fmt == "html":
        sys.stdout.write(html_page(text, lang))
    else:
        sys.stdout.write(i18n.fit_width(text))
    return 0


def html_page(text: str, lang: str) -> str:
    """A report written with ``table_format('html')`` as an HTML page: its title (the line
    underlined with '='), paragraphs, lists ('- ' lines, indented lines continuing them) and
    tables."""
    lines = text.rstrip("\n").split("\n")
    body, items, para = [], [], []
    title = ""

    def flush():
        if para:
            body.append(f"<p>{escape(' '.join(para))}</p>")
            para.clear()
        if items:
            body.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if line and set(line) == {"="}:
            continue
        if nxt and set(nxt) == {"="}:
            flush()
            title = line
            body.append(f"<h1>{escape(line)}</h1>")
        elif line.startswith("<table"):
            flush()
            body.append(line)
        elif not line.strip():
            flush()
        elif line.startswith("- "):
            if para:
                flush()
            items.append(line[2:])
        elif line.startswith(" ") and items:
            items[-1] += " " + line.strip()
        else:
            if items:
                flush()
            para.append(line.strip())
    flush()
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">'
            f'<head><meta charset="utf-8"><title>{escape(title)}</title>'
            "<style>body{font-family:sans-serif;max-width:46em;margin:1em auto;padding:0 1em}"
            "table{border-collapse:collapse;margin:.5em 0}th,td{border-bottom:1px solid #ccc;"
            "padding:2px 8px;text-align:left}.num{text-align:right}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")
