"""Serve the built site the way a static web host does.

    python tools/site/serve.py [--port 8000] [--bind 127.0.0.1] [--directory _build/html]

Like ``python -m http.server``, plus what a real host gives a reader: the site's own ``404.html``
(with status 404) for an address that has no page, text and WebAssembly compressed with gzip when
the browser accepts it (Pyodide's 8.7 MB ``pyodide.asm.wasm`` travels as 2.8 MB; zip archives and
wheels are compressed already and are sent as they are), ``Last-Modified`` on every file so that
a second visit only revalidates, ``Cache-Control`` (see :func:`cache_control`: content-named
files and the site's Pyodide are not asked for again), and the right types for JupyterLite's files (WebAssembly,
JavaScript modules).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import io
import os
import socketserver
import sys
import threading
from collections import OrderedDict
from functools import partial
from pathlib import Path

#: What gains from gzip. Not .zip, .whl or pictures: they are compressed already (Pyodide's
#: python_stdlib.zip and the wheels shrink by 1-2 %).
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map",
                ".wasm")
#: Compressed bodies are kept (up to this many bytes in all) so that a file is compressed once,
#: not on every request: gzip takes about a second for pyodide.asm.wasm.
CACHE_BYTES = 64 * 1024 * 1024
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


def gzipped(path: str) -> bytes:
    """The file at ``path`` compressed with gzip, from the cache while the file is unchanged."""
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
    with _cache_lock:
        _cache[key] = body
        while sum(len(b) for b in _cache.values()) > CACHE_BYTES and len(_cache) > 1:
            _cache.popitem(last=False)
    return body


#: How long a browser may keep a file without asking again (``Cache-Control``): for ever, for an
#: address that names its content (JupyterLite's ``?v=HASH`` and ``?sha256=...``); a week, for
#: the site's own Pyodide (its wheels carry their version in their names, its core files belong to
#: one Pyodide version); anything else is asked again each visit (``no-cache``: a 304 when it has
#: not changed), so a rebuilt site is never stale.
IMMUTABLE = "public, max-age=31536000, immutable"
PYODIDE_FILES = "public, max-age=604800"
REVALIDATE = "no-cache"


def cache_control(request_path: str) -> str:
    path, _, query = request_path.partition("?")
    if any(part.startswith(("v=", "sha256=")) for part in query.split("&")):
        return IMMUTABLE
    if "/static/pyodide/" in path and not path.endswith(".json"):
        return PYODIDE_FILES
    return REVALIDATE


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json",
                      ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json",
                      ".ipynb": "application/json"}

    def end_headers(self):
        if getattr(self, "_status", 200) < 400:
            self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the folder's address
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self._not_found()
        if not (path.endswith(COMPRESSIBLE) and self._accepts_gzip()):
            return super().send_head()
        modified = int(os.stat(path).st_mtime)
        if self._unchanged_since(modified):
            self.send_response(304)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def _accepts_gzip(self) -> bool:
        for part in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = part.strip().partition(";")
            if name.strip().lower() in ("gzip", "x-gzip", "*"):
                quality = params.strip().removeprefix("q=")
                try:
                    return not params.strip() or float(quality) > 0
                except ValueError:
                    return True
        return False

    def _unchanged_since(self, modified: int) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            return modified <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(404, "File not found")
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        if os.environ.get("BH_SERVE_QUIET"):
            return
        super().log_message(format, *args)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> Server:
    return Server((host, port), partial(SiteHandler, directory=str(directory)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--directory", type=Path, default=Path("_build/html"))
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").exists():
        sys.exit(f"{args.directory} holds no built site: run ./handbook build first")
    server = make_server(args.directory, args.bind, args.port)
    print(f"Serving {args.directory} at http://{args.bind}:{args.port}/", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
