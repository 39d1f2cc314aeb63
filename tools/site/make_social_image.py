"""Draw the site's social preview pictures (1200 x 630): book/_static/social-preview.png for the
English edition, English first, and social-preview-zh.png for the Chinese edition, Chinese only.

Run it again after changing the words below; the PNG is committed so the book build needs no
browser. Uses Debian's Chromium through Playwright and the Noto CJK fonts.
"""

from __future__ import annotations

import html
from string import Template
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "book" / "_static" / "social-preview.png"
OUT_ZH = ROOT / "book" / "_static" / "social-preview-zh.png"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

CARD = Template("""<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; background: #1f5f8b; color: #fff;
       font-family: "Noto Sans", "Noto Sans CJK SC", sans-serif; display: flex; }
.card { margin: 70px 80px; display: flex; flex-direction: column; justify-content: space-between; }
h1 { font-size: 72px; margin: 0; line-height: 1.1; }
h2 { font-size: 54px; margin: 18px 0 0; font-weight: 500; }
p { font-size: 32px; margin: 0; line-height: 1.45; color: #d8e8f3; max-width: 980px; }
</style></head><body><div class="card">
<div><h1>$title</h1><h2>$title_zh</h2></div>
<p>$line<br>$line_zh</p>
</div></body></html>""")


def main():
    english = CARD.substitute(
        title=html.escape("The Borrower's Handbook"), title_zh="借款人手册",
        line=html.escape("What a loan really costs, what paying late adds, and your rights."),
        line_zh="贷款的真实成本、逾期的代价，以及您的权利。")
    # The Chinese edition's card: a reader who shares a Chinese page shares a Chinese picture.
    chinese = CARD.substitute(
        title="借款人手册", title_zh="免费、公开，写给借款的人",
        line="借款合同、真实成本、逾期的代价、催收，以及你的权利。",
        line_zh="不收费，不推销任何贷款。")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        for page_html, out in ((english, OUT), (chinese, OUT_ZH)):
            page.set_content(page_html)
            page.screenshot(path=str(out))
            print(f"wrote {out.relative_to(ROOT)}")
        browser.close()


if __name__ == "__main__":
    main()
