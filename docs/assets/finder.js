/* Finders on listing pages: facet filters and sorts over the listing's finder.json (every entity of
   the kind in this edition, not only this page's rows), counts per value, state in the query string
   (?industry=retail&product=tidehub&sort=name: keys are the data contract's field names, values ids).
   A filtered or sorted list is the listing's own table, with the rows the index carries; on a narrow
   screen the filters fold behind a button that counts the chosen values, so the results come first.
   Without JavaScript the finder stays hidden and the paginated list is shown. No framework. */
(function () {
  "use strict";

  var SORTS = ["name", "newest", "fresh"];  // ?sort=…; none: the listing's own order
  var NARROW = "(max-width: 76.234375em)";  // Material's: below it the navigation is a drawer too

  /* The sorts an index offers: newest where its items carry a date, freshness where they carry a
     review date (not in the public edition: freshness is an internal rule). */
  function sortsOf(index) {
    var has = function (key) { return index.items.some(function (item) { return item[key]; }); };
    var needs = { newest: "date", fresh: "due" };
    return SORTS.filter(function (s) { return !needs[s] || has(needs[s]); });
  }

  /* The query string as {facets: {key: [ids]}, sort}; unknown keys and values are ignored. */
  function parse(search, facets, sorts) {
    var params = new URLSearchParams(search), state = {};
    facets.forEach(function (facet) {
      var known = facet.values.map(function (v) { return v[0]; });
      var wanted = [];
      params.getAll(facet.key).forEach(function (v) { wanted = wanted.concat(v.split(",")); });
      state[facet.key] = known.filter(function (id) { return wanted.indexOf(id) >= 0; });
    });
    var sort = params.get("sort");
    return { facets: state, sort: sorts.indexOf(sort) >= 0 ? sort : "" };
  }

  function query(state, facets) {
    var params = new URLSearchParams();
    facets.forEach(function (facet) {
      (state.facets[facet.key] || []).forEach(function (id) { params.append(facet.key, id); });
    });
    if (state.sort) params.set("sort", state.sort);
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /* Any of the chosen values within a facet, every facet with a choice (except `skip`, for counts). */
  function matches(item, chosen, skip) {
    return Object.keys(chosen).every(function (key) {
      var ids = chosen[key];
      if (key === skip || !ids.length) return true;
      var has = item.f[key] || [];
      return ids.some(function (id) { return has.indexOf(id) >= 0; });
    });
  }

  /* {key: {id: n}}: how many items each value would show, given the other facets' choices. */
  function counts(items, chosen, facets) {
    var out = {};
    facets.forEach(function (facet) {
      var n = out[facet.key] = {};
      facet.values.forEach(function (v) { n[v[0]] = 0; });
      items.forEach(function (item) {
        if (!matches(item, chosen, facet.key)) return;
        (item.f[facet.key] || []).forEach(function (id) { if (id in n) n[id] += 1; });
      });
    });
    return out;
  }

  function chosenCount(chosen) {
    return Object.keys(chosen).reduce(function (n, key) { return n + chosen[key].length; }, 0);
  }

  /* The items in the order of `sort`: by name (the page language's collation), newest first
     (the entity's own date), or freshest first (the furthest from its next review); ties keep listing order. */
  function sorted(items, sort) {
    if (!sort) return items;
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var by = {
      name: function (a, b) { return collator.compare(a.name, b.name); },
      newest: function (a, b) { return (b.date || "") < (a.date || "") ? -1 : (b.date || "") > (a.date || "") ? 1 : 0; },
      fresh: function (a, b) { return b.due < a.due ? -1 : b.due > a.due ? 1 : 0; }
    }[sort];
    return items.slice().sort(by);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function format(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  /* An item's listing row (built HTML from the index, whose text is escaped), links made absolute. */
  function rowOf(item, base) {
    if (!item.tr) {
      var holder = document.createElement("template");
      holder.innerHTML = "<table><tbody>" + item.row + "</tbody></table>";
      item.tr = holder.content.querySelector("tr");
      item.tr.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), base).href; });
    }
    return item.tr;
  }

  function mount(box, index, labels) {
    var listing = box.closest(".hub-listing") || document;
    var paged = listing.querySelectorAll(".hub-list, .hub-pager");
    var head = listing.querySelector(".hub-list thead");
    var base = box.getAttribute("data-src");
    var sorts = sortsOf(index);
    var state = parse(location.search, index.facets, sorts);
    var facetsId = "hub-facets-" + index.kind;

    var form = el("form", { "class": "hub-finder__form", role: "search", "aria-label": labels.filters });
    var bar = el("div", { "class": "hub-finder__bar" });
    var toggle = el("button", { type: "button", "class": "md-button hub-finder__toggle", "aria-controls": facetsId,
                                "aria-expanded": "true" });
    var sortLabel = el("label", { "class": "hub-finder__sort" }, labels.sort + " ");
    var sort = el("select", { name: "sort" });
    [["", labels.sort_default]].concat(sorts.map(function (s) { return [s, labels["sort_" + s]]; }))
      .forEach(function (o) { sort.appendChild(el("option", { value: o[0] }, o[1])); });
    sortLabel.appendChild(sort);
    var status = el("p", { "class": "hub-finder__status", role: "status", "aria-live": "polite" });
    var clear = el("button", { type: "button", "class": "md-button hub-finder__clear" }, labels.clear);
    [toggle, sortLabel, status, clear].forEach(function (n) { bar.appendChild(n); });

    var panel = el("div", { "class": "hub-finder__panel", id: facetsId });
    var groups = el("div", { "class": "hub-finder__facets" });
    var boxes = {};
    index.facets.forEach(function (facet) {
      var set = el("fieldset", { "class": "hub-facet", "data-facet": facet.key });
      set.appendChild(el("legend", {}, facet.label));
      var list = el("div", { "class": "hub-facet__values" });
      facet.values.forEach(function (v) {
        var label = el("label", { "class": "hub-facet__value" });
        var input = el("input", { type: "checkbox", name: facet.key, value: v[0] });
        var count = el("span", { "class": "hub-facet__count" });
        boxes[facet.key + "=" + v[0]] = { input: input, count: count, label: label };
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + v[1] + " "));
        label.appendChild(count);
        list.appendChild(label);
      });
      set.appendChild(list);
      groups.appendChild(set);
    });
    var done = el("button", { type: "button", "class": "md-button md-button--primary hub-finder__done" });
    panel.appendChild(groups);
    panel.appendChild(done);
    form.appendChild(bar);
    form.appendChild(panel);

    /* The results: the listing's table (its head, the index's rows), in Material's table wrappers. */
    var results = el("div", { "class": "hub-finder__results", hidden: "" });
    var scroll = el("div", { "class": "md-typeset__scrollwrap" });
    var inner = el("div", { "class": "md-typeset__table" });
    var table = el("table");
    if (head) table.appendChild(head.cloneNode(true));
    var body = el("tbody");
    table.appendChild(body);
    inner.appendChild(table);
    scroll.appendChild(inner);
    results.appendChild(scroll);
    box.appendChild(form);
    box.appendChild(results);

    function fold(open) {
      open = open && index.facets.length > 0;
      toggle.hidden = !index.facets.length;  // nothing to filter by: the sort is all there is
      toggle.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
      done.hidden = !open || !narrow.matches;
    }

    function render() {
      var chosen = state.facets;
      var n = counts(index.items, chosen, index.facets);
      Object.keys(boxes).forEach(function (k) {
        var b = boxes[k], key = b.input.name, id = b.input.value;
        b.input.checked = chosen[key].indexOf(id) >= 0;
        b.count.textContent = n[key][id];
        b.label.classList.toggle("hub-facet__value--empty", !n[key][id] && !b.input.checked);
      });
      var picked = chosenCount(chosen);
      var filtered = picked > 0, on = filtered || !!state.sort;
      var found = sorted(index.items.filter(function (item) { return matches(item, chosen); }), state.sort);
      toggle.textContent = picked ? format(labels.filters_on, { count: picked }) : labels.filters;
      done.textContent = format(labels.show_results, { count: found.length });
      sort.value = state.sort;
      paged.forEach(function (node) { node.hidden = on; });
      results.hidden = !on || !found.length;
      clear.disabled = !filtered;
      body.textContent = "";
      if (on) found.forEach(function (item) { body.appendChild(rowOf(item, base)); });
      status.textContent = filtered && !found.length ? labels.no_match
        : format(labels.shown, { shown: filtered ? found.length : index.items.length, total: index.items.length });
      var url = location.pathname + query(state, index.facets) + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
      document.dispatchEvent(new CustomEvent("hub:content", { detail: results }));
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input === sort) {
        state.sort = sort.value;
      } else {
        var ids = state.facets[input.name].filter(function (id) { return id !== input.value; });
        if (input.checked) ids.push(input.value);
        state.facets[input.name] = index.facets.filter(function (f) { return f.key === input.name; })[0].values
          .map(function (v) { return v[0]; }).filter(function (id) { return ids.indexOf(id) >= 0; });
      }
      render();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    toggle.addEventListener("click", function () { fold(panel.hidden); });
    done.addEventListener("click", function () { fold(false); toggle.focus(); });
    clear.addEventListener("click", function () {
      Object.keys(state.facets).forEach(function (key) { state.facets[key] = []; });
      render();
    });
    var narrow = window.matchMedia(NARROW);
    narrow.addEventListener("change", function () { fold(!narrow.matches); });
    fold(!narrow.matches);
    box.hidden = false;
    render();
  }

  function start(root) {
    var node = document.getElementById("hub-labels");
    var labels = node ? JSON.parse(node.textContent) : {};
    root.querySelectorAll(".hub-finder[data-hub-listing]:not([data-ready])").forEach(function (box) {
      box.setAttribute("data-ready", "");
      var src = new URL("finder.json", new URL(box.getAttribute("data-hub-listing"), location.href)).href;
      box.setAttribute("data-src", src);
      fetch(src).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + src);
        return r.json();
      }).then(function (index) {
        mount(box, index, labels);
      }).catch(function () {
        box.hidden = false;
        box.appendChild(el("p", { "class": "hub-finder__status" }, labels.load_failed));
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { start(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  }
})();

/* Toolkits: narrow a kit page to one industry (?industry=retail). An entry names the views it is in
   (data-hub-sets="all retail"); "all" is the whole kit. A section with nothing in the view says so. */
(function () {
  "use strict";

  function narrow(kit, select, industry) {
    var view = industry || "all";
    document.querySelectorAll(".md-content [data-hub-sets]").forEach(function (node) {
      node.hidden = node.getAttribute("data-hub-sets").split(" ").indexOf(view) < 0;
    });
    document.querySelectorAll(".md-content .hub-kit__section").forEach(function (section) {
      var items = section.querySelectorAll(".hub-kit__item");
      var shown = Array.prototype.some.call(items, function (item) { return !item.hidden; });
      var none = section.querySelector("[data-hub-none]");
      if (none) none.hidden = shown || !items.length;  // no entries at all: the gaps say so
    });
    kit.setAttribute("data-hub-industry", industry);
    select.value = industry;
  }

  function start() {
    var kit = document.querySelector(".md-content .hub-kit");
    var select = kit && kit.querySelector("select[name=industry]");
    if (!select || select.hasAttribute("data-ready")) return;
    select.setAttribute("data-ready", "");
    var known = Array.prototype.map.call(select.options, function (o) { return o.value; });
    var wanted = new URLSearchParams(location.search).get("industry") || "";
    narrow(kit, select, known.indexOf(wanted) >= 0 ? wanted : "");
    select.addEventListener("change", function () {
      var params = new URLSearchParams(location.search);
      if (select.value) params.set("industry", select.value); else params.delete("industry");
      var text = params.toString();
      history.replaceState(history.state, "", location.pathname + (text ? "?" + text : "") + location.hash);
      narrow(kit, select, select.value);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
