"""Serve the built site the way a static web host does.

    python tools/site/serve.py [--port 8000] [--bind 127.0.0.1] [--directory _build/html]

Like ``python -m http.server``, plus what a real host gives a reader: the site's own ``404.html``
(with status 404) for an address that has no page, text compressed with gzip when the browser
accepts it, and the right types for JupyterLite's files (WebAssembly, JavaScript modules).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import os
import socketserver
import sys
from functools import partial
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json",
                      ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json",
                      ".ipynb": "application/json"}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the folder's address
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self._not_found()
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

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
