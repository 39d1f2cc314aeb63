"""The website around the lessons: in-browser simulators, page descriptions, sitemap, 404 page.

- ``{try-in-browser} APP`` puts the in-browser version of ``simulators/apps/APP.ipynb`` (built
  with Voici by ``tools/site/build_site.py`` into ``apps/`` at the site's root) in a lesson behind
  a "Try it in your browser" button over a preview picture of the app. Nothing of the app loads
  before the click; then it opens in a frame in the page.

      :::{try-in-browser} late_payment
      :title: What paying late costs
      :::

  On pages under ``book/zh/`` the button, the notes and the app are in Chinese.
- Every page gets a ``<meta name="description">`` (the page's ``description`` front matter, or
  else its first paragraph), Open Graph and Twitter card tags with the social preview picture,
  and the favicon.
- The build writes ``sitemap.xml``, ``robots.txt`` and a ``404.html`` whose links work at any
  depth.

Settings (``sphinx: config:`` in ``_config.yml``):

- ``bh_site_url``: the address where the site is published (the sitemap and social previews need
  absolute addresses);
- ``bh_pyodide``: where the in-browser simulators get Pyodide (Python for the browser): the URL of
  a ``pyodide.js`` on a CDN, or the path or URL of a Pyodide release archive
  (``pyodide-X.Y.Z.tar.bz2``) that the site build unpacks and hosts itself under ``apps/``.
  (``host``, an archive's URL, a folder's URL ending in ``/``, or a local archive or folder: the
  site hosts Pyodide, only the files the apps need, each checked; see
  ``tools/site/pyodide_dist.py``.)
- ``bh_app_timeout``: seconds an opened app may go without a step forward before the reader is
  told it did not start, with a way back to the lesson's worked example (default 120).
"""

from __future__ import annotations

import html
import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

ZH_PREFIX = "book/zh/"
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v0.29.0/full/pyodide.js"
#: What a first visit of an app downloads, in MB, as the words say it (benchmarks/bench_browser.py
#: measures it; tests/site/test_trimmed.py checks it against a first visit, to the MB).
APP_FIRST_VISIT_MB = 12
#: How long an app may go without a step forward before the reader is told it did not start and
#: is sent back to the lesson's worked example (``bh_app_timeout``): a first visit on a slow
#: phone connection (12 MB at 1-2 Mbit/s) downloads for one to two minutes in its first step.
APP_TIMEOUT_S = 120
#: Headings of a lesson's worked example (the way back when an app does not start).
EXAMPLE_HEADING = r"worked example|an example|example|算例|示例|例子|案例"
SOCIAL_IMAGE = "social-preview.png"
SOCIAL_IMAGE_ZH = "social-preview-zh.png"
FAVICON = "favicon.svg"
DESCRIPTION_MAX = 160

