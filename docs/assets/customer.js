/* Customer copies (pmmhub/render/producers/customer_copies.py). A copy opened with "?print" opens the
   print dialog once it has loaded (the "print" action of 客户版 on an entity page); on a kit narrowed to
   an industry (?industry=retail), the customer-copy links carry that industry along. */
(function () {
  "use strict";

  function printWhenAsked() {
    if (!document.querySelector(".hub-customer-copy")) return;
    if (!new URLSearchParams(location.search).has("print")) return;
    var go = function () { window.setTimeout(function () { window.print(); }, 0); };
    if (document.readyState === "complete") go(); else window.addEventListener("load", go, { once: true });
  }

  function carryIndustry() {
    document.querySelectorAll(".hub-kit [data-hub-customer] a").forEach(function (a) {
      if (a.hasAttribute("data-hub-carry")) return;
      a.setAttribute("data-hub-carry", "");
      a.addEventListener("click", function () {
        var industry = new URLSearchParams(location.search).get("industry");
        var url = new URL(a.getAttribute("href"), location.href);
        if (industry) url.searchParams.set("industry", industry); else url.searchParams.delete("industry");
        a.href = url.href;
      });
    });
  }

  function start() {
    printWhenAsked();
    carryIndustry();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
