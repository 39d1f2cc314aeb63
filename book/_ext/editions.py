"""Two editions from one source: the English handbook and 借款人手册, each a site of its own.

``tools/site/build_site.py`` builds the book twice from the same files:

- the English edition from ``_toc.yml`` and ``_config.yml``, into the site's root (``_build/html``);
- the Chinese edition from ``_toc_zh.yml`` and ``_config.yml`` with ``_config_zh.yml`` laid over it
  (``language: zh_CN``: Sphinx, the theme and the extensions speak Chinese, and the search splits
  Chinese words with jieba), into a folder of its own, which :func:`relocate` then moves into the
  site: its pages keep their addresses (``book/zh/...``, so every existing link still works), and
  what is its own (search page and index, general index, ``_static``, pictures) goes under
  ``zh/``. ``zh/`` also opens the Chinese home.

This extension, loaded by both builds:

- resolves a link from one edition to a page of the other (the in-page language switches, "see
  the English letter"), which the build of one edition does not know, to that page's address;
- gives every page a link to its twin in the header (``book/X`` and ``book/zh/X``), in the page's
  own language, and ``<link rel="alternate" hreflang>`` for both and for the site's chooser;
- turns into Chinese the interface words that Sphinx, the theme and the extensions leave in
  English under ``zh_CN`` (:data:`ZH_CHROME`).

The site's root (``index.html``) is a small bilingual page to choose an edition (:func:`chooser`).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

ZH_PREFIX = "book/zh/"
#: Where the Chinese edition's own files (search, index, _static...) live in the site.
ZH_DIR = "zh"
#: The key under which the chooser and the language switch remember the reader's choice.
STORAGE_KEY = "bh-edition"


def edition(config) -> str:
    return "zh" if str(config.language or "en").lower().startswith("zh") else "en"


def twin(docname: str) -> str:
    """The page's twin in the other edition (``book/x`` <-> ``book/zh/x``)."""
    if docname.startswith(ZH_PREFIX):
        return "book/" + docname[len(ZH_PREFIX):]
    if docname.startswith("book/"):
        return ZH_PREFIX + docname[len("book/"):]
    return ""


def relative_url(from_doc: str, to_doc: str, anchor: str = "") -> str:
    url = posixpath.relpath(to_doc + ".html", posixpath.dirname(from_doc) or ".")
    return url + (f"#{anchor}" if anchor else "")


# --------------------------------------------------------------------------- links between editions

_LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")


def _source_index(srcdir: Path) -> tuple[dict, dict]:
    """Every page's title and every ``(label)=`` of the book's Markdown files, by reading them:
    the build of one edition does not read the other's pages."""
    titles, labels = {}, {}
    for path in (srcdir / "book").rglob("*.md"):
        doc = path.relative_to(srcdir).with_suffix("").as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        in_front = bool(lines) and lines[0].strip() == "---"
        pending = []
        for i, line in enumerate(lines):
            if in_front:
                if i > 0 and line.strip() == "---":
                    in_front = False
                continue
            label = _LABEL.match(line)
            if label:
                pending.append(label.group(1).lower())
                continue
            heading = _HEADING.match(line)
            if heading:
                text = re.sub(r"[`*]", "", heading.group(1))
                titles.setdefault(doc, text)
                for name in pending:
                    labels[name] = (doc, nodes.make_id(name), text)
            if line.strip():
                pending = []
    return titles, labels


class OtherEdition(SphinxPostTransform):
    """A reference to a page that is in the other edition's build becomes a plain link to it."""

    default_priority = 5  # before MyST's and Sphinx's resolvers (9, 10), which would warn

    def run(self, **kwargs):
        env = self.env
        if not hasattr(env, "bh_source_index"):
            env.bh_source_index = _source_index(Path(env.srcdir))
        titles, labels = env.bh_source_index
        for node in list(self.document.findall(addnodes.pending_xref)):
            refdoc = node.get("refdoc", env.docname)
            target, anchor, title = None, "", ""
            reftype, domain = node.get("reftype"), node.get("refdomain")
            if reftype in ("doc", "myst") and domain in ("std", "doc"):
                name = node["reftarget"]
                if reftype == "doc":
                    name = name[1:] if name.startswith("/") else posixpath.normpath(
                        posixpath.join(posixpath.dirname(refdoc), name))
                if name in env.all_docs or name not in titles:
                    continue
                target, title = name, titles[name]
                anchor = node.get("reftargetid") or ""
            elif reftype in ("ref", "numref") and domain == "std":
                label = node["reftarget"].lower()
                if label in env.domaindata["std"]["labels"] or label not in labels:
                    continue
                target, anchor, title = labels[label]
                if target in env.all_docs:
                    continue
            else:
                continue
            ref = nodes.reference("", "", internal=True, refuri=relative_url(refdoc, target, anchor))
            ref["classes"].append("bh-other-edition")
            if node.get("refexplicit") and node.astext().strip():
                ref += node[0].deepcopy() if len(node) == 1 else [c.deepcopy() for c in node.children]
            else:
                ref += nodes.inline(title, title)
            node.replace_self(ref)


