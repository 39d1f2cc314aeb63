"""The workshop server (issue 17): fast, bounded, recoverable, offline and closed to code."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest
import yaml

from handbook_workshop import launch, pages, server
from handbook_workshop.participant import Participant, message
from handbook_workshop.settings import Settings, parse_warm

from conftest import CULL_IDLE, ROOT  # tests/workshop/conftest.py

APP = "/voila/render/late_payment.ipynb"


def run(coro):
    """Run ``coro`` to its end in an event loop of its own, on a thread of its own: in the full
    test command the shared Playwright session already runs a loop on this thread, and
    ``asyncio.run`` refuses to start a second one there."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8"), dict(err.headers)


def wait_for(predicate, timeout, every=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return predicate()


# --------------------------------------------------------------------------- without a server

def test_settings_default_to_this_laptop_only(monkeypatch):
    for name in ("BH_HOST", "BH_CULL_IDLE", "BH_POOL", "BH_WARM", "BH_MAX_KERNELS"):
        monkeypatch.delenv(name, raising=False)
    s = Settings.from_args([])
    assert s.host == "127.0.0.1" and not s.lan
    assert s.cull_idle == 600 and s.pool == 1 and s.max_kernels == 40
    assert Settings.from_args(["--lan"]).host == "0.0.0.0"
    monkeypatch.setenv("BH_HOST", "0.0.0.0")
    monkeypatch.setenv("BH_CULL_IDLE", "90")
    s = Settings.from_args([])
    assert s.lan and s.cull_idle == 90 and s.cull_interval == 30
    assert parse_warm("late_payment=10, true_cost") == {"late_payment.ipynb": 10,
                                                        "true_cost.ipynb": 1}


def test_template_cdn_links_are_removed():
    head = ('<style>x</style>\n  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/'
            '@fortawesome/fontawesome-free@^5/css/all.min.css" type="text/css" />\n'
            '<link rel="stylesheet" href="/voila/static/a.css">')
    out = server._CDN_LINK.sub("", head)
    assert "cdn.jsdelivr" not in out and "/voila/static/a.css" in out


def test_qr_codes_hold_the_address():
    svg = pages.qr_svg("http://192.168.1.5:8000/room")
    assert svg.startswith("<svg") and "<path" in svg
    text = pages.qr_terminal("http://192.168.1.5:8000/room")
    assert len(text.splitlines()) > 10


def test_book_links_are_relative_and_hidden_in_the_config():
    """The public site can show no localhost link: the workshop links are paths on the server
    they are served from, inside an element that is hidden unless the workshop server shows it."""
    subs = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"][
        "myst_substitutions"]
    links = {k: v for k, v in subs.items() if k.startswith("simulator_")}
    assert len(links) == 15
    for key, value in links.items():
        assert "localhost" not in value and "://" not in value, key
        if key.endswith("_url"):
            assert value.startswith("/voila/render/") and value.endswith(".ipynb")
        else:
            assert value.startswith("{{ '<span class=\"bh-workshop-link\" hidden>")


def test_the_built_site_shows_no_localhost_link(built):
    """In the public site (the test command's one shared build), no page links to localhost,
    and every workshop-laptop link to a simulator is hidden until the workshop server shows it."""
    from bs4 import BeautifulSoup
    site = built["html"]
    links = 0
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a[href]"):
            href = a["href"]
            assert "localhost" not in href, (page, href)
            if "/voila/render/" in href:
                links += 1
                assert a.find_parent(attrs={"hidden": True}) is not None, (page, href)
    assert links >= 10, "the lessons' workshop links were not found"


# --------------------------------------------------------------------------- with a server

def test_a_page_opens_in_either_language_and_updates(workshop):
    base, _ = workshop

    async def go():
        en, zh = Participant(base, lang="en"), Participant(base, lang="zh")
        await en.open()
        await zh.open()
        assert "Paying" in en.sentence() and "逾期" in zh.sentence()
        comm, amount = en.amount_input()
        before = en.sentence()
        latency = await en.change(comm, f"{amount + 5000:.0f}")
        assert en.sentence() != before and latency < 10
        en.close()
        zh.close()
    run(go())


def test_clients_cannot_execute_code(workshop, tmp_path):
    """Voila's allow-list: an execute_request over the kernel's websocket gets no reply (and
    does nothing), a kernel_info_request does."""
    base, _ = workshop
    marker = tmp_path / "executed"

    async def go():
        p = Participant(base)
        await p.open()
        info = await p.request(message("kernel_info_request", {}, session=p.session),
                               until=lambda m: m["header"]["msg_type"] == "kernel_info_reply",
                               timeout=20)
        assert info["content"]["status"] == "ok"
        code = f"open({str(marker)!r}, 'w').write('x')"
        execute = message("execute_request", {"code": code, "silent": False,
                                              "store_history": False, "user_expressions": {},
                                              "allow_stdin": False, "stop_on_error": True},
                          session=p.session)
        with pytest.raises(asyncio.TimeoutError):
            await p.request(execute, until=lambda m: True, timeout=4)
        p.close()
    run(go())
    assert not marker.exists()


def test_idle_kernels_are_culled_and_the_pool_stays(workshop):
    base, _ = workshop

    async def go():
        p = Participant(base)
        await p.open()
        kid = p.kernel_id
        p.close()  # the phone leaves without a word
        return kid
    kid = run(go())
    assert kid in launch.status(base) or True
    assert wait_for(lambda: launch.status(base)["participants"] == 0, CULL_IDLE + 30)
    st = wait_for(lambda: (s := launch.status(base))["kernels"] == 1 and s, 60)
    assert st and st["kernels"] == 1  # back to the pool


