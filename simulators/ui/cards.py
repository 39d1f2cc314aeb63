"""What the two credit-card apps (minimum payment, repayment plan) share: a card preset chooser,
fields keyed as in the card and plan files (``card.balance``, ``terms.annual_rate``, ...), a
section of further terms, the regulator's warning about paid "debt restructuring" agents, and
the list of terms with their sources. Not an app: the apps import it, never each other.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from simulators.core import i18n, presets
from simulators.core.dates import today_iso
from simulators.core.fields import ScenarioError, parse_number
from simulators.core.i18n import t
from simulators.minimum_payment.inputs import card_presets
from simulators.minimum_payment.report import terms_with_sources
from simulators.ui.components import Disclosure, Field, chart_pair, heading, set_html, value_text
from simulators.ui.frame import AppFrame

DEFAULT_PRESET = "cn_credit_card"

CSS = """
.bh-warning { border-left: 4px solid var(--bh-bad); padding: 4px 10px; margin: 8px 0;
  background: var(--jp-layout-color2, #f6f8fa); }
.bh-app .bh-codes { font-family: var(--jp-code-font-family, monospace); letter-spacing: 0.05em;
  overflow-wrap: anywhere; }
"""


def warning_html(lang: str) -> str:
    """The regulator's warning about paid "debt restructuring" / 停息挂账 agents, with its source."""
    src = presets.sources()["nfra-2024-debt-restructuring"][lang]
    return (f'<div class="bh-warning" role="note"><p><strong>⚠ '
            f'{escape(t(lang, "warning.intermediaries"))}</strong></p>'
            f'<p><small>{escape(t(lang, "warning.source"))}: {escape(src)}</small></p></div>')


def percent_text(value: float) -> str:
    return f"{round(value * 100, 4):g}"


def money_text(value: float) -> str:
    return f"{value:g}"


def card_defaults(preset_id: str) -> dict:
    """The text each card field starts with for a preset."""
    p = card_presets()[preset_id]
    rules = {k: v["value"] for k, v in p["rules"].items()}
    return {
        "card.balance": money_text(p["card"]["balance"]["value"]),
        "terms.annual_rate": percent_text(rules["annual_rate"]),
        "terms.min_rate": percent_text(rules["min_rate"]),
        "terms.min_floor": money_text(rules["min_floor"]),
        "terms.interest_method": rules["interest_method"],
        "terms.grace_days": str(rules["grace_days"]),
        "terms.default_penalty_rate": percent_text(rules["default_penalty_rate"]),
    }


class CardApp(AppFrame):
    """A card app: ``KEY`` (the prefix of its catalog words: 'mp', 'rp'), ``INPUTS`` and
    ``MORE_INPUTS`` (key -> (kind, optional)), ``defaults(preset_id)``, and the frame's
    ``read_inputs``, ``compute``, ``sentences`` and ``draw(width, tag)`` of its chart; the
    table goes in ``table_html``."""

    KEY = ""
    INPUTS: dict = {}
    MORE_INPUTS: dict = {}
    CSS = CSS

    def __init__(self, lang: str = "en", preset: str = DEFAULT_PRESET, **link):
        super().__init__(lang, **link)
        #: Values of a link's scenario that have no field here: kept, and sent with the rest.
        self.link_extra: dict = {}
        if preset not in card_presets():
            preset = DEFAULT_PRESET
        self.preset = widgets.Dropdown(options=[(k, k) for k in card_presets()], value=preset,
                                       layout=widgets.Layout(width="100%"),
                                       style={"description_width": "initial"})
        self.preset.add_class("bh-field")
        self.preset_note = widgets.HTML("")
        self.preset_note.add_class("bh-msg")
        for key, (kind, optional) in {**self.INPUTS, **self.MORE_INPUTS}.items():
            self.fields[key] = Field(key, kind, optional)
        if "terms.interest_method" in self.fields:
            self.fields["terms.interest_method"].input.options = [("full", "full"),
                                                                  ("unpaid", "unpaid")]
        self.more_section = Disclosure([self.fields[k].box for k in self.MORE_INPUTS])
        self.h_inputs = widgets.HTML("")

        self.chart_html = widgets.HTML("")
        self.table_html = widgets.HTML("")
        self.model_note = widgets.HTML("")
        self.warning = widgets.HTML("")
        self.sources_html = widgets.HTML("")
        self.sources_section = Disclosure([self.sources_html])
        self.build(
            inputs=[self.h_inputs, self.preset, self.preset_note]
            + [self.fields[k].box for k in self.INPUTS] + [self.more_section.box],
            results=[self.chart_html, self.table_html, self.warning, self.model_note,
                     self.sources_section.box],
            dim=(self.chart_html, self.table_html))

        with self.quietly():
            self.fill_from_preset(preset)
        self.watch(*(f.input for f in self.fields.values()))
        self.follow_preset(self.preset)
        self.start()

    @classmethod
    def preset_ids(cls):
        return tuple(card_presets())

    def defaults(self, preset_id: str) -> dict:
        """Field key -> text to show for ``preset_id``."""
        return {}

    def fill_from_preset(self, preset_id: str):
        for key, text in self.defaults(preset_id).items():
            if key in self.fields:
                self.fields[key].value = text
        # The first statement is today unless the reader (or a link) says otherwise; choosing
        # another card keeps the reader's date.
        date = self.fields.get("card.statement_date")
        if date is not None and not str(date.value).strip():
            date.value = today_iso()

    def load_scenario(self, data: dict):
        """A card or plan file (``examples/card-*.json``, ``plan-*.json``) in the fields: its
        preset, then each value that has a field; the others are kept in ``link_extra``."""
        preset = data.get("preset", DEFAULT_PRESET)
        self.preset.value = preset
        self.fill_from_preset(preset)
        self.link_extra = {}
        for part in ("card", "terms", "plan", "new_loan"):
            values = data.get(part)
            if not isinstance(values, dict):
                continue
            for name, value in values.items():
                f = self.fields.get(f"{part}.{name}")
                if f is None:
                    self.link_extra.setdefault(part, {})[name] = value
                elif f.kind in ("choice", "bool"):
                    f.value = value
                else:
                    f.value = "" if value is None else (
                        str(value) if f.kind == "date" else value_text(value, f.kind))
        self.load_more(data)

    def load_more(self, data: dict):
        """What else of a link's scenario the app shows (the ways of paying, a new loan)."""

    def with_link_extra(self, data: dict) -> dict:
        """``data`` with the link's values that have no field."""
        for part, values in self.link_extra.items():
            if isinstance(data.get(part), dict):
                data[part] = {**values, **data[part]}
        return data

    def relabel(self):
        lang = self.lang
        set_html(self.h_inputs, heading(t(lang, self.KEY + ".inputs")))
        self.preset.description = t(lang, "cardui.preset")
        self.set_options(self.preset, [(p["name"][lang], k) for k, p in card_presets().items()])
        summary = card_presets()[self.preset.value]["summary"][lang]
        set_html(self.preset_note, f'<div class="bh-note">{escape(summary)}</div>')
        for key, f in self.fields.items():
            f.set_label(t(lang, f"cardui.label.{key}"))
            hint = i18n.catalog(lang).get(f"cardui.hint.{key}")
            if hint:
                f.set_note(escape(hint))
        if "terms.interest_method" in self.fields:
            self.set_options(self.fields["terms.interest_method"].input,
                             [(t(lang, f"card.method.{m}"), m) for m in ("full", "unpaid")])
        self.more_section.set_title(t(lang, "cardui.more"))
        self.sources_section.set_title(t(lang, "cardui.sources"))
        set_html(self.model_note, f'<div class="bh-model"><strong>{escape(t(lang, "card.model"))}'
                                  f'</strong></div>')
        set_html(self.warning, warning_html(lang))

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
        if f.kind == "date":
            return text  # the file check reads it, or says what a date looks like
        try:
            value = parse_number(text, key, percent=f.kind == "percent")
        except ScenarioError:
            return text
        if f.kind == "int" and float(value).is_integer():
            return int(value)
        return value

    def reveal(self, by_field: dict):
        targets = self.error_targets()
        if not self.more_section.open and any(
                targets.get(k) is not None and targets[k].name in self.MORE_INPUTS
                for k in by_field):
            self.more_section.toggle()

    def draw(self, width: int, tag: str) -> str:
        raise NotImplementedError

    def render_result(self):
        set_html(self.chart_html, chart_pair(self.draw))

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