#: The words of the embed, in each language of the book.
WORDS = {
    "en": {
        "button": "Try it in your browser",
        "alt": "A picture of the simulator {title}: press the button to open it.",
        "note": ("It runs inside your browser: nothing to install, and your numbers stay on your "
                 "device. The first time, it downloads Python for the browser (about {mb} MB) from "
                 "{host}; later visits reuse it."),
        "frame": "The simulator {title}, running in your browser",
        "open": "Open it in a page of its own",
        "simulator": "the simulator",
        "loading": "Opening the simulator: about {mb} MB the first time, later visits reuse it. "
                   "On a phone this can take a minute or two.",
        "steps": ["Downloading and starting Python", "Installing the simulator",
                  "Working out the first result"],
        "step": "Step {index} of {count}: {text}",
        "failed": ("The simulator could not start in your browser ({why}). Nothing is lost: the "
                   "worked example on this page shows the same calculation."),
        "why_time": "no answer after {seconds} seconds",
        "why_error": "an error",
        "back": "Go to the worked example",
        "failed_page": ("The simulator could not start in your browser ({why}). The lesson's "
                        "worked example shows the same calculation."),
        "back_page": "Back to the lesson",
        "again": "Try again",
    },
    "zh": {
        "button": "在浏览器中试用",
        "alt": "模拟器“{title}”的画面：按下按钮即可打开。",
        "note": "它在你的浏览器里运行：无需安装，你输入的数字不会离开你的设备。"
                "第一次打开时，它会从{host}下载浏览器版 Python（约 {mb} MB），以后再打开会直接使用已下载的部分。",
        "frame": "在你的浏览器中运行的模拟器“{title}”",
        "open": "在单独的页面中打开",
        "simulator": "模拟器",
        "loading": "正在打开模拟器：第一次约需下载 {mb} MB，以后再打开会直接使用已下载的部分。"
                   "在手机上可能需要一两分钟。",
        "steps": ["下载并启动浏览器版 Python", "安装模拟器", "计算第一个结果"],
        "step": "第 {index} 步（共 {count} 步）：{text}",
        "failed": "模拟器没能在你的浏览器中启动（{why}）。没有关系：本页的算例给出了同样的计算。",
        "why_time": "{seconds} 秒内没有响应",
        "why_error": "出现错误",
        "back": "查看本页的算例",
        "failed_page": "模拟器没能在你的浏览器中启动（{why}）。课文中的算例给出了同样的计算。",
        "back_page": "返回课文",
        "again": "再试一次",
    },
}


def page_lang(docname: str) -> str:
    return "zh" if docname.startswith(ZH_PREFIX) else "en"


def is_cdn(pyodide: str) -> bool:
    """Whether the setting names a ``pyodide.js`` elsewhere (rather than an archive to host)."""
    return pyodide.startswith(("http://", "https://")) and pyodide.endswith("/pyodide.js")


def pyodide_host(pyodide: str, lang: str) -> str:
    if is_cdn(pyodide):
        return urlsplit(pyodide).hostname
    return "这个网站" if lang == "zh" else "this site"


def app_page(name: str, lang: str) -> str:
    """Where the built site keeps an app, from the site's root."""
    return f"apps/voici/render/{name}{'.zh' if lang == 'zh' else ''}.html"


def preview_picture(name: str, lang: str) -> str:
    return f"apps/previews/{name}.{lang}.jpg"


#: The size the preview pictures are taken at (tools/site/build_site.py uses the same).
PREVIEW_SIZE = (960, 600)


class TryInBrowser(SphinxDirective):
    """``{try-in-browser} APP``: the in-browser simulator behind a button, with a preview."""

    required_arguments = 1
    option_spec = {"title": directives.unchanged, "lang": lambda v: directives.choice(v, ("en", "zh"))}

    def run(self):
        name = self.arguments[0].strip()
        notebook = Path(self.env.srcdir) / "simulators" / "apps" / f"{name}.ipynb"
        if not notebook.exists():
            raise self.error(f"try-in-browser: there is no app simulators/apps/{name}.ipynb")
        lang = self.options.get("lang") or page_lang(self.env.docname)
        words = WORDS[lang]
        title = self.options.get("title") or words["simulator"]
        root = "../" * self.env.docname.count("/")
        host = pyodide_host(self.config.bh_pyodide, lang)
        live = {key: words[key] for key in ("loading", "steps", "step", "failed", "why_time",
                                             "why_error", "back", "again")}
        live["loading"] = live["loading"].format(mb=APP_FIRST_VISIT_MB)
        live["example"] = EXAMPLE_HEADING
        app_url = root + app_page(name, lang)
        width, height = PREVIEW_SIZE
        esc = html.escape
        markup = f"""
<div class="bh-try" data-bh-app="{esc(app_url)}" data-bh-frame-title="{esc(words['frame'].format(title=title))}"
     data-bh-timeout="{int(self.config.bh_app_timeout)}" data-bh-words="{esc(json.dumps(live, ensure_ascii=False))}">
  <div class="bh-try-stage">
    <img class="bh-try-preview" src="{esc(root + preview_picture(name, lang))}" width="{width}" height="{height}"
         loading="lazy" decoding="async" alt="{esc(words['alt'].format(title=title))}">
    <button type="button" class="bh-try-button">{esc(words['button'])}</button>
  </div>
  <p class="bh-try-note">{esc(words['note'].format(host=host, mb=APP_FIRST_VISIT_MB))}
    <a class="bh-try-open" href="{esc(app_url)}">{esc(words['open'])}</a></p>
</div>
"""
        self.env.note_dependency(str(notebook))
        return [nodes.raw("", markup, format="html")]