def test_a_phone_dropping_off_mid_update_harms_no_one(workshop):
    base, _ = workshop

    async def go():
        p = Participant(base)
        await p.open()
        comm, amount = p.amount_input()
        msg = message("comm_msg", {"comm_id": comm, "data": {"method": "update",
                                                              "state": {"value": "70000"},
                                                              "buffer_paths": []}},
                      session=p.session)
        await p.send(msg)
        p.ws.stream.close()  # the connection is cut: no websocket goodbye
        p._reader.cancel()
        other = Participant(base)
        await other.open()
        comm, amount = other.amount_input()
        assert await other.change(comm, f"{amount + 1000:.0f}") < 10
        other.close()
    run(go())
    status, body, _ = get(base + "/room")
    assert status == 200


def test_room_full_page_in_both_languages(full_room):
    status, body, headers = get(full_room + APP)
    assert status == 503 and headers.get("Retry-After") == "60"
    assert "The room is full" in body and "try again in a minute" in body
    assert body.index("The room is full") < body.index("人数已满")
    status, body, _ = get(full_room + APP + "?lang=zh")
    assert status == 503 and body.index("人数已满") < body.index("The room is full")
    assert "请过一分钟再试" in body
    status, body, _ = get(full_room + APP, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert body.index("人数已满") < body.index("The room is full")
    assert "http://" not in body.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_room_and_printable_pages(workshop):
    base, _ = workshop
    status, body, _ = get(base + "/room?lang=zh")
    assert status == 200 and "/voila/render/late_payment.ipynb?lang=zh" in body
    assert "逾期还款的代价" in body and "What paying late costs" in body
    status, body, _ = get(base + "/workshop")
    assert status == 200 and "<svg" in body and base + "/room" in body
    assert "扫描二维码" in body and "scan the" in body
    assert "--lan" in body  # this server is on 127.0.0.1: the page says so


# --------------------------------------------------------------------------- in Chromium

def _offline_page(browser, hang: bool):
    """A page on which every request to another host either fails at once or never answers;
    returns (page, list of such requests)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    other = []

    def route(r):
        host = r.request.url.split("/")[2] if "://" in r.request.url else ""
        if r.request.url.startswith(("data:", "blob:")) or host.startswith("127.0.0.1"):
            r.continue_()
            return
        other.append(r.request.url)
        if not hang:
            r.abort("internetdisconnected")
        # else: never answered, like a stalled Wi-Fi

    page.route("**/*", route)
    page.set_default_timeout(60_000)
    return page, other


@pytest.mark.parametrize("hang", [False, True], ids=["unreachable", "hanging"])
def test_workshop_pages_ask_no_other_host(workshop, browser, hang):
    base, _ = workshop
    page, other = _offline_page(browser, hang)
    t0 = time.monotonic()
    page.goto(base + APP + "?lang=zh", wait_until="commit")
    page.wait_for_selector(".bh-sentence p", timeout=60_000)
    seconds = time.monotonic() - t0
    assert "逾期" in page.inner_text(".bh-sentence p")
    for path in ("/room", "/workshop", "/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
    page.close()
    assert other == [], other
    assert seconds < 60


def test_workshop_link_opens_the_simulator_and_is_hidden_on_the_public_site(
        workshop, browser, mini_book):
    base, _ = workshop
    # Under the workshop command: shown, and opens the simulator.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(60_000)
    page.goto(base + "/index.html")
    link = page.get_by_role("link", name="Workshop laptop: open the late-payment simulator")
    assert link.is_visible()
    zh = page.get_by_role("link", name="工作坊电脑：打开逾期还款模拟器")
    assert zh.is_visible()
    link.click()
    page.wait_for_selector(".bh-sentence p", timeout=60_000)
    assert page.url.startswith(base + APP)
    page.close()
    # On the public site (the static server of tools/site): not shown, and no localhost.
    import sys
    sys.path.insert(0, str(ROOT / "tools" / "site"))
    import threading

    from serve import make_server
    public = make_server(mini_book, "127.0.0.1", launch.free_port())
    threading.Thread(target=public.serve_forever, daemon=True).start()
    os.environ["BH_SERVE_QUIET"] = "1"
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{public.server_address[1]}/index.html")
        links = page.locator("a")
        visible = [links.nth(i).get_attribute("href") for i in range(links.count())
                   if links.nth(i).is_visible()]
        assert not any("/voila/" in (h or "") or "localhost" in (h or "") for h in visible)
        assert not page.get_by_text("Workshop laptop").is_visible()
        page.close()
    finally:
        public.shutdown()
        public.server_close()


def test_a_dead_kernel_gives_a_message_and_a_reload_that_works(workshop, browser):
    base, proc = workshop
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(60_000)
    page.goto(base + APP)
    page.wait_for_selector(".bh-sentence p", timeout=60_000)
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    victims = [p for p in psutil.Process(proc.pid).children(recursive=True)
               if kernel_id in " ".join(p.cmdline())]
    assert victims, kernel_id
    for p in victims:
        p.kill()  # as the out-of-memory killer would
    notice = page.locator("#bh-workshop-notice")
    notice.wait_for(state="visible", timeout=30_000)
    assert "Reload" in notice.inner_text()
    notice.get_by_role("button").click()
    page.wait_for_selector(".bh-sentence p", timeout=60_000)
    # The reloaded app works again: its headline, what paying late asks for on the day.
    assert re.search(r"you pay ¥[\d,]+\.\d\d for instalment", page.inner_text(".bh-sentence p"))
    assert not page.locator("#bh-workshop-notice").is_visible()
    page.close()
