"""The late-payment app without a browser: widget values in, the engine's words and numbers out.

Each expected sentence is computed independently, from a hand-written scenario dictionary
through ``scenario_from_dict`` + ``simulate`` + ``late_payment_report.sentences``, never through the view.
"""

import datetime as dt
import html
import json
import pathlib
import re

import pytest

from simulators.core import i18n
from simulators.core import presets
from simulators.late_payment import report as late_payment_report
from simulators.core.i18n import t
from simulators.late_payment.engine import simulate
from simulators.core.fields import FieldError
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui import late_payment
from simulators.ui.links import query_params
from simulators.ui.components import value_text
from simulators.ui.late_payment import LatePaymentApp

ROOT = pathlib.Path(__file__).resolve().parents[2]


def shown(widget) -> list:
    """The paragraphs of an HTML widget, as plain text."""
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", widget.value)]


def expected(data: dict, lang: str = "en") -> list:
    return late_payment_report.sentences(simulate(scenario_from_dict(data)), lang)


def message(field: str, code: str, lang: str, **params) -> str:
    # The kind of value whose range the message gives, as the input contract sets it.
    kind = {"money_range": "money", "money_min": "money", "fee_below_principal": "money",
            "rate_range": "rate"}.get(code, "int")
    return i18n.error_message(FieldError(field, code, tuple(params.items()), kind), lang)


@pytest.fixture
def app():
    return LatePaymentApp(lang="en", preset="cn_bank_consumer_loan")


def test_default_sentence_is_the_engines(app):
    data = {"preset": "cn_bank_consumer_loan", "late": [{"instalment": 3, "days_late": 45}]}
    assert shown(app.sentence_html) == expected(data)
    assert not app.errors and not app.stale


def test_typed_values_change_the_sentence_to_the_engines(app):
    app.principal.value = "30,000"
    app.annual_rate.value = "12"  # percent: 12%
    app.term_months.value = "１２"  # full-width digits, as a Chinese keyboard may type them
    app.late_rows[0].days.value = "60"
    data = {"preset": "cn_bank_consumer_loan",
            "loan": {"principal": 30000, "annual_rate": 0.12, "term_months": 12},
            "late": [{"instalment": 3, "days_late": 60}]}
    assert shown(app.sentence_html) == expected(data)
    assert "¥" in shown(app.sentence_html)[0]


def test_rate_with_a_percent_sign_and_the_method(app):
    app.annual_rate.value = "7.2%"
    app.method.value = "equal_principal"
    data = {"preset": "cn_bank_consumer_loan",
            "loan": {"annual_rate": 0.072, "method": "equal_principal"},
            "late": [{"instalment": 3, "days_late": 45}]}
    assert shown(app.sentence_html) == expected(data)


def test_stop_paying_and_several_rows(app):
    app.late_rows[0].kind.value = "stop"
    app.late_rows[0].number.value = "5"
    app.late_rows[0].days.value = "120"
    assert app.late_rows[0].number.description == t("en", "ui.late.stop_from")
    data = {"preset": "cn_bank_consumer_loan", "late": [{"stop_from": 5, "days": 120}]}
    assert shown(app.sentence_html) == expected(data)
    app.add_late_row({"instalment": 2, "days_late": 10})
    data["late"].append({"instalment": 2, "days_late": 10})
    assert shown(app.sentence_html) == expected(data)
    app.remove_late_row(app.late_rows[0])
    app.remove_late_row(app.late_rows[0])
    assert shown(app.sentence_html) == expected({"preset": "cn_bank_consumer_loan", "late": []})
    assert t("en", "ui.late.none") in app.late_none.value


