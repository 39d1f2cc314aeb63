"""The workshop server: one Voila process that serves the book, the room's pages and the
simulators from one address.

What it adds to ``voila simulators/apps``:

* **Preheated kernels.** Each simulator keeps ``pool`` kernels ready (``warm`` more for the one
  the room opens first) that have already imported the engine and the views; a page takes one
  and only builds its app, in the language its address asks for (the served notebooks are the
  apps with Voila's ``wait_for_request()`` between their imports and the app).
* **Bounded.** Kernels with no page are stopped after ``cull_idle`` seconds, kernels a page still
  holds after ``cull_connected`` seconds without use; at ``max_kernels`` participants a new page
  gets "the room is full, try again in a minute" (HTTP 503, English or Chinese) at once.
* **Recoverable.** A kernel that dies is stopped rather than restarted empty; the page (through
  ``static/workshop.js``) says so and offers a reload, which gets a fresh kernel. A page whose
  connection drops mid-load or mid-update costs the server nothing but a kernel the culler stops.
* **Offline.** The Voila template's Font Awesome links (a CDN) are removed from every page.
* **Workshop links.** The book's "Workshop laptop: open the ... simulator" links are built
  hidden (``<span class="bh-workshop-link" hidden>``); this server shows them. They are
  relative (``/voila/render/NAME.ipynb``), so they open this server's simulators at whatever
  address the room uses.
* **Security as Voila has it.** Clients may send only widget (comm) messages and
  ``kernel_info_request``; nothing a browser sends is executed.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import os
import re
import shutil
import sys
import tempfile
from datetime import timedelta
from functools import partial
from pathlib import Path

import nbformat
import tornado.ioloop
import tornado.iostream
import tornado.web
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer
from traitlets.config import Config
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from . import pages
from .settings import Settings

HERE = Path(__file__).resolve().parent

#: The request being served, so that the kernel manager can tell whose kernel it hands out.
CURRENT_REQUEST: contextvars.ContextVar = contextvars.ContextVar("bh_request", default=None)

#: Any stylesheet or script that the Voila template asks another host for.
_CDN_LINK = re.compile(r'<link[^>]+href="https?://[^"]*"[^>]*>\s*')
_HIDDEN_LINK = re.compile(r'(<span class="bh-workshop-link")\s+hidden(?:="[^"]*")?')
EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")
#: First thing in the page's head, before Voila's own scripts open any websocket.
HEAD_INJECT = ('<meta name="viewport" content="width=device-width, initial-scale=1">'
               '<script src="/_bh/workshop.js"></script>')


class Room:
    """Who holds a kernel, and how many pages are on their way to one."""

    def __init__(self, max_kernels: int):
        self.max_kernels = max_kernels
        self.participants: set[str] = set()
        self.pending = 0

    def full(self) -> bool:
        return len(self.participants) + self.pending >= self.max_kernels

    def handed_out(self, kernel_id: str):
        self.participants.add(kernel_id)
        request = CURRENT_REQUEST.get()
        if request is not None and request.get("pending"):
            request["pending"] = False
            self.pending -= 1


class _Request(dict):
    pass


class WorkshopKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, with two idle clocks and no empty restarts.

    A kernel that no page is connected to is stopped after ``cull_idle_timeout`` seconds without
    activity; one that a page still holds open after ``cull_connected_timeout`` seconds. A kernel
    that died and was restarted has lost its app: it is stopped, so its page says so (and the
    memory comes back) instead of talking to an empty kernel.
    """

    cull_connected_timeout = Integer(2700, config=True,
                                     help="Seconds without activity before a kernel that a "
                                          "page is still connected to is stopped (0: never).")

    room: Room | None = None

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await super().start_kernel(*args, **kwargs)
        env = kwargs.get("env") or {}
        if env.get("VOILA_PREHEAT") == "False" and self.room is not None:
            self.room.handed_out(kernel_id)  # a page's own kernel (no ready one was left)
        try:
            self.add_restart_callback(kernel_id, partial(self._restarted, kernel_id), "restart")
        except Exception:  # pragma: no cover - a kernel without a restarter
            pass
        return kernel_id

    def _restarted(self, kernel_id: str):
        self.log.warning("Kernel %s died and was restarted empty: stopping it.", kernel_id)
        loop = asyncio.get_event_loop()
        # A moment for the page to hear "restarting", then the kernel goes and the page's
        # connection closes: the page shows its message and its reload button.
        loop.call_later(1.0, lambda: asyncio.ensure_future(self._stop_quietly(kernel_id)))

    async def _stop_quietly(self, kernel_id: str):
        if kernel_id in self:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception as err:  # pragma: no cover
                self.log.warning("Could not stop kernel %s: %s", kernel_id, err)
        # A ready kernel that died leaves its simulator's pool short: fill it again.
        for name in list(getattr(self, "_pools", {})):
            self.fill_if_needed(delay=0, notebook_name=name)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        if self.room is not None:
            self.room.participants.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def remove_kernel(self, kernel_id):
        if self.room is not None:
            self.room.participants.discard(kernel_id)
        return super().remove_kernel(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        kernel = self._kernels.get(kernel_id)
        if kernel is None:
            return
        if getattr(kernel, "execution_state", None) == "dead":
            await self.shutdown_kernel(kernel_id)
            return
        if not hasattr(kernel, "last_activity"):
            return
        connections = self._kernel_connections.get(kernel_id, 0)
        limit = self.cull_connected_timeout if connections else self.cull_idle_timeout
        if limit <= 0:
            return
        idle = utcnow() - kernel.last_activity
        busy = kernel.execution_state == "busy" and not self.cull_busy
        if idle > timedelta(seconds=limit) and not busy:
            self.log.info("Stopping kernel %s: %d s unused, %d page(s) connected.",
                          kernel_id, int(idle.total_seconds()), connections)
            # An unused kernel has nothing to save: stopped at once, not politely one by one
            # (thirty polite shutdowns in a row take a minute on a busy laptop).
            await self.shutdown_kernel(kernel_id, now=True)

    async def cull_kernels(self):
        """Look at every kernel at the same time (Jupyter Server looks at one after another)."""
        async def one(kernel_id):
            try:
                await self.cull_kernel_if_idle(kernel_id)
            except Exception as err:  # pragma: no cover
                self.log.warning("Culling kernel %s failed: %s", kernel_id, err)
        await asyncio.gather(*(one(k) for k in list(self._kernels)))


def request_lang(handler: tornado.web.RequestHandler) -> str:
    lang = (handler.get_argument("lang", "") or "").lower()
    if lang.startswith("zh"):
        return "zh"
    if lang.startswith("en"):
        return "en"
    accept = handler.request.headers.get("Accept-Language", "").lower()
    return "zh" if accept.startswith("zh") else "en"


class RenderHandler(TornadoVoilaHandler):
    """A simulator's page, or "the room is full" when the room is."""

    @tornado.web.authenticated
    async def get(self, path=None):
        room: Room = self.settings["bh_room"]
        if room.full():
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(pages.room_full(request_lang(self), self.request.uri))
            return
        request = _Request(pending=True)
        room.pending += 1
        CURRENT_REQUEST.set(request)
        self._bh_head_done = False
        try:
            async for html in self.get_generator(path=path):
                self.write(html)
                await self.flush()
        except tornado.iostream.StreamClosedError:
            # The phone went away mid-page; its kernel, if it got one, is stopped by the culler.
            self.log.info("A page closed while it was loading: %s", self.request.uri)
        finally:
            if request.get("pending"):
                request["pending"] = False
                room.pending -= 1

    def write(self, chunk):
        if isinstance(chunk, str):
            chunk = _CDN_LINK.sub("", chunk)
            if not getattr(self, "_bh_head_done", True):
                head = re.search(r"<head[^>]*>", chunk)
                if head:
                    chunk = chunk[:head.end()] + HEAD_INJECT + chunk[head.end():]
                    self._bh_head_done = True
        return super().write(chunk)


class BookHandler(tornado.web.StaticFileHandler):
    """The built book, with its workshop links shown, and its own 404 page."""

    def compute_etag(self):
        if getattr(self, "absolute_path", None) is None:
            return None  # a page rewritten here
        return super().compute_etag()

    async def get(self, path, include_body=True):
        rel = path or ""
        absolute = os.path.abspath(os.path.join(self.root, rel))
        if os.path.isdir(absolute):
            if rel and not rel.endswith("/"):
                self.redirect("/" + rel + "/", permanent=False)
                return
            rel = rel + "index.html"
            absolute = os.path.join(absolute, "index.html")
        if absolute.endswith((".html", ".htm")) and os.path.isfile(absolute):
            root = os.path.abspath(self.root)
            if not absolute.startswith(root + os.sep):
                raise tornado.web.HTTPError(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.finish(show_workshop_links(Path(absolute).read_text(encoding="utf-8")))
            return
        await super().get(rel, include_body)

    def write_error(self, status_code, **kwargs):
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.is_file():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page.read_text(encoding="utf-8"))
            return
        super().write_error(status_code, **kwargs)


def show_workshop_links(html: str) -> str:
    return _HIDDEN_LINK.sub(r"\1", html)


class PageHandler(tornado.web.RequestHandler):
    def initialize(self, render):
        self.render_page = render

    def get(self):
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(self.render_page(self, request_lang(self)))


class QRHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "image/svg+xml")
        self.finish(pages.qr_svg(self.settings["bh_addresses"]["room"]))


class ScriptHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish((HERE / "static" / "workshop.js").read_text(encoding="utf-8"))


class StatusHandler(tornado.web.RequestHandler):
    """Kernels and memory, for the educator's laptop itself (and the load test)."""

    def get(self):
        if self.request.remote_ip not in ("127.0.0.1", "::1"):
            raise tornado.web.HTTPError(403)
        km = self.settings["kernel_manager"]
        room: Room = self.settings["bh_room"]
        tasks = [t for pool in getattr(km, "_pools", {}).values() for t in pool]
        pooled = len(tasks)
        ready = sum(1 for t in tasks if is_ready(t))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({
            "kernels": len(km.list_kernel_ids()),
            "participants": len(room.participants),
            "pending": room.pending,
            "pooled": pooled,
            "ready": ready,
            "max_kernels": room.max_kernels,
            "rss_mb": round(memory_mb(), 1),
        }))


def is_ready(task) -> bool:
    """A pooled kernel that has run the app's imports and now waits for a page."""
    if not task.done() or task.cancelled() or task.exception() is not None:
        return False
    return task.result()["kernel_id"] in RequestInfoSocketHandler._waiters


def memory_mb() -> float:
    """Resident memory of this server and every kernel it started, in MB."""
    import psutil
    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def _split_app(source: str) -> tuple[str, str]:
    """An app notebook's code: (its imports, the rest)."""
    imports, rest = [], []
    for line in source.splitlines():
        (imports if re.match(r"\s*(from\s+\S+\s+import|import)\s", line) else rest).append(line)
    return "\n".join(imports), "\n".join(rest).strip()


