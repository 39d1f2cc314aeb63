"""The workshop server's settings: command line first, then the environment, then defaults.

=====================  ==================  ===================================================
environment            flag                meaning (default)
=====================  ==================  ===================================================
BH_HOST                --host / --lan      address to listen on (127.0.0.1; --lan = 0.0.0.0)
BH_PORT                --port              port (8000)
BH_BOOK                --book              the built book (_build/html beside the checkout)
BH_POOL                --pool              kernels kept ready for each simulator (1)
BH_WARM                --warm              more ready kernels for some simulators, e.g.
                                           "late_payment=10" (none)
BH_MAX_KERNELS         --max-kernels       simulators open at once, the room's cap (40)
BH_CULL_IDLE           --cull-idle         seconds before a simulator that no page is
                                           connected to is stopped (600)
BH_CULL_CONNECTED      --cull-connected    seconds without any use before a simulator that a
                                           page still holds open is stopped (2700)
BH_CULL_INTERVAL       --cull-interval     how often to look, seconds (min(30, idle/2))
=====================  ==================  ===================================================
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def parse_warm(text: str) -> dict[str, int]:
    """'late_payment=10,true_cost=3' -> {'late_payment.ipynb': 10, 'true_cost.ipynb': 3}."""
    out = {}
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, n = part.partition("=")
        name = name.strip()
        if not name.endswith(".ipynb"):
            name += ".ipynb"
        out[name] = int(n or 1)
    return out


def default_book() -> Path | None:
    for candidate in (Path.cwd() / "_build" / "html", ROOT / "_build" / "html",
                      Path(__file__).resolve().parent / "book"):
        if (candidate / "index.html").is_file():
            return candidate
    return None


def default_apps() -> Path:
    import simulators
    return Path(simulators.__file__).resolve().parent / "apps"


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    book: Path | None = None
    apps: Path = field(default_factory=default_apps)
    pool: int = 1
    warm: dict = field(default_factory=dict)
    max_kernels: int = 40
    cull_idle: int = 600
    cull_connected: int = 2700
    cull_interval: int = 30
    qr: bool = True

    @property
    def lan(self) -> bool:
        return self.host not in ("127.0.0.1", "localhost", "::1")

    @classmethod
    def from_args(cls, argv=None) -> "Settings":
        p = argparse.ArgumentParser(
            prog="handbook-workshop",
            description="Serve the book and the simulators to a room: one address, a QR code, "
                        "no internet needed.")
        p.add_argument("--lan", action="store_true",
                       help="let the room's phones in (listen on 0.0.0.0, as BH_HOST=0.0.0.0)")
        p.add_argument("--host", default=None, help="address to listen on (BH_HOST, 127.0.0.1)")
        p.add_argument("--port", type=int, default=None, help="port (BH_PORT, 8000)")
        p.add_argument("--book", type=Path, default=None,
                       help="the built book, a folder with index.html (BH_BOOK, _build/html)")
        p.add_argument("--apps", type=Path, default=None, help=argparse.SUPPRESS)
        p.add_argument("--pool", type=int, default=None,
                       help="kernels kept ready for each simulator (BH_POOL, 1)")
        p.add_argument("--warm", default=None,
                       help='more ready kernels for the simulator the room opens first, '
                            'e.g. "late_payment=10" (BH_WARM)')
        p.add_argument("--max-kernels", type=int, default=None,
                       help="simulators open at once before the 'room is full' page "
                            "(BH_MAX_KERNELS, 40)")
        p.add_argument("--cull-idle", type=int, default=None,
                       help="seconds before an unused simulator with no page is stopped "
                            "(BH_CULL_IDLE, 600)")
        p.add_argument("--cull-connected", type=int, default=None,
                       help="seconds without use before an open but untouched simulator is "
                            "stopped (BH_CULL_CONNECTED, 2700)")
        p.add_argument("--cull-interval", type=int, default=None, help=argparse.SUPPRESS)
        p.add_argument("--no-qr", action="store_true", help="do not print the QR code")
        a = p.parse_args(argv)
        host = a.host or ("0.0.0.0" if a.lan else os.environ.get("BH_HOST", "127.0.0.1"))
        cull_idle = a.cull_idle if a.cull_idle is not None else _env_int("BH_CULL_IDLE", 600)
        interval = (a.cull_interval if a.cull_interval is not None
                    else _env_int("BH_CULL_INTERVAL", max(1, min(30, cull_idle // 2))))
        book = a.book or (Path(os.environ["BH_BOOK"]) if os.environ.get("BH_BOOK") else None)
        return cls(
            host=host,
            port=a.port if a.port is not None else _env_int("BH_PORT", 8000),
            book=book if book is not None else default_book(),
            apps=a.apps or default_apps(),
            pool=a.pool if a.pool is not None else _env_int("BH_POOL", 1),
            warm=parse_warm(a.warm if a.warm is not None else os.environ.get("BH_WARM", "")),
            max_kernels=(a.max_kernels if a.max_kernels is not None
                         else _env_int("BH_MAX_KERNELS", 40)),
            cull_idle=cull_idle,
            cull_connected=(a.cull_connected if a.cull_connected is not None
                            else _env_int("BH_CULL_CONNECTED", 2700)),
            cull_interval=interval,
            qr=not a.no_qr,
        )
