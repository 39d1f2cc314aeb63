""""Start here" (issue 16) on a 360 px phone: the home's entry to "what to do today" is in the
first screen and one tap opens the today page, one more the section a step points to; the
header buttons are big enough for a finger; an answer's label opens the answer; a wide table
keeps its first column in view while the rest scrolls.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
HOME = {"en": "book/index.html", "zh": "book/zh/index.html"}
TODAY = {"en": "book/today/index.html", "zh": "book/zh/today/index.html"}


def phone(new_page):
    return new_page(width=PHONE["width"], height=PHONE["height"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_today_is_in_the_first_screen_and_each_step_one_more_tap(site_url, new_page, lang):
    page = phone(new_page)
    page.goto(f"{site_url}/{HOME[lang]}")
    page.wait_for_load_state("networkidle")
    entry = page.locator("article .bh-today-entry a").first
    box = entry.bounding_box()
    assert box is not None, "the entry is not shown"
    assert box["y"] + box["height"] <= PHONE["height"], f"below the first screen: {box}"
    assert box["height"] >= 44 and box["width"] >= 44, f"too small to tap: {box}"
    entry.click()
    page.wait_for_url(f"**/{TODAY[lang]}")
    steps = page.locator("article ol.bh-today-steps > li")
    assert steps.count() == 7
    # The list is one screen: the last step starts in the first screen of the phone.
    last = steps.nth(6).bounding_box()
    assert last["y"] < PHONE["height"], f"the steps run on below the first screen: {last}"
    # One more tap: the first step opens the short page on a court or mediation message...
    # (Not the hotline number in the step: a tap on it calls, it opens no page.)
    link = steps.first.locator("a:not(.bibtex-citation a):not([href^='tel:'])").last
    assert steps.first.locator("a[href='tel:12368']").count() == 1, "the step's 12368 does not call"
    assert link.bounding_box()["height"] >= 44
    link.click()
    page.wait_for_url("**/today/court-sms.html")
    assert page.locator("article h1").first.bounding_box()["y"] < PHONE["height"]
    page.go_back()
    page.wait_for_url(f"**/{TODAY[lang]}")
    # ... and the second lands on the section of the lesson that explains it, in view.
    steps.nth(1).locator("a:not(.bibtex-citation a)").last.click()
    page.wait_for_load_state("domcontentloaded")
    fragment = page.url.partition("#")[2]
    assert fragment.endswith("cost-what-to-do"), page.url
    target = page.locator(f"[id='{fragment}']")
    assert target.count() == 1
    top = target.bounding_box()["y"]
    assert 0 <= top < PHONE["height"], f"the section is not in view after the tap: {top}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_header_buttons_are_big_enough_for_a_finger(site_url, new_page, lang):
    page = phone(new_page)
    page.goto(f"{site_url}/{TODAY[lang]}")
    page.wait_for_load_state("networkidle")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
            '.bd-header button, .bd-header-article button, .bd-header-article .btn')]
        .filter(b => b.offsetParent !== null)
        .map(b => { const r = b.getBoundingClientRect();
                    return [b.className, Math.round(r.width), Math.round(r.height)]; })""")
    assert sizes, "no header buttons found"
    small = [s for s in sizes if s[1] < 44 or s[2] < 44]
    assert not small, f"buttons under 44 x 44 px: {small}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_header_is_one_row_above_the_title(site_url, new_page, lang):
    """One menu button, and the header's buttons and the link to the other edition on one row
    that ends above the page's title (a reader's review found two menu buttons, the edition link
    cut in half and the icons over the title)."""
    page = phone(new_page)
    page.goto(f"{site_url}/{book_page(lang, 'today/court-sms.html')}")
    page.wait_for_load_state("networkidle")
    shown = page.evaluate("""() => [...document.querySelectorAll(
            '.bd-header button, .bd-header-article button, .bd-header-article a.btn')]
        .filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
        .map(b => { const r = b.getBoundingClientRect();
                    return {cls: String(b.className), top: r.top, bottom: r.bottom}; })""")
    menus = [b for b in shown if "primary-toggle" in b["cls"]]
    assert len(menus) == 1, f"{len(menus)} menu buttons: {menus}"
    twin = [b for b in shown if "bh-twin" in b["cls"]]
    assert len(twin) == 1, "no link to the other edition in the header"
    tops = {round(b["top"]) for b in shown}
    assert max(tops) - min(tops) <= 4, f"the header's buttons are on more than one row: {shown}"
    title = page.locator("article h1").first.bounding_box()
    assert max(b["bottom"] for b in shown) <= title["y"] + 1, "the header covers the title"
    assert min(b["top"] for b in shown) >= 0, "the header is cut at the top of the screen"