# --------------------------------------------------------------------------- page descriptions

_GOALS = re.compile(r"will learn|you learn|会知道|学到|将学", re.I)


def _learning_goals(doctree) -> str:
    """A lesson's "What you will learn" box, as one line: the best summary a lesson has."""
    for box in doctree.findall(nodes.Admonition):
        title = next(iter(box.findall(nodes.title)), None)
        if title is None or not _GOALS.search(title.astext()):
            continue
        items = [" ".join(item.astext().split()) for item in box.findall(nodes.list_item)]
        sep = "" if any(_CJK.search(i) for i in items) else " "
        return sep.join(items)
    return ""


_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _first_paragraph(doctree) -> str:
    for para in doctree.findall(nodes.paragraph):
        if "bh-lang-switch" in para.get("classes", []):
            continue
        # A paragraph all in italics is an aside ("This case is fictional"), not a summary.
        if len(para.children) == 1 and isinstance(para.children[0], nodes.emphasis):
            continue
        if any(isinstance(a, (nodes.admonition, nodes.Admonition, nodes.caption, nodes.footnote,
                              nodes.citation, nodes.field_list, nodes.table))
               for a in _ancestors(para)):
            continue
        text = " ".join(para.astext().split())
        if len(text) >= 40:
            return text
    return ""


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Cut at a word (or, in Chinese, a character) before ``limit``, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:，；：、") + "…"


def _collect_description(app, doctree):
    meta = app.env.metadata.get(app.env.docname, {})
    text = (str(meta.get("description", "")).strip() or _learning_goals(doctree)
            or _first_paragraph(doctree))
    app.env.bh_descriptions = getattr(app.env, "bh_descriptions", {})
    app.env.bh_descriptions[app.env.docname] = shorten(" ".join(text.split()))


def _merge(app, env, docnames, other):
    env.bh_descriptions = getattr(env, "bh_descriptions", {})
    env.bh_descriptions.update(getattr(other, "bh_descriptions", {}))


def _purge(app, env, docname):
    getattr(env, "bh_descriptions", {}).pop(docname, None)


def absolute(app, path: str) -> str:
    return app.config.bh_site_url.rstrip("/") + "/" + path.lstrip("/")


