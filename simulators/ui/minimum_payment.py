"""The "Minimum payment" simulator: how long and how much, for each way of paying a card.

The view translates widget values into a card file (the format of ``simulators.card_input``,
the same contract as ``python -m simulators credit-card``) and the engine's results into a chart,
a table and one sentence per way of paying, in the reader's language. Usable without a browser::

    app = MinimumPaymentApp(lang="en")
    app.fields["card.balance"].value = "20000"
    app.sentences()          # card_input.card_sentence for each way of paying

Whatever the reader types stays in its field; a value that cannot be used is reported next to
the field and in a summary, and the last valid result stays on screen, marked as not matching.
The module also holds ``CardAppBase``, the frame shared with the repayment-plan app.
"""

from __future__ import annotations

import os
from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.fields import ScenarioError, parse_number
from simulators.core.i18n import t
from simulators.minimum_payment.engine import simulate_all
from simulators.minimum_payment.inputs import card_from_dict, card_presets, currency
from simulators.minimum_payment.report import (
    card_headers,
    card_rows,
    card_sentence,
    terms_with_sources,
)
from simulators.ui.charts import svg as charts
from simulators.ui.components import (
    Disclosure,
    Field,
    css_widget,
    heading,
    query_params,
    responsive_table,
    set_html,
)

LANGUAGE_OPTIONS = (("English", "en"), ("简体中文", "zh"))
DEFAULT_PRESET = "cn_credit_card"


def warning_html(lang: str) -> str:
    """The regulator's warning about paid "debt restructuring" / 停息挂账 agents, with its source."""
    src = presets.sources()["nfra-2024-debt-restructuring"][lang]
    return (f'<div class="bh-warning" role="note"><p><strong>⚠ '
            f'{escape(t(lang, "warning.intermediaries"))}</strong></p>'
            f'<p><small>{escape(t(lang, "warning.source"))}: {escape(src)}</small></p></div>')


WARNING_CSS = """
.bh-warning { border-left: 4px solid var(--bh-bad); padding: 4px 10px; margin: 8px 0;
  background: var(--jp-layout-color2, #f6f8fa); }
.bh-app .bh-codes { font-family: var(--jp-code-font-family, monospace); letter-spacing: 0.05em;
  overflow-wrap: anywhere; }
"""


