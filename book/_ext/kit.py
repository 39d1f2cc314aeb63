"""The instructor's kit (book/reference/kit/): worksheets, answer keys, knowledge checks, demo
links and the footer every handout carries, all made from the lessons when the book is built.

One source: the "Check yourself" exercises of the lessons. ``{kit-exercises}`` lists lessons;
it copies each lesson's exercises, in order, with lines to write on (a worksheet) or, with
``:answers:``, with the lesson's solution under each (the answer key). A change to a lesson's
exercise changes both on the next build.

- ``{kit-exercises}``: content = lesson documents (as {doc} targets from the kit page).
- ``{kit-check} PLAN``: the before/after knowledge check of a plan, from ``check.yml`` beside
  this file's kit pages (book/reference/kit/check.yml); ``:answers:`` prints the key.
- ``{kit-demo} APP EXAMPLE``: a link that opens APP with the scenario of examples/EXAMPLE,
  in the page's language, on the site (in-browser) and on the workshop laptop (hidden on the
  public site, like the other workshop links).
- ``{kit-footer}``: the site's address, a QR code of this page's address and the date the
  facts were checked.
- ``{kit-pdf} PLAN``: the link to the plan's "print everything" PDF, or with ``:pack:`` to its
  participant or facilitator pack, which tools/site/build_site.py prints after the book build.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from posixpath import normpath

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

ZH_PREFIX = "book/zh/"
ROOT = Path(__file__).resolve().parents[2]
KIT_DIR = ROOT / "book" / "reference" / "kit"
#: The date the facts on the handouts were last checked (book/reference/fact-checking.md).
CHECKED = {"en": "checked December 2026", "zh": "核对日期：2026年12月"}
#: The per-plan PDFs: the pages each prints, in order (build_site.print_kit reads this too).
PLANS_FILE = KIT_DIR / "plans.yml"

_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<kind>exercise|solution)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")
_GLUE_ROLE = re.compile(r"(?P<role>\{glue(?::\w+)?\})`(?P<key>[^`]+)`")
_DOC_ROLE = re.compile(r"\{doc\}`(?P<text>[^`<]*<)?(?P<target>[^`>]+)>?`")


@dataclass
class Exercise:
    label: str
    title: str
    body: list = field(default_factory=list)
    solution: list = field(default_factory=list)


def _block(lines, start, fence):
    """The option lines and body lines of the fenced block opened at ``start``, and where it ends."""
    options, body, i = {}, [], start + 1
    while i < len(lines) and _OPTION.match(lines[i]):
        m = _OPTION.match(lines[i])
        options[m["name"]] = m["value"].strip()
        i += 1
    while i < len(lines) and lines[i].strip() != fence:
        body.append(lines[i])
        i += 1
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return options, body, i + 1


def lesson_source(docname: str) -> Path:
    return ROOT / f"{docname}.md"


def absolute_docs(lines, lesson_docname: str):
    """``lines`` with every {doc} target made absolute ("/book/..."), so the text means the same
    on a kit page as on its lesson."""
    folder = lesson_docname.rsplit("/", 1)[0]

    def fix(m):
        target = m["target"].strip()
        if not target.startswith("/"):
            target = "/" + normpath(f"{folder}/{target}")
        return f"{{doc}}`{m['text'] or ''}{target}{'>' if m['text'] else ''}`"

    def glue(m):
        if "::" in m["key"]:
            return m[0]
        key = m["key"]
        if m["role"] == "{glue:text}" and ":" not in key:
            key += ":s"  # {glue:text} reads "doc::key:format" (myst-nb's PasteTextRole)
        return f"{m['role']}`/{lesson_docname}.md::{key}`"

    return [_GLUE_ROLE.sub(glue, _DOC_ROLE.sub(fix, line)) for line in lines]


def exercises(docname: str) -> list[Exercise]:
    """The exercises of a lesson, in order, each with its solution (lines of MyST)."""
    lines = lesson_source(docname).read_text(encoding="utf-8").splitlines()
    found, by_label, i = [], {}, 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        options, body, i = _block(lines, i, m["fence"])
        body = absolute_docs(body, docname)
        if m["kind"] == "exercise":
            ex = Exercise(options.get("label", ""), m["arg"].strip(), body)
            found.append(ex)
            by_label[ex.label] = ex
        elif m["arg"].strip() in by_label:
            by_label[m["arg"].strip()].solution = body
    return found


def lesson_title(docname: str) -> str:
    for line in lesson_source(docname).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return docname


def resolve(current: str, target: str) -> str:
    """A {doc} target written on page ``current`` as a docname."""
    if target.startswith("/"):
        return target.lstrip("/")
    return normpath(f"{current.rsplit('/', 1)[0]}/{target}")


def page_lang(docname: str) -> str:
    return "zh" if docname.startswith(ZH_PREFIX) else "en"


WORDS = {
    "en": {"answer": "Answer", "lesson": "From the lesson", "item": "Question", "correct": "Correct answer",
           "why": "Why"},
    "zh": {"answer": "答案", "lesson": "出自这一课", "item": "题目", "correct": "正确答案", "why": "理由"},
}


class _KitDirective(SphinxDirective):
    def lang(self) -> str:
        return page_lang(self.env.docname)

    def parse(self, lines, container):
        self.state.nested_parse(StringList(list(lines), source=self.env.docname), self.content_offset,
                                container)
        return container

    def lines_to_write_on(self, count: int) -> nodes.raw:
        return nodes.raw("", '<div class="bh-kit-lines" aria-hidden="true">'
                         + '<div class="bh-kit-line"></div>' * count + "</div>", format="html")


class KitExercises(_KitDirective):
    """The exercises of the listed lessons, as a worksheet or (``:answers:``) an answer key."""

    has_content = True
    option_spec = {"answers": directives.flag, "lines": directives.positive_int}

    def run(self):
        answers = "answers" in self.options
        words = WORDS[self.lang()]
        out = nodes.container(classes=["bh-kit-exercises", "bh-kit-key" if answers else "bh-kit-worksheet"])
        number = 0
        for target in [t.strip() for t in self.content if t.strip()]:
            docname = resolve(self.env.docname, target)
            path = lesson_source(docname)
            if not path.exists():
                raise self.error(f"kit-exercises: no lesson {target!r} ({path})")
            self.env.note_dependency(str(path))
            lesson = nodes.container(classes=["bh-kit-lesson"])
            # The lesson's name and its first question in one box, which paper keeps on one sheet.
            head = nodes.container(classes=["bh-kit-keep"])
            self.parse([f"**{lesson_title(docname)}** · {{doc}}`{words['lesson']} </{docname}>`"],
                       head)
            lesson += head
            for ex in exercises(docname):
                number += 1
                item = nodes.container(classes=["bh-kit-item"], ids=[f"kit-{ex.label}"])
                self.parse([f"**{number}. {ex.title}**", ""] + ex.body, item)
                if answers:
                    answer = nodes.container(classes=["bh-kit-answer"])
                    self.parse([f"**{words['answer']}:**" if self.lang() == "en" else f"**{words['answer']}：**",
                                ""] + ex.solution, answer)
                    item += answer
                else:
                    item += self.lines_to_write_on(self.options.get("lines", 4))
                (head if len(head) == 1 else lesson).append(item)
            out += lesson
        return [out]


def check_items(plan: str) -> list[dict]:
    data = yaml.safe_load((KIT_DIR / "check.yml").read_text(encoding="utf-8"))
    return data[plan]


GLOSSARY = ROOT / "book" / "reference" / "glossary.md"


def glossary_terms() -> list[tuple[str, str]]:
    """The glossary's terms, each with the Chinese term its entry starts with (``**中文.**``):
    one source for the two-language sheet of a mixed room."""
    terms, term = [], None
    inside = False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("```{glossary}"):
            inside = True
            continue
        if not inside:
            continue
        if line.startswith("```"):
            break
        if line and not line.startswith((" ", ":")):
            term = line.strip()
        elif term and line.startswith("  **"):
            chinese = re.match(r"\s*\*\*(.+?)\.?\*\*", line)
            if chinese:
                terms.append((term, chinese.group(1).rstrip(".")))
            term = None
    return terms


class KitTerms(_KitDirective):
    """``{kit-terms}``: the glossary's terms in both languages side by side, in a table sorted in
    the page's language (English terms alphabetically; Chinese by the English order too, so both
    sheets list the same rows in the same order and a mixed room can read one sheet together)."""

    def run(self):
        lang = self.lang()
        self.env.note_dependency(str(GLOSSARY))
        rows = sorted(glossary_terms(), key=lambda pair: pair[0].lower())
        if lang == "zh":
            lines = ["| 中文 | 英文 |", "|---|---|"] + [f"| {zh} | {en} |" for en, zh in rows]
        else:
            lines = ["| English | 中文 |", "|---|---|"] + [f"| {en} | {zh} |" for en, zh in rows]
        box = nodes.container(classes=["bh-kit-terms"])
        return [self.parse(lines, box)]


class KitCheck(_KitDirective):
    """``{kit-check} PLAN``: the plan's knowledge check, the same items in both languages."""

    required_arguments = 1
    option_spec = {"answers": directives.flag}

    def run(self):
        lang, answers = self.lang(), "answers" in self.options
        self.env.note_dependency(str(KIT_DIR / "check.yml"))
        words = WORDS[lang]
        out = nodes.container(classes=["bh-kit-check", "bh-kit-key" if answers else "bh-kit-worksheet"])
        for number, item in enumerate(check_items(self.arguments[0]), 1):
            text = item[lang]
            box = nodes.container(classes=["bh-kit-item"])
            lines = [f"**{number}.** {text['q']}", ""]
            for letter, choice in zip("ABCD", text["choices"]):
                mark = "☐"
                lines.append(f"- {mark} **{letter}** {choice}")
            self.parse(lines, box)
            if answers:
                answer = nodes.container(classes=["bh-kit-answer"])
                sep = ":" if lang == "en" else "："
                cite = ",".join(k if lang == "en" else f"zh-{k}" for k in item["cite"])
                self.parse([f"**{words['correct']}{sep} {item['answer']}.** {text['why']} {{cite}}`{cite}`"],
                           answer)
                box += answer
            else:
                slots = ("**课前：**＿＿＿　　**课后：**＿＿＿" if lang == "zh"
                         else "**Before:** \\_\\_\\_\\_ &emsp; **After:** \\_\\_\\_\\_")
                self.parse([slots], box)
            out += box
        return [out]