def _accessible_body(context):
    """Docutils marks each bibliography entry with the DPUB role ``doc-biblioentry``, which ARIA
    1.2 deprecates, inside a ``role="list"`` that then has no list items: screen readers get
    a list of nothing. Each entry is a list item."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def _page_tags(app, pagename, templatename, context, doctree):
    _accessible_body(context)
    descriptions = getattr(app.env, "bh_descriptions", {})
    description = descriptions.get(pagename, "")
    if not description and pagename in ("search", "genindex"):
        # The search and index pages have no text of their own to describe them.
        zh = str(app.config.language or "").startswith("zh")
        description = {("search", False): "Search The Borrower's Handbook: loan contracts, rates, "
                                            "late payment, debt collection and your rights.",
                       ("search", True): "搜索借款人手册：借款合同、利率、逾期、催收，以及你的权利。",
                       ("genindex", False): "The index of The Borrower's Handbook.",
                       ("genindex", True): "借款人手册的索引。"}[(pagename, zh)]
    site_name = app.config.html_title or app.config.project
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or site_name
    tags = []
    if description and 'name="description"' not in context.get("metatags", ""):
        tags.append(f'<meta name="description" content="{html.escape(description)}">')
    # The Chinese edition's picture is in Chinese (tools/site/make_social_image.py); its
    # _static is the site's zh/_static (book/_ext/editions.py).
    zh_edition = str(app.config.language or "").startswith("zh")
    image = absolute(app, f"zh/_static/{SOCIAL_IMAGE_ZH}" if zh_edition else f"_static/{SOCIAL_IMAGE}")
    url = absolute(app, app.builder.get_target_uri(pagename))
    lang = "zh_CN" if pagename.startswith(ZH_PREFIX) else "en_GB"
    for prop, value in (("og:type", "article"), ("og:site_name", site_name),
                        ("og:title", html.unescape(title)), ("og:description", description),
                        ("og:url", url), ("og:image", image), ("og:image:width", "1200"),
                        ("og:image:height", "630"), ("og:locale", lang)):
        if value:
            tags.append(f'<meta property="{prop}" content="{html.escape(value)}">')
    tags.append('<meta name="twitter:card" content="summary_large_image">')
    tags.append('<meta name="theme-color" content="#1f5f8b">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags) + "\n"


# --------------------------------------------------------------------------- 404, sitemap, robots

NOT_FOUND = {
    "title": "Page not found · 找不到这个页面",
    "body": """
<h1>Page not found · 找不到这个页面</h1>
<p>There is no page at this address. It may have moved, or the address may have a typing mistake.</p>
<p lang="zh-CN">这个地址没有页面。页面可能已经移动，或者地址有输入错误。</p>
<ul>
<li><a href="book/index.html">The Borrower's Handbook: start here</a></li>
<li lang="zh-CN"><a href="book/zh/index.html">借款人手册：从这里开始</a></li>
<li><a href="search.html">Search the handbook · 搜索</a></li>
</ul>
""",
}


#: The Chinese edition's 404 page (zh/404.html): in Chinese only.
NOT_FOUND_ZH = {
    "title": "找不到这个页面",
    "body": """
