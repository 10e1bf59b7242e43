/* The hub's small additions to Material: copy buttons on copy-ready text (.hub-copy).
   Labels come from macros/i18n/<language>.yml via the #hub-labels JSON in every page. */
(function () {
  function labels() {
    var node = document.getElementById("hub-labels");
    return node ? JSON.parse(node.textContent) : { copy: "Copy", copied: "Copied" };
  }

  function addCopyButtons(root) {
    var text = labels();
    root.querySelectorAll(".hub-copy").forEach(function (el) {
      if (el.querySelector(":scope > .hub-copy__button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hub-copy__button";
      button.textContent = text.copy;
      button.addEventListener("click", function () {
        var clone = el.cloneNode(true);
        clone.querySelectorAll(".hub-copy__button").forEach(function (b) { b.remove(); });
        navigator.clipboard.writeText(clone.innerText.trim()).then(function () {
          button.textContent = text.copied;
          setTimeout(function () { button.textContent = text.copy; }, 1500);
        });
      });
      el.appendChild(button);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { addCopyButtons(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { addCopyButtons(document); });
  }
})();

/* The home page's search entry is a label for Material's search toggle: make it work from the keyboard too. */
document.addEventListener("keydown", function (event) {
  var box = event.target.closest && event.target.closest(".hub-search__box");
  if (box && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    box.click();
  }
});
