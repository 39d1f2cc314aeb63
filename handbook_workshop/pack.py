"""Make one file to carry the workshop to any laptop: a wheel of the project with the simulators,
their apps, the workshop server and, if it has been built, the book.

    python -m handbook_workshop.pack [--book _build/html] [--out dist]

The wheel is installed on the workshop laptop (Windows, macOS or Linux, Python 3.11+) with
``pip install "borrowers_handbook_simulators-0.1.0-py3-none-any.whl[workshop]"`` (while it has
internet), then ``handbook-workshop --lan`` runs with no internet at all.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--book", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    args = ap.parse_args(argv)
    target = HERE / "book"
    shutil.rmtree(target, ignore_errors=True)
    if (args.book / "index.html").is_file():
        # The in-browser apps (Voici, Pyodide) are not needed where the simulators run on the
        # laptop itself, and are most of the site's weight.
        shutil.copytree(args.book, target, ignore=shutil.ignore_patterns("apps", ".buildinfo"))
        print(f"the book: {args.book} -> {target}", file=sys.stderr)
    else:
        print(f"no built book in {args.book}: the wheel has the simulators only "
              "(./handbook build makes the book)", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-w", str(args.out), str(ROOT)], check=True)
    finally:
        shutil.rmtree(target, ignore_errors=True)
        shutil.rmtree(ROOT / "build", ignore_errors=True)


if __name__ == "__main__":
    main()
