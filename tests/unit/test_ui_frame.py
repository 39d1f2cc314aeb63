"""What the app frame (``simulators.ui.frame``) guarantees, for each of the five apps.

- a labelled language switch that puts every text of the page in the other language, and back;
- an input that cannot be used: what was typed stays, a message next to the field and in the
  summary (``role="alert"``), the last valid result kept but dimmed, with the stale note;
- an unexpected exception while computing or drawing: a plain message in the page's language,
  never a traceback, and the app recovers with the next valid input.

The apps are driven through their widgets, as a reader would (no browser).
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

import simulators
from simulators.core import i18n
from simulators.core.i18n import t
from simulators.ui import links
from simulators.ui.components import LANGUAGE_OPTIONS
from simulators.ui.credit_record import CreditRecordApp
from simulators.ui.frame import AppFrame
from simulators.ui.late_payment import LatePaymentApp
from simulators.ui.minimum_payment import MinimumPaymentApp
from simulators.ui.repayment_plan import RepaymentPlanApp
from simulators.ui.true_cost import TrueCostApp

UI = Path(simulators.__file__).parent / "ui"
APP_MODULES = ("late_payment", "credit_record", "true_cost", "minimum_payment", "repayment_plan")

#: Per app: how to make it, the Field a reader gets wrong, what is typed wrong, and two
#: different valid values.
APPS = {
    "late_payment": (LatePaymentApp, lambda a: a.fields["loan.principal"], "abc",
                     ("30000", "40000")),
    "credit_record": (CreditRecordApp, lambda a: a.fields["principal"], "lots",
                      ("30000", "40000")),
    "true_cost": (TrueCostApp, lambda a: a.panels[0].fields["rate"], "abc", ("0.7", "0.8")),
    "minimum_payment": (MinimumPaymentApp, lambda a: a.fields["card.balance"], "abc",
                        ("8000", "9000")),
    "repayment_plan": (RepaymentPlanApp, lambda a: a.fields["card.balance"], "abc",
                       ("30000", "25000")),
}


@pytest.fixture(params=list(APPS))
def spec(request):
    return APPS[request.param]


def texts(app) -> dict:
    """Every text the page carries, by widget and attribute (the CSS excepted): labels, HTML,
    button words, tooltips, option labels."""
    out = {}

    def walk(w):
        key = id(w)
        for attr in ("description", "tooltip", "placeholder"):
            value = getattr(w, attr, None)
            if isinstance(value, str) and value:
                out[(key, attr)] = value
        if isinstance(w, widgets.HTML) and not w.value.startswith("<style>"):
            out[(key, "value")] = w.value
        if isinstance(w, (widgets.Dropdown, widgets.ToggleButtons)):
            out[(key, "options")] = " | ".join(str(label) for label, _ in
                                               [(o, None) if isinstance(o, str) else o
                                                for o in w.options])
        if isinstance(w, widgets.ToggleButtons) and w.tooltips:
            out[(key, "tooltips")] = " | ".join(w.tooltips)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(app.root)
    return out


def words(text: str) -> bool:
    """True if the text, without its markup, has a word in Latin letters."""
    return bool(re.search(r"[A-Za-z]{3,}", html.unescape(re.sub(r"<[^>]*>", " ", text))))


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


def everything(app) -> str:
    return "\n".join(texts(app).values())


# ----- the language switch ---------------------------------------------------------------------


def test_every_app_stands_in_the_frame(spec):
    app = spec[0](lang="en")
    assert isinstance(app, AppFrame)
    assert "bh-app" in app.root._dom_classes
    assert "bh-inputs" in app.inputs._dom_classes and "bh-results" in app.results._dom_classes
    assert "bh-live" in app.live_sentence._dom_classes
    assert app.inputs.children[0] is app.live_sentence  # the phone's line, above the inputs


def test_language_switch_is_labelled_and_switches_every_text(spec):
    make, field, _, (valid, _) = spec
    app = make(lang="en")
    assert "bh-lang" in app.language._dom_classes
    assert tuple(app.language.options) == LANGUAGE_OPTIONS
    assert app.language.description == t("en", "ui.language")
    assert app.language.description_allow_html is False
    field(app).value = valid
    english = texts(app)
    app.language.value = "zh"  # what a click on 简体中文 does
    assert app.lang == "zh" and app.language.description == t("zh", "ui.language")
    chinese = texts(app)
    assert set(chinese) == set(english)
    switch = (id(app.language), "options")  # each language named in itself, in both
    compared = [k for k in english if k != switch and words(english[k])]
    assert len(compared) > 20
    unchanged = [english[k] for k in compared if chinese[k] == english[k]]
    assert not unchanged, unchanged
    assert field(app).value == valid  # the typed value stays
    app.set_language("en")
    assert app.language.value == "en" and texts(app) == english


def test_an_unknown_language_changes_nothing(spec):
    app = spec[0](lang="zh")
    before = texts(app)
    app.set_language("fr")
    assert app.lang == "zh" and app.language.value == "zh" and texts(app) == before
    assert spec[0](lang="fr").lang == "en"


# ----- a value that cannot be used -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_invalid_input_keeps_what_was_typed_and_dims_the_last_result(spec, lang):
    make, field, bad, (valid, _) = spec
    app = make(lang=lang)
    assert app.error_summary.layout.display == "none"
    assert app.stale_note.layout.display == "none"
    before = app.sentence_html.value
    assert "<p>" in before
    field(app).value = bad
    assert field(app).value == bad  # nothing typed is lost
    assert app.errors and app.stale and not app.internal_error
    message = i18n.error_message(app.errors[0], lang)
    # Next to the field, and in the summary the screen reader announces.
    assert message in plain(field(app).message.value)
    assert "bh-invalid" in field(app).input._dom_classes
    assert 'role="alert"' in app.error_summary.value
    assert app.error_summary.layout.display == ""
    summary = plain(app.error_summary.value)
    assert t(lang, "ui.errors.title") in summary and message in summary
    # The last valid result stays, dimmed, and says that it does not match.
    assert app.sentence_html.value == before
    assert "bh-stale" in app.results._dom_classes and "bh-dim" in app.sentence_html._dom_classes
    assert app.stale_note.layout.display == ""
    assert t(lang, "ui.errors.stale") in plain(app.stale_note.value)
    assert message in plain(app.live_sentence.value)
    # Switching language says it all again in the other language, still keeping the text.
    other = "zh" if lang == "en" else "en"
    app.set_language(other)
    assert i18n.error_message(app.errors[0], other) in plain(app.error_summary.value)
    assert t(other, "ui.errors.stale") in plain(app.stale_note.value)
    assert field(app).value == bad
    # A valid value again: the result matches, nothing is dimmed or reported.
    field(app).value = valid
    assert not app.errors and not app.stale
    assert "bh-stale" not in app.results._dom_classes
    assert app.error_summary.layout.display == "none" and app.stale_note.layout.display == "none"
    assert field(app).message.value == "" or "bh-error" not in field(app).message.value
    assert "bh-invalid" not in field(app).input._dom_classes


# ----- an unexpected failure -------------------------------------------------------------------


def _boom(*args, **kwargs):
    raise RuntimeError("boom: internal detail")


@pytest.mark.parametrize("stage", ["compute", "sentences", "render_result"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unexpected_failure_is_a_plain_message_and_the_app_recovers(spec, stage, lang,
                                                                        monkeypatch):
    make, field, _, (first, second) = spec
    app = make(lang=lang)
    monkeypatch.setattr(app, stage, _boom)
    field(app).value = first  # raises inside the app: the reader must not see it
    assert app.internal_error and app.stale
    summary = plain(app.error_summary.value)
    assert 'role="alert"' in app.error_summary.value
    assert t(lang, "ui.errors.internal") in summary
    assert t(lang, "ui.errors.internal") in plain(app.live_sentence.value)
    assert "bh-stale" in app.results._dom_classes
    page = everything(app)
    for leak in ("Traceback", "boom", "RuntimeError", 'File "'):
        assert leak not in page
    assert field(app).value == first
    # Fixed (here: the patch undone), the next valid input brings the app back.
    monkeypatch.undo()
    field(app).value = second
    assert not app.internal_error and not app.stale and not app.errors
    assert app.error_summary.layout.display == "none"
    assert "bh-stale" not in app.results._dom_classes
    assert app.sentences() and plain(app.sentence_html.value).startswith(
        app.sentences()[0][:20])


def test_a_failure_while_relabelling_is_a_plain_message(spec, monkeypatch):
    app = spec[0](lang="en")
    monkeypatch.setattr(app, "relabel", _boom)
    app.language.value = "zh"
    assert app.internal_error
    assert t("zh", "ui.errors.internal") in plain(app.error_summary.value)
    assert "boom" not in everything(app)


# ----- the shape of simulators/ui ----------------------------------------------------------------


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom):
            yield node, node.module or ""


def test_app_modules_never_import_each_other():
    found = []
    for name in APP_MODULES:
        for _, module in _imports(UI / f"{name}.py"):
            for other in APP_MODULES:
                if module in (f"simulators.ui.{other}",) and other != name:
                    found.append(f"{name} imports {other}")
    assert not found, found


def test_no_import_inside_a_function_in_the_views():
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert not found, found


def test_charts_never_import_widgets():
    for path in sorted((UI / "charts").glob("*.py")):
        for _, module in _imports(path):
            assert not module.startswith("ipywidgets"), path.name
            assert not module.startswith("simulators.ui.") or module.startswith(
                "simulators.ui.charts"), (path.name, module)


def test_no_language_branches_in_the_views():
    pattern = re.compile(r"""lang\s*[!=]=\s*["'](en|zh)["']""")
    found = [f"{p.relative_to(UI)}:{n}" for p in sorted(UI.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
             if pattern.search(line)]
    assert not found, found


# ----- links -------------------------------------------------------------------------------------


def test_app_params_keep_only_known_presets():
    assert links.app_params("lang=zh-CN&preset=x", ("x", "y")) == {"lang": "zh", "preset": "x"}
    assert links.app_params("lang=en&preset=z", ("x",)) == {"lang": "en"}
    assert links.app_params("preset=x") == {}
    assert links.app_params(None) == {}


def test_link_to_late_payment():
    assert links.link_to_late_payment("zh", "cn_private_loan") == (
        "late_payment.ipynb?lang=zh&preset=cn_private_loan")


def test_credit_record_params():
    good = links.encode_scenario({"late": [{"instalment": 2, "days_late": 9}]})
    params = links.credit_record_params(f"lang=zh&jurisdiction=us&scenario={good}", ("cn", "us"))
    assert params["lang"] == "zh" and params["jurisdiction"] == "us"
    assert params["notice"] == "from_link" and params["scenario"]["late"][0]["days_late"] == 9
    assert links.credit_record_params("jurisdiction=mars", ("cn",)) == {}
    assert links.credit_record_params("scenario=@@", ())["notice"] == "corrupt"