<h1>找不到这个页面</h1>
<p>这个地址没有页面。页面可能已经移动，或者地址有输入错误。</p>
<ul>
<li><a href="book/zh/index.html">借款人手册：从这里开始</a></li>
<li><a href="zh/search.html">搜索本书</a></li>
<li><a href="book/index.html" hreflang="en">英文版</a></li>
</ul>
""",
}


def _collect_pages(app):
    if app.builder.name != "html":
        return
    words = NOT_FOUND_ZH if str(app.config.language or "").startswith("zh") else NOT_FOUND
    yield "404", {"title": words["title"], "body": words["body"], "toc": "",
                  "display_toc": False}, "page.html"


def _absolute_links(page: str, prefix: str) -> str:
    """A 404 page is served at whatever address was asked for: make its own links absolute."""
    def fix(match):
        attr, quote, url = match.group(1), match.group(2), match.group(3)
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#|//)", url, re.I):
            return match.group(0)
        return f"{attr}={quote}{prefix}{url}{quote}"

    return re.sub(r'\b(href|src|action)=(["\'])([^"\']*)\2', fix, page)


def _finish(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir)
    # The English edition is built into the site's root, where the Chinese edition's pages
    # (book/zh/, zh/) may already be from an earlier build: they are not this build's.
    english = not str(app.config.language or "en").startswith("zh")
    _lighter_pages(out, skip=(("book", "zh"), ("zh",)) if english else ())
    prefix = urlsplit(app.config.bh_site_url).path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    not_found = out / "404.html"
    if not_found.exists():
        text = not_found.read_text(encoding="utf-8")
        text = _absolute_links(text, prefix)
        not_found.write_text(text, encoding="utf-8")
    docs = sorted(app.env.found_docs)
    urls = "\n".join(
        f"  <url><loc>{escape(absolute(app, app.builder.get_target_uri(d)))}</loc></url>"
        for d in docs)
    (out / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}\n</urlset>\n", encoding="utf-8")
    (out / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {absolute(app, 'sitemap.xml')}\n", encoding="utf-8")


# --------------------------------------------------------------------------- lighter pages

_ICON_CLASS = re.compile(r'class="([^"]*\bfa-(?:solid|regular|brands)\b[^"]*)"')
_FA_SCRIPT = re.compile(r'<script defer src="([^"]*?)_static/scripts/fontawesome\.js[^"]*"></script>')
_MODIFIERS = {"solid", "regular", "brands", "lg", "xs", "sm", "xl", "fw", "2x", "3x"}


def icon_css(fontawesome_js: str, names) -> str:
    """The theme's few icons as CSS masks drawn from Font Awesome's own shapes, so a page needs
    neither Font Awesome's 500 KB script nor its font for them. (Font Awesome Free icons:
    CC BY 4.0, https://fontawesome.com/license/free.)"""
    rules = [".fa-solid, .fa-regular, .fa-brands { display: inline-block; height: 1em; "
             "vertical-align: -0.125em; background-color: currentColor; "
             "-webkit-mask: var(--bh-icon) no-repeat center / contain; "
             "mask: var(--bh-icon) no-repeat center / contain; }",
             ".fa-lg { font-size: 1.25em; vertical-align: -0.2em; }",
             # The shape is the mask: the font's glyph (and so the 150 KB font) is not needed.
             ".fa-solid::before, .fa-regular::before, .fa-brands::before { content: none !important; }"]
    for name in sorted(names):
        # The icon table reads {"magnifying-glass":[512,512,[aliases],"f002","M416 ..."], bars:[...]}.
        key = re.escape(name)
        match = re.search(r'[{,](?:"%s"|%s):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","([^"]+)"\]'
                          % (key, key), fontawesome_js)
        if not match:
            continue
        width, height, path = int(match.group(1)), int(match.group(2)), match.group(3)
        svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
               f"<path d='{path}'/></svg>")
        rules.append(f'.fa-{name} {{ width: {width / height:.4f}em; '
                     f'--bh-icon: url("data:image/svg+xml,{svg.replace("#", "%23")}"); }}')
    return "\n".join(rules) + "\n"


def _svg_by_unicode(fontawesome_js: str, code: str):
    """The data URL of the Font Awesome icon with the private-use code point ``code`` (f0eb)."""
    match = re.search(r'\[(\d+),(\d+),\[[^\]]*\],"%s","([^"]+)"\]' % re.escape(code), fontawesome_js)
    if not match:
        return None
    width, height, path = match.groups()
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
           f"<path d='{path}'/></svg>")
    return f'url("data:image/svg+xml,{svg.replace("#", "%23")}")'


def admonition_icon_css(fontawesome_js: str, theme_css: str) -> str:
    """The theme draws each box's icon (a light bulb for a tip...) with Font Awesome's 150 KB
    font; the same shapes as CSS masks, so that no page downloads the font."""
    icons = {name: value for name, value in
             re.findall(r"--pst-icon-([a-z-]+):(\"[^\"]*\"|var\([^)]*\))", theme_css)}

    def code_of(name, depth=0):
        value = icons.get(name, "")
        if value.startswith("var(") and depth < 3:
            return code_of(value[len("var(--pst-icon-"):-1], depth + 1)
        value = value.strip('"')
        if value.startswith("\\"):
            return value[1:].lower()
        return f"{ord(value):x}" if len(value) == 1 else None

    rules = [".admonition>.admonition-title::after, div.admonition>.admonition-title::after { "
             "content: '' !important; font: inherit !important; background-color: currentColor; "
             "top: 0.7rem !important; -webkit-mask: var(--bh-admonition-icon) no-repeat center / contain; "
             "mask: var(--bh-admonition-icon) no-repeat center / contain; }"]
    for kind in sorted(k[len("admonition-"):] for k in icons if k.startswith("admonition-")):
        code = code_of(f"admonition-{kind}")
        url = _svg_by_unicode(fontawesome_js, code) if code else None
        if url is None:
            continue
        if kind == "default":
            selector = ".admonition>.admonition-title::after, div.admonition>.admonition-title::after"
        else:
            css_class = "admonition-todo" if kind == "todo" else kind
            selector = (f".admonition.{css_class}>.admonition-title::after, "
                        f"div.admonition.{css_class}>.admonition-title::after")
        rules.append(f"{selector} {{ --bh-admonition-icon: {url}; }}")
    return "\n".join(rules) + "\n"