def test_text_in_a_number_field_is_reported_and_kept(app):
    before = shown(app.sentence_html)
    app.principal.value = "abc"
    msg = message("loan.principal", "not_a_number", "en")
    assert msg == "Amount borrowed: please enter a number."
    assert msg in html.unescape(app.fields["loan.principal"].message.value)
    assert msg in html.unescape(app.error_summary.value)
    assert "bh-invalid" in app.principal._dom_classes
    assert app.principal.value == "abc"
    # The last valid results stay, marked as not matching the inputs.
    assert shown(app.sentence_html) == before
    assert app.stale and "bh-stale" in app.results._dom_classes
    assert t("en", "ui.errors.stale") in html.unescape(app.stale_note.value)
    # Fixed: the marks go and the results follow the new value.
    app.principal.value = "40000"
    assert not app.errors and not app.stale and app.error_summary.value == ""
    assert "bh-invalid" not in app.principal._dom_classes
    assert shown(app.sentence_html) == expected(
        {"preset": "cn_bank_consumer_loan", "loan": {"principal": 40000},
         "late": [{"instalment": 3, "days_late": 45}]})


@pytest.mark.parametrize("field, text, error_field, code, params", [
    ("principal", "-5000", "loan.principal", "money_range", {"min": 1, "max": 100_000_000}),
    ("annual_rate", "900", "loan.annual_rate", "rate_range", {"min": 0, "max": 1}),
    ("term_months", "0", "loan.term_months", "int_range", {"min": 1, "max": 360}),
    ("term_months", "", "loan.term_months", "required", {}),
])
def test_out_of_range_values_name_the_field_and_its_range(app, field, text, error_field, code,
                                                          params):
    getattr(app, field).value = text
    for lang in ("en", "zh"):
        app.set_language(lang)
        msg = message(error_field, code, lang, **params)
        assert i18n.field_label(error_field, lang) in msg
        assert msg in html.unescape(app.fields[error_field].message.value)
        assert msg in html.unescape(app.error_summary.value)
        assert getattr(app, field).value == text


def test_a_problem_in_a_closed_section_opens_it(app):
    assert not app.loan_more_section.open and not app.rules_section.open
    assert app.rules_section.body.layout.display == "none"
    app.upfront_fee.value = "60000"  # more than the 50,000 borrowed
    msg = message("loan.upfront_fee", "fee_below_principal", "en", max=50000)
    assert msg in html.unescape(app.fields["loan.upfront_fee"].message.value)
    assert app.loan_more_section.open and app.loan_more_section.body.layout.display == ""
    app.rules["grace_days"].value = "3.5"
    msg = message("rules.grace_days", "not_whole", "en", min=0, max=90)
    assert msg in html.unescape(app.fields["rules.grace_days"].message.value)
    assert app.rules_section.open
    assert app.rules_section.button.description.startswith("▾")
    app.rules_section.toggle()
    assert app.rules_section.button.description.startswith("▸")


def test_rate_of_900_percent_says_0_to_100_percent(app):
    app.annual_rate.value = "900"
    assert "Annual interest rate: must be between 0% and 100%." in html.unescape(
        app.error_summary.value)
    app.set_language("zh")
    assert "年利率：须在0%至100%之间。" in html.unescape(app.error_summary.value)


def test_bad_late_entry_is_shown_on_its_own_field(app):
    app.late_rows[0].days.value = "soon"
    msg = message("late[1].days_late", "not_a_number", "en")
    assert msg == "Late payment 1: days late: please enter a number."
    assert msg in html.unescape(app.late_rows[0].days_field.message.value)
    app.late_rows[0].days.value = "30"
    app.late_rows[0].number.value = "25"  # the loan has 24 instalments
    msg = message("late[1].instalment", "int_range", "en", min=1, max=24)
    assert msg in html.unescape(app.late_rows[0].number_field.message.value)