class KitScoring(_KitDirective):
    """``{kit-scoring} PLAN``: the scoring sheet of a plan's knowledge check, one column a
    question, with each question's right answer on its second row (to read out in one line: an
    educator's review found the answers spread over two pages of the key)."""

    required_arguments = 1

    def run(self):
        zh = self.lang() == "zh"
        items = check_items(self.arguments[0])
        count = len(items)
        rows = (["题号", "课前答对人数", "课后答对人数", "在场人数"] if zh
                else ["Question", "Right before", "Right after", "People in the room"])
        lines = ["| " + rows[0] + " | " + " | ".join(str(n) for n in range(1, count + 1)) + " |",
                 "|---" * (count + 1) + "|",
                 "| " + ("答案" if zh else "Answer") + " | "
                 + " | ".join(f"**{item['answer']}**" for item in items) + " |"]
        lines += ["| " + row + " |" + " |" * count for row in rows[1:]]
        return [self.parse(lines, nodes.container(classes=["bh-kit-scoring"]))]


def demo_href(app_name: str, example: str, lang: str, depth: int) -> tuple[str, str]:
    """The in-browser link (relative, from a page ``depth`` folders below the site's root) and
    the workshop laptop's link that open ``app_name`` with the scenario of examples/``example``,
    in the apps' projector mode."""
    from simulators.ui import links

    data = json.loads((ROOT / "examples" / example).read_text(encoding="utf-8"))
    maker = getattr(links, "scenario_link", None)
    if maker is not None:
        rel = maker(app_name, data, lang)
        query = rel.split("?", 1)[1]
    else:
        query = f"lang={lang}&scenario={links.encode_scenario(data)}"
    # Shown on a projector: the apps' projector mode (large type, the result beside or above
    # the inputs); an educator's review found the result in 12 px type below the fold.
    query += "&present=1"
    site = "../" * depth + f"apps/voici/render/{app_name}{'.zh' if lang == 'zh' else ''}.html?{query}"
    laptop = f"/voila/render/{app_name}.ipynb?{query}"
    return site, laptop


