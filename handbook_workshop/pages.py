"""The workshop server's own pages, self-contained (no file, font or script from another host):
"the room is full", the room page with the five simulators, and the printable page with the
address and its QR code in both languages."""

from __future__ import annotations

import functools
import importlib
import io
from html import escape

import qrcode
import qrcode.image.svg

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 0; padding: 1.5rem; line-height: 1.5;
       color: #1d2630; background: #fff; max-width: 44rem; margin-inline: auto; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
p { margin: 0.6rem 0; }
.other { color: #4a5561; border-top: 1px solid #d0d7de; margin-top: 1.5rem; padding-top: 1rem; }
a.button, button { display: inline-block; padding: 0.6rem 1.2rem; border-radius: 0.4rem;
       background: #0b5cad; color: #fff; font-weight: 600; text-decoration: none; border: 0;
       font-size: 1rem; margin: 0.2rem 0.4rem 0.2rem 0; cursor: pointer; }
a.button.secondary { background: #e7eef6; color: #0b5cad; }
ul.apps { list-style: none; padding: 0; }
ul.apps li { margin: 0 0 1rem; padding: 0.8rem 1rem; border: 1px solid #d0d7de; border-radius: 0.5rem; }
ul.apps .title { font-weight: 600; display: block; margin-bottom: 0.3rem; }
.address { font-size: 1.6rem; font-weight: 700; word-break: break-all; }
.qr svg { width: 14rem; height: 14rem; }
@media print { body { padding: 0; } a.button { display: none; } .qr svg { width: 9cm; height: 9cm; } }
"""

FULL = {
    "en": ("The room is full", "Every simulator on the workshop laptop is in use right now.",
           "Please try again in a minute: this page tries again by itself.", "Try again",
           "Or ask the educator."),
    "zh": ("人数已满", "工作坊电脑上的模拟器现在都有人在用。",
           "请过一分钟再试：本页会自动重试。", "再试一次", "也可以问问老师。"),
}


def _page(lang: str, title: str, body: str, head: str = "") -> str:
    html_lang = "zh-Hans" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><link rel="icon" href="data:,">'
            f'<style>{STYLE}</style>{head}</head><body>{body}</body></html>')


def room_full(lang: str, uri: str) -> str:
    """HTTP 503's page: the reader's language first, the other one below."""
    other = "en" if lang == "zh" else "zh"
    title, line1, line2, button, ask = FULL[lang]
    o_title, o_line1, o_line2, _, o_ask = FULL[other]
    body = (f'<main id="bh-room-full"><h1>{escape(title)}</h1><p>{escape(line1)}</p>'
            f'<p>{escape(line2)}</p><p><a class="button" href="{escape(uri)}">{escape(button)}</a></p>'
            f'<p>{escape(ask)}</p>'
            f'<div class="other" lang="{"zh-Hans" if other == "zh" else "en"}">'
            f'<p><strong>{escape(o_title)}</strong> · {escape(o_line1)} {escape(o_line2)} '
            f'{escape(o_ask)}</p></div></main>')
    return _page(lang, title, body, head='<meta http-equiv="refresh" content="60">')


@functools.lru_cache(maxsize=None)
def app_titles(name: str) -> dict:
    """{'en': ..., 'zh': ...} for ``late_payment.ipynb``, from the app's own catalogs."""
    key = name.removesuffix(".ipynb")
    try:
        from simulators.core.i18n import t
        module = importlib.import_module(f"simulators.ui.{key}")
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__
                    and getattr(value, "TITLE", None)):
                return {"en": t("en", value.TITLE), "zh": t("zh", value.TITLE)}
    except Exception:  # pragma: no cover - an app whose view cannot be imported here
        pass
    return {"en": key.replace("_", " "), "zh": key.replace("_", " ")}


def room(handler, lang: str) -> str:
    names = handler.settings["bh_apps"]
    book = handler.settings.get("bh_book") is not None
    heading = {"en": "The Borrower's Handbook: the workshop's simulators",
               "zh": "借款人手册：工作坊模拟器"}[lang]
    intro = {"en": "Choose a simulator. Your numbers stay on the workshop laptop and are "
                   "forgotten when you close the page.",
             "zh": "选择一个模拟器。您输入的数字只留在工作坊电脑上，关闭页面后即被删除。"}[lang]
    items = []
    for name in names:
        titles = app_titles(name)
        first, second = (("zh", "en") if lang == "zh" else ("en", "zh"))
        links = (f'<a class="button" href="/voila/render/{name}?lang={first}" '
                 f'lang="{"zh-Hans" if first == "zh" else "en"}">{"中文" if first == "zh" else "English"}</a>'
                 f'<a class="button secondary" href="/voila/render/{name}?lang={second}" '
                 f'lang="{"zh-Hans" if second == "zh" else "en"}">{"中文" if second == "zh" else "English"}</a>')
        items.append(f'<li><span class="title">{escape(titles[first])}</span>'
                     f'<span lang="{"zh-Hans" if second == "zh" else "en"}">{escape(titles[second])}</span>'
                     f'<br>{links}</li>')
    book_link = ""
    if book:
        label = {"en": "Read the handbook", "zh": "阅读本书"}[lang]
        home = "/book/zh/index.html" if lang == "zh" else "/book/index.html"
        book_link = f'<p><a class="button secondary" href="{home}">{escape(label)}</a></p>'
    switch = ('<p><a href="?lang=en" lang="en">English</a> · <a href="?lang=zh" lang="zh-Hans">中文</a></p>')
    body = (f'<main id="bh-room">{switch}<h1>{escape(heading)}</h1><p>{escape(intro)}</p>'
            f'<ul class="apps">{"".join(items)}</ul>{book_link}</main>')
    return _page(lang, heading, body)


def printable(handler, lang: str) -> str:
    """One page to print or show on the projector: the address and its QR code, in both
    languages."""
    addr = handler.settings["bh_addresses"]["room"]
    svg = qr_svg(addr)
    local = addr.startswith(("http://127.", "http://localhost"))
    warning = ""
    if local:
        warning = ('<p class="other"><strong>Only this laptop can open this address.</strong> '
                   'Restart the workshop server with <code>--lan</code> to let the room in. '
                   '<strong lang="zh-Hans">只有本机能打开这个地址。</strong>'
                   '<span lang="zh-Hans">请加上 <code>--lan</code> 重新启动工作坊服务器，参与者才能连接。</span></p>')
    body = (f'<main id="bh-printable"><h1>The Borrower\'s Handbook · 借款人手册</h1>'
            f'<p><strong>Workshop simulators</strong>: connect to the room\'s Wi-Fi, then scan the '
            f'code or type the address.</p>'
            f'<p lang="zh-Hans"><strong>工作坊模拟器</strong>：请先连接本场地的 Wi-Fi，'
            f'再扫描二维码或输入下面的地址。</p>'
            f'<div class="qr" role="img" aria-label="QR code: {escape(addr)}">{svg}</div>'
            f'<p class="address">{escape(addr)}</p>'
            f'<p>No internet is needed; your numbers stay on the workshop laptop. '
            f'<span lang="zh-Hans">不需要互联网；您输入的数字只留在工作坊电脑上。</span></p>'
            f'{warning}<p><button onclick="window.print()">Print · 打印</button></p></main>')
    return _page(lang, "Workshop address · 工作坊地址", body)


def _qr(url: str) -> qrcode.QRCode:
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_svg(url: str) -> str:
    image = _qr(url).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    text = image.to_string(encoding="unicode")
    return text[text.index("<svg"):]


def qr_terminal(url: str) -> str:
    """The QR code in text, light modules as blocks (for a dark terminal; the printable page
    is the sure way)."""
    out = io.StringIO()
    _qr(url).print_ascii(out=out, invert=True)
    return out.getvalue()