def test_switching_language_keeps_values_and_changes_words_and_numbers(app):
    app.principal.value = "30,000"
    app.annual_rate.value = "7.5"
    app.late_rows[0].days.value = "61"
    app.method.value = "equal_principal"
    en_sentence = shown(app.sentence_html)
    app.language.value = "zh"  # as the reader clicks it
    assert app.lang == "zh"
    assert app.principal.description == t("zh", "ui.label.principal") == "借款金额（元）"
    assert app.late_rows[0].days.description == t("zh", "ui.late.days_late")
    assert app.principal.value == "30,000" and app.annual_rate.value == "7.5"
    assert app.late_rows[0].days.value == "61" and app.method.value == "equal_principal"
    assert app.preset.value == "cn_bank_consumer_loan"
    assert dict(app.method.options)[i18n.choice_label("method", "equal_principal", "zh")] \
        == "equal_principal"
    assert presets.get("cn_bank_consumer_loan").name["zh"] in app.preset.label
    data = {"preset": "cn_bank_consumer_loan",
            "loan": {"principal": 30000, "annual_rate": 0.075, "method": "equal_principal"},
            "late": [{"instalment": 3, "days_late": 61}]}
    zh = shown(app.sentence_html)
    assert zh == expected(data, "zh") != en_sentence
    assert "元" in zh[0] and "¥" not in zh[0]
    assert "费用类别" in app.breakdown_html.value and "元" in app.breakdown_html.value
    assert "每天欠款金额" in app.owed_chart_html.value
    app.language.value = "en"
    assert shown(app.sentence_html) == en_sentence
    assert app.principal.description == "Amount borrowed (yuan)"


def test_choosing_a_preset_fills_loan_and_rules(app):
    app.preset.value = "cn_internet_instalment"
    p = presets.get("cn_internet_instalment")
    assert app.principal.value == "10,000"
    assert app.annual_rate.value == "10.8"
    assert app.term_months.value == str(p.loan_values()["term_months"])
    assert app.monthly_fee_rate.value == "0.4"
    assert app.rules["late_fee_rate"].value == "5"
    assert app.rules["late_fee_cap"].value == "100"
    assert app.rules["acceleration_after_days"].value == "90"
    assert app.rules["compound_overdue_interest"].value is True
    # Late payments are the reader's and are kept.
    assert app.late_rows[0].number.value == "3" and app.late_rows[0].days.value == "45"
    data = {"preset": "cn_internet_instalment", "late": [{"instalment": 3, "days_late": 45}]}
    assert shown(app.sentence_html) == expected(data)
    # Nothing the preset filled in counts as set by the reader.
    rows = late_payment_report.rules_with_sources(app.scenario, "en")
    assert not any(r["changed"] for r in rows)
    assert "✎" not in app.rules_table_html.value


def test_a_one_payment_loan_keeps_late_rows_within_range(app):
    app.preset.value = "cn_private_loan"
    assert app.method.value == "bullet"
    assert app.late_rows[0].number.value == "1"
    assert not app.errors
    data = {"preset": "cn_private_loan", "late": [{"instalment": 1, "days_late": 45}]}
    assert shown(app.sentence_html) == expected(data)


def test_a_rule_changed_by_the_reader_shows_as_set_by_the_reader(app):
    app.rules["grace_days"].value = "0"
    note = html.unescape(app.fields["rules.grace_days"].message.value)
    assert t("en", "ui.rules.set_by_you", value="3 days") in note
    assert "Set by you" in app.rules_table_html.value
    data = {"preset": "cn_bank_consumer_loan", "rules": {"grace_days": 0},
            "late": [{"instalment": 3, "days_late": 45}]}
    assert shown(app.sentence_html) == expected(data)
    # A rule left as the preset has it keeps its "typical contract term" mark.
    assert t("en", "table.typical") in app.fields["rules.day_count"].message.value
    app.use_preset_rules()
    assert app.rules["grace_days"].value == "3"
    assert "✎" not in app.fields["rules.grace_days"].message.value


def test_rate_rules_typed_in_percent(app):
    app.rules["penalty_markup"].value = "30"
    app.rules["acceleration_after_days"].value = ""  # never called in
    data = {"preset": "cn_bank_consumer_loan",
            "rules": {"penalty_markup": 0.3, "acceleration_after_days": None},
            "late": [{"instalment": 3, "days_late": 200}]}
    app.late_rows[0].days.value = "200"
    assert shown(app.sentence_html) == expected(data)


