"""tools/site/serve.py, the site's static server (the workshop laptop's, and the tests'): it sends
what gains from it compressed (text, and Pyodide's WebAssembly), leaves compressed archives as
they are, and lets a second visit revalidate instead of downloading again."""

from __future__ import annotations

import gzip
import http.client
import random
from urllib.parse import urlsplit

import pytest

from site_helpers import Server


def get(server: Server, path: str, **headers) -> tuple[int, dict, bytes]:
    where = urlsplit(server.url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def served(tmp_path):
    # Like pyodide.asm.wasm: binary, but with much repetition (compresses to about a third).
    wasm = b"\0asm\1\0\0\0" + b"".join(bytes([i % 7, i % 13, 0, 0]) for i in range(200_000))
    # Like a wheel: a zip of already compressed data (random bytes do not compress).
    wheel = random.Random(1).randbytes(300_000)
    (tmp_path / "pyodide.asm.wasm").write_bytes(wasm)
    (tmp_path / "pkg-1.0-py3-none-any.whl").write_bytes(wheel)
    (tmp_path / "index.html").write_text("<!doctype html><p>Hello</p>" * 200, encoding="utf-8")
    server = Server(tmp_path)
    yield server, {"wasm": wasm, "wheel": wheel, "html": (tmp_path / "index.html").read_bytes()}
    server.close()


def test_webassembly_and_text_travel_compressed_when_the_browser_accepts_gzip(served):
    server, files = served
    for path, original, kind in (("/pyodide.asm.wasm", files["wasm"], "application/wasm"),
                                 ("/index.html", files["html"], "text/html")):
        status, headers, body = get(server, path, **{"Accept-Encoding": "gzip, deflate, br"})
        assert status == 200
        assert headers.get("content-encoding") == "gzip", path
        assert headers["content-type"].startswith(kind)
        assert gzip.decompress(body) == original
        assert len(body) < len(original) / 2, f"{path} is sent barely smaller"
        assert "Accept-Encoding" in headers.get("vary", "")


def test_a_browser_that_does_not_accept_gzip_gets_the_file_as_it_is(served):
    server, files = served
    for headers_sent in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip;q=0"}):
        status, headers, body = get(server, "/pyodide.asm.wasm", **headers_sent)
        assert status == 200 and "content-encoding" not in headers, headers_sent
        assert body == files["wasm"]


def test_compressed_archives_are_sent_as_they_are(served):
    server, files = served
    status, headers, body = get(server, "/pkg-1.0-py3-none-any.whl", **{"Accept-Encoding": "gzip"})
    assert status == 200 and "content-encoding" not in headers
    assert body == files["wheel"]


def test_a_second_visit_revalidates_instead_of_downloading_again(served):
    server, _ = served
    for path in ("/pyodide.asm.wasm", "/index.html", "/pkg-1.0-py3-none-any.whl"):
        _, headers, _ = get(server, path, **{"Accept-Encoding": "gzip"})
        assert "last-modified" in headers, f"{path} has no Last-Modified: a browser cannot revalidate it"
        status, _, body = get(server, path, **{"Accept-Encoding": "gzip",
                                               "If-Modified-Since": headers["last-modified"]})
        assert status == 304 and body == b"", path


def test_caching_headers_keep_what_does_not_change_and_revalidate_the_rest(served):
    """Content-named addresses are kept for ever, the site's Pyodide for a week (a second app
    opens without asking for it again), and a page is asked for again on every visit."""
    server, _ = served
    assert get(server, "/index.html")[1]["cache-control"] == "no-cache"
    assert "immutable" in get(server, "/index.html?v=0123abcd")[1]["cache-control"]
    assert "immutable" in get(server, "/pkg-1.0-py3-none-any.whl?sha256=ab12")[1]["cache-control"]
    import serve

    assert serve.cache_control("/apps/static/pyodide/pyodide.asm.wasm") == serve.PYODIDE_FILES
    assert serve.cache_control("/apps/static/pyodide/pyodide-lock.json") == "no-cache"
    assert "cache-control" not in get(server, "/missing.html")[1]