class KitDemo(_KitDirective):
    """``{kit-demo} APP EXAMPLE``: open APP with the scenario of examples/EXAMPLE."""

    required_arguments = 2
    final_argument_whitespace = True
    has_content = True

    def run(self):
        app_name, example = self.arguments[0], self.arguments[1].strip()
        if not (ROOT / "examples" / example).exists():
            raise self.error(f"kit-demo: no example file examples/{example}")
        if not (ROOT / "simulators" / "apps" / f"{app_name}.ipynb").exists() and \
                not list(ROOT.glob(f"simulators/**/{app_name}.ipynb")):
            raise self.error(f"kit-demo: no app {app_name!r}")
        self.env.note_dependency(str(ROOT / "examples" / example))
        lang = self.lang()
        site, laptop = demo_href(app_name, example, lang, self.env.docname.count("/"))
        label = " ".join(self.content).strip() or example
        laptop_words = "工作坊电脑上打开" if lang == "zh" else "On the workshop laptop"
        markup = (f'<p class="bh-kit-demo" data-bh-app="{app_name}" data-bh-example="{html.escape(example)}">'
                  f'<a class="bh-kit-demo-link" href="{html.escape(site)}">{html.escape(label)}</a>'
                  f'<span class="bh-workshop-link" hidden> · <a href="{html.escape(laptop)}">'
                  f'{laptop_words}</a></span></p>')
        return [nodes.raw("", markup, format="html")]


