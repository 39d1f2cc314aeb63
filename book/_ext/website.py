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
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

ZH_PREFIX = "book/zh/"
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v0.29.0/full/pyodide.js"
SOCIAL_IMAGE = "social-preview.png"
FAVICON = "favicon.svg"
DESCRIPTION_MAX = 160

#: The words of the embed, in each language of the book.
WORDS = {
    "en": {
        "button": "Try it in your browser",
        "alt": "A picture of the simulator {title}: press the button to open it.",
        "note": ("It runs inside your browser: nothing to install, and your numbers stay on your "
                 "device. The first time, it downloads Python for the browser (some tens of "
                 "megabytes) from {host}."),
        "frame": "The simulator {title}, running in your browser",
        "open": "Open it in a page of its own",
        "simulator": "the simulator",
    },
    "zh": {
        "button": "在浏览器中试用",
        "alt": "模拟器“{title}”的画面：按下按钮即可打开。",
        "note": "它在您的浏览器里运行：无需安装，您输入的数字不会离开您的设备。"
                "第一次打开时，它会从{host}下载浏览器版 Python（几十兆字节）。",
        "frame": "在您的浏览器中运行的模拟器“{title}”",
        "open": "在单独的页面中打开",
        "simulator": "模拟器",
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
        app_url = root + app_page(name, lang)
        width, height = PREVIEW_SIZE
        esc = html.escape
        markup = f"""
<div class="bh-try" data-bh-app="{esc(app_url)}" data-bh-frame-title="{esc(words['frame'].format(title=title))}">
  <div class="bh-try-stage">
    <img class="bh-try-preview" src="{esc(root + preview_picture(name, lang))}" width="{width}" height="{height}"
         loading="lazy" decoding="async" alt="{esc(words['alt'].format(title=title))}">
    <button type="button" class="bh-try-button">{esc(words['button'])}</button>
  </div>
  <p class="bh-try-note">{esc(words['note'].format(host=host))}
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
    site_name = app.config.html_title or app.config.project
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or site_name
    tags = []
    if description and 'name="description"' not in context.get("metatags", ""):
        tags.append(f'<meta name="description" content="{html.escape(description)}">')
    image = absolute(app, f"_static/{SOCIAL_IMAGE}")
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
<li><a href="index.html">The Borrower's Handbook: start here</a></li>
<li lang="zh-CN"><a href="book/zh/index.html">借款人手册：从这里开始</a></li>
<li><a href="search.html">Search the handbook · 搜索</a></li>
</ul>
""",
}


def _collect_pages(app):
    if app.builder.name != "html":
        return
    yield "404", {"title": NOT_FOUND["title"], "body": NOT_FOUND["body"], "toc": "",
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
    _lighter_pages(out)
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
             ".fa-lg { font-size: 1.25em; vertical-align: -0.2em; }"]
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


_HEAD_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')


def _defer_scripts(page: str) -> str:
    """The theme's and extensions' scripts load in the head and hold up the first paint of the
    text on a slow phone connection; deferred, they run in the same order once the page is
    parsed. documentation_options.js stays as it is: the inline scripts of the head use it."""
    head_end = page.find("</head>")
    if head_end < 0:
        return page
    head = _HEAD_SCRIPT.sub(
        lambda m: m.group(0) if "documentation_options.js" in m.group(1)
        else f'<script defer src="{m.group(1)}"></script>', page[:head_end])
    return head + page[head_end:]


def _lighter_pages(out: Path) -> None:
    """Replace the theme's Font Awesome script by a small stylesheet of the icons the pages use,
    drop the second copy of sphinx-thebe's settings that the book theme writes into each page
    (declared twice, it is a script error in every page), and give the colour mode its default."""
    script = out / "_static" / "scripts" / "fontawesome.js"
    pages = [p for p in out.rglob("*.html") if "apps" not in p.relative_to(out).parts[:1]]
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    if script.exists():
        names = set()
        for text in texts.values():
            for classes in _ICON_CLASS.findall(text):
                names.update(c[3:] for c in classes.split()
                             if c.startswith("fa-") and c[3:] not in _MODIFIERS)
        (out / "_static" / "icons.css").write_text(
            icon_css(script.read_text(encoding="utf-8"), names), encoding="utf-8")
    for page, text in texts.items():
        new = _FA_SCRIPT.sub(lambda m: f'<link rel="stylesheet" href="{m.group(1)}_static/icons.css">',
                             text) if script.exists() else text
        new = _defer_scripts(new)
        # With no default colour mode set, the theme logs a script error on every page.
        new = new.replace('localStorage.getItem("mode") || ""', 'localStorage.getItem("mode") || "auto"')
        new = new.replace('localStorage.getItem("theme") || ""', 'localStorage.getItem("theme") || "auto"')
        thebe = re.findall(r"<script>const THEBE_JS_URL[^<]*</script>\s*", new)
        if len(thebe) > 1:
            first = new.index(thebe[0]) + len(thebe[0])
            new = new[:first] + new[first:].replace(thebe[1], "", 1)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _defaults(app, config):
    if not config.html_favicon:
        config.html_favicon = str(Path(__file__).resolve().parents[1] / "_static" / FAVICON)


def setup(app):
    app.add_config_value("bh_site_url", "http://localhost:8000/", "html")
    app.add_config_value("bh_pyodide", PYODIDE_CDN, "html")
    app.add_directive("try-in-browser", TryInBrowser)
    app.add_css_file("site.css")
    app.add_css_file("print.css", media="print")
    app.add_js_file("try-in-browser.js", loading_method="defer")
    app.connect("config-inited", _defaults)
    app.connect("doctree-read", _collect_description)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    app.connect("html-page-context", _page_tags)
    app.connect("html-collect-pages", _collect_pages)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
