// The workshop server's watch over a simulator's page (served only by handbook-workshop).
// A page whose kernel stops (it died, or was stopped after a long time unused) or whose
// connection to the laptop is lost says so in the reader's language and offers a reload,
// instead of staying frozen; so does a page that has not shown its app after a while.
(function () {
  "use strict";
  var q = new URLSearchParams(location.search).get("lang") || "";
  var zh = q ? q.toLowerCase().indexOf("zh") === 0
             : (navigator.language || "").toLowerCase().indexOf("zh") === 0;
  var T = zh ? {
    lost: "与工作坊电脑的连接已断开，或这个模拟器已停止（例如长时间未使用）。",
    slow: "模拟器还没有打开。",
    reload: "重新加载"
  } : {
    lost: "The connection to the workshop laptop was lost, or this simulator stopped (for example after a long time unused).",
    slow: "The simulator has not opened yet.",
    reload: "Reload"
  };
  var box = null;
  function show(text) {
    if (!document.body) { return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "bh-workshop-notice";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:10000;padding:0.8rem 1rem;" +
        "background:#fff4ce;color:#1d2630;border-bottom:2px solid #b58a00;font:16px/1.4 system-ui,sans-serif";
      var p = document.createElement("span");
      var b = document.createElement("button");
      b.textContent = T.reload;
      b.style.cssText = "margin-left:0.8rem;padding:0.4rem 1rem;font:inherit;font-weight:600;" +
        "background:#0b5cad;color:#fff;border:0;border-radius:0.3rem";
      b.onclick = function () { location.reload(); };
      box.appendChild(p); box.appendChild(b);
      document.body.appendChild(box);
    }
    box.firstChild.textContent = text + " ";
    box.hidden = false;
  }
  // A kernel that died is gone for good (the server stops it): its notice stays up even if
  // the page's connection comes back; a connection that only dropped for a moment is hidden.
  var gone = false;
  function hide() { if (box && !gone) { box.hidden = true; } }
  function dead() { gone = true; show(T.lost); }
  window.bhWorkshopNotice = show;

  var leaving = false;
  window.addEventListener("pagehide", function () { leaving = true; });
  window.addEventListener("beforeunload", function () { leaving = true; });

  var DEAD = /"execution_state":\s*"(restarting|autorestarting|dead)"/;
  // A message in Jupyter's binary websocket protocol (v1): a count of offsets, the offsets
  // (64-bit little-endian), then channel, header, parent header, metadata, content, buffers.
  function deadStatus(buffer) {
    try {
      var view = new DataView(buffer);
      var n = Number(view.getBigUint64(0, true));
      if (n < 6 || buffer.byteLength < 8 * (n + 1)) { return false; }
      var off = [];
      for (var i = 1; i <= n; i++) { off.push(Number(view.getBigUint64(8 * i, true))); }
      var text = new TextDecoder();
      var channel = text.decode(new Uint8Array(buffer, off[0], off[1] - off[0]));
      if (channel !== "iopub") { return false; }
      var header = text.decode(new Uint8Array(buffer, off[1], off[2] - off[1]));
      if (header.indexOf('"status"') === -1) { return false; }
      return DEAD.test(text.decode(new Uint8Array(buffer, off[4], off[5] - off[4])));
    } catch (e) { return false; }
  }

  // Watch the kernel's channel: closed and not reopened within a few seconds = lost.
  var Native = window.WebSocket;
  var open = 0, timer = null;
  function Watched(url, protocols) {
    var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (/\/api\/kernels\/[^/]+\/channels/.test(String(url))) {
      ws.addEventListener("open", function () {
        open += 1; clearTimeout(timer); timer = null; hide();
      });
      ws.addEventListener("close", function () {
        open = Math.max(0, open - 1);
        if (leaving) { return; }
        clearTimeout(timer);
        timer = setTimeout(function () { if (!open && !leaving) { show(T.lost); } }, 4000);
      });
      ws.addEventListener("message", function (event) {
        // The server says "restarting" or "dead" when the kernel died: the app is gone.
        var data = event.data;
        if (typeof data === "string") {
          if (data.indexOf('"status"') !== -1 && DEAD.test(data)) { dead(); }
        } else if (data instanceof ArrayBuffer) {
          if (deadStatus(data)) { dead(); }
        } else if (data && data.arrayBuffer) {
          data.arrayBuffer().then(function (b) { if (deadStatus(b)) { dead(); } });
        }
      });
    }
    return ws;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
  window.WebSocket = Watched;

  // A page that has shown nothing after 45 s (a kernel that never answered) is not left blank.
  setTimeout(function () {
    if (!document.querySelector(".widget-box, .jupyter-widgets, .bh-app, .jp-OutputArea-output")) {
      show(T.slow);
    }
  }, 45000);
})();