# --------------------------------------------------------------------------- the page around

#: The language switch in every page's header, in the page's own language.
SWITCH = {
    "en": {"label": "中文", "title": "阅读本页的中文版", "hreflang": "zh-CN", "edition": "zh"},
    "zh": {"label": "英文版", "title": "阅读本页的英文版", "hreflang": "en", "edition": "en"},
}

#: Interface words that Sphinx, sphinx-book-theme, pydata-sphinx-theme and the extensions leave
#: in English under ``zh_CN`` (their bundled catalogs miss them), as they appear in the built HTML.
ZH_CHROME = {
    # pydata-sphinx-theme 0.17.1 (its zh catalog lacks these) and sphinx-book-theme 1.3.0
    "Toggle primary sidebar": "打开或关闭目录",
    "Toggle secondary sidebar": "打开或关闭本页目录",
    "Color mode": "颜色模式",
    "System Settings": "跟随系统设置",
    "Light": "浅色",
    "Dark": "深色",
    "Search...": "搜索本书……",
    "Page": "翻页",
    "Section Navigation": "章节导航",
    "Site navigation": "网站导航",
    "Main": "主要导航",
    "Breadcrumb": "导航路径",
    "Table of Contents": "本页目录",
    "Search": "搜索",
    "Launch interactive content": "启动交互内容",
    "Download this page": "下载本页",
    "Fullscreen mode": "全屏模式",
    # Sphinx 7.4 (its zh_CN catalog says 永久链接至标题 for some, not these)
    "Link to this heading": "链接到本标题",
    "Link to this equation": "链接到本公式",
    "Link to this image": "链接到本图",
    "Link to this table": "链接到本表",
    "Link to this definition": "链接到本定义",
    "Link to this code": "链接到本代码",
    "Link to this term": "链接到本术语",
}
#: Words the extensions' scripts write into a page at run time, in the Chinese edition's copies.
ZH_SCRIPT_WORDS = {
    "togglebutton.js": {'aria-label="Toggle hidden content"': 'aria-label="展开或收起隐藏的内容"'},
}
_CHROME_ATTR = re.compile(r'\b(title|aria-label|data-bs-title|placeholder)="([^"]*)"')


def _page_context(app, pagename, templatename, context, doctree):
    ed = edition(app.config)
    context["bh_edition"] = ed
    other = twin(pagename)
    links = []
    if other and pagename.startswith("book/"):
        words = SWITCH[ed]
        context["bh_twin"] = {"url": relative_url(pagename, other), **words}
        en_doc, zh_doc = (pagename, other) if ed == "en" else (other, pagename)
        base = app.config.bh_site_url.rstrip("/") + "/"
        links.append(f'<link rel="alternate" hreflang="en" href="{html.escape(base + en_doc)}.html">')
        links.append(f'<link rel="alternate" hreflang="zh-CN" href="{html.escape(base + zh_doc)}.html">')
        links.append(f'<link rel="alternate" hreflang="x-default" href="{html.escape(base)}index.html">')
    else:
        context["bh_twin"] = None
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"


def translate_chrome(text: str) -> str:
    """The interface words of a built Chinese page that the tools left in English, in Chinese."""
    text = _CHROME_ATTR.sub(lambda m: f'{m.group(1)}="{ZH_CHROME[m.group(2)]}"'
                            if m.group(2) in ZH_CHROME else m.group(0), text)
    # pydata-sphinx-theme's footer: "© Copyright 2026."
    text = re.sub(r"©\s*Copyright\s+([^<.]+)\.", r"© \1 版权所有。", text)
    return text


# --------------------------------------------------------------------------- the site's root

