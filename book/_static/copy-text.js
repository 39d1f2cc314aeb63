// The Borrower's Handbook: a "copy" button under a text meant to be sent on (a block with the
// class bh-copy, such as the message to forward to one's family). On a phone, selecting a
// paragraph by hand is slow and error-prone; one tap copies it, ready to paste into a chat.
(function () {
  function words() {
    var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
    return zh ? {copy: "复制这段话", done: "已复制，可以粘贴到微信或短信里发出去。",
                 failed: "没能自动复制：请长按上面的文字，选择“全选”后复制。"}
              : {copy: "Copy this message", done: "Copied: paste it into a chat or a text message.",
                 failed: "Could not copy: press and hold the text above, select all, and copy."};
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Without a secure context (a site served over plain http), the older way.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }
  function ready() {
    var w = words();
    document.querySelectorAll(".bd-article .bh-copy").forEach(function (block) {
      var row = document.createElement("p");
      row.className = "bh-copy-row";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bh-copy-button";
      button.textContent = w.copy;
      var status = document.createElement("span");
      status.className = "bh-copy-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        var text = block.innerText.replace(/\n{3,}/g, "\n\n").trim();
        copy(text).then(function () { status.textContent = w.done; },
                        function () { status.textContent = w.failed; });
      });
      row.appendChild(button);
      row.appendChild(status);
      block.parentNode.insertBefore(row, block.nextSibling);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