def book_page(lang: str, rel: str) -> str:
    return f"book/{'zh/' if lang == 'zh' else ''}{rel}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_answer_label_opens_the_answer_where_it_is(site_url, new_page, lang):
    page = phone(new_page)
    rel = {"en": "book/rights/mediation.html", "zh": "book/zh/rights/mediation.html"}[lang]
    page.goto(f"{site_url}/{rel}")
    page.wait_for_load_state("networkidle")
    solution = page.locator("div.solution").first
    content = solution.locator("section").first
    assert not content.is_visible(), "the answer is open before the tap"
    label = solution.locator(".bh-solution-of")
    label.scroll_into_view_if_needed()
    # A finger lands on the words of the label (the question's name), not on the arrow.
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    content.wait_for(state="visible", timeout=3_000)
    assert "#" not in page.url, f"the tap left the answer for {page.url}"


def test_a_wide_table_keeps_its_first_column_in_view(site_url, new_page):
    """A comparison of offers at 360 px: scrolled to its last column, the row labels stay. (The
    can't-pay table this test used now fits a phone: it has three columns.)"""
    page = phone(new_page)
    page.goto(f"{site_url}/book/zh/rates/comparing-offers.html")
    page.wait_for_load_state("networkidle")
    result = page.evaluate("""() => {
        // Each table's scroll box: its nearest ancestor that scrolls sideways.
        const boxes = [...document.querySelectorAll('article table')].map(t => {
            let w = t.parentElement;
            while (w && getComputedStyle(w).overflowX === 'visible') w = w.parentElement;
            return w;
        }).filter(w => w && w.scrollWidth > w.clientWidth + 4);
        if (!boxes.length) return null;
        const w = boxes[0];
        w.scrollLeft = w.scrollWidth;
        const cell = w.querySelector('tbody tr td:first-child, tbody tr th:first-child');
        cell.scrollIntoView({block: 'center', inline: 'nearest'});
        w.scrollLeft = w.scrollWidth;
        const r = cell.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
        return {left: r.left, right: r.right, scrolled: w.scrollLeft,
                onTop: cell.contains(hit)};
    }""")
    assert result is not None, "no table overflows at 360 px: pick another table for this test"
    assert result["scrolled"] > 0
    assert result["left"] >= 0 and result["right"] <= PHONE["width"], result
    assert result["onTop"], f"the first column is covered while the table scrolls: {result}"


COPY = {"en": ("Copy this message", "Copied"), "zh": ("复制这段话", "已复制")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_message_for_the_family_copies_in_one_tap(site_url, new_page, lang):
    """The message to forward to one's family: one tap on a button big enough for a finger puts
    the whole message, as shown, on the clipboard, and the page says so in its language."""
    page = phone(new_page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(f"{site_url}/book/{'zh/' if lang == 'zh' else ''}today/family-called.html")
    page.wait_for_load_state("networkidle")
    # The first of the two messages (for the family; the second is for the workplace).
    assert page.get_by_role("button", name=COPY[lang][0]).count() == 2
    button = page.get_by_role("button", name=COPY[lang][0]).first
    box = button.bounding_box()
    assert box["height"] >= 44, box
    button.click()
    page.locator(".bh-copy-status", has_text=COPY[lang][1]).wait_for(timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = page.locator("article .bh-copy").first.inner_text()
    assert " ".join(copied.split()) == " ".join(shown.split())
    assert ("不欠任何钱" if lang == "zh" else "owe nothing") in copied


NO_PRINTER = {"en": "No printer?", "zh": "没有打印机？"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_collection_log_tells_a_reader_without_a_printer_what_to_do(site_url, new_page, lang):
    """The log is a sheet to print; a reader on a phone is told how to keep it without a printer,
    and the sheet itself does not print that."""
    page = phone(new_page)
    page.goto(f"{site_url}/book/{'zh/' if lang == 'zh' else ''}late-payment/collection-log.html")
    page.wait_for_load_state("networkidle")
    note = page.locator("article .bh-screen-only", has_text=NO_PRINTER[lang])
    assert note.is_visible()
    assert note.bounding_box()["y"] < 2 * PHONE["height"], "the note is far down the page"
    page.emulate_media(media="print")
    assert note.is_hidden()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_sample_letter_copies_in_one_tap(site_url, new_page, lang):
    """A letter to paste into a lender's in-app service: its button copies the whole letter."""
    page = phone(new_page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(f"{site_url}/book/{'zh/' if lang == 'zh' else ''}letters/stop-contacting-others.html")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="复制这封信" if lang == "zh" else "Copy this letter").click()
    page.locator(".bh-copy-status", has_text=COPY[lang][1]).wait_for(timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = page.locator("article .bh-letter").first.inner_text()
    assert " ".join(copied.split()) == " ".join(shown.split()) and len(copied) > 200
