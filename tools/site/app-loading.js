/* tools/site/build_site.py puts this in every in-browser app page (Voici), after Voici's own
   update_loading_text, with WORDS (the page's language) and SECONDS (bh_app_timeout) filled in.

   The loading screen says where it is in the page's language: step 1 Python is downloading and
   starting (the first cell waits for it), step 2 the simulator installs (the setup cell), step 3
   the app works out its first result. In a lesson's frame each step, the end ("ready") or a
   failure is told to the lesson (postMessage), which shows them and, on a failure, the way back
   to its worked example. A failure is an error before the app shows (a page error, a rejected
   promise, a console error, an error in a cell's output) or no step forward for SECONDS
   (?bh-timeout=N in the page's address, the lesson's frame's data-bh-timeout, or
   window.BH_APP_TIMEOUT_S changes it); the page then
   also says so itself, with a link back, instead of spinning for ever. */
(() => {
  const W = __WORDS__;
  const query = new URLSearchParams(location.search);
  let framedFor = 0;
  try { framedFor = Number(window.frameElement && window.frameElement.getAttribute("data-bh-timeout")); }
  catch (e) { /* a frame of another site */ }
  const seconds = Number(query.get("bh-timeout")) || framedFor || Number(window.BH_APP_TIMEOUT_S) ||
    __SECONDS__;
  const framed = window.parent !== window;
  let done = false;
  let step = 0;
  let timer = null;
  const fill = (text, values) => String(text || "").replace(/\{(\w+)\}/g,
    (all, key) => (key in values ? values[key] : all));
  const tell = (news) => {
    if (!framed) return;
    try { window.parent.postMessage(news, location.origin); } catch (e) { /* no lesson */ }
  };
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail("time"), seconds * 1000);
  };
  const show = (index) => {
    if (done) return;
    const text = document.getElementById("loading_text");
    const now = Math.max(step, index);
    if (text) text.textContent = fill(W.step, {index: now, count: W.steps.length, text: W.steps[now - 1]});
    if (index <= step) return;
    step = index;
    let note = document.getElementById("bh-loading-note");
    if (!note && text) {
      note = document.createElement("p");
      note.id = "bh-loading-note";
      note.textContent = W.loading;
      note.style.cssText = "max-width: 36em; margin: 0.5em auto; text-align: center; padding: 0 1em;";
      text.after(note);
    }
    tell({bh: "step", step: index, of: W.steps.length});
    wait();
  };
  const fail = (why, detail) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    tell({bh: "failed", why, detail: String(detail || "").slice(0, 300)});
    const reason = why === "time" ? fill(W.why_time, {seconds}) : W.why_error;
    const box = document.getElementById("loading") || document.body;
    box.style.display = "flex";
    box.style.flexDirection = "column";
    box.replaceChildren();
    const alert = document.createElement("div");
    alert.className = "bh-app-failed";
    alert.setAttribute("role", "alert");
    alert.style.cssText = "max-width: 36em; margin: 2em auto; padding: 1em; font-size: 1.1em;";
    const said = document.createElement("p");
    said.textContent = fill(W.failed_page, {why: reason});
    const back = document.createElement("a");
    let home = W.home;
    try {
      if (document.referrer && new URL(document.referrer).origin === location.origin) home = document.referrer;
    } catch (e) { /* keep the handbook's first page */ }
    back.href = home;
    back.target = "_top";
    back.textContent = W.back_page;
    alert.append(said, back);
    box.append(alert);
  };
  const errorShown = () => document.querySelector(
    "#rendered_cells [data-mime-type='application/vnd.jupyter.stderr'], " +
    "#rendered_cells [data-mime-type='application/vnd.jupyter.error'], #rendered_cells .jp-OutputArea-error");
  const appShown = () => document.querySelector("#rendered_cells .jupyter-widgets");
  const watchEnd = () => {
    const look = setInterval(() => {
      if (done) return clearInterval(look);
      if (errorShown()) { clearInterval(look); fail("error", errorShown().textContent); }
      else if (appShown()) { clearInterval(look); done = true; clearTimeout(timer); tell({bh: "ready"}); }
    }, 250);
  };
  const update = window.update_loading_text;
  window.update_loading_text = (index, count, text) => {
    if (done) return;
    update(index, count, text);
    show(index >= 3 ? 3 : index >= 2 ? 2 : 1);
  };
  const display = window.display_cells;
  window.display_cells = (...args) => {
    const result = display(...args);
    watchEnd();
    return result;
  };
  window.addEventListener("error", (event) => { if (!done) fail("error", event.message); });
  window.addEventListener("unhandledrejection", (event) => { if (!done) fail("error", event.reason); });
  const log = console.error.bind(console);
  console.error = (...args) => {
    log(...args);
    if (!done) fail("error", args.map(String).join(" "));
  };
  const begin = () => show(1);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