CHOOSER = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>借款人手册 · The Borrower's Handbook</title>
<meta name="description" content="借款人手册：给借款人的免费手册，讲借款合同、利率、逾期、催收和你的权利。 The Borrower's Handbook: a free handbook for borrowers.">
<link rel="alternate" hreflang="zh-CN" href="{base}book/zh/index.html">
<link rel="alternate" hreflang="en" href="{base}book/index.html">
<link rel="alternate" hreflang="x-default" href="{base}index.html">
<link rel="icon" href="_static/favicon.svg" type="image/svg+xml">
<meta name="theme-color" content="#1f5f8b">
<script>
(function () {{
  try {{
    var saved = localStorage.getItem("{key}");
    var params = new URLSearchParams(location.search);
    if (!params.has("choose") && (saved === "zh" || saved === "en")) {{
      location.replace(saved === "zh" ? "book/zh/index.html" : "book/index.html");
    }}
  }} catch (e) {{}}
}})();
</script>
<style>
body {{ margin: 0; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC",
  "Microsoft YaHei", sans-serif; color: #1d2b36; background: #f7f9fb; line-height: 1.6; }}
main {{ max-width: 34rem; margin: 0 auto; padding: 2.5rem 1.25rem; }}
h1 {{ font-size: 1.6rem; margin: 0 0 0.25rem; }}
p.sub {{ margin: 0 0 2rem; color: #44515c; }}
a.choice {{ display: block; padding: 1.1rem 1.25rem; margin: 0 0 1rem; border-radius: 0.6rem;
  background: #fff; border: 2px solid #1f5f8b; color: #1f5f8b; text-decoration: none; }}
a.choice strong {{ display: block; font-size: 1.35rem; }}
a.choice span {{ color: #44515c; }}
a.choice.suggested {{ background: #1f5f8b; color: #fff; }}
a.choice.suggested span {{ color: #e8f1f7; }}
a.choice:focus-visible {{ outline: 3px solid #d97a00; outline-offset: 2px; }}
</style>
</head>
<body>
<main>
<h1>借款人手册</h1>
<p class="sub" lang="en">The Borrower's Handbook</p>
<a class="choice" id="bh-zh" href="book/zh/index.html" hreflang="zh-CN" data-edition="zh">
  <strong>中文版</strong><span>借款合同、利率、逾期、催收，以及你的权利</span></a>
<a class="choice" id="bh-en" href="book/index.html" hreflang="en" lang="en" data-edition="en">
  <strong>English</strong><span>Loan contracts, rates, late payment, collection and your rights</span></a>
</main>
<script>
(function () {{
  var lang = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  var suggest = /^en/i.test(lang) ? "bh-en" : "bh-zh";
  document.getElementById(suggest).classList.add("suggested");
  if (suggest === "bh-en") {{
    var main = document.querySelector("main");
    main.insertBefore(document.getElementById("bh-en"), document.getElementById("bh-zh"));
  }}
  document.querySelectorAll("a.choice").forEach(function (a) {{
    a.addEventListener("click", function () {{
      try {{ localStorage.setItem("{key}", a.getAttribute("data-edition")); }} catch (e) {{}}
    }});
  }});
}})();
</script>
</body>
</html>
"""


def chooser(site_url: str) -> str:
    """The site's root page: choose an edition. It remembers the choice (``localStorage``) and
    goes straight there on the next visit (``index.html?choose`` shows it again); it suggests
    the edition of the browser's language (Chinese unless the browser asks for English). With
    no script, both links work."""
    return CHOOSER.format(base=html.escape(site_url.rstrip("/") + "/"), key=STORAGE_KEY)


# --------------------------------------------------------------------------- putting the site together

_URL_ATTR = re.compile(r'\b(href|src|action|data-bh-app|data-content_root)=(["\'])([^"\']*)\2')
_REFRESH = re.compile(r'(<meta http-equiv="Refresh" content="0; url=)([^"]+)(")', re.I)


def _moved_url(url: str, old_dir: str, new_dir: str, own: set) -> str:
    """``url``, written on a page of the Chinese build in ``old_dir``, for the page's new place
    ``new_dir`` in the site. What the Chinese build made moves under ``zh/`` except its pages
    (``book/zh/...``); anything else it links to (the apps, English pages) is the site's."""
    if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#|//|\{)", url, re.I) or url == "":
        return url
    path, sep, rest = re.match(r"^([^?#]*)([?#]?)(.*)$", url).groups()
    target = posixpath.normpath(posixpath.join(old_dir, path)) if path else old_dir
    top = target.split("/", 1)[0]
    if target.startswith(ZH_PREFIX) or target == "book/zh":
        new_target = target
    elif target == ".":
        new_target = ZH_DIR  # the Chinese build's root (data-content_root, the home's "./")
    elif top in own:
        new_target = f"{ZH_DIR}/{target}"
    else:
        new_target = target
    new = posixpath.relpath(new_target, new_dir or ".")
    if path.endswith("/") and not new.endswith("/"):
        new += "/"
    return new + sep + rest


def relocate(zh_out: Path, html_dir: Path) -> None:
    """Move the Chinese build ``zh_out`` into the site ``html_dir``: its pages to
    ``book/zh/``, everything else of its own to ``zh/``, every relative address on its pages
    rewritten for the new places. The search page shows its results (``book/zh/...``) from the
    site's root."""
    own = {p.name for p in zh_out.iterdir() if p.name != "book"}
    own.discard(".buildinfo")
    dest_zh = html_dir / ZH_DIR
    if dest_zh.exists():
        shutil.rmtree(dest_zh)
    dest_pages = html_dir / "book" / "zh"
    if dest_pages.exists():
        shutil.rmtree(dest_pages)
    for page in zh_out.rglob("*.html"):
        rel = page.relative_to(zh_out).as_posix()
        if rel.startswith(ZH_PREFIX):
            new_rel = rel
        elif rel.startswith("book/"):
            continue
        else:
            new_rel = f"{ZH_DIR}/{rel}"
        old_dir, new_dir = posixpath.dirname(rel), posixpath.dirname(new_rel)
        text = page.read_text(encoding="utf-8")
        if rel == "search.html":
            # Results are linked as content_root + "book/zh/...".
            text = text.replace('data-content_root="./"', 'data-content_root="../"')
            text = text.replace('data-content_root=""', 'data-content_root="../"')
            text = _URL_ATTR.sub(lambda m: m.group(0) if m.group(1) == "data-content_root" else
                                 f'{m.group(1)}={m.group(2)}{_moved_url(m.group(3), old_dir, new_dir, own)}{m.group(2)}',
                                 text)
        else:
            text = _URL_ATTR.sub(lambda m: f'{m.group(1)}={m.group(2)}'
                                 f'{_moved_url(m.group(3), old_dir, new_dir, own)}{m.group(2)}', text)
        text = _REFRESH.sub(lambda m: m.group(1) + _moved_url(m.group(2), old_dir, new_dir, own) + m.group(3), text)
        target = html_dir / new_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for item in zh_out.iterdir():
        if item.name in own and item.suffix != ".html":
            if item.is_dir():
                shutil.copytree(item, dest_zh / item.name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("*.html") if item.name not in ("_static", "_images") else None)
            else:
                shutil.copy2(item, dest_zh / item.name)
    # The sitemap of the site lists both editions.
    zh_map = dest_zh / "sitemap.xml"
    site_map = html_dir / "sitemap.xml"
    if zh_map.exists() and site_map.exists():
        urls = re.findall(r"  <url>.*?</url>", zh_map.read_text(encoding="utf-8"))
        text = site_map.read_text(encoding="utf-8").replace("</urlset>", "\n".join(urls) + "\n</urlset>")
        site_map.write_text(text, encoding="utf-8")
        zh_map.unlink()
    (dest_zh / "robots.txt").unlink(missing_ok=True)


def merged_config(root: Path) -> dict:
    """``_config.yml`` with ``_config_zh.yml`` laid over it (mappings merged key by key), its
    local extensions' paths absolute (the merged file is written elsewhere)."""
    import yaml

    def merge(base, over):
        if isinstance(base, dict) and isinstance(over, dict):
            out = dict(base)
            for key, value in over.items():
                out[key] = merge(base.get(key), value) if key in base else value
            return out
        return over

    base = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    over = yaml.safe_load((root / "_config_zh.yml").read_text(encoding="utf-8")) or {}
    config = merge(base, over)
    local = (config.get("sphinx") or {}).get("local_extensions") or {}
    for name, path in local.items():
        local[name] = str((root / path).resolve())
    return config


def _switch_in_chinese(app, doctree, docname):
    """The switch at the top of a Chinese page (``{.bh-lang-switch}``) names the English page
    in English ("English · Sample letter: ..."); in the Chinese edition it says, in Chinese,
    where it goes."""
    if edition(app.config) != "zh":
        return
    for para in doctree.findall(nodes.paragraph):
        if "bh-lang-switch" not in para.get("classes", []):
            continue
        for ref in para.findall(nodes.reference):
            del ref[:]
            ref += nodes.Text(SWITCH["zh"]["title"])
            ref["classes"].append("bh-twin-inline")


def _templates(app, config):
    templates = str(Path(__file__).resolve().parents[1] / "_templates")
    if templates not in config.templates_path:
        config.templates_path.append(templates)


def _finish(app, exception):
    if exception is not None or app.builder.name != "html" or edition(app.config) != "zh":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = translate_chrome(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    # Words that the extensions' scripts write into the page (this build's copies of them).
    for name, words in ZH_SCRIPT_WORDS.items():
        script = out / "_static" / name
        if script.exists():
            text = script.read_text(encoding="utf-8")
            for old, new in words.items():
                text = text.replace(old, new)
            script.write_text(text, encoding="utf-8")


def setup(app):
    from zh_search import SearchChineseHandbook  # book/_ext/zh_search.py

    # The Chinese search page splits a query into the index's words (zh_search.py).
    app.add_search_language(SearchChineseHandbook)
    app.add_post_transform(OtherEdition)
    app.connect("html-page-context", _page_context)
    app.connect("config-inited", _templates)
    app.connect("doctree-resolved", _switch_in_chinese)
    # After website.py's work on the pages (900).
    app.connect("build-finished", _finish, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