class CardAppBase:
    """Header with a language switch, an input panel, a results panel; fields with messages
    next to them; the last valid result kept while the inputs have a problem. Subclasses give
    ``INPUTS`` / ``MORE_INPUTS`` (key -> (kind, optional)), ``build_data()``, ``compute(data)``
    and ``render()``."""

    INPUTS: dict = {}
    MORE_INPUTS: dict = {}
    TITLE = ""

    def __init__(self, lang: str = "en", preset: str = DEFAULT_PRESET):
        self.lang = lang if lang in i18n.LANGUAGES else "en"
        if preset not in card_presets():
            preset = DEFAULT_PRESET
        self._busy = False
        self.result = None  # the last valid result
        self.errors: list = []
        self.internal_error = False
        self.stale = False

        self.title_html = widgets.HTML("")
        self.title_html.add_class("bh-title")
        self.language = widgets.ToggleButtons(options=LANGUAGE_OPTIONS, value=self.lang,
                                              style={"description_width": "initial",
                                                     "button_width": "auto"})
        self.language.add_class("bh-lang")
        self.intro_html = widgets.HTML("")
        self.preset = widgets.Dropdown(options=[(k, k) for k in card_presets()], value=preset,
                                       layout=widgets.Layout(width="100%"),
                                       style={"description_width": "initial"})
        self.preset.add_class("bh-field")
        self.preset_note = widgets.HTML("")
        self.preset_note.add_class("bh-msg")
        self.fields = {}
        for key, (kind, optional) in {**self.INPUTS, **self.MORE_INPUTS}.items():
            self.fields[key] = Field(key, kind, optional)
        if "terms.interest_method" in self.fields:
            self.fields["terms.interest_method"].input.options = [("full", "full"),
                                                                  ("unpaid", "unpaid")]
        self.more_section = Disclosure([self.fields[k].box for k in self.MORE_INPUTS])
        self.h_inputs = widgets.HTML("")

        self.results_heading = widgets.HTML("")
        self.stale_note = widgets.HTML("")
        self.stale_note.add_class("bh-stale-note")
        self.error_summary = widgets.HTML("")
        self.error_summary.add_class("bh-errors")
        self.sentence_html = widgets.HTML("")
        self.sentence_html.add_class("bh-sentence")
        self.live_sentence = widgets.HTML("")
        self.live_sentence.add_class("bh-live")
        self.chart_html = widgets.HTML("")
        self.table_html = widgets.HTML("")
        self.model_note = widgets.HTML("")
        self.warning = widgets.HTML("")
        self.sources_html = widgets.HTML("")
        self.sources_section = Disclosure([self.sources_html])
        for w in (self.sentence_html, self.chart_html, self.table_html):
            w.add_class("bh-dim")

        inputs = widgets.VBox(
            [self.h_inputs, self.preset, self.preset_note]
            + [self.fields[k].box for k in self.INPUTS]
            + [self.more_section.box, self.live_sentence],
            layout=widgets.Layout(flex="1 1 320px", min_width="min(280px, 100%)",
                                  max_width="420px", width="100%"))
        inputs.add_class("bh-inputs")
        self.results = widgets.VBox(
            [self.results_heading, self.stale_note, self.error_summary, self.sentence_html,
             self.chart_html, self.table_html, self.warning, self.model_note,
             self.sources_section.box],
            layout=widgets.Layout(flex="1 1 500px", min_width="0", width="auto"))
        self.results.add_class("bh-results")
        header = widgets.HBox([self.title_html, self.language],
                              layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        header.add_class("bh-header")
        main = widgets.HBox([inputs, self.results],
                            layout=widgets.Layout(flex_flow="row wrap", width="100%",
                                                  align_items="flex-start"))
        main.add_class("bh-main")
        extra_css = widgets.HTML(f"<style>{WARNING_CSS}</style>",
                                 layout=widgets.Layout(display="none"))
        self.root = widgets.VBox([css_widget(), extra_css, header, self.intro_html, main],
                                 layout=widgets.Layout(width="100%"))
        self.root.add_class("bh-app")

        self._busy = True
        self._fill_from_preset(preset)
        self._busy = False
        for f in self.fields.values():
            f.input.observe(self._changed, names="value")
        self.preset.observe(self._preset_changed, names="value")
        self.language.observe(self._language_changed, names="value")
        self._relabel()
        self.update()

    # ----- construction ---------------------------------------------------------------------

    @classmethod
    def from_environment(cls, **kwargs):
        """The app in the language (and preset) of the page's query string (Voila's
        QUERY_STRING: 'lang=zh&preset=us_credit_card')."""
        params = query_params(os.environ.get("QUERY_STRING", ""))
        if params.get("preset") not in card_presets():
            params.pop("preset", None)
        return cls(**{**params, **kwargs})

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    def defaults(self, preset_id: str) -> dict:
        """Field key -> text to show for ``preset_id``."""
        return {}

    def _fill_from_preset(self, preset_id: str):
        for key, text in self.defaults(preset_id).items():
            if key in self.fields:
                self.fields[key].value = text

    def _preset_changed(self, change):
        if self._busy:
            return
        self._busy = True
        self._fill_from_preset(change["new"])
        self._busy = False
        self._relabel()
        self.update()

    def _language_changed(self, change):
        if not self._busy:
            self.set_language(change["new"])

    def set_language(self, lang: str):
        """Every label and message in ``lang``; every typed value kept."""
        if lang not in i18n.LANGUAGES:
            return
        self.lang = lang
        if self.language.value != lang:
            self._busy = True
            self.language.value = lang
            self._busy = False
        self._relabel()
        self._show_errors()
        self._render_all()

    def _set_options(self, dropdown, options):
        if tuple(dropdown.options) == tuple(options):
            return
        value = dropdown.value
        busy, self._busy = self._busy, True
        try:
            dropdown.options = options
            dropdown.value = value
        finally:
            self._busy = busy

    def _relabel(self):
        lang = self.lang
        set_html(self.title_html, f"<h1>{escape(t(lang, self.TITLE + '.title'))}</h1>")
        self.language.description = t(lang, "ui.language")
        set_html(self.intro_html, f"<p>{escape(t(lang, self.TITLE + '.intro'))}</p>")
        set_html(self.h_inputs, heading(t(lang, self.TITLE + ".inputs")))
        self.preset.description = t(lang, "cardui.preset")
        self._set_options(self.preset, [(p["name"][lang], k) for k, p in card_presets().items()])
        summary = card_presets()[self.preset.value]["summary"][lang]
        set_html(self.preset_note, f'<div class="bh-note">{escape(summary)}</div>')
        for key, f in self.fields.items():
            f.set_label(t(lang, f"cardui.label.{key}"))
            hint = i18n.catalog(lang).get(f"cardui.hint.{key}")
            if hint:
                f.set_note(escape(hint))
        if "terms.interest_method" in self.fields:
            self._set_options(self.fields["terms.interest_method"].input,
                              [(t(lang, f"card.method.{m}"), m) for m in ("full", "unpaid")])
        self.more_section.set_title(t(lang, "cardui.more"))
        self.sources_section.set_title(t(lang, "cardui.sources"))
        set_html(self.results_heading, heading(t(lang, "ui.results.heading")))
        set_html(self.model_note, f'<div class="bh-model"><strong>{escape(t(lang, "card.model"))}'
                                  f'</strong></div>')
        set_html(self.warning, warning_html(lang))

    # ----- reading ---------------------------------------------------------------------------

    def parsed(self, key: str):
        """The typed value of ``key`` for the file: a number (percent fields as fractions), the
        choice, None when empty, or the text itself when it is not a number (the file check
        then reports it next to the field)."""
        f = self.fields[key]
        if f.kind in ("choice", "bool"):
            return f.value
        text = str(f.value).strip()
        if text == "":
            return None
        try:
            value = parse_number(text, key, percent=f.kind == "percent")
        except ScenarioError:
            return text
        if f.kind == "int" and float(value).is_integer():
            return int(value)
        return value

    # ----- updating --------------------------------------------------------------------------

    def _changed(self, change):
        if not self._busy:
            self.update()

    def update(self):
        self.internal_error = False
        try:
            data = self.build_data()
            result = self.compute(data)
        except ScenarioError as e:
            self.errors = e.errors
        except Exception:  # an engine failure must not reach the reader as a traceback
            self.errors = []
            self.internal_error = True
        else:
            self.errors = []
            self.result = result
        self.stale = bool(self.errors) or self.internal_error
        self._show_errors()
        self._render_all()

    def error_targets(self) -> dict:
        """Error field (as the file check names it) -> Field."""
        return dict(self.fields)

    def _show_errors(self):
        lang = self.lang
        by_field: dict = {}
        for err in self.errors:
            by_field.setdefault(err.field, []).append(i18n.error_message(err, lang))
        targets = self.error_targets()
        for key, f in targets.items():
            f.set_error(" ".join(by_field.get(key, [])))
        if not self.more_section.open and any(
                targets.get(k) is not None and targets[k].name in self.MORE_INPUTS
                for k in by_field):
            self.more_section.toggle()
        if self.errors or self.internal_error:
            items = [i18n.error_message(e, lang) for e in self.errors]
            if self.internal_error:
                items.append(t(lang, "ui.errors.internal"))
            lis = "".join(f"<li>{escape(m)}</li>" for m in items)
            set_html(self.error_summary, f'<div role="alert"><p><strong>'
                                         f'{escape(t(lang, "ui.errors.title"))}</strong></p>'
                                         f'<ul>{lis}</ul></div>')
            set_html(self.stale_note, f"<p>⚠ {escape(t(lang, 'ui.errors.stale'))}</p>"
                     if self.result is not None else "")
            self.results.add_class("bh-stale")
        else:
            set_html(self.error_summary, "")
            set_html(self.stale_note, "")
            self.results.remove_class("bh-stale")
        self.stale_note.layout.display = "" if self.stale_note.value else "none"
        self.error_summary.layout.display = "" if self.error_summary.value else "none"

    def _render_all(self):
        lang = self.lang
        said = self.sentences()
        if self.errors or self.internal_error:
            first = (i18n.error_message(self.errors[0], lang) if self.errors
                     else t(lang, "ui.errors.internal"))
            live = f'<div>⚠ {escape(t(lang, "ui.live.error", message=first))}</div>'
        else:
            live = f"<div>{escape(said[0])}</div>" if said else ""
        set_html(self.live_sentence, live)
        set_html(self.sentence_html, '<div aria-live="polite">'
                 + "".join(f"<p>{escape(s)}</p>" for s in said) + "</div>")
        if self.result is not None:
            self.render()

    def sentences(self) -> list:
        raise NotImplementedError

    def chart_pair(self, draw) -> str:
        """The chart twice: a wide drawing, and a compact one that CSS shows on a phone."""
        return (f'<div class="bh-chart-wide">{draw(720, "w")}</div>'
                f'<div class="bh-chart-narrow">{draw(380, "n")}</div>')

    def sources_list(self, card, preset_id) -> str:
        lang = self.lang
        items = []
        for row in terms_with_sources(preset_id, card, lang):
            bits = [f"<strong>{escape(row['label'])}</strong>: {escape(row['value'])}"]
            if row["changed"]:
                bits.append(f' <span class="bh-tag">✎ {escape(row["source"])}</span>')
            else:
                if row["typical"]:
                    bits.append(f' <span class="bh-tag">{escape(t(lang, "table.typical"))}</span>')
                bits.append(f"<br><small>{escape(t(lang, 'table.source'))}: "
                            f"{escape(row['source'])}</small>")
                if row["note"]:
                    bits.append(f"<br><small>{escape(row['note'])}</small>")
            items.append(f"<li>{''.join(bits)}</li>")
        return f'<ul class="bh-list bh-sources">{"".join(items)}</ul>'


def _percent_text(value: float) -> str:
    return f"{round(value * 100, 4):g}"


def _money_text(value: float) -> str:
    return f"{value:g}"


def card_defaults(preset_id: str) -> dict:
    """The text each card field starts with for a preset."""
    p = card_presets()[preset_id]
    rules = {k: v["value"] for k, v in p["rules"].items()}
    return {
        "card.balance": _money_text(p["card"]["balance"]["value"]),
        "terms.annual_rate": _percent_text(rules["annual_rate"]),
        "terms.min_rate": _percent_text(rules["min_rate"]),
        "terms.min_floor": _money_text(rules["min_floor"]),
        "terms.interest_method": rules["interest_method"],
        "terms.grace_days": str(rules["grace_days"]),
        "terms.default_penalty_rate": _percent_text(rules["default_penalty_rate"]),
    }


class MinimumPaymentApp(CardAppBase):
    """The minimum payment against paying more: months to pay off and interest for each."""

    TITLE = "mp"
    INPUTS = {
        "card.balance": ("money", False),
        "terms.annual_rate": ("percent", False),
        "terms.min_rate": ("percent", False),
        "pay.fixed": ("money", True),
        "pay.months": ("int", True),
    }
    MORE_INPUTS = {
        "terms.interest_method": ("choice", False),
        "terms.min_floor": ("money", False),
        "terms.grace_days": ("int", False),
        "terms.default_penalty_rate": ("percent", False),
    }

    def defaults(self, preset_id: str) -> dict:
        out = card_defaults(preset_id)
        balance = card_presets()[preset_id]["card"]["balance"]["value"]
        out["pay.fixed"] = _money_text(round(balance * 0.1 if preset_id == DEFAULT_PRESET
                                             else balance * 0.05))
        out["pay.months"] = "12"
        return out

    def build_data(self) -> dict:
        data = {"preset": self.preset.value, "card": {}, "terms": {}, "pay": [{"kind": "minimum"}]}
        self._pay_targets = {}
        for key in self.fields:
            part, name = key.split(".", 1)
            if part in ("card", "terms"):
                data[part][name] = self.parsed(key)
        for name, kind, field in (("fixed", "amount", "pay.fixed"),
                                  ("months", "months", "pay.months")):
            value = self.parsed(field)
            if value is not None:
                data["pay"].append({"kind": name, kind: value})
                self._pay_targets[f"pay[{len(data['pay'])}].{kind}"] = self.fields[field]
        return data

    def compute(self, data):
        ci = card_from_dict(data)
        return ci, simulate_all(ci)

    def error_targets(self) -> dict:
        targets = dict(self.fields)
        targets.update(getattr(self, "_pay_targets", {}))
        return targets

    def sentences(self) -> list:
        if self.result is None:
            return []
        ci, results = self.result
        cur = currency(ci.preset)
        return [card_sentence(r, self.lang, cur) for r in results]

    def render(self):
        lang = self.lang
        ci, results = self.result
        cur = currency(ci.preset)
        series = []
        for r in results:
            values = [int(r.statement_balance[0])] + [int(v) for v in r.balance_after]
            from simulators.minimum_payment.report import pay_label

            series.append((pay_label(r.strategy, lang, cur), values))
        longest = max(results, key=lambda r: r.months)
        desc = " ".join(card_sentence(r, lang, cur) for r in results)

        def axis(v):
            if cur == "CNY":
                return charts._axis_money(v, lang)
            return f"${v / 100 / 1000:g}k" if v >= 100000 else f"${v / 100:g}"

        def draw(width, suffix):
            return charts.lines_chart(series, lang, t(lang, "mp.chart.title"), desc, width=width,
                                      uid=f"bh-mp-{suffix}", axis_money=axis)

        set_html(self.chart_html, self.chart_pair(draw))
        table = responsive_table(card_headers(lang), card_rows(results, lang, cur),
                                 caption=t(lang, "mp.table.caption"), numeric=(1, 3, 4, 5))
        note = ""
        if any(r.total_penalties for r in results):
            note = f'<p class="bh-note">{escape(t(lang, "mp.penalty_note"))}</p>'
        if longest.penalty_rate_months:
            note += f'<p class="bh-note">{escape(t(lang, "mp.penalty_rate_note"))}</p>'
        set_html(self.table_html, table + note)
        set_html(self.sources_html, self.sources_list(ci.card, ci.preset))


def show(**kwargs):
    """The app for a notebook cell, in the language of the page's URL."""
    return MinimumPaymentApp.from_environment(**kwargs)


__all__ = ["MinimumPaymentApp", "CardAppBase", "card_defaults", "warning_html", "show"]
