/* Finders on listing pages: facet filters over the listing's finder.json (every entity of the
   kind in this edition, not only this page's rows), counts per value, state in the query string
   (?industry=retail&product=tidehub: keys are the data contract's field names, values ids).
   Without JavaScript the finder stays hidden and the paginated list is shown. No framework. */
(function () {
  "use strict";

  /* The query string as {key: [ids]} for the facets of the index; unknown keys and values are ignored. */
  function parse(search, facets) {
    var params = new URLSearchParams(search), state = {};
    facets.forEach(function (facet) {
      var known = facet.values.map(function (v) { return v[0]; });
      var wanted = [];
      params.getAll(facet.key).forEach(function (v) { wanted = wanted.concat(v.split(",")); });
      state[facet.key] = known.filter(function (id) { return wanted.indexOf(id) >= 0; });
    });
    return state;
  }

  function query(state, facets) {
    var params = new URLSearchParams();
    facets.forEach(function (facet) {
      (state[facet.key] || []).forEach(function (id) { params.append(facet.key, id); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /* Any of the chosen values within a facet, every facet with a choice (except `skip`, for counts). */
  function matches(item, state, skip) {
    return Object.keys(state).every(function (key) {
      var chosen = state[key];
      if (key === skip || !chosen.length) return true;
      var has = item.f[key] || [];
      return chosen.some(function (id) { return has.indexOf(id) >= 0; });
    });
  }

  /* {key: {id: n}}: how many items each value would show, given the other facets' choices. */
  function counts(items, state, facets) {
    var out = {};
    facets.forEach(function (facet) {
      var n = out[facet.key] = {};
      facet.values.forEach(function (v) { n[v[0]] = 0; });
      items.forEach(function (item) {
        if (!matches(item, state, facet.key)) return;
        (item.f[facet.key] || []).forEach(function (id) { if (id in n) n[id] += 1; });
      });
    });
    return out;
  }

  function active(state) {
    return Object.keys(state).some(function (key) { return state[key].length; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function mount(box, index, labels) {
    var listing = box.closest(".hub-listing") || document;
    var paged = listing.querySelectorAll(".hub-list, .hub-pager");
    var base = box.getAttribute("data-src");
    var state = parse(location.search, index.facets);
    var names = {};
    index.facets.forEach(function (f) {
      names[f.key] = {};
      f.values.forEach(function (v) { names[f.key][v[0]] = v[1]; });
    });

    var form = el("form", { "class": "hub-finder__form", role: "search", "aria-label": labels.filters });
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
    var bar = el("div", { "class": "hub-finder__bar" });
    var status = el("p", { "class": "hub-finder__status", role: "status", "aria-live": "polite" });
    var clear = el("button", { type: "button", "class": "md-button hub-finder__clear" }, labels.clear);
    bar.appendChild(status);
    bar.appendChild(clear);
    var panel = el("details", { "class": "hub-finder__panel", open: "" });  // folds away on a small screen
    panel.appendChild(el("summary", {}, labels.filters));
    panel.appendChild(groups);
    form.appendChild(panel);
    form.appendChild(bar);
    var results = el("ul", { "class": "hub-finder__results", hidden: "" });
    box.appendChild(form);
    box.appendChild(results);

    function render() {
      var n = counts(index.items, state, index.facets);
      Object.keys(boxes).forEach(function (k) {
        var b = boxes[k], key = b.input.name, id = b.input.value;
        b.input.checked = state[key].indexOf(id) >= 0;
        b.count.textContent = n[key][id];
        b.label.classList.toggle("hub-facet__value--empty", !n[key][id] && !b.input.checked);
      });
      var on = active(state);
      var found = index.items.filter(function (item) { return matches(item, state); });
      paged.forEach(function (node) { node.hidden = on; });
      results.hidden = !on;
      clear.disabled = !on;
      results.textContent = "";
      if (on) found.forEach(function (item) { results.appendChild(row(item)); });
      status.textContent = on && !found.length ? labels.no_match
        : format(labels.shown, { shown: on ? found.length : index.items.length, total: index.items.length });
      var url = location.pathname + query(state, index.facets) + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }

    function row(item) {
      var li = el("li", { "data-hub-id": item.id });
      var link = el("a", { href: new URL(item.url, base).href }, item.name);
      var title = el("p", { "class": "hub-finder__name" });
      title.appendChild(link);
      li.appendChild(title);
      li.appendChild(el("p", { "class": "hub-finder__summary" }, item.summary));
      var tags = [];
      index.facets.forEach(function (f) {
        if (f.flag) return;  /* a yes / no facet: "yes" says nothing as a tag */
        (item.f[f.key] || []).forEach(function (id) { tags.push(names[f.key][id]); });
      });
      li.appendChild(el("p", { "class": "hub-finder__tags" }, tags.join(" · ")));
      return li;
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      var chosen = state[input.name].filter(function (id) { return id !== input.value; });
      if (input.checked) chosen.push(input.value);
      state[input.name] = index.facets.filter(function (f) { return f.key === input.name; })[0].values
        .map(function (v) { return v[0]; }).filter(function (id) { return chosen.indexOf(id) >= 0; });
      render();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    clear.addEventListener("click", function () {
      Object.keys(state).forEach(function (key) { state[key] = []; });
      render();
    });
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
        if (index.facets.length) mount(box, index, labels);
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
