"""Start and stop a workshop server in a child process (for the tests and the load test)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/_bh/status", timeout=10) as r:
        return json.loads(r.read())


def start(args=(), env=None, timeout: float = 180.0, ready: int | None = None,
          python: str | None = None, command=None):
    """Start ``python -m handbook_workshop`` (or ``command``) on a free port; wait until it
    answers and, if ``ready`` is given, until that many kernels are ready. Returns
    (base_url, process, log_path)."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="bh-workshop-", suffix=".log", delete=False)
    cmd = list(command or [python or sys.executable, "-m", "handbook_workshop"])
    cmd += ["--port", str(port), "--no-qr", *args]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the workshop server exited:\n{Path(log.name).read_text()}")
        try:
            st = status(base)
            if ready is None or st["ready"] >= ready:
                return base, proc, log.name
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    stop(proc)
    raise RuntimeError(f"the workshop server was not ready in {timeout} s:\n"
                       f"{Path(log.name).read_text()[-3000:]}")


def stop(proc):
    """Stop the server (it stops its kernels) and wait for it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