_HEAD_SCRIPT = re.compile(r'<script((?: [\w-]+="[^"]*")*) src="([^"]+)"></script>')


def _defer_scripts(page: str) -> str:
    """The theme's and extensions' scripts load in the head and hold up the first paint of the
    text on a slow phone connection; deferred, they run in the same order once the page is
    parsed. documentation_options.js stays as it is: the inline scripts of the head use it."""
    head_end = page.find("</head>")
    if head_end < 0:
        return page
    head = _HEAD_SCRIPT.sub(
        lambda m: m.group(0) if ("documentation_options.js" in m.group(2)
                                 or re.search(r"\b(defer|async)\b", m.group(1)))
        else f'<script{m.group(1)} defer src="{m.group(2)}"></script>', page[:head_end])
    return head + page[head_end:]


# Stylesheets a page links in its head (either attribute order), except the print one.
_STYLESHEET = re.compile(r'<link (?:rel="stylesheet" (?:type="text/css" )?href="([^"]+)"|'
                         r'href="([^"]+)" rel="stylesheet")\s*/?>\s*')
_CSS_URL = re.compile(r'url\(\s*([\'"]?)([^)\'"]+)\1\s*\)')
_CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')


def _css_text(path: Path, static: Path, seen=None) -> str:
    """A stylesheet with its @imports inlined and its relative url()s made relative to _static/,
    where the bundle lives."""
    seen = set() if seen is None else seen
    if path in seen or not path.exists():
        return ""
    seen.add(path)
    text = path.read_text(encoding="utf-8")
    text = _CSS_IMPORT.sub(lambda m: _css_text((path.parent / m.group(1).split("?")[0]).resolve(),
                                               static, seen), text)

    def fix(match):
        quote, url = match.groups()
        if re.match(r"^(data:|[a-z]+:|/|#)", url):
            return match.group(0)
        target = (path.parent / url).resolve()
        return f"url({quote}{Path(os.path.relpath(target, static)).as_posix()}{quote})"

    return _CSS_URL.sub(fix, text)


_TOKEN = re.compile(r"-?[A-Za-z_][\w-]*")
_CLASS_OR_ID = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)(?!\\)")


