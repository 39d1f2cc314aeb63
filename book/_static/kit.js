// The Borrower's Handbook: on paper, a link inside the book shows the address it opens on the
// published site (print.css prints data-bh-print after the link). The site's address comes from
// <meta name="bh-site-url"> (book/_ext/kit.py); the page's root from data-content_root.
(function () {
  function mark() {
    var meta = document.querySelector('meta[name="bh-site-url"]');
    var rootAttr = document.documentElement.getAttribute("data-content_root");
    if (!meta || rootAttr === null) return;
    var site = meta.getAttribute("content").replace(/\/?$/, "/");
    var root = new URL(rootAttr || "./", window.location.href).href;
    var here = window.location.href.split("#")[0];
    document.querySelectorAll(".bd-article a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^[a-z]+:/i.test(href)) return;
      if (a.closest(".bh-letter, .bh-checklist, .bh-kit-demo, .bh-kit-pdf, .bh-lang-switch, .headerlink")) return;
      if (a.closest(".bibtex-citation") || a.querySelector(".std-term") || /glossary\.html#/.test(href)) return;
      var target = a.href.split("#")[0];
      if (target === here || target.indexOf(root) !== 0) return;
      a.setAttribute("data-bh-print", site + target.slice(root.length));
    });
  }
  // A printed lesson ends with the sources its citation numbers point to (the screen links them).
  function sources() {
    var article = document.querySelector(".bd-article");
    var cited = document.querySelectorAll(".bd-article .bibtex-citation a[title]");
    if (!article || !cited.length || document.querySelector(".bh-print-sources")) return;
    // A one-page handout of the kit keeps to its page: its sources are on the lessons it names.
    if (document.querySelector(".bh-kit-footer") && !document.querySelector(".bh-kit-pdf")) return;
    var seen = {}, items = [];
    cited.forEach(function (a) {
      var n = a.textContent.trim();
      if (seen[n]) return;
      seen[n] = true;
      items.push([n, a.getAttribute("title")]);
    });
    items.sort(function (x, y) { return (parseInt(x[0].replace(/\D/g, ""), 10) || 0) - (parseInt(y[0].replace(/\D/g, ""), 10) || 0); });
    var zh = (document.documentElement.lang || "").indexOf("zh") === 0 ||
      /\/zh\//.test(window.location.pathname);
    var box = document.createElement("section");
    box.className = "bh-print-sources";
    box.setAttribute("aria-hidden", "true");
    var h = document.createElement("h2");
    h.textContent = zh ? "本页引用的来源" : "Sources cited on this page";
    box.appendChild(h);
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = "[" + item[0] + "] " + item[1];
      list.appendChild(li);
    });
    box.appendChild(list);
    article.appendChild(box);
  }
  // ?present=1: the projector view of a lesson (site.css): its title, then the parts the lesson
  // marks for the projector ({.bh-slide}: its worked example, key figures and key points). A
  // lesson without marks shows its "Key points".
  function present() {
    if (!/[?&]present(=1|=true|&|$)/.test(window.location.search)) return;
    document.documentElement.classList.add("bh-present");
    if (document.querySelector(".bd-article .bh-slide")) return;
    document.querySelectorAll(".bd-article section > h2").forEach(function (h) {
      var title = h.textContent.replace(/#/g, "").trim();
      if (/^(Key points|要点)/.test(title)) h.parentNode.classList.add("bh-present-keep");
    });
  }
  function ready() { present(); mark(); sources(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