class KitCli(_KitDirective):
    """``{kit-cli} COMMAND EXAMPLE``: the command line's table for examples/EXAMPLE, printed
    into the page when the book is built (what to show when the simulator or the network fails)."""

    required_arguments = 2
    option_spec = {"lines": directives.positive_int}

    def run(self):
        import subprocess
        import sys

        command, example = self.arguments
        lang = self.lang()
        self.env.note_dependency(str(ROOT / "examples" / example))
        args = [sys.executable, "-m", "simulators", command, str(ROOT / "examples" / example)]
        if lang == "zh":
            args += ["--lang", "zh"]
        done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
        if done.returncode:
            raise self.error(f"kit-cli: {' '.join(args[2:])} failed: {done.stderr[-400:]}")
        lines = done.stdout.rstrip().splitlines()[: self.options.get("lines", 60)]
        text = "\n".join(lines)
        block = nodes.literal_block(text, text, classes=["bh-kit-cli"])
        block["language"] = "text"
        shown = f"python -m simulators {command} examples/{example}" + (" --lang zh" if lang == "zh" else "")
        return [nodes.paragraph("", "", nodes.literal(shown, shown)), block]


class KitLines(_KitDirective):
    """``{kit-lines} N``: N lines to write on."""

    required_arguments = 1

    def run(self):
        return [self.lines_to_write_on(int(self.arguments[0]))]


class KitSlides(_KitDirective):
    """``{kit-slides}``: for each lesson listed, a link to its projector view (?present=1): its
    title and the parts it marks for the projector ({.bh-slide}: its worked example, a key figure,
    its key points) in large type, from the lesson itself (kit.js, site.css)."""

    has_content = True

    def run(self):
        here = self.env.docname
        items = []
        for target in [t.strip() for t in self.content if t.strip()]:
            docname = resolve(here, target)
            if not lesson_source(docname).exists():
                raise self.error(f"kit-slides: no lesson {target!r}")
            up = "../" * here.count("/")
            items.append(f'<li><a class="bh-kit-slide" href="{up}{docname}.html?present=1">'
                         f'{html.escape(lesson_title(docname))}</a></li>')
        return [nodes.raw("", '<ul class="bh-kit-slides">' + "".join(items) + "</ul>", format="html")]


def qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    return re.sub(r"<\?xml[^>]*\?>", "", svg)


def published(url: str) -> bool:
    """Whether ``url`` (bh_site_url) is an address a participant can open at home: not this
    computer's (localhost, 127.x), which on paper would send them nowhere."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    return bool(host) and host != "localhost" and not host.startswith("127.") and host != "[::1]"


def footer_html(site_url: str, docname: str, lang: str) -> str:
    """The foot of a handout: the page's address on the site at ``site_url``, its QR code and the
    date the facts were checked; the date only while ``site_url`` is not a public address."""
    base = site_url.rstrip("/") + "/"
    if not published(base):
        return f'<div class="bh-kit-footer"><span class="bh-kit-address">{CHECKED[lang]}</span></div>'
    url = base + docname + ".html"
    words = "网址" if lang == "zh" else "Online at"
    label = "本页二维码" if lang == "zh" else "QR code of this page"
    return (f'<div class="bh-kit-footer"><span class="bh-kit-qr" role="img" aria-label="{label}">'
            f'{qr_svg(url)}</span><span class="bh-kit-address">{words} '
            f'<span class="bh-kit-url">{html.escape(url)}</span><br>{CHECKED[lang]}</span></div>')


class KitFooter(_KitDirective):
    """The foot of a handout: the site's address, a QR code of the page and the check date.
    Until bh_site_url is the published address, the foot has the date only: a QR code of
    localhost would take a participant's phone nowhere (README, "Publishing")."""

    def run(self):
        markup = footer_html(self.config.bh_site_url, self.env.docname, self.lang())
        return [nodes.raw("", markup, format="html")]


