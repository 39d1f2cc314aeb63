"""The frame every simulator app stands in.

The frame owns what all five apps share, so that each app says only what is its own:

- the header: the title and a labelled language switch (English / 简体中文); switching keeps every
  typed value and puts every label, message and number in the other language;
- the layout: the inputs beside the results, stacking on a phone (or, with ``STACKED``, always
  above them), and the short summary line kept at the top of a phone's screen above the fields
  (never over the field being edited);
- the problems: a message next to each field that cannot be used, a summary of all of them
  (``role="alert"``) in the page's language, and the last valid result kept on screen, dimmed,
  with a note that it does not match what is entered now;
- a guard: any unexpected exception while computing or drawing becomes a plain message in the
  reader's language, never a traceback, and the next valid input brings the app back.

An app subclasses ``AppFrame`` and gives:

- ``TITLE`` / ``INTRO`` (catalog keys), and its own ``CSS`` if any;
- its widgets, handed to ``build(inputs, results, dim=...)``, then ``start()``;
- ``read_inputs()``: the widget values as the dictionary of its input contract
  (``simulators.<sim>.inputs``), text that is not a number passed on as typed;
- ``compute(data)``: the engine's result for that dictionary (raises ``ScenarioError``);
- ``sentences()``, ``render_result()`` and ``relabel()``: the words and pictures of
  ``self.result`` and the labels, in ``self.lang``;
- where its error messages name fields by another key than ``self.fields``: ``error_targets()``.

Widgets the app changes itself (filling a preset, relabelling a dropdown) are changed inside
``with self.quietly():`` so that they do not count as the reader's input.
"""

from __future__ import annotations

import contextlib
from html import escape

import ipywidgets as widgets
from traitlets import HasTraits, Unicode, link, observe, validate

from simulators.core import i18n
from simulators.core.fields import ScenarioError
from simulators.core.i18n import t
from simulators.ui import links
from simulators.ui.components import (
    LANGUAGE_OPTIONS,
    css_widget,
    heading,
    sentences_html,
    set_html,
)

#: The input panel beside the results (wrapping under them on a phone), and the results.
#: Side by side from 300 + 28 (the gap) + 340 = 668 px: below the 720 px where the phone's
#: summary line takes over, so at no width are the results under the inputs without that line
#: (with 500 px for the results they stacked from 848 px, and at 721-870 px nothing of the
#: result was in view while typing).
SIDE_INPUTS = dict(flex="1 1 300px", min_width="min(280px, 100%)", max_width="420px", width="100%")
SIDE_RESULTS = dict(flex="1 1 340px", min_width="0", width="auto")