def prepare_apps(apps: Path, into: Path) -> list[str]:
    """Write into ``into`` each app of ``apps`` as a preheatable notebook: its imports run when
    the kernel is started, the app itself once a page asks for it (with that page's query)."""
    names = []
    for nb_path in sorted(apps.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        imports, rest = _split_app(code)
        cells = [nbformat.v4.new_code_cell(imports + "\nimport voila.utils as _bh_voila"),
                 nbformat.v4.new_code_cell("_bh_voila.wait_for_request()"),
                 nbformat.v4.new_code_cell(rest)]
        out = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
        nbformat.write(out, into / nb_path.name)
        names.append(nb_path.name)
    return names


class WorkshopVoila(Voila):
    """Voila with the workshop's handlers; see the module's docstring."""

    def init_settings(self):
        settings = super().init_settings()
        km = self.kernel_manager
        km.room = self.bh_room
        original = km.get_rendered_notebook

        base_pool = self.bh_pool

        async def get_rendered_notebook(*args, **kwargs):
            # A warmed simulator's extra kernels are a stock for the room's first wave, not a
            # level to keep: each page that takes one lowers the stock's ceiling by one, down to
            # the base pool.
            name = kwargs.get("notebook_name", args[0] if args else None)
            self.bh_handed[name] = self.bh_handed.get(name, 0) + 1
            config = km.kernel_pools_config.get(name)
            if config is not None:
                config["pool_size"] = max(base_pool, min(config.get("pool_size", base_pool),
                                                         self.warm_ceiling(name)))
            pool = getattr(km, "_pools", {}).get(name)
            if pool:
                pool.sort(key=lambda task: not is_ready(task))  # a kernel that waits first
            render_task, rendered_cache, kernel_id = await original(*args, **kwargs)
            self.bh_room.handed_out(kernel_id)
            return render_task, rendered_cache, kernel_id

        km.get_rendered_notebook = get_rendered_notebook
        settings["bh_room"] = self.bh_room
        settings["bh_addresses"] = self.bh_addresses
        settings["bh_apps"] = self.bh_apps
        settings["bh_book"] = self.bh_book
        return settings

    def warm_ceiling(self, name: str) -> int:
        return max(self.bh_pool, self.bh_warm.get(name, 0) - self.bh_handed.get(name, 0))

    async def warm_up(self):
        """Raise each warmed simulator's pool to its stock a few kernels at a time (as many as
        there are cores): thirty kernels started at once on two cores all take minutes, a few
        at a time they are ready one after another."""
        km = self.kernel_manager
        step = max(1, os.cpu_count() or 1)
        while True:
            await asyncio.sleep(1.0)
            busy = False
            for name in self.bh_warm:
                config = km.kernel_pools_config.get(name)
                pool = km._pools.get(name, [])
                if config is None or config["pool_size"] >= self.warm_ceiling(name):
                    continue
                busy = True
                starting = sum(1 for task in pool if not is_ready(task))
                if starting < step:
                    config["pool_size"] = min(self.warm_ceiling(name),
                                              config["pool_size"] + step - starting)
                    km.fill_if_needed(delay=0, notebook_name=name)
            if not busy:
                self.log.info("Warm-up done: %s", {n: self.warm_ceiling(n) for n in self.bh_warm})
                return

    def start(self):
        if self.bh_warm:
            tornado.ioloop.IOLoop.current().add_callback(self.warm_up)
        super().start()

    def init_handlers(self):
        handlers = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if handler in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue  # no listing of the server's folder
            if handler is TornadoVoilaHandler:
                spec = (pattern, RenderHandler, *spec[2:])
            handlers.append(spec)
        ours = [
            (r"/_bh/workshop\.js", ScriptHandler),
            (r"/_bh/qr\.svg", QRHandler),
            (r"/_bh/status", StatusHandler),
            (r"/workshop/?", PageHandler, {"render": pages.printable}),
            (r"/room/?", PageHandler, {"render": pages.room}),
        ]
        if self.bh_book is not None:
            book = [(r"/(.*)", BookHandler, {"path": str(self.bh_book)})]
        else:
            book = [(r"/", tornado.web.RedirectHandler, {"url": "/room"})]
        return ours + handlers + book


def lan_address() -> str:
    """This laptop's address on the room's network (no packet is sent)."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.254.254.254", 1))
            return s.getsockname()[0]
        except OSError:
            pass
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def addresses(settings: Settings, port: int) -> dict:
    host = settings.host
    if host in ("0.0.0.0", "::", ""):
        host = lan_address()
    base = f"http://{host}:{port}"
    return {"base": base, "room": f"{base}/room", "printable": f"{base}/workshop"}


def make_app(settings: Settings, workdir: Path) -> WorkshopVoila:
    names = prepare_apps(settings.apps, workdir)
    pools = {"default": {"pool_size": max(settings.pool, 0)}}
    for name in settings.warm:
        if name not in names:
            raise SystemExit(f"--warm: no simulator {name!r} (there are {', '.join(names)})")
        pools[name] = {"pool_size": max(settings.pool, 0)}  # raised step by step (warm_up)
    c = Config()
    c.Voila.ip = settings.host
    c.Voila.port = settings.port
    c.Voila.port_retries = 0
    c.Voila.open_browser = False
    c.Voila.tornado_settings = {"compress_response": True}
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = max(settings.pool, 0)
    c.VoilaConfiguration.multi_kernel_manager_class = WorkshopKernelManager
    c.VoilaConfiguration.show_tracebacks = False
    # The apps need the widget manager and nothing else that happens to be installed beside
    # Voila (JupyterLite's kernels, Jupytext...): each extension is more for a phone to load.
    c.VoilaConfiguration.extension_allowlist = list(EXTENSIONS)
    c.VoilaKernelManager.kernel_pools_config = pools
    c.VoilaKernelManager.fill_delay = 0.5
    c.MappingKernelManager.cull_idle_timeout = settings.cull_idle
    c.MappingKernelManager.cull_interval = settings.cull_interval
    c.WorkshopKernelManager.cull_connected_timeout = settings.cull_connected
    # A slow kernel (the whole room arriving at once on two cores) is not a failed page.
    c.VoilaExecutor.iopub_timeout = 30
    c.VoilaExecutor.startup_timeout = 120
    app = WorkshopVoila(config=c)
    app.bh_room = Room(settings.max_kernels)
    app.bh_addresses = addresses(settings, settings.port)
    app.bh_apps = names
    app.bh_pool = max(settings.pool, 0)
    app.bh_warm = dict(settings.warm)
    app.bh_handed = {}
    app.bh_book = settings.book
    app.initialize([str(workdir)])
    return app


def banner(settings: Settings, addr: dict) -> str:
    lines = ["", "  The Borrower's Handbook · 借款人手册 — workshop server", ""]
    if settings.lan:
        lines += [f"  Participants open / 参与者请打开:  {addr['room']}",
                  f"  Printable page with the QR code / 可打印的二维码页面:  {addr['printable']}"]
    else:
        lines += [f"  On this laptop / 本机:  {addr['room']}",
                  "  Only this laptop can open it. To let the room's phones in, start it with",
                  "  --lan (or BH_HOST=0.0.0.0). 只有本机能打开；要让参与者的手机连接，请加 --lan。"]
    lines += [f"  The book / 本书:  {addr['base']}/" if settings.book else
              "  (No built book found: the room page lists the simulators. 未找到本书的网页版。)",
              f"  Kernels ready per simulator: {settings.pool}; cap: {settings.max_kernels} open "
              f"at once; unused ones stop after {settings.cull_idle} s.",
              "  Press Ctrl+C to stop. 按 Ctrl+C 停止。", ""]
    return "\n".join(lines)


def main(argv=None):
    settings = Settings.from_args(argv)
    os.environ.setdefault("VOILA_APP_IP",
                          "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host)
    workdir = Path(tempfile.mkdtemp(prefix="bh-workshop-"))
    try:
        app = make_app(settings, workdir)
        addr = app.bh_addresses
        print(banner(settings, addr), file=sys.stderr, flush=True)
        if settings.qr and settings.lan:
            print(pages.qr_terminal(addr["room"]), file=sys.stderr, flush=True)
        app.start()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