def plans() -> dict:
    return yaml.safe_load(PLANS_FILE.read_text(encoding="utf-8"))


PACKS = ("participant", "facilitator")


def pdf_name(plan: str, lang: str, pack: str | None = None) -> str:
    """The file name of a plan's PDF: everything, or one of its packs (build_site.kit_pdf)."""
    return f"plan-{plan}{'-' + pack if pack else ''}.{lang}.pdf"


def pack_pages(plan: str, pack: str | None = None) -> list[dict]:
    """The entries of plans.yml a plan's PDF holds: all of them, or those of one pack."""
    return [p for p in plans()[plan] if pack in (None, p["pack"])]


class KitPdf(_KitDirective):
    """The link to one of a plan's PDFs (made after the book build): "print everything", or with
    ``:pack: participant`` / ``:pack: facilitator`` one of its two packs. It says how many A4
    pages the PDF has: at most the sum of plans.yml's limits here, and the count of the PDF
    itself once build_site.print_kit has printed it."""

    required_arguments = 1
    has_content = True
    option_spec = {"pack": lambda arg: directives.choice(arg, PACKS)}

    def run(self):
        plan, lang = self.arguments[0], self.lang()
        pack = self.options.get("pack")
        if plan not in plans():
            raise self.error(f"kit-pdf: no plan {plan!r} in {PLANS_FILE}")
        self.env.note_dependency(str(PLANS_FILE))
        here = self.env.docname.rsplit("/", 1)[0]
        kit = "book/zh/reference/kit" if lang == "zh" else "book/reference/kit"
        rel = "../" * (here.count("/") + 1)
        name = pdf_name(plan, lang, pack)
        href = f"{rel}{kit}/{name}"
        label = " ".join(self.content).strip() or name
        most = sum(p["sheets"] for p in pack_pages(plan, pack))
        sheets = (f'<span class="bh-kit-sheets" data-bh-pdf="{name}">'
                  + (f"最多{most}页" if lang == "zh" else f"at most {most} pages") + "</span>")
        about = f"（PDF，A4纸，{sheets}）" if lang == "zh" else f" (PDF, A4, {sheets})"
        return [nodes.raw("", f'<p class="bh-kit-pdf"><a href="{html.escape(href)}" download>'
                          f'{html.escape(label)}</a>{about}</p>', format="html")]


_BRACKETS = {"[": "]", "【": "】"}
_BRACKET_SPLIT = re.compile(r"([\[\]【】])")


def _blank_spans(children):
    """``children`` (inline nodes of one paragraph) with each bracketed blank wrapped in an inline:
    "[...]" or "【...】", also when it spans several nodes (a line break, a **bold** word, a link).
    A bracket holding a blank of its own ("[If you have done so: On [date] I asked ...]") is an
    optional passage, "bh-optional": its brackets become "bh-bracket" spans. An unmatched bracket
    stays text. Returns the new children."""
    out, stack = [], []  # stack: (index in out where the bracket opened, the bracket)
    for child in children:
        if not isinstance(child, nodes.Text):
            if isinstance(child, nodes.Element) and not isinstance(child, (nodes.literal, nodes.raw)):
                new = _blank_spans(list(child.children))
                child.children = []
                child.extend(new)
            out.append(child)
            continue
        for piece in _BRACKET_SPLIT.split(child.astext()):
            if not piece:
                continue
            if piece in _BRACKETS:
                stack.append((len(out), piece))
                out.append(nodes.Text(piece))
            elif stack and piece == _BRACKETS[stack[-1][1]]:
                at, _ = stack.pop()
                inside = out[at:] + [nodes.Text(piece)]
                del out[at:]
                nested = any(isinstance(n, nodes.inline) and {"bh-blank", "bh-optional"} & set(n["classes"])
                             for node in inside if isinstance(node, nodes.Element)
                             for n in [node, *node.findall(nodes.inline)])
                if nested:
                    first, last = inside[0], inside[-1]
                    inside[0] = nodes.inline(first.astext(), first.astext(), classes=["bh-bracket"])
                    inside[-1] = nodes.inline(last.astext(), last.astext(), classes=["bh-bracket"])
                    box = nodes.inline("", "", classes=["bh-optional"])
                else:
                    box = nodes.inline("", "", classes=["bh-blank"])
                box.extend(inside)
                out.append(box)
            else:
                out.append(nodes.Text(piece))
    return out