def _top_level_split(text: str, sep: str = ",") -> list:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _required(selector: str) -> set:
    """The classes and ids an element must carry for ``selector`` to match anything (what sits
    inside :not(), :where(), :is() and :has() is not required; strings and attributes neither)."""
    plain, depth, out = [], 0, []
    i = 0
    while i < len(selector):
        ch = selector[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
        i += 1
    return set(_CLASS_OR_ID.findall("".join(out)))


def purge_css(css: str, used: set) -> str:
    """Drop the rules whose selectors need a class or id that no page and no script of the site
    uses. The theme's stylesheet (400 KB) styles every Bootstrap component; the pages use a
    few. Anything the pages' scripts might add is kept: every word of every script counts as
    used."""
    import tinycss2

    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            selectors = _top_level_split(tinycss2.serialize(rule.prelude))
            if any(_required(sel) <= used for sel in selectors):
                out.append(rule.serialize())
        elif rule.type == "at-rule":
            if rule.lower_at_keyword in ("media", "supports", "layer", "container") and rule.content:
                inner = purge_css(tinycss2.serialize(rule.content), used)
                if inner.strip():
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            else:
                out.append(rule.serialize())
    return "\n".join(out)


def used_names(out: Path, texts: dict) -> set:
    """Every word of every page and every script of the site: the classes and ids a stylesheet
    rule may need."""
    names = set()
    for text in texts.values():
        names.update(_TOKEN.findall(text))
    for script in (out / "_static").rglob("*.js"):
        if script.name not in ("fontawesome.js", "searchindex.js"):
            names.update(_TOKEN.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def bundle_styles(out: Path, texts: dict) -> dict:
    """Put each page's stylesheets into one file. A phone on a slow connection fetches a dozen
    small render-blocking stylesheets one round trip after another; one bundle, the same for
    every page with the same set, is fetched once and then cached. The order is kept, so the
    cascade is unchanged."""
    static = (out / "_static").resolve()
    used = used_names(out, texts)
    bundles, new_texts = {}, {}
    for page, text in texts.items():
        head_end = text.find("</head>")
        if head_end < 0:
            new_texts[page] = text
            continue
        head = text[:head_end]
        links = [m for m in _STYLESHEET.finditer(head) if 'media="print"' not in m.group(0)]
        if len(links) < 2:
            new_texts[page] = text
            continue
        files = tuple((page.parent / (m.group(1) or m.group(2)).split("?")[0]).resolve() for m in links)
        if files not in bundles:
            css = "\n".join(f"/* {Path(os.path.relpath(f, static)).as_posix()} */\n"
                            + purge_css(_css_text(f, static), used) for f in files)
            name = f"bundle-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
            (static / name).write_text(css, encoding="utf-8")
            bundles[files] = name
        href = Path(os.path.relpath(static / bundles[files], page.parent.resolve())).as_posix()
        first = links[0]
        pieces, last = [], 0
        for m in links:
            pieces.append(head[last:m.start()])
            if m is first:
                pieces.append(f'<link rel="stylesheet" href="{href}" />\n')
            last = m.end()
        pieces.append(head[last:])
        new_texts[page] = "".join(pieces) + text[head_end:]
    return new_texts


_SEARCH_SCRIPTS = re.compile(r'\s*<script defer src="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)'
                             r'[^"]*"></script>')
_THEBE = re.compile(r'\s*<script>const THEBE_JS_URL[^<]*</script>|'
                    r'\s*<script[^>]*src="[^"]*sphinx-thebe\.js[^"]*"></script>|'
                    r'\s*<link rel="stylesheet" type="text/css" href="[^"]*sphinx-thebe\.css[^"]*" />')
_DOC_OPTIONS = re.compile(r'<script src="([^"]*documentation_options\.js)(?:\?[^"]*)?"></script>')


def _without_unused_scripts(page_path: Path, text: str) -> str:
    """Scripts a page does not use: the search index (469 KB) and search code, which only the
    search page needs (the search box sends the reader there), and sphinx-thebe, which runs
    code cells on a Binder server this book does not use. The tiny settings script is inlined,
    which saves the one script that must load before the page shows."""
    if page_path.name != "search.html":
        text = _SEARCH_SCRIPTS.sub("", text)
    text = _THEBE.sub("", text)

    def inline(match):
        source = (page_path.parent / match.group(1)).resolve()
        if not source.exists():
            return match.group(0)
        return "<script>" + source.read_text(encoding="utf-8").strip() + "</script>"

    return _DOC_OPTIONS.sub(inline, text)


# "Fig. 14" in the English edition, "图 14" in the Chinese one (Sphinx's zh_CN words).
_CAPTION_NUMBER = re.compile(r'<span class="caption-number">(?:Fig\.|图) ?\d+ </span>')


def _page_figure_numbers(rel: Path, text: str) -> str:
    """Figures are numbered on each page from 1, and called 图 on a Chinese page. Sphinx counts
    figures through the whole book in one language ("Fig. 14" on the Chinese fees page and
    "Fig. 2" on the English one): a teacher with the two versions side by side could not say
    "figure 1" to both halves of the room. The book refers to figures in words, never by number,
    so only the captions change."""
    word = "图" if rel.parts[:2] == ("book", "zh") else "Fig."
    count = iter(range(1, 10_000))
    return _CAPTION_NUMBER.sub(lambda m: f'<span class="caption-number">{word} {next(count)} </span>', text)


def _lighter_pages(out: Path, skip: tuple = ()) -> None:
    """Make each page light for a phone: replace the theme's Font Awesome script and font by a
    small stylesheet of the icons the pages use, defer the head's scripts, drop the scripts a
    page does not use (sphinx-thebe, declared twice, was also a script error on every page),
    give the colour mode its default, and bundle the stylesheets into one file."""
    script = out / "_static" / "scripts" / "fontawesome.js"
    pages = [p for p in out.rglob("*.html") if "apps" not in p.relative_to(out).parts[:1]
             and not any(p.relative_to(out).parts[:len(s)] == s for s in skip)]
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    if script.exists():
        names = set()
        for text in texts.values():
            for classes in _ICON_CLASS.findall(text):
                names.update(c[3:] for c in classes.split()
                             if c.startswith("fa-") and c[3:] not in _MODIFIERS)
        (out / "_static" / "icons.css").write_text(
            icon_css(script.read_text(encoding="utf-8"), names), encoding="utf-8")
    if script.exists():
        theme = out / "_static" / "styles" / "pydata-sphinx-theme.css"
        if theme.exists():
            with (out / "_static" / "icons.css").open("a", encoding="utf-8") as icons:
                icons.write(admonition_icon_css(script.read_text(encoding="utf-8"),
                                                theme.read_text(encoding="utf-8")))
    originals = dict(texts)
    for page, text in texts.items():
        new = _FA_SCRIPT.sub(lambda m: f'<link rel="stylesheet" href="{m.group(1)}_static/icons.css">',
                             text) if script.exists() else text
        new = _defer_scripts(new)
        # With no default colour mode set, the theme logs a script error on every page.
        new = new.replace('localStorage.getItem("mode") || ""', 'localStorage.getItem("mode") || "auto"')
        # The colour theme is settled before the first paint (light, or dark if the reader's
        # device asks for it). Left as "auto", the theme's deferred script settled it after the
        # page showed, and the theme's light-mode rules (code, links) then moved the text: a
        # layout shift that cost the methodology page 14 points of Lighthouse performance.
        new = new.replace('localStorage.getItem("theme") || ""',
                          'localStorage.getItem("theme") || (window.matchMedia && '
                          'matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light")')
        texts[page] = _page_figure_numbers(page.relative_to(out), _without_unused_scripts(page, new))
    for page, text in bundle_styles(out, texts).items():
        if text != originals[page]:
            page.write_text(text, encoding="utf-8")


def _defaults(app, config):
    # The site build hosts Pyodide from an archive, a mirror or a folder (tools/site/build_site.py
    # --pyodide, or BH_PYODIDE): the lessons then say the apps load from this site, not a CDN.
    if os.environ.get("BH_PYODIDE"):
        config.bh_pyodide = os.environ["BH_PYODIDE"]
    if not config.html_favicon:
        config.html_favicon = str(Path(__file__).resolve().parents[1] / "_static" / FAVICON)


def setup(app):
    app.add_config_value("bh_site_url", "http://localhost:8000/", "html")
    app.add_config_value("bh_pyodide", PYODIDE_CDN, "html")
    app.add_config_value("bh_app_timeout", APP_TIMEOUT_S, "html")
    app.add_directive("try-in-browser", TryInBrowser)
    app.add_css_file("site.css")
    app.add_css_file("print.css", media="print")
    app.add_js_file("try-in-browser.js", loading_method="defer")
    app.add_js_file("copy-text.js", loading_method="defer")
    app.connect("config-inited", _defaults)
    app.connect("doctree-read", _collect_description)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    app.connect("html-page-context", _page_tags)
    app.connect("html-collect-pages", _collect_pages)
    # After the other extensions' build-finished work (priority 500): the theme rewrites
    # pygments.css then, and the bundle must hold the file the pages would have loaded.
    app.connect("build-finished", _finish, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
