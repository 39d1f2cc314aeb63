"""Which Chinese pages may be out of date: their English twin changed since they were checked.

    python tools/zh_drift.py                      # list them (exit 1 if there are any)
    python tools/zh_drift.py --mark book/zh/rights/court.md   # checked against today's English
    python tools/zh_drift.py --mark-all           # every Chinese page (first use, or after a review)

Each Chinese page (``book/zh/X.md``) records in its front matter the English revision it was
last checked against: ``en_revision``, a hash of its English twin (``book/X.md``) as it was then.
A content hash, not a git commit, so the check works in any copy of the repository, with or
without its history. Only the text counts: changing line endings or trailing spaces does not
make a page drift.

When you update a Chinese page after its English twin changed (or confirm that the change does
not concern the Chinese), mark it: ``--mark PAGE``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZH = Path("book") / "zh"
KEY = "en_revision"
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def english_twin(zh_page: Path, root: Path = ROOT) -> Path:
    rel = zh_page.resolve().relative_to((root / ZH).resolve())
    return root / "book" / rel


def revision(english: Path) -> str:
    """The hash of an English page's text (line endings and trailing spaces do not count)."""
    text = english.read_text(encoding="utf-8").replace("\r\n", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip() + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def recorded(zh_page: Path) -> str | None:
    match = _FRONT.match(zh_page.read_text(encoding="utf-8"))
    if not match:
        return None
    found = re.search(rf"^{KEY}:\s*['\"]?([0-9a-f]+)['\"]?\s*$", match.group(1), re.M)
    return found.group(1) if found else None


def mark(zh_page: Path, root: Path = ROOT) -> None:
    """Record that ``zh_page`` was checked against its English twin as it is now."""
    value = revision(english_twin(zh_page, root))
    text = zh_page.read_text(encoding="utf-8")
    line = f"{KEY}: {value}"
    match = _FRONT.match(text)
    if match:
        front = match.group(1)
        if re.search(rf"^{KEY}:", front, re.M):
            front = re.sub(rf"^{KEY}:.*$", line, front, flags=re.M)
        else:
            front = f"{front}\n{line}"
        text = f"---\n{front}\n---\n" + text[match.end():]
    else:
        text = f"---\n{line}\n---\n" + text
    zh_page.write_text(text, encoding="utf-8")


def chinese_pages(root: Path = ROOT) -> list[Path]:
    """The Chinese pages that have an English twin."""
    return sorted(p for p in (root / ZH).rglob("*.md") if english_twin(p, root).exists())


def drifted(root: Path = ROOT) -> list[tuple[Path, str]]:
    """The Chinese pages whose English twin changed since they were checked, with why."""
    out = []
    for page in chinese_pages(root):
        was = recorded(page)
        if was is None:
            out.append((page, "never checked (no en_revision)"))
        elif was != revision(english_twin(page, root)):
            out.append((page, f"the English changed since revision {was}"))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--mark", nargs="+", type=Path, metavar="PAGE",
                        help="record these Chinese pages as checked against today's English")
    parser.add_argument("--mark-all", action="store_true", help="mark every Chinese page")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.mark_all or args.mark:
        pages = chinese_pages(root) if args.mark_all else [(root / p if not p.is_absolute() else p)
                                                            for p in args.mark]
        for page in pages:
            mark(page, root)
            print(f"marked {page.relative_to(root)}")
        return 0
    found = drifted(root)
    for page, why in found:
        print(f"{page.relative_to(root)}: {why} (English: {english_twin(page, root).relative_to(root)})")
    print(f"{len(found)} Chinese page(s) to check against their English twin" if found
          else "Every Chinese page is up to date with its English twin.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