class AppFrame(HasTraits):
    """The frame of a simulator app; see the module's documentation."""

    #: The page's language; the language switch is linked to it.
    lang = Unicode("en")

    TITLE = ""
    INTRO = ""
    RESULTS_HEADING = "ui.results.heading"
    CSS = ""
    STACKED = False

    _quiet = 0  # > 0 while the app changes its own widgets
    _started = False  # True once the first result is shown

    #: The simulator's input check (its ``inputs.from_dict``): a link's scenario must pass it.
    check_scenario = None

    def __init__(self, lang: str = "en", scenario: dict | None = None, notice: str = "",
                 present: bool = False):
        super().__init__(lang=lang if lang in i18n.LANGUAGES else "en")
        #: A scenario from the page's link (``scenario=``), put in the fields by ``start()``.
        self.link_scenario = scenario
        #: "", "from_link" or "corrupt": what the notice above the app says about the link.
        self.link_notice_kind = notice if notice in ("from_link", "corrupt") else ""
        #: Projector mode (``present=1``): large type, high contrast, the results first.
        self.present = bool(present)
        self.link_notice = widgets.HTML("")
        self.link_notice.add_class("bh-link-notice")
        self.link_notice.layout.display = "none"
        self.result = None  # the last valid result
        self.errors: list = []
        self.internal_error = False
        self.stale = False
        self.updates = 0
        self.fields: dict = {}

        self.title_html = widgets.HTML("")
        self.title_html.add_class("bh-title")
        self.language = widgets.ToggleButtons(options=LANGUAGE_OPTIONS, value=self.lang,
                                              description_allow_html=False,
                                              style={"description_width": "initial",
                                                     "button_width": "auto"})
        self.language.add_class("bh-lang")
        link((self.language, "value"), (self, "lang"))
        self.intro_html = widgets.HTML("")
        self.intro_html.add_class("bh-intro")

        self.results_heading = widgets.HTML("")
        self.stale_note = widgets.HTML("")
        self.stale_note.add_class("bh-stale-note")
        self.error_summary = widgets.HTML("")
        self.error_summary.add_class("bh-errors")
        self.sentence_html = widgets.HTML("")
        self.sentence_html.add_class("bh-sentence")
        self.live_sentence = widgets.HTML("")
        self.live_sentence.add_class("bh-live")

    # ----- construction ----------------------------------------------------------------------

    @classmethod
    def preset_ids(cls):
        """The presets a link may choose (none: the app has no presets)."""
        return ()

    @classmethod
    def params_from_query(cls, query: str) -> dict:
        """The app's keyword arguments for a page's query string: ``lang``, ``preset``,
        ``present`` and, for ``scenario=``, the scenario and its notice."""
        params = links.app_params(query, cls.preset_ids())
        if links.present_param(query):
            params["present"] = True
        if cls.check_scenario is not None:
            params.update(links.scenario_params(query, cls.check_scenario))
        return params

    @classmethod
    def from_environment(cls, **kwargs):
        """The app with what the page's query string asks (Voila puts it in the kernel's
        QUERY_STRING: 'lang=zh&preset=...')."""
        return cls(**{**cls.params_from_query(links.environment_query()), **kwargs})

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    def build(self, inputs: list, results: list, dim=(), above=()):
        """Lay the app out: the header, the intro, ``above`` (notices), the input panel
        (the phone's summary line, then ``inputs``) and the results (the heading, the stale note,
        the summary of problems, the sentences, then ``results``). ``dim``: the result widgets
        dimmed while they do not match the inputs (the sentences always are)."""
        for w in (self.sentence_html, *dim):
            w.add_class("bh-dim")
        self.inputs = widgets.VBox(
            [self.live_sentence, *inputs],
            layout=widgets.Layout(width="100%") if self.STACKED else widgets.Layout(**SIDE_INPUTS))
        self.inputs.add_class("bh-inputs")
        self.results = widgets.VBox(
            [self.results_heading, self.stale_note, self.error_summary, self.sentence_html,
             *results],
            layout=widgets.Layout(width="100%", min_width="0") if self.STACKED
            else widgets.Layout(**SIDE_RESULTS))
        self.results.add_class("bh-results")
        header = widgets.HBox([self.title_html, self.language],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        header.add_class("bh-header")
        if self.STACKED:
            main = [self.inputs, self.results]
        else:
            box = widgets.HBox([self.inputs, self.results],
                               layout=widgets.Layout(flex_flow="row wrap", width="100%",
                                                     align_items="flex-start"))
            box.add_class("bh-main")
            main = [box]
        css = [css_widget()] + ([css_widget(self.CSS)] if self.CSS else [])
        self.root = widgets.VBox([*css, header, self.intro_html, self.link_notice, *above, *main],
                                 layout=widgets.Layout(width="100%"))
        self.root.add_class("bh-app")
        if self.present:
            self.root.add_class("bh-present")

    def start(self):
        """Label everything in the page's language and show the first result."""
        self._started = True
        if self.link_scenario is not None:
            try:
                with self.quietly():
                    self.load_scenario(self.link_scenario)
            except Exception:  # noqa: BLE001 - a link the form cannot show: say so, keep going
                self.link_notice_kind = "corrupt"
        self._guarded(self._relabel)
        self.update()

    # ----- the reader's input ----------------------------------------------------------------

    def watch(self, *inputs):
        """Recompute whenever the reader changes one of ``inputs``."""
        for w in inputs:
            w.observe(self._changed, names="value")

    def _changed(self, change):
        if not self._quiet and self._started:
            self.update()

    @contextlib.contextmanager
    def quietly(self):
        """Changes made inside are the app's own, not the reader's: they do not recompute."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def follow_preset(self, chooser):
        """When the reader chooses another preset in ``chooser``: its values in the fields
        (``fill_from_preset``), its words, and the result."""
        chooser.observe(self._preset_changed, names="value")

    def _preset_changed(self, change):
        if self._quiet:
            return
        with self.quietly():
            self.fill_from_preset(change["new"])
        self._guarded(self._relabel)
        self.update()

    def set_options(self, chooser, options):
        """Relabel a dropdown's (or toggle buttons') options, keeping what is chosen; the browser
        gets the new labels and the choice in one message."""
        options = list(options)
        if list(chooser.options) == options:
            return
        value = chooser.value
        with self.quietly(), chooser.hold_sync():
            chooser.options = options
            chooser.value = value

    # ----- language --------------------------------------------------------------------------

    @validate("lang")
    def _known_language(self, proposal):
        return proposal.value if proposal.value in i18n.LANGUAGES else self.lang

    def set_language(self, lang: str):
        """Every label, message and number in ``lang``; every typed value kept."""
        self.lang = lang  # the link moves the switch; an unknown language changes nothing

    @observe("lang")
    def _language_changed(self, change):
        if self._started:
            self._guarded(self._relabel)
            self._refresh()

    def _relabel(self):
        lang = self.lang
        set_html(self.title_html, f"<h1>{escape(t(lang, self.TITLE))}</h1>")
        self.language.description = t(lang, "ui.language")
        set_html(self.intro_html, f"<p>{escape(t(lang, self.INTRO))}</p>")
        set_html(self.results_heading, heading(t(lang, self.RESULTS_HEADING)))
        self._show_link_notice()
        self.relabel()

    def _show_link_notice(self):
        lang, kind = self.lang, self.link_notice_kind
        if kind == "from_link":
            html = f'<div class="bh-note" role="status">{escape(t(lang, "ui.link.from_link"))}</div>'
        elif kind == "corrupt":
            html = (f'<div class="bh-error" role="alert">⚠ {escape(t(lang, "ui.link.corrupt"))}'
                    f"</div>")
        else:
            html = ""
        set_html(self.link_notice, html)
        self.link_notice.layout.display = "" if html else "none"

    # ----- computing -------------------------------------------------------------------------

    def update(self):
        """Read the inputs, compute, and show the result or the problems."""
        self.updates += 1
        self.internal_error = False
        try:
            result = self.compute(self.read_inputs())
        except ScenarioError as e:
            self.errors = list(e.errors)
        except Exception:  # noqa: BLE001 - the reader gets a plain message, never a traceback
            self.errors = []
            self.internal_error = True
        else:
            self.errors = []
            self.result = result
        self._refresh()

    def _guarded(self, step) -> bool:
        """Run ``step``; an unexpected exception becomes the plain 'could not be computed'."""
        try:
            step()
        except Exception:  # noqa: BLE001
            self.internal_error = True
            return False
        return True

    def _refresh(self):
        """Show the problems and the (last valid) result in the page's language."""
        if not self._guarded(self._show_field_problems) or not self._guarded(self._render):
            self._show_summary()
            self._show_live()

    def _show_field_problems(self):
        lang = self.lang
        by_field: dict = {}
        for err in self.errors:
            by_field.setdefault(err.field, []).append(i18n.error_message(err, lang))
        targets = self.error_targets()
        for field in {id(f): f for f in targets.values()}.values():
            keys = [k for k, g in targets.items() if g is field]
            field.set_error(" ".join(m for k in keys for m in by_field.get(k, [])))
        self.reveal(by_field)
        self._show_summary()

    def _show_summary(self):
        lang = self.lang
        self.stale = bool(self.errors) or self.internal_error
        if self.stale:
            items = [i18n.error_message(e, lang) for e in self.errors]
            if self.internal_error:
                items.append(t(lang, "ui.errors.internal"))
            lis = "".join(f"<li>{escape(m)}</li>" for m in items)
            set_html(self.error_summary, f'<div role="alert"><p><strong>'
                                         f'{escape(t(lang, "ui.errors.title"))}</strong></p>'
                                         f"<ul>{lis}</ul></div>")
            set_html(self.stale_note, f"<p>⚠ {escape(t(lang, 'ui.errors.stale'))}</p>"
                     if self.result is not None else "")
            self.results.add_class("bh-stale")
        else:
            set_html(self.error_summary, "")
            set_html(self.stale_note, "")
            self.results.remove_class("bh-stale")
        self.stale_note.layout.display = "" if self.stale_note.value else "none"
        self.error_summary.layout.display = "" if self.error_summary.value else "none"

    def _render(self):
        self.before_render()
        said = self.sentences() if self.result is not None else []
        set_html(self.sentence_html, sentences_html(said))
        self._show_live(said)
        if self.result is not None:
            self.render_result()

    def _show_live(self, said=None):
        """The short line kept in view at the bottom of a phone's screen while typing."""
        lang = self.lang
        if self.stale:
            first = (i18n.error_message(self.errors[0], lang) if self.errors
                     else t(lang, "ui.errors.internal"))
            html = f'<div>⚠ {escape(t(lang, "ui.live.error", message=first))}</div>'
        else:
            html = f"<div>{escape(said[0])}</div>" if said else ""
        set_html(self.live_sentence, html)

    # ----- what each app gives ---------------------------------------------------------------

    def read_inputs(self) -> dict:
        raise NotImplementedError

    def compute(self, data):
        raise NotImplementedError

    def sentences(self) -> list:
        """The plain-language sentences of ``self.result`` (the first is the phone's line)."""
        raise NotImplementedError

    def render_result(self):
        """Draw ``self.result`` (charts, tables) in ``self.lang``."""

    def before_render(self):
        """Anything shown whether or not there is a result (runs before the sentences)."""

    def relabel(self):
        """The app's labels, headings and options in ``self.lang``."""

    def fill_from_preset(self, preset_id: str):
        """Put the values of preset ``preset_id`` in the fields (apps with presets)."""

    def load_scenario(self, data: dict):
        """Put a scenario (the command line's file, already checked by ``check_scenario``) in
        the fields; called quietly by ``start()`` for a link's ``scenario=``."""
        raise NotImplementedError

    def error_targets(self) -> dict:
        """Field key in the error messages -> ``Field``."""
        return dict(self.fields)

    def reveal(self, by_field: dict):
        """Open a closed section that holds a field with a problem, so its message shows."""
