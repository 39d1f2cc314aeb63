"""A simulated participant: what a phone's page asks of the workshop server, without a browser.

It loads a simulator's page (the HTML Voila streams, as a browser does), connects to its
kernel's websocket, asks for the widgets' state as the widget manager does (the
``jupyter.widget.control`` comm, ``request_states``), and changes an input the way a slider or a
text box does (a ``comm_msg`` with ``method: update``). "First result" is the time from the
page's request to the widgets' state holding the app's first sentence; "update" the time from
an input's change to the kernel's idle status for it, by which time the new sentence and chart
have been sent. The browser's own drawing time is not counted here (``benchmarks/bench_ui.py``
measures it in Chromium).
"""

from __future__ import annotations

import asyncio
import json
import re
import struct
import time
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

NUMERIC = ("FloatTextModel", "BoundedFloatTextModel", "IntTextModel", "BoundedIntTextModel",
           "FloatSliderModel", "IntSliderModel")


class RoomFull(Exception):
    pass


def _decode(frame) -> dict:
    if isinstance(frame, str):
        return json.loads(frame)
    # Jupyter's legacy binary websocket format: n, n offsets, the JSON message, the buffers.
    n = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{n}I", frame[4:4 + 4 * n])
    end = offsets[1] if n > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


def message(msg_type: str, content: dict, channel: str = "shell", session: str = "",
            metadata: dict | None = None) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "bh",
                       "session": session or uuid.uuid4().hex, "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel,
            "buffers": []}


class Participant:
    def __init__(self, base: str, app: str = "late_payment.ipynb", lang: str = "en"):
        self.base = base.rstrip("/")
        self.app = app
        self.lang = lang
        self.session = uuid.uuid4().hex
        self.ws = None
        self.kernel_id = None
        self.states: dict = {}
        self.first_result = None
        self._waiters: dict = {}
        self._reader = None
        self.closed = False

    # ------------------------------------------------------------------ connection
    async def open(self, timeout: float = 120.0) -> float:
        """Load the page and get the app's state; returns seconds to the first result."""
        t0 = time.monotonic()
        url = f"{self.base}/voila/render/{self.app}?lang={self.lang}"
        response = await AsyncHTTPClient().fetch(HTTPRequest(url, request_timeout=timeout),
                                                 raise_error=False)
        if response.code == 503:
            raise RoomFull(url)
        if response.code != 200:
            raise RuntimeError(f"{url}: HTTP {response.code}")
        html = response.body.decode("utf-8")
        found = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html)
        if not found:
            raise RuntimeError("no kernel id in the page")
        self.kernel_id = found.group(1)
        await self.connect()
        reply = await self.request(
            message("comm_msg", {"comm_id": self._control, "data": {"method": "request_states"}},
                    session=self.session),
            until=lambda m: (m["header"]["msg_type"] == "comm_msg"
                             and m["content"].get("data", {}).get("method") == "update_states"),
            timeout=timeout)
        self.states = {k: v["state"] for k, v in reply["content"]["data"]["states"].items()}
        if not self.sentence():
            raise RuntimeError("the app has no sentence")
        self.first_result = time.monotonic() - t0
        return self.first_result

    async def connect(self):
        ws_url = (self.base.replace("http", "ws", 1)
                  + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}")
        self.ws = await websocket_connect(ws_url, max_message_size=64 * 2**20)
        self._reader = asyncio.ensure_future(self._read())
        self._control = uuid.uuid4().hex
        await self.send(message("comm_open", {"comm_id": self._control,
                                              "target_name": "jupyter.widget.control",
                                              "data": {}}, session=self.session,
                                  metadata={"version": "1.0.0"}))

    async def _read(self):
        while True:
            frame = await self.ws.read_message()
            if frame is None:
                self.closed = True
                for fut, _ in list(self._waiters.values()):
                    if not fut.done():
                        fut.set_exception(ConnectionError("websocket closed"))
                return
            msg = _decode(frame)
            parent = msg.get("parent_header", {}).get("msg_id")
            if msg["header"]["msg_type"] == "comm_msg":
                data = msg["content"].get("data", {})
                if data.get("method") in ("update", "echo_update"):
                    comm = msg["content"]["comm_id"]
                    self.states.setdefault(comm, {}).update(data.get("state", {}))
            waiter = self._waiters.get(parent)
            if waiter and not waiter[0].done() and waiter[1](msg):
                waiter[0].set_result(msg)

    async def send(self, msg: dict):
        await self.ws.write_message(json.dumps(msg))

    async def request(self, msg: dict, until, timeout: float = 30.0) -> dict:
        fut = asyncio.get_event_loop().create_future()
        self._waiters[msg["header"]["msg_id"]] = (fut, until)
        try:
            await self.send(msg)
            return await asyncio.wait_for(fut, timeout)
        finally:
            self._waiters.pop(msg["header"]["msg_id"], None)

    def close(self):
        if self.ws is not None:
            self.ws.close()
        if self._reader is not None:
            self._reader.cancel()

    # ------------------------------------------------------------------ the app
    def sentence(self) -> str:
        for state in self.states.values():
            if "bh-sentence" in state.get("_dom_classes", ()) and state.get("value"):
                return state["value"]
        for state in self.states.values():
            if "bh-sentence" in str(state.get("value", "")):
                return state["value"]
        return ""

    def numeric_inputs(self) -> list[tuple[str, dict, float]]:
        """(comm id, state, number) of each input that holds a number (the apps' number
        fields are text boxes: '50,000')."""
        out = []
        for k, s in self.states.items():
            if s.get("disabled") or s.get("_model_name") not in NUMERIC + ("TextModel",):
                continue
            try:
                out.append((k, s, float(str(s.get("value", "")).replace(",", ""))))
            except ValueError:
                pass
        return out

    def amount_input(self) -> tuple[str, float]:
        """The loan's amount (the largest number among the inputs): (comm id, value)."""
        k, _, v = max(self.numeric_inputs(), key=lambda kv: kv[2])
        return k, v

    async def change(self, comm_id: str, value, timeout: float = 30.0) -> float:
        """Set an input as a page does; seconds until the kernel has answered (idle)."""
        t0 = time.monotonic()
        msg = message("comm_msg", {"comm_id": comm_id,
                                   "data": {"method": "update", "state": {"value": value},
                                            "buffer_paths": []}}, session=self.session)
        await self.request(msg, until=lambda m: (m["header"]["msg_type"] == "status" and
                                                 m["content"].get("execution_state") == "idle"),
                           timeout=timeout)
        return time.monotonic() - t0
