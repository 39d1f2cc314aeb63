"""The credit-record app in Chromium, served by Voila: what a reader sees and does."""

import pytest

from simulators.credit_record.engine import credit_record
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui.links import encode_scenario

pytestmark = pytest.mark.browser

APP = "/voila/render/credit_record.ipynb"


def open_credit(browser, base, width=1280, query=""):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(30_000)
    page.goto(f"{base}{APP}{query}")
    page.wait_for_selector(".bh-cr-grid li.bh-cr-cell", timeout=90_000)
    return page


def grid_codes(page):
    return page.locator(".bh-cr-grid li.bh-cr-cell b").all_inner_texts()


def test_grid_follows_the_late_payment_and_the_rules(chromium_browser, voila_url, screenshot,
                                                     screenshots_dir):
    # The app's loan starts on the reader's today; the months named below are those of a loan
    # from 15 Jan 2026, so the link states that date (Chen Jing's case, instalment 3 45 days late).
    case = {"preset": "cn_internet_instalment", "loan": {"start_date": "2026-01-15"},
            "late": [{"instalment": 3, "days_late": 45}]}
    page = open_credit(chromium_browser, voila_url, query=f"?scenario={encode_scenario(case)}")
    assert grid_codes(page) == ["N", "N", "1", "2"] + ["N"] * 7 + ["C"]
    assert page.get_by_label("Apr 2026: 1, Overdue 1–30 days").is_visible()
    screenshot(page, screenshots_dir / "credit-record-en-1280.png")
    page.get_by_label("Days late", exact=True).fill("100")
    page.wait_for_function("() => document.querySelectorAll('.bh-cr-grid li.bh-cr-cell').length == 7")
    # Hand-worked: unpaid on 15 Apr, May, Jun, Jul (1-4), all paid 24 Jul; settled then.
    want = credit_record(scenario_from_dict({"preset": "cn_internet_instalment",
                                             "loan": {"start_date": "2026-01-15"},
                                             "late": [{"instalment": 3, "days_late": 100}]})).codes
    assert grid_codes(page) == want == ["N", "N", "1", "2", "3", "4", "C"]
    page.locator(".bh-lang button", has_text="United States").click()
    page.wait_for_function("() => document.querySelector('.bh-cr-grid b').innerText == 'OK'")
    assert "30" in grid_codes(page)
    page.close()


def test_opens_with_a_linked_scenario_in_chinese_on_a_phone(chromium_browser, voila_url,
                                                            screenshot, screenshots_dir):
    data = {"preset": "custom", "loan": {"principal": 30000},
            "late": [{"stop_from": 2, "days": None}]}
    page = open_credit(chromium_browser, voila_url, 360,
                       f"?lang=zh&scenario={encode_scenario(data)}")
    assert page.get_by_text("已带入逾期还款模拟器中的贷款和逾期情况。").is_visible()
    assert "一直未还" in page.inner_text(".bh-sentence")
    width = page.evaluate("document.querySelector('#rendered_cells').scrollWidth")
    assert width <= 360
    screenshot(page, screenshots_dir / "credit-record-zh-360.png")
    page.close()


def test_corrupt_link_shows_a_message(chromium_browser, voila_url, screenshot, screenshots_dir):
    page = open_credit(chromium_browser, voila_url, 360, "?scenario=not-a-scenario")
    assert page.get_by_text("could not be read").is_visible()
    assert grid_codes(page)[:4] == ["N", "N", "1", "2"]
    screenshot(page, screenshots_dir / "credit-record-en-360.png")
    page.close()


def test_late_payment_app_links_here_with_its_scenario(app_page, chromium_browser, voila_url):
    page = app_page(1280)
    page.wait_for_selector(".bh-credit-link a")
    old = page.eval_on_selector(".bh-credit-link a", "el => el.href")
    page.get_by_label("Days late", exact=True).fill("60")
    page.wait_for_function("old => document.querySelector('.bh-credit-link a').href !== old",
                           arg=old)
    href = page.eval_on_selector(".bh-credit-link a", "el => el.href")
    page.goto(href)
    page.wait_for_selector(".bh-cr-grid li.bh-cr-cell", timeout=90_000)
    assert page.get_by_text("Opened with the loan and late payments").is_visible()
    assert page.get_by_label("Days late", exact=True).input_value() == "60"