def letter_blanks(app, doctree, docname):
    """In a sample letter, each blank ("[your name]", "【你的姓名】") becomes a line to write on,
    with what goes there in small print under it (print.css); a blank that is a paragraph of its
    own or a long one ("[Set out the facts ...]") gets a line of its own to write on."""
    for box in list(doctree.findall(nodes.container)):
        if "bh-letter" not in box["classes"]:
            continue
        for para in list(box.findall(nodes.TextElement)):
            if isinstance(para, (nodes.literal_block, nodes.raw)) or not isinstance(para, nodes.paragraph):
                continue
            if not any(ch in para.astext() for ch in "[]【】"):
                continue
            new = _blank_spans(list(para.children))
            para.children = []
            para.extend(new)
            filled = [c for c in para.children if not (isinstance(c, nodes.Text) and not c.astext().strip())]
            for blank in para.findall(nodes.inline):
                if "bh-blank" not in blank["classes"]:
                    continue
                if (len(filled) == 1 and filled[0] is blank) or _width(blank.astext()) > 80:
                    blank["classes"].append("bh-blank-block")


def _width(text: str) -> int:
    """How wide ``text`` prints, in Latin letters (a Chinese character is two)."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def keep_footer_with_last_item(app, doctree, docname):
    """A handout's foot and what comes just before it (the last question of a worksheet, check or
    key; otherwise the last block) in one box that print.css keeps on one sheet: Chromium does
    not honour break-before: avoid here, and a sheet holding only the foot wastes paper."""
    for raw in list(doctree.findall(nodes.raw)):
        if 'class="bh-kit-footer"' not in raw.astext() or raw.parent is None:
            continue
        parent = raw.parent
        at = parent.index(raw)
        if at == 0:
            continue
        last = parent[at - 1]
        while isinstance(last, nodes.container) and len(last) and not (
                "bh-kit-item" in last["classes"]) and {"bh-kit-exercises", "bh-kit-check", "bh-kit-lesson", "bh-kit-keep"} & set(last["classes"]):
            last = last[-1]
        # Only a question or a paragraph: a table or a list kept whole with the foot would leave
        # the sheet before it nearly empty if the two did not fit together.
        if not (isinstance(last, nodes.paragraph) or
                isinstance(last, nodes.container) and "bh-kit-item" in last["classes"]):
            continue
        box = nodes.container(classes=["bh-kit-keep"])
        last.parent.replace(last, box)
        parent.remove(raw)
        box += last
        box += raw


def _page_context(app, pagename, templatename, context, doctree):
    """The site's address for kit.js (a printed link shows where it goes on the site)."""
    if not published(app.config.bh_site_url):  # (no address on paper rather than localhost)
        return
    tag = f'<meta name="bh-site-url" content="{html.escape(app.config.bh_site_url)}">'
    context["metatags"] = context.get("metatags", "") + "\n" + tag


def setup(app):
    app.connect("html-page-context", _page_context)
    app.connect("doctree-resolved", letter_blanks)
    app.connect("doctree-resolved", keep_footer_with_last_item)
    app.add_js_file("kit.js", loading_method="defer")
    app.add_directive("kit-exercises", KitExercises)
    app.add_directive("kit-check", KitCheck)
    app.add_directive("kit-scoring", KitScoring)
    app.add_directive("kit-demo", KitDemo)
    app.add_directive("kit-footer", KitFooter)
    app.add_directive("kit-terms", KitTerms)
    app.add_directive("kit-pdf", KitPdf)
    app.add_directive("kit-cli", KitCli)
    app.add_directive("kit-lines", KitLines)
    app.add_directive("kit-slides", KitSlides)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
