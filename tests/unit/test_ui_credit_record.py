"""The credit-record app without a browser: what the reader sees after each change.

Expected statuses and dates are worked out by hand (the preset's loan starts on 15 Jan 2026, so
instalment k is due on the 15th, k months later)."""

import urllib.parse

from simulators.core import i18n
from simulators.ui.credit_record import CreditRecordApp
from simulators.ui.links import decode_scenario, encode_scenario, link_to_credit_record
from simulators.ui.late_payment import LatePaymentApp


def cells(app):
    """The codes in the grid, in order, as the page shows them."""
    import re

    return re.findall(r'class="bh-cr-cell [^"]*" title="[^"]*" aria-label="[^"]*"><b aria-hidden="true">([^<]*)</b>',
                      app.grid_html.value)


def test_default_shows_the_example_record():
    app = CreditRecordApp()
    # Instalment 3 (due 15 Apr 2026) 45 days late: paid 30 May; shown 5 years after that.
    assert cells(app) == ["N", "N", "1", "2"] + ["N"] * 7 + ["C"]
    text = app.sentence_html.value
    assert "16 Apr 2026 to 30 May 2026" in text and "30 May 2031" in text
    # Every cell says in words what its code means (never colour alone).
    assert 'aria-label="Apr 2026: 1, Overdue 1–30 days"' in app.grid_html.value
    assert "Overdue 31–60 days" in app.grid_html.value  # the legend


def test_never_catch_up_keeps_the_record_while_unpaid():
    app = CreditRecordApp()
    app.late_rows[0].kind.value = "never"
    assert app.late_rows[0].days_field.box.layout.display == "none"
    assert app.codes()[2:9] == ["1", "2", "3", "4", "5", "6", "7"]
    assert "never repaid" in app.sentence_html.value
    assert "While the debt is unpaid, the record stays" in app.sentence_html.value
    # The lender's view ten years on still shows it.
    wide = app.lender_html.value.split("bh-chart-narrow")[0]  # the phone copy repeats it
    assert wide.count("worst status 7") == 5  # 31 Dec 2026 to 2030, the statements followed


def test_comparison_and_switching_rules():
    app = CreditRecordApp()
    app.late_rows[0].days.value = "10"  # paid 25 Apr, before the next due date
    # China shows it; US practice reports only from 30 days past due.
    assert "United States (for comparison)</th><td>not shown" in app.compare_html.value
    app.jurisdiction.value = "us"
    assert set(app.codes()[:-1]) == {"OK"}
    assert "not reported" in app.sentence_html.value


def test_bad_input_is_named_and_kept():
    app = CreditRecordApp()
    before = app.grid_html.value
    app.principal.value = "lots"
    assert app.principal.value == "lots"
    assert "Amount borrowed: please enter a number." in app.fields["principal"].message.value
    assert "Amount borrowed: please enter a number." in app.error_summary.value
    assert app.grid_html.value == before  # the last valid record stays, marked stale
    assert "bh-stale" in app.results._dom_classes
    app.late_rows[0].number.value = "40"
    assert "Late payment 1: instalment: must be a whole number from 1 to 12." in app.error_summary.value


def test_chinese():
    app = CreditRecordApp(lang="zh")
    assert "2031年5月30日" in app.sentence_html.value
    assert 'aria-label="2026年4月：1，逾期1–30天"' in app.grid_html.value
    app.principal.value = "很多"
    assert "借款金额" in app.error_summary.value or "金额" in app.error_summary.value


def test_opens_with_the_scenario_of_the_late_payment_app():
    late = LatePaymentApp(lang="zh")
    late.late_rows[0].days.value = "100"
    link = late.credit_link_html.value
    href = link.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert href.startswith("credit_record.ipynb?")
    query = urllib.parse.urlsplit(href).query
    app = CreditRecordApp(**CreditRecordApp.params_from_query(query))
    assert app.lang == "zh" and app.notice == "from_link"
    assert app.late_rows[0].days.value == "100"
    assert app.base["preset"] == late.preset.value
    assert "已带入逾期还款模拟器" in app.notice_html.value


def test_corrupt_link_gets_a_message_and_the_example():
    for bad in ("scenario=%%%zz", "scenario=" + encode_scenario({"loan": "x"}),
                "scenario=" + encode_scenario([1, 2])[:5]):
        app = CreditRecordApp(**CreditRecordApp.params_from_query(bad))
        assert app.notice == "corrupt"
        assert "could not be read" in app.notice_html.value
        assert cells(app)[:4] == ["N", "N", "1", "2"]


def test_link_round_trip():
    data = {"preset": "custom", "late": [{"stop_from": 2, "days": None}]}
    assert decode_scenario(encode_scenario(data)) == data
    assert link_to_credit_record(data, "en").startswith("credit_record.ipynb?lang=en&scenario=")
    assert i18n.t("zh", "credit.ui.link_from_late")


def test_link_with_never_and_odd_values():
    data = {"preset": "custom", "loan": {"principal": 30000},
            "late": [{"stop_from": 2, "days": None}]}
    app = CreditRecordApp(**CreditRecordApp.params_from_query("scenario=" + encode_scenario(data)))
    assert app.late_rows[0].kind.value == "never" and app.codes()[1] == "1"
    odd = {"preset": "custom", "late": [{"stop_from": {"x": 1}, "days": 3}],
           "loan": {"method": ["?"]}}
    app = CreditRecordApp(**CreditRecordApp.params_from_query("scenario=" + encode_scenario(odd)))
    assert app.notice in ("corrupt", "from_link")
    assert app.errors or app.codes()  # a message or a record, never an exception


def test_rules_are_named_in_words_with_their_values():
    """Issue 14: the rules list showed raw keys (current_code, retention_years, ...)."""
    import html
    import re

    from simulators.ui.credit_record import CreditRecordApp

    for lang, expected in (("en", "Years a late record stays shown: 5"), ("zh", "逾期记录展示的年数：5")):
        app = CreditRecordApp(lang=lang)
        shown = [html.unescape(x) for x in re.findall(r"<strong>(.*?)</strong>", app.sources_html.value)]
        assert expected in shown
        assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", x) for x in shown), shown
        # Rules the jurisdiction does not have are left out, not listed as "none".
        assert not any(x.endswith((": none", "：无")) for x in shown), shown


def test_a_whole_number_term_from_a_link_shows_without_a_decimal():
    from simulators.ui.components import value_text

    assert value_text(24.0, "int") == "24" and value_text(24, "int") == "24"
