"""The book as a reader sees it: build it once, then read the HTML.

The book is built, with the rest of the site, once a session in a temporary copy of the
repository (its own fresh execution cache, so every page is computed by the engine as it is
now), with ``jupyter-book build -W -n --keep-going``: a warning, a broken reference or a failing
cell fails the build, and the test shows the build's output.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import bs4  # noqa: E402
import yaml  # noqa: E402

from simulators.core import i18n# noqa: E402
from simulators.core import presets
from simulators.late_payment.engine import simulate# noqa: E402
from simulators.late_payment.inputs import scenario_from_dict# noqa: E402

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[2]
LESSONS = {"en": "book/late-payment/cost.html", "zh": "book/zh/late-payment/cost.html"}
SOURCES = {"en": "book/reference/sources.html", "zh": "book/zh/reference/sources.html"}


# --------------------------------------------------------------------------- the build

@pytest.fixture(scope="session")
def site(built) -> Path:
    """The book's HTML folder, from the one build of the site the session makes (the ``built``
    fixture of tests/conftest.py)."""
    return built["html"]


def page(site: Path, rel: str):
    path = site / rel
    assert path.exists(), f"{rel} was not built"
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def toc_pages() -> list:
    """Every page of both editions' tables of contents (_toc.yml, then _toc_zh.yml)."""
    files = []
    for name in ("_toc.yml", "_toc_zh.yml"):
        toc = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        files.append(toc["root"])
        for part in toc.get("parts", []):
            for chapter in part["chapters"]:
                files.append(chapter["file"])
                files += [s["file"] for s in chapter.get("sections", [])]
    return [f + ".html" for f in files]


def pasted(soup) -> list:
    """The numbers and words the engine glued into the text."""
    return [s.get_text() for s in soup.select("span.pasted-text")]


# --------------------------------------------------------------------------- the figures

PRESET = "cn_internet_instalment"
SCENARIOS = {
    "on_time": {"preset": PRESET, "late": []},
    "late_45": {"preset": PRESET, "late": [{"instalment": 3, "days_late": 45},
                                           {"instalment": 4, "days_late": 45}]},
    "late_2": {"preset": PRESET, "late": [{"instalment": 3, "days_late": 2}]},
    "late_2_grace": {"preset": PRESET, "rules": {"grace_days": 3},
                     "late": [{"instalment": 3, "days_late": 2}]},
    "stop_120": {"preset": PRESET, "late": [{"stop_from": 3, "days": 120}]},
}