def test_apply_cap_checkbox_only_where_there_is_a_cap(app):
    assert app.apply_cap.layout.display != "none"
    assert "24%" in app.apply_cap.description
    app.preset.value = "custom"
    assert app.apply_cap.layout.display == "none"
    app.preset.value = "cn_internet_instalment"
    app.annual_rate.value = "20"
    app.rules["late_fee_flat"].value = "500"
    app.late_rows[0].days.value = "30"
    data = {"preset": "cn_internet_instalment", "loan": {"annual_rate": 0.2},
            "rules": {"late_fee_flat": 500}, "late": [{"instalment": 3, "days_late": 30}]}
    without = expected(data)
    assert shown(app.sentence_html) == without
    assert not any(s.startswith("With the cap applied") for s in without)
    app.apply_cap.value = True
    with_cap = expected({**data, "apply_cap": True})
    assert shown(app.sentence_html) == with_cap
    assert any(s.startswith("With the cap applied") for s in with_cap)


def test_loan_called_in_is_explained_in_table_and_chart(app):
    app.late_rows[0].days.value = "200"
    r = app.result
    assert r.accelerated is not None and r.interest_not_charged > 0
    not_charged = i18n.money(-r.interest_not_charged, "en")
    assert not_charged in app.breakdown_html.value
    assert t("en", "ui.chart.not_charged") in app.cost_chart_html.value
    assert t("en", "chart.owed.called_in") in app.owed_chart_html.value


def test_charts_have_text_alternatives_and_follow_the_inputs(app):
    before = app.owed_chart_html.value
    for chart in (app.owed_chart_html.value, app.cost_chart_html.value):
        assert chart.count("<svg") == 2  # wide and phone drawings
        assert "<title" in chart and "<desc" in chart and 'role="img"' in chart
    assert t("en", "assumption.model") in html.unescape(app.model_note.value)
    # The table behind the chart: one row per instalment.
    assert app.schedule_html.value.count('<th scope="row"') == 24
    app.late_rows[0].days.value = "20"
    assert app.owed_chart_html.value != before


def test_an_engine_failure_is_a_message_not_a_traceback(app, monkeypatch):
    def broken(_):
        raise RuntimeError("boom")

    monkeypatch.setattr(late_payment, "simulate", broken)
    app.principal.value = "12345"
    assert app.internal_error and app.stale
    assert t("en", "ui.errors.internal") in html.unescape(app.error_summary.value)
    assert "boom" not in app.error_summary.value


