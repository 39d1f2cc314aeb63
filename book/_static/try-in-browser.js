/* The Borrower's Handbook: open an in-browser simulator only when the reader asks for it.
   Until the button is pressed the page holds a picture of the app and nothing of the app loads. */
(function () {
  "use strict";
  function open(box) {
    var frame = document.createElement("iframe");
    frame.className = "bh-try-frame";
    frame.src = box.getAttribute("data-bh-app");
    frame.title = box.getAttribute("data-bh-frame-title");
    var stage = box.querySelector(".bh-try-stage");
    stage.replaceWith(frame);
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