def expected_figures(lang: str) -> dict:
    """The lesson's numbers, computed here from the engine and formatted for ``lang``."""
    r = {k: simulate(scenario_from_dict(v)) for k, v in SCENARIOS.items()}
    m = lambda cents: i18n.money(cents, lang)  # noqa: E731
    late45, late2, stop = r["late_45"], r["late_2"], r["stop_120"]
    s = stop.schedule
    acc = stop.accelerated
    # What she pays on the day she catches up: every payment made that day, charges included.
    on_that_day = stop.paid_day == acc["paid_day"]
    catch_up = stop.late.total_paid - int(s.payment[~on_that_day].sum())
    # Its parts, as the lesson lists them: the instalments overdue when the loan is called in,
    # the principal called in, the running month's interest and fee to that day, the charges.
    overdue = int(s.payment[on_that_day & (s.due_day <= acc["day"])].sum())
    j0 = acc["first_called_in"] - 1
    running = int(stop.timeline_inputs["interest_owed"][j0] + stop.timeline_inputs["fee_owed"][j0])
    assert overdue + acc["principal"] + running + stop.extra_cost == catch_up
    return {
        "loan": m(s.principal_cents),
        "monthly payment": m(s.payment[0]),
        "extra, two instalments 45 days late": m(late45.extra_cost),
        "share of total": i18n.percent(late45.extra_cost / late45.on_time.total_paid, lang),
        "penalty interest": m(late45.extra_by_kind["penalty_interest"]),
        "compound interest": m(late45.extra_by_kind["compound_interest"]),
        "default penalties": m(late45.extra_by_kind["late_fees"]),
        "cost above which the cap bites": m(late45.late.cap_allowed_cost),
        "total cost, 45 days late": m(late45.late.total_cost),
        "extra, 2 days late": m(late2.extra_cost),
        "default penalty, 2 days late": m(late2.extra_by_kind["late_fees"]),
        "extra within a grace period": m(r["late_2_grace"].extra_cost),
        "principal called in": m(acc["principal"]),
        "day called in": i18n.date(acc["date"], lang),
        "paid on the catch-up day": m(catch_up),
        "instalments overdue when called in": m(overdue),
        "running month's interest and fee": m(running),
        "instalment 4 paid 45 days late": i18n.date(s.start_date + dt.timedelta(
            days=int(late45.paid_day[3])), lang),
        "extra, stopped 120 days": m(stop.extra_cost),
        "interest no longer charged": m(stop.interest_not_charged),
        "total repaid, stopped": m(stop.late.total_paid),
        "total repaid on time": m(r["on_time"].on_time.total_paid),
        "APR on time": i18n.percent(r["on_time"].apr_on_time["nominal"], lang),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_figures_equal_the_engine(site, lang):
    soup = page(site, LESSONS[lang])
    shown = set(pasted(soup))
    missing = {name: value for name, value in expected_figures(lang).items() if value not in shown}
    assert not missing, f"figures in the {lang} lesson differ from the engine: {missing}; shown: {sorted(shown)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_table_and_charts(site, lang):
    soup = page(site, LESSONS[lang])
    tables = soup.select("article table")
    assert len(tables) >= 2, "the lesson has no tables of the three cases"
    # Two narrow tables (what paying late adds; what she repays), so that both fit a phone.
    extra, total = (t.get_text(" ") for t in tables[:2])
    exp = expected_figures(lang)
    for key in ("extra, two instalments 45 days late", "extra, stopped 120 days"):
        assert exp[key] in extra, f"{key} {exp[key]} not in the first table"
    for key in ("total repaid on time", "total repaid, stopped"):
        assert exp[key] in total, f"{key} {exp[key]} not in the second table"
    for t in tables[:2]:
        assert len(t.select("thead th, tr:first-child th")) <= 3, "a table too wide for a phone"
    charts = soup.select("figure svg.bh-chart")
    assert len(charts) >= 3 * 2, "each of the three charts comes in a phone and a wide layout"
    # Several charts share the page: their ids (title, description, patterns) must not clash.
    # (sphinx-exercise repeats "exercise-content" in every exercise; that is not ours to fix.)
    ids = [tag["id"] for tag in soup.select("[id]")]
    chart_ids = [tag["id"] for svg in charts for tag in svg.select("[id]")]
    duplicates = sorted({i for i in chart_ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    for svg in charts:  # every chart names itself for screen readers
        for ref in svg["aria-labelledby"].split():
            assert soup.find(id=ref) is not None, f"aria-labelledby {ref} resolves to nothing"
    # ... and describes this case, not the simulator's general wording: the 120-day chart
    # gives the lump sum and the day it is due.
    descs = [d.get_text() for d in soup.select("figure svg.bh-chart desc")]
    assert not any("as entered" in d or "所输入" in d for d in descs), descs
    assert sum(exp["paid on the catch-up day"] in d for d in descs) == 2, descs


# --------------------------------------------------------------------------- links and sources

def simulator_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["parse"]["myst_substitutions"]["simulator_late_payment_url"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_links_to_the_simulator(site, lang):
    url = simulator_url() + ("?lang=zh" if lang == "zh" else "")
    for rel in (LESSONS[lang], LESSONS[lang].replace("late-payment/cost", "simulators/late-payment")):
        hrefs = [a["href"] for a in page(site, rel).select("article a[href]")]
        assert url in hrefs, f"{rel} does not link to {url}"


def _target(site: Path, rel: str, href: str) -> tuple:
    parts = urlsplit(href)
    path = (site / rel).parent / unquote(parts.path) if parts.path else site / rel
    return path.resolve(), parts.fragment


def assert_citations_resolve(site: Path, here: str, sources: str) -> None:
    """Every citation on ``here`` opens an entry of the sources page of its own language, and
    is numbered as that language numbers its sources ([中n] on a Chinese page)."""
    cites = [a for a in page(site, here).select("article a[href]") if "sources.html#" in a["href"]]
    assert cites, f"{here} cites nothing"
    target_soup = page(site, sources)
    for a in cites:
        target, fragment = _target(site, here, a["href"])
        assert target == (site / sources).resolve()
        assert target_soup.find(id=fragment) is not None, a["href"]
    zh = sources.startswith("book/zh/")
    assert all(a.get_text().startswith("中") == zh for a in cites)


@pytest.mark.parametrize("rel", toc_pages())
def test_every_page_switches_language(site, rel):
    """A link near the top of every page opens the same page in the other language, and that
    page links back."""
    soup = page(site, rel)
    switch = soup.select_one("article p.bh-lang-switch a[href]")
    assert switch is not None, f"{rel} has no language switch"
    target, _ = _target(site, rel, switch["href"])
    assert target.exists(), f"{rel}: the language switch points to a missing page {switch['href']}"
    other = target.relative_to(site.resolve()).as_posix()
    assert ("/zh/" in "/" + other) != ("/zh/" in "/" + rel), f"{rel} switches to {other}, same language"
    back = page(site, other).select_one("article p.bh-lang-switch a[href]")
    assert back is not None and _target(site, other, back["href"])[0] == (site / rel).resolve(), \
        f"{other} does not switch back to {rel}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_citations_resolve_to_the_bibliography(site, lang):
    soup = page(site, LESSONS[lang])
    sources = page(site, SOURCES[lang])
    cites = [a for a in soup.select("article a[href]") if SOURCES[lang].split("/")[-1] in a["href"]
             and "#" in a["href"]]
    assert cites, f"the {lang} lesson cites no source"
    for a in cites:
        target, fragment = _target(site, LESSONS[lang], a["href"])
        assert target == (site / SOURCES[lang]).resolve(), f"{a['href']} is not the {lang} sources page"
        assert fragment and sources.find(id=fragment) is not None, f"citation {a['href']} resolves to nothing"
    # The Chinese lesson cites the Chinese entries, the English lesson the English ones.
    labels = {a.get_text() for a in cites}
    assert all(label.startswith("中") == (lang == "zh") for label in labels), labels


def bib_keys() -> list:
    """The keys of every .bib file the book lists in _config.yml (each topic has its own)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    keys = []
    for name in config["bibtex_bibfiles"]:
        keys += re.findall(r"@\w+\{([^,\s]+),", (ROOT / name).read_text(encoding="utf-8"))
    return keys


def test_bibliography_keys_match_the_presets():
    keys = bib_keys()
    assert len(keys) == len(set(keys)), "duplicate keys in references.bib"
    english = {k for k in keys if not k.startswith("zh-")}
    chinese = {k[3:] for k in keys if k.startswith("zh-")}
    assert english == chinese, f"English and Chinese entries differ: {english ^ chinese}"
    legal = {k for k, v in presets.sources().items() if v["status"] != "example"}
    assert legal <= english, f"preset sources missing from the bibliography: {legal - english}"
    used = set()
    for preset in presets.all_presets().values():
        for entry in [*preset.loan.values(), *preset.rules.values()]:
            used |= {entry["source"], *entry.get("also", [])}
    assert used <= set(presets.sources()), f"preset source keys without a source: {used - set(presets.sources())}"


def test_sources_pages_list_every_entry(site):
    """Each sources page lists its language's entries, each saying how far it was checked, in
    the words the page defines."""
    keys = bib_keys()
    labels = {"en": ("Verified:", "Reported only:"), "zh": ("已核对：", "仅见报道：")}
    for lang, rel in SOURCES.items():
        soup = page(site, rel)
        # The site build wraps each entry for screen readers; an empty wrapper is not an entry.
        entries = [e for e in soup.select("article div.citation") if e.get_text(strip=True)]
        assert len(entries) == len([k for k in keys if k.startswith("zh-") == (lang == "zh")])
        for entry in entries:
            text = entry.get_text(" ")
            assert any(label in text for label in labels[lang]), f"{rel}: no status in {text[:120]}"
        definitions = soup.select_one("article dl").get_text(" ")
        assert all(label.rstrip(":：") in definitions for label in labels[lang])


# --------------------------------------------------------------------------- what a reader must not see

@pytest.mark.parametrize("rel", toc_pages())
def test_no_error_output(site, rel):
    html = (site / rel).read_text(encoding="utf-8")
    soup = bs4.BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    assert "Traceback" not in article.get_text(), f"{rel} shows a traceback"
    bad = article.select(".output.error, .output.traceback, .output.stderr, .cell_output .stderr")
    assert not bad, f"{rel} shows error output: {bad[0].get_text()[:300]}"
    assert not article.select("div.cell div.cell_input"), f"{rel} shows code that should be hidden"
    assert "glue" not in " ".join(s.get_text() for s in article.select(".problematic")), rel


@pytest.mark.parametrize("rel", toc_pages())
def test_no_markup_shows_as_text(site, rel):
    """MyST that failed to parse (for example ** next to Chinese punctuation) shows as text."""
    article = page(site, rel).select_one("article")
    for tag in article.select("pre, code, svg"):
        tag.decompose()
    text = article.get_text(" ")
    for leak in ("**", "{glue", "{cite", "{term", "{doc", "{{", "}}", "```", ":::"):
        assert leak not in text, f"{rel} shows {leak!r}: ...{text[max(0, text.index(leak) - 80):text.index(leak) + 80]}..."


@pytest.mark.parametrize("rel", [p for p in toc_pages() if "/zh/" in "/" + p])
def test_chinese_pages_are_marked_chinese(site, rel):
    soup = page(site, rel)
    assert soup.html.get("lang") == "zh-CN"
    titles = " ".join(t.get_text() for t in soup.select("article .admonition-title"))
    assert "Exercise" not in titles and "Solution" not in titles, titles


def test_figures_are_numbered_on_each_page_in_its_language(site):
    """A teacher with both versions side by side says "figure 1" to both halves of the room."""
    pages_with_figures = 0
    for rel in toc_pages():
        numbers = [n.get_text(" ", strip=True) for n in page(site, rel).select("article .caption-number")]
        if not numbers:
            continue
        pages_with_figures += 1
        word = "图" if rel.startswith("book/zh/") else "Fig."
        assert numbers == [f"{word} {i}" for i in range(1, len(numbers) + 1)], f"{rel}: {numbers}"
    assert pages_with_figures >= 10


def test_methodology_shows_the_engine_output(site):
    """The JSON output shown is what the command line prints now, and every input is listed."""
    from simulators.core.schedule import LOAN_FIELDS
    from simulators.late_payment.inputs import RULE_FIELDS

    for lang, rel in (("en", "book/reference/methodology.html"), ("zh", "book/zh/reference/methodology.html")):
        soup = page(site, rel)
        text = soup.select_one("article").get_text(" ")
        for name in LOAN_FIELDS:
            assert f"loan.{name}" in text, f"{rel} does not list loan.{name}"
        for name in RULE_FIELDS:
            assert f"rules.{name}" in text, f"{rel} does not list rules.{name}"
        blocks = [b.get_text() for b in soup.select("article div.highlight-json pre, article pre")]
        printed = subprocess.run([sys.executable, "-m", "simulators", "late-payment",
                                  str(ROOT / "examples" / "late-3-4.json"), "--json", "--lang", lang],
                                 capture_output=True, text=True, check=True).stdout
        expected = json.loads(printed)
        shown = []
        for block in blocks:
            try:
                shown.append(json.loads(block))
            except ValueError:
                continue
        assert expected in shown, f"{rel} does not show the current JSON output for late-3-4.json"