def test_query_string_sets_language_and_preset(monkeypatch):
    assert query_params("?lang=zh&preset=cn_private_loan") == {"lang": "zh",
                                                                "preset": "cn_private_loan"}
    assert query_params("lang=zh-CN") == {"lang": "zh"}
    assert query_params("lang=fr") == {}
    monkeypatch.setenv("QUERY_STRING", "lang=zh&preset=cn_private_loan")
    app = LatePaymentApp.from_environment()
    assert app.lang == "zh" and app.language.value == "zh"
    assert app.preset.value == "cn_private_loan" and app.method.value == "bullet"
    assert app.principal.description == "借款金额（元）"
    assert not app.errors
    assert shown(app.sentence_html) == expected(
        {"preset": "cn_private_loan", "late": [{"instalment": 1, "days_late": 45}]}, "zh")
    monkeypatch.setenv("QUERY_STRING", "preset=no_such_product&lang=xx")
    app = LatePaymentApp.from_environment()
    assert app.lang == "en" and app.preset.value == "cn_internet_instalment"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_no_scenario_it_opens_on_the_internet_loan_with_what_is_due_that_day_first(
        monkeypatch, lang):
    """Opened with no product named (a link, the notebook, the in-browser app), the app shows
    the fictional internet instalment loan, not the cheapest product there is, and the first
    sentence is the sum to find on one day. That sum is worked out here by hand from the
    preset's terms: 10,000 yuan at 10.8% a year over 12 months in equal instalments, a service
    fee of 0.4% of 10,000 a month, instalment 3 paid 45 days late; penalty interest at the
    rate + 50% (a day: 10.8% x 1.5 / 360) on its overdue principal, compound interest at that
    rate on its overdue interest (the fee bears none), and a default penalty of 5% of it (at
    most 100 yuan)."""
    monkeypatch.delenv("QUERY_STRING", raising=False)
    app = LatePaymentApp.from_environment(lang=lang)
    p = presets.get("cn_internet_instalment")
    assert app.preset.value == "cn_internet_instalment"
    assert app.preset.label == p.name[lang]
    assert p.summary[lang] in html.unescape(app.preset_note.value)
    assert (app.principal.value, app.annual_rate.value, app.term_months.value,
            app.monthly_fee_rate.value) == ("10,000", "10.8", "12", "0.4")
    assert LatePaymentApp(lang=lang).preset.value == "cn_internet_instalment"
    # By hand: the instalment and what 45 days late add to it.
    m, n, principal = 0.108 / 12, 12, 10_000
    payment = round(principal * m / (1 - (1 + m) ** -n), 2)
    owed_after_2 = principal * (1 + m) ** 2 - payment * ((1 + m) ** 2 - 1) / m
    interest_3 = round(owed_after_2 * m, 2)
    instalment = payment + 40  # with the month's service fee
    daily = 0.108 * 1.5 / 360
    charges = round((payment - interest_3) * daily * 45, 2) + round(interest_3 * daily * 45, 2) \
        + min(round(0.05 * instalment, 2), 100)
    headline = shown(app.sentence_html)[0]
    r = app.result
    paid_on = r.schedule.due_dates[2] + dt.timedelta(days=45)
    assert i18n.date(paid_on, lang) in headline
    amount = re.search(r"¥([\d,]+\.\d\d)|([\d,]+\.\d\d)元", headline)
    shown_amount = float((amount.group(1) or amount.group(2)).replace(",", ""))
    assert shown_amount == pytest.approx(instalment + charges, abs=0.02), headline
    assert shown_amount > instalment  # the sum to find is more than the instalment alone
    assert headline == expected({"preset": "cn_internet_instalment",
                                 "late": [{"instalment": 3, "days_late": 45}]}, lang)[0]


def test_every_input_has_a_label_and_no_html_in_labels(app):
    for key, f in app.fields.items():
        assert f.input.description, key
        assert f.input.description_allow_html is False
    for row in app.late_rows:
        for w in (row.kind, row.number, row.days):
            assert w.description and w.description_allow_html is False
    assert app.preset.description and app.language.description and app.apply_cap.description


def test_value_text():
    assert value_text(50000, "money") == "50,000"
    assert value_text(12.5, "money") == "12.50"
    assert value_text(0.108, "percent") == "10.8"
    assert value_text(None, "percent") == ""
    assert value_text(90, "int") == "90"


def test_ui_keys_exist_in_both_catalogs():
    en = json.loads((ROOT / "simulators/locales/en.json").read_text(encoding="utf-8"))
    zh = json.loads((ROOT / "simulators/locales/zh.json").read_text(encoding="utf-8"))
    assert set(en) == set(zh)
    used = set(re.findall(r'"(ui\.[a-z_.]+)"',
                          (ROOT / "simulators/ui/late_payment.py").read_text(encoding="utf-8")
                          + (ROOT / "simulators/ui/frame.py").read_text(encoding="utf-8")
                          + (ROOT / "simulators/ui/charts/svg.py").read_text(encoding="utf-8")
                          + (ROOT / "simulators/ui/charts/late_payment.py").read_text(encoding="utf-8")))
    labels = {f"ui.label.{k.split('.', 1)[1]}" for k in LatePaymentApp().fields}
    assert used | labels <= set(en)
