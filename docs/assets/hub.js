/* The hub's small additions to Material: copy buttons on copy-ready answers, a print button on
   entity pages. Labels come from macros/i18n/<language>.yml via the #hub-labels JSON in every page. */
(function () {
  "use strict";

  /* Copy-ready text: what a rep says or sends as is. `.hub-copy` marks it explicitly; the others
     are the entity pages' answers: objection responses and FAQ answers, "they say" answers,
     quotes, talk tracks. */
  var READY = [".hub-copy", ".hub-answer", ".hub-they-say dd", "blockquote.hub-quote"];
  /* Parts of a copy-ready block that are for the rep, not for the customer. */
  var LEAVE_OUT = ".hub-copy__button, .admonition-title, .hub-evidence, .headerlink";

  function labels() {
    var node = document.getElementById("hub-labels");
    var found = node ? JSON.parse(node.textContent) : {};
    return Object.assign({ copy: "Copy", copied: "Copied", copy_failed: "Copy failed", print: "Print" }, found);
  }

  /* The text as the reader sees it (paragraphs and list items on their own lines), without LEAVE_OUT. */
  function text(el) {
    var clone = el.cloneNode(true);
    clone.querySelectorAll(LEAVE_OUT).forEach(function (n) { n.remove(); });
    clone.style.cssText = "position:absolute;left:-10000px;top:0;white-space:normal";
    document.body.appendChild(clone);
    var out = clone.innerText.replace(/\n{3,}/g, "\n\n").trim();
    clone.remove();
    return out;
  }

  function write(value) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(value);
    return new Promise(function (resolve, reject) {  // plain-http intranet hosts have no Clipboard API
      var area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;left:-10000px;top:0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      (ok ? resolve : reject)();
    });
  }

  function addCopyButtons(root) {
    var t = labels();
    root.querySelectorAll(READY.join(",")).forEach(function (el) {
      if (el.querySelector(":scope > .hub-copy__button") || el.closest(".hub-finder")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hub-copy__button";
      button.textContent = t.copy;
      button.setAttribute("aria-live", "polite");
      var timer;
      button.addEventListener("click", function () {
        function show(label, done) {
          button.textContent = label;
          button.classList.toggle("hub-copy__button--done", done);
          clearTimeout(timer);
          timer = setTimeout(function () {
            button.textContent = t.copy;
            button.classList.remove("hub-copy__button--done");
          }, 2000);
        }
        write(text(el)).then(function () { show(t.copied, true); }, function () { show(t.copy_failed, false); });
      });
      el.appendChild(button);
    });
  }

  /* A print button in an entity page's header: the print stylesheet turns the page into a one-pager. */
  function addPrintButton(root) {
    var header = root.querySelector(".hub-header[data-hub-kind]");
    if (!header || header.querySelector(".hub-print__button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button hub-print__button";
    button.textContent = labels().print;
    button.addEventListener("click", function () { window.print(); });
    header.appendChild(button);
  }

  /* Material's search dialog has role="dialog" but no name; name it as its input is named. */
  function nameSearchDialog(root) {
    var dialog = root.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    var input = root.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }

  function start() {
    addCopyButtons(document);
    addPrintButton(document);
    nameSearchDialog(document);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();

/* Printing opens collapsed sections (the two-minute pitch) so they are on paper too; closes them after. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".md-typeset details:not([open])").forEach(function (d) {
    d.setAttribute("open", "");
    d.setAttribute("data-hub-print-opened", "");
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-hub-print-opened]").forEach(function (d) {
    d.removeAttribute("open");
    d.removeAttribute("data-hub-print-opened");
  });
});

/* The home page's search box is a real input now, run by docs/assets/search.js. */
