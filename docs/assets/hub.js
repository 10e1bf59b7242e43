/* The hub's small additions to Material: copy buttons on copy-ready answers, print buttons on
   entity pages, the banner on every printed page, hints on tables that scroll sideways. Labels come
   from pmmhub/i18n (keys under js.) via the #hub-labels JSON in every page. */
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

  /* Print buttons in an entity page's header: the print stylesheet turns the page into clean A4.
     A page with a one-pager (parts marked .hub-brief: a battle card) prints that by default, and
     "print all" prints everything (the class hub-print-all on <html> while printing). */
  function addPrintButton(root) {
    var header = root.querySelector(".hub-header[data-hub-kind]");
    if (!header || header.querySelector(".hub-print__button")) return;
    var t = labels();
    var brief = root.querySelector(".md-content__inner > .hub-brief");
    function button(label, all) {
      var node = document.createElement("button");
      node.type = "button";
      node.className = "md-button hub-print__button";
      node.textContent = label;
      node.addEventListener("click", function () {
        document.documentElement.classList.toggle("hub-print-all", all);
        window.print();
      });
      header.appendChild(node);
    }
    button(brief ? t.print_brief || t.print : t.print, !brief);
    if (brief) button(t.print_all || t.print, true);
  }

  /* The internal banner on every printed page: print.css writes --hub-banner in the page's top margin. */
  function bannerOnEveryPage() {
    var banner = document.querySelector(".md-banner .hub-banner");
    var text = banner && banner.textContent.replace(/\s+/g, " ").trim();
    if (!text) return;
    document.documentElement.style.setProperty("--hub-banner", '"' + text.replace(/["\\]/g, "\\$&") + '"');
    document.documentElement.setAttribute("data-hub-banner", "");
  }

  /* A table wider than its column scrolls sideways: say so above it, shade the edge with more, and make the
     scrolling region reachable by keyboard. Material wraps content tables in .md-typeset__scrollwrap. */
  var WIDE = ".md-typeset__scrollwrap, .hub-scroll";
  function markWide(root) {
    var t = labels();
    root.querySelectorAll(WIDE).forEach(function (wrap) {
      if (wrap.querySelector(".md-typeset__scrollwrap")) return;  // Material's wrapper inside does the scrolling
      var wide = wrap.scrollWidth > wrap.clientWidth + 1 && wrap.offsetParent !== null;
      var hint = wrap.previousElementSibling;
      hint = hint && hint.classList.contains("hub-scroll-hint") ? hint : null;
      wrap.toggleAttribute("data-hub-overflow", wide);
      if (wide) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", t.scroll_region || "Table");
        if (!hint && t.scroll_hint) {
          hint = document.createElement("p");
          hint.className = "hub-scroll-hint";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = t.scroll_hint;
          wrap.parentNode.insertBefore(hint, wrap);
        }
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (a) { wrap.removeAttribute(a); });
        if (hint) hint.remove();
      }
    });
  }
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { markWide(document); }, 150);
  });
  document.addEventListener("hub:content", function (event) { markWide(event.detail || document); });

  /* Material's search dialog has role="dialog" but no name; name it as its input is named. */
  function nameSearchDialog(root) {
    var dialog = root.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    var input = root.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }

  function start() {
    addCopyButtons(document);
    addPrintButton(document);
    bannerOnEveryPage();
    nameSearchDialog(document);
    markWide(document);
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
  document.documentElement.classList.remove("hub-print-all");
  document.querySelectorAll("details[data-hub-print-opened]").forEach(function (d) {
    d.removeAttribute("open");
    d.removeAttribute("data-hub-print-opened");
  });
});

/* The home page's search box is a real input now, run by docs/assets/search.js. */
