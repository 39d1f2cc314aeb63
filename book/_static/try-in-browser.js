/* The Borrower's Handbook: open an in-browser simulator only when the reader asks for it.
   Until the button is pressed the page holds a picture of the app and nothing of the app loads. */
(function () {
  "use strict";
  /* While the app starts, the lesson says what is happening, in the page's language (with the size
     to expect and the step it has reached, as the app page reports it). If it does not start (an
     error, a missing file, or no step forward within data-bh-timeout seconds, which
     window.BH_APP_TIMEOUT_S overrides), the frame gives way to a message and a link to the
     lesson's worked example: never an endless spinner. */
  function words(box) {
    try { return JSON.parse(box.getAttribute("data-bh-words")) || {}; } catch (e) { return {}; }
  }
  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }
  function timeoutOf(box) {
    var forced = Number(window.BH_APP_TIMEOUT_S);
    if (forced > 0) return forced;
    var given = Number(box.getAttribute("data-bh-timeout"));
    return given > 0 ? given : 120;
  }
  /* The section of the worked example: the last heading before the box that looks like one, else
     the first after it, else the top of the lesson. */
  function exampleSection(box, pattern) {
    var match = new RegExp(pattern || "example", "i");
    var heads = document.querySelectorAll("article h1, article h2, article h3, main h1, main h2, main h3");
    var before = null, after = null;
    Array.prototype.forEach.call(heads, function (h) {
      if (!match.test(h.textContent)) return;
      if (box.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_PRECEDING) before = h;
      else if (!after) after = h;
    });
    var head = before || after || document.querySelector("article h1, main h1");
    if (!head) return null;
    var section = head.closest("section[id]");
    if (!section && !head.id) head.id = "bh-example";
    return section || head;
  }
  function open(box) {
    var said = words(box);
    var seconds = timeoutOf(box);
    var stage = box.querySelector(".bh-try-stage");
    var old = box.querySelector(".bh-try-failed");
    if (old) old.remove();
    var status = document.createElement("div");
    status.className = "bh-try-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var intro = document.createElement("p");
    intro.textContent = said.loading || "";
    var step = document.createElement("p");
    step.className = "bh-try-step";
    var bar = document.createElement("progress");
    bar.max = (said.steps || []).length || 3;
    bar.value = 0;
    status.appendChild(intro);
    status.appendChild(step);
    status.appendChild(bar);
    function show(index) {
      var steps = said.steps || [];
      if (!steps.length) return;
      index = Math.max(1, Math.min(index, steps.length));
      step.textContent = fill(said.step, {index: index, count: steps.length, text: steps[index - 1]});
      bar.value = index - 1;
    }
    show(1);

    var frame = document.createElement("iframe");
    frame.className = "bh-try-frame";
    /* The app page reads its time-out from its frame (same site). */
    frame.setAttribute("data-bh-timeout", String(seconds));
    frame.src = box.getAttribute("data-bh-app");
    frame.title = box.getAttribute("data-bh-frame-title");
    var done = false;
    var timer = null;
    function wait() {
      clearTimeout(timer);
      /* A little longer than the app page's own clock: it reports first when it can. */
      timer = setTimeout(function () { fail("time"); }, (seconds + 5) * 1000);
    }
    function finish() {
      done = true;
      clearTimeout(timer);
      window.removeEventListener("message", heard);
    }
    function fail(why) {
      if (done) return;
      finish();
      var box2 = document.createElement("div");
      box2.className = "bh-try-failed";
      box2.setAttribute("role", "alert");
      var text = document.createElement("p");
      var reason = why === "time" ? fill(said.why_time, {seconds: seconds}) : said.why_error;
      text.textContent = fill(said.failed, {why: reason});
      box2.appendChild(text);
      var target = exampleSection(box, said.example);
      var back = document.createElement("a");
      back.className = "bh-try-back";
      back.href = "#" + (target ? target.id : "");
      back.textContent = said.back || "Back";
      back.addEventListener("click", function (event) {
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView();
        history.replaceState(null, "", "#" + target.id);
        var focus = target.querySelector("h1, h2, h3") || target;
        focus.setAttribute("tabindex", "-1");
        focus.focus();
      });
      var again = document.createElement("button");
      again.type = "button";
      again.className = "bh-try-again";
      again.textContent = said.again || "Try again";
      again.addEventListener("click", function () { open(box); });
      box2.appendChild(back);
      box2.appendChild(document.createTextNode(" "));
      box2.appendChild(again);
      if (frame.parentNode) frame.remove();
      if (status.parentNode) status.remove();
      box.insertBefore(box2, box.firstChild);
      box.classList.remove("bh-try-open-now");
      back.focus();
    }
    function heard(event) {
      if (event.source !== frame.contentWindow || !event.data || !event.data.bh) return;
      var news = event.data;
      if (news.bh === "step") { show(news.step); wait(); }
      else if (news.bh === "ready") { finish(); status.remove(); }
      else if (news.bh === "failed") fail(news.why === "time" ? "time" : "error");
    }
    window.addEventListener("message", heard);
    frame.addEventListener("load", function () {
      /* The app page itself missing (the site's 404 page comes instead): say so at once. */
      try {
        var doc = frame.contentDocument;
        if (doc && !doc.getElementById("rendered_cells") && !doc.getElementById("loading")) fail("error");
      } catch (e) { /* another origin: the clock decides */ }
    });
    wait();
    if (stage) stage.replaceWith(status);
    else box.insertBefore(status, box.firstChild);
    status.after(frame);
    box.classList.add("bh-try-open-now");
    frame.focus();
  }
  function ready() {
    var boxes = document.querySelectorAll("div.bh-try");
    Array.prototype.forEach.call(boxes, function (box) {
      var button = box.querySelector("button.bh-try-button");
      var picture = box.querySelector("img.bh-try-preview");
      if (button) button.addEventListener("click", function () { open(box); });
      if (picture) picture.addEventListener("click", function () { open(box); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

/* The theme binds its navigation and contents buttons to the first button of each kind on the
   page, which on a phone is a hidden one in the top bar; the visible one in the article's header
   then does nothing. Pass a press of any other such button on to the first. */
(function () {
  "use strict";
  function forward() {
    [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
      var buttons = document.querySelectorAll(selector);
      Array.prototype.slice.call(buttons, 1).forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.preventDefault();
          buttons[0].click();
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", forward);
  else forward();
})();
