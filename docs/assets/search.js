/* The hub's search: reads the index the build writes under hub-search/ (pmmhub/search), a few
   small files per query at any hub size, and shows results in the home page's box and in the
   header's search dialog. Term rules mirror pmmhub/search/text.py; ranking is described in
   README.md ("Search"). Labels come from pmmhub/i18n/<lang>/search.yml via #hub-labels. */
(function () {
  "use strict";

  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var TOKEN = /[\u3400-\u9fff\uf900-\ufaff]+|[0-9a-z\u00c0-\u024f]+/g;
  var STOP = "的了吗呢啊吧是和与及或在对把被说要也都就还很有我你他她它们这那哪什么怎么如何";
  var WEIGHT = [100, 30, 20, 10, 1];  // documents.TIERS: name, key, ask, summary, body
  var SYNONYM = 0.5;  // a synonym's match counts this much of the word's own
  var PAGE = 10;  // results shown at a time
  var MAX_PREFIX = 60;  // words a prefix may stand for
  var MAX_CHARS = 64;  // of a query
  var BUDGET = 380000;  // bytes of shards one query may fetch (meta.json lists their sizes); the rest wait

  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/search\.js(\?.*)?$/, "") : "/";
  var FOLDER = ROOT + "hub-search/";

  function labels() {
    var node = document.getElementById("hub-labels");
    var found = node ? JSON.parse(node.textContent) : {};
    return Object.assign({
      "search.placeholder": "Search", "search.all": "All", "search.none": "Nothing found for “{query}”.",
      "search.did_you_mean": "Did you mean:", "search.try_finder": "Or filter by facts:", "search.one": "1 result",
      "search.many": "{count} results", "search.reviewed": "Reviewed {date}", "search.stale": "Review due",
      "search.more": "Show more results", "search.loading": "Loading search…",
      "search.failed": "Search is unavailable; reload the page to try again."
    }, found);
  }
  function say(key, values) {
    var text = labels()[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }

  /* terms: as pmmhub/search/text.py ------------------------------------------------------ */
  function normal(text) { return text.normalize("NFKC").toLowerCase(); }
  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) return word.slice(0, -3) + "y";
    if (word.length > 3 && /s$/.test(word) && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  }
  function key(term) {
    var body = term.slice(2);
    return term.lastIndexOf("s:", 0) === 0 ? body : body.slice(0, 2);
  }
  function shardOf(term, count) {
    var k = key(term), h = 0x811c9dc5;
    for (var i = 0; i < k.length; i++) {
      h ^= k.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }
  function compact(text) { return (normal(text).match(TOKEN) || []).join(""); }

  /* the index: files fetched once, on demand ------------------------------------------------ */
  var cache = {};
  function getJSON(rel, version) {
    var url = FOLDER + rel + (version ? "?v=" + version : "");
    if (!cache[url]) {
      cache[url] = fetch(url, version ? {} : { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }
  function meta() { return getJSON("meta.json"); }
  function shard(m, n) { return getJSON("t/" + n + ".json", m.id); }
  function docs(m, numbers) {
    var chunks = {};
    numbers.forEach(function (n) { chunks[Math.floor(n / m.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return getJSON("d/" + c + ".json", m.id).then(function (rows) { return [Number(c), rows]; });
    })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      return numbers.map(function (n) {
        var row = byChunk[Math.floor(n / m.chunk)][n % m.chunk];
        return { n: n, path: row[0], kind: row[1], name: row[2], summary: row[3], reviewed: row[4], stale: !!row[5], boost: row[6] };
      });
    });
  }

  /* postings of a term: doc -> tier mask */
  function decode(flat) {
    var out = new Map(), doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      out.set(doc, flat[i + 1]);
    }
    return out;
  }
  function Lookup(m, loaded) {
    this.m = m;
    this.loaded = loaded;  // shard number -> shard
    this.memo = {};
  }
  Lookup.prototype.get = function (term) {
    if (!(term in this.memo)) {
      var s = this.loaded[shardOf(term, this.m.shards)];
      this.memo[term] = s && s[term] ? decode(s[term]) : null;
    }
    return this.memo[term];
  };
  Lookup.prototype.has = function (term) { return this.get(term) !== null; };
  Lookup.prototype.prefixed = function (term) {  // terms of the loaded shard that start with term
    var s = this.loaded[shardOf(term, this.m.shards)] || {}, out = [];
    for (var t in s) {
      if (t.length > term.length && t.lastIndexOf(term, 0) === 0) out.push(t);
      if (out.length >= MAX_PREFIX) break;
    }
    return out;
  };

  /* the worth of a tier mask: its best tier's weight, plus a fifth of the others' (a word in the
     name, the tags and the summary says more than the same word in the name only) */
  function best(mask) {
    var top = 0, rest = 0;
    for (var i = 0; i < WEIGHT.length; i++) {
      if (!(mask & (1 << i))) continue;
      if (!top) top = WEIGHT[i];
      else rest += WEIGHT[i];
    }
    return top + rest / 5;
  }
  function add(scores, doc, value) {
    if (value > (scores.get(doc) || 0)) scores.set(doc, value);
  }
  function pairs(run) {
    var out = [];
    for (var i = 0; i + 1 < run.length; i++) out.push("g:" + run.slice(i, i + 2));
    return out;
  }

  /* doc -> points for one word or phrase of Chinese */
  function matchHan(look, s) {
    var scores = new Map();
    if (s.length === 1) {
      var exact = look.get("w:" + s);
      if (exact) exact.forEach(function (mask, doc) { add(scores, doc, best(mask) * 2); });
      look.prefixed("w:" + s).forEach(function (t) {
        look.get(t).forEach(function (mask, doc) { add(scores, doc, best(mask)); });
      });
      return scores;
    }
    var whole = look.get("w:" + s);
    if (whole) whole.forEach(function (mask, doc) { add(scores, doc, best(mask) * 2); });
    var grams = pairs(s).map(function (g) { return look.get(g); });
    if (grams.some(function (g) { return !g; }) && grams.length < 3) return scores;
    var all = new Map(), seen = new Map(), any = new Map();
    grams.forEach(function (g, i) {
      if (!g) return;
      g.forEach(function (mask, doc) {
        seen.set(doc, (seen.get(doc) || 0) + 1);
        any.set(doc, (any.get(doc) || 0) | mask);
        all.set(doc, i === 0 ? mask : (all.has(doc) ? all.get(doc) & mask : 0));
      });
    });
    var factor = s.length > 2 ? 1.5 : 1;
    seen.forEach(function (count, doc) {
      if (count === grams.length) add(scores, doc, best(all.get(doc)) * factor || best(any.get(doc)) * 0.5);
      else if (grams.length >= 3 && count * 3 >= grams.length * 2) add(scores, doc, best(any.get(doc)) * 0.5);
    });
    return scores;
  }

  /* doc -> points for one Latin word */
  function matchWord(look, word) {
    var scores = new Map();
    var exact = look.get("w:" + word);
    if (exact) exact.forEach(function (mask, doc) { add(scores, doc, best(mask) * 2); });
    if (word.length >= 2) {
      look.prefixed("w:" + word).forEach(function (t) {
        look.get(t).forEach(function (mask, doc) { add(scores, doc, best(mask)); });
      });
    }
    return scores;
  }

  /* doc -> points for a text of any kind: every token must match, the weakest counts */
  function matchText(look, text) {
    var tokens = normal(text).match(TOKEN) || [], out = null;
    tokens.forEach(function (tok) {
      var s = HAN.test(tok) ? matchHan(look, tok) : matchWord(look, stem(tok));
      if (out === null) { out = s; return; }
      var next = new Map();
      out.forEach(function (v, doc) { if (s.has(doc)) next.set(doc, Math.min(v, s.get(doc))); });
      out = next;
    });
    return out || new Map();
  }

  /* the keys (shards) a text needs: a Latin word's first two letters, every pair of a Chinese
     run (its pairs and the words that start there), a lone character */
  function needs(text, m, into) {
    (normal(text).match(TOKEN) || []).forEach(function (tok) {
      if (HAN.test(tok)) {
        if (tok.length === 1) into.set(shardOf("w:" + tok, m.shards), true);
        for (var i = 0; i + 1 < tok.length; i++) into.set(shardOf("w:" + tok.slice(i, i + 2), m.shards), true);
      } else {
        into.set(shardOf("w:" + stem(tok), m.shards), true);
      }
    });
  }

  function groupOf(m, word) {  // the number of the synonym group ``word`` is in, or -1
    for (var i = 0; i < m.synonyms.length; i++) if (m.synonyms[i].indexOf(word) >= 0) return i;
    return -1;
  }
  function within(q, word) {  // a word or phrase of the query, Chinese anywhere, Latin as whole words
    if (HAN.test(word)) return q.indexOf(word) >= 0;
    var esc = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp("(^|[^0-9a-z])" + esc + "(?![0-9a-z])").test(q);
  }

  /* What the query asks: kind words, phrases of the synonyms, Latin words, Chinese runs. */
  function parse(m, query) {
    var q = normal(query).slice(0, MAX_CHARS).trim(), kind = null;
    m.kinds.forEach(function (k) {
      k.words.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (w) {
        if (kind === null && within(q, w) && q.replace(w, "").trim()) {
          kind = k.kind;
          q = q.replace(w, " ").trim();
        }
      });
    });
    var phrases = [];
    m.synonyms.forEach(function (group) {
      group.forEach(function (w) {
        if (/\s/.test(w) && within(q, w)) {
          phrases.push(w);
          q = q.replace(w, " ");
        }
      });
    });
    var candidates = [];  // synonym words inside the query's Chinese runs
    m.synonyms.forEach(function (group) {
      group.forEach(function (w) { if (HAN.test(w) && q.indexOf(w) >= 0) candidates.push(w); });
    });
    return { q: q.trim(), kind: kind, phrases: phrases, candidates: candidates, whole: compact(query) };
  }

  /* a Chinese run as words: the longest known word at each place (the index's words and the
     synonyms), lone characters joined to their neighbour, common ones left out */
  function segment(look, m, run, known) {
    var out = [], i = 0;
    while (i < run.length) {
      var j = Math.min(run.length, i + 8);
      for (; j > i + 1; j--) {
        var part = run.slice(i, j);
        if (known[part] || look.has("w:" + part)) break;
      }
      out.push(run.slice(i, j));
      i = j;
    }
    var merged = [];
    out.forEach(function (part, at) {
      if (part.length > 1) { merged.push(part); return; }
      if (STOP.indexOf(part) >= 0) return;
      var prev = at > 0 ? out[at - 1] : null;
      if (prev && (prev.length > 1 || STOP.indexOf(prev) < 0) && merged.length) merged[merged.length - 1] += part;
      else if (at + 1 < out.length && STOP.indexOf(out[at + 1]) < 0) out[at + 1] = part + out[at + 1];
      else merged.push(part);
    });
    return merged;
  }

  function concept(m, text) {
    return { text: text, group: groupOf(m, text) };
  }

  /* The ranked results of ``query``: [{n, matched, points}], best first; and the words to highlight. */
  function run(query) {
    return meta().then(function (m) {
      var asked = parse(m, query);
      var want = new Map();  // shard -> true, in the order the query needs them
      needs(asked.q, m, want);
      asked.phrases.concat(asked.candidates).forEach(function (w) {
        needs(w, m, want);
        want.set(shardOf("s:" + groupOf(m, w), m.shards), true);
      });
      (asked.q.match(TOKEN) || []).forEach(function (tok) {
        var g = HAN.test(tok) ? -1 : Math.max(groupOf(m, stem(tok)), groupOf(m, tok));
        if (g >= 0) want.set(shardOf("s:" + g, m.shards), true);
      });
      if (asked.whole) want.set(shardOf("n:" + asked.whole, m.shards), true);
      var numbers = [], spent = 0;  // in the query's order, within the budget
      want.forEach(function (_yes, n) {
        var size = m.sizes ? m.sizes[n] : 0;
        if (spent + size <= BUDGET || !numbers.length) { numbers.push(n); spent += size; }
      });
      return Promise.all(numbers.map(function (n) { return shard(m, n); })).then(function (loaded) {
        var shards = {};
        numbers.forEach(function (n, i) { shards[n] = loaded[i]; });
        return rank(m, new Lookup(m, shards), asked);
      });
    });
  }

  function rank(m, look, asked) {
    var known = {};
    asked.candidates.forEach(function (w) { known[w] = true; });
    var concepts = asked.phrases.map(function (p) { return concept(m, p); });
    var runs = [];
    (asked.q.match(TOKEN) || []).forEach(function (tok) {
      if (HAN.test(tok)) {
        runs.push(tok);
        segment(look, m, tok, known).forEach(function (part) { concepts.push(concept(m, part)); });
      } else {
        var c = concept(m, stem(tok));
        if (c.group < 0) c.group = groupOf(m, tok);
        concepts.push(c);
      }
    });
    var total = new Map(), matched = new Map();
    function credit(doc, points) {
      total.set(doc, (total.get(doc) || 0) + points);
    }
    concepts.forEach(function (c) {
      var scores = matchText(look, c.text);
      var synonyms = c.group >= 0 ? look.get("s:" + c.group) : null;  // a word of its group, anywhere
      if (synonyms) synonyms.forEach(function (mask, doc) { add(scores, doc, best(mask) * 2 * SYNONYM); });
      scores.forEach(function (v, doc) {
        credit(doc, v);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    runs.forEach(function (r) {  // a whole phrase counts again
      if (r.length < 3) return;
      var grams = pairs(r).map(function (g) { return look.get(g); });
      if (grams.some(function (g) { return !g; })) return;
      grams[0].forEach(function (mask, doc) {
        var all = mask;
        for (var i = 1; i < grams.length && all; i++) all &= grams[i].get(doc) || 0;
        if (all) credit(doc, best(all) * 2);
      });
    });
    var names = asked.whole ? look.get("n:" + asked.whole) : null;  // the query is a name
    if (names) names.forEach(function (_mask, doc) { credit(doc, 1000); if (!matched.has(doc)) matched.set(doc, concepts.length); });
    var top = 0;
    matched.forEach(function (v) { top = Math.max(top, v); });
    var out = [];
    total.forEach(function (points, doc) {
      var count = matched.get(doc) || 0;
      var kind = m.kinds[m.doc_kinds.charCodeAt(doc) - 97] || {};
      if (count >= 1 && count >= top - 1) {
        out.push({ n: doc, kind: kind.kind, matched: count, hinted: asked.kind && kind.kind === asked.kind ? 1 : 0,
                   points: points * (1 + 0.05 * (kind.boost || 1)) });
      }
    });
    /* the kind the query names first, then the most words matched, then points (times the kind's boost) */
    out.sort(function (a, b) { return b.hinted - a.hinted || b.matched - a.matched || b.points - a.points || a.n - b.n; });
    var words = concepts.map(function (c) { return c.text; });
    return { results: out, kind: asked.kind, words: words.concat(asked.candidates) };
  }

  /* spelling: a Latin word of the query within two edits of a word of the names */
  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) return 3;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }
  function suggest(m, query) {
    return getJSON("spell.json", m.id).then(function (words) {
      var changed = false;
      var fixed = (normal(query).match(TOKEN) || []).map(function (tok) {
        if (HAN.test(tok) || tok.length < 3 || words.indexOf(tok) >= 0) return tok;
        var found = null, d = tok.length > 5 ? 2 : 1;
        words.forEach(function (w) {
          var e = distance(tok, w);
          if (e <= d && (found === null || e < found[1])) found = [w, e];
        });
        if (found) { changed = true; return found[0]; }
        return tok;
      });
      return changed ? fixed.join(" ") : null;
    });
  }

  /* the UI ------------------------------------------------------------------------------ */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function marked(text, words) {  // text with the query's words in <mark>, built as DOM nodes
    var span = el("span"), lower = normal(text), at = 0;
    var list = words.filter(function (w) { return w && w.length > 0; });
    while (at < text.length) {
      var next = -1, len = 0;
      list.forEach(function (w) {
        var i = lower.indexOf(w, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && w.length > len))) { next = i; len = w.length; }
      });
      if (next < 0 || lower.length !== text.length) { span.appendChild(document.createTextNode(text.slice(at))); break; }
      if (next > at) span.appendChild(document.createTextNode(text.slice(at, next)));
      span.appendChild(el("mark", null, text.slice(next, next + len)));
      at = next + len;
    }
    return span;
  }
  function kindLabel(m, kind) {
    for (var i = 0; i < m.kinds.length; i++) if (m.kinds[i].kind === kind) return m.kinds[i].label;
    return kind;
  }

  function Box(root) {
    this.root = root;
    this.input = root.querySelector(".hub-find__input");
    this.kinds = root.querySelector(".hub-find__kinds");
    this.output = root.querySelector(".hub-find__output");
    this.filter = null;
    this.seq = 0;
    var self = this, timer;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.search(); }, 60);
    });
    var form = root.querySelector("form");
    if (form) form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = self.output.querySelector("a.hub-find__link");
      if (first) window.location.href = first.href;
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = self.output.querySelector("a.hub-find__link");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    this.output.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(self.output.querySelectorAll("a.hub-find__link"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : self.input).focus(); }
    });
    if (this.input.value) this.search();
  }
  Box.prototype.search = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    if (!query.trim()) { this.clear(); return; }
    run(query).then(function (found) {
      if (seq !== self.seq) return;
      return meta().then(function (m) { return self.show(m, query, found, seq); });
    }).catch(function () {
      if (seq !== self.seq) return;
      self.output.textContent = "";
      self.output.appendChild(el("p", "hub-find__meta", say("search.failed")));
    });
  };
  Box.prototype.clear = function () {
    this.output.textContent = "";
    this.kinds.textContent = "";
    this.kinds.hidden = true;
    this.root.removeAttribute("data-hub-find-state");
  };
  Box.prototype.show = function (m, query, found, seq) {
    var self = this;
    if (!found.results.length) return this.empty(m, query, seq);
    this.rows = found.results;
    this.words = found.words;
    this.m = m;
    this.query = query;
    this.filter = this.filter && this.rows.some(function (r) { return r.kind === self.filter; }) ? this.filter : null;
    return this.render(PAGE, seq);
  };
  /* the first ``limit`` results (of the kind chosen): only their rows are fetched */
  Box.prototype.render = function (limit, seq) {
    var self = this, m = this.m;
    seq = seq || this.seq;
    var shown = this.rows.filter(function (r) { return !self.filter || r.kind === self.filter; });
    return docs(m, shown.slice(0, limit).map(function (r) { return r.n; })).then(function (rows) {
      if (seq === self.seq) self.draw(rows, shown.length, limit);
    });
  };
  Box.prototype.draw = function (rows, total, limit) {
    var self = this, m = this.m;
    var counts = {};
    this.rows.forEach(function (r) { counts[r.kind] = (counts[r.kind] || 0) + 1; });
    this.kinds.textContent = "";
    var kinds = Object.keys(counts);
    this.kinds.hidden = kinds.length < 2;
    [null].concat(m.kinds.map(function (k) { return k.kind; }).filter(function (k) { return counts[k]; })).forEach(function (kind) {
      var chip = el("button", "hub-find__kind-filter", (kind ? kindLabel(m, kind) : say("search.all")) + " " +
        (kind ? counts[kind] : self.rows.length));
      chip.type = "button";
      chip.setAttribute("aria-pressed", String(self.filter === kind));
      if (kind) chip.setAttribute("data-kind", kind);
      chip.addEventListener("click", function () { self.filter = kind; self.render(PAGE); });
      self.kinds.appendChild(chip);
    });
    this.output.textContent = "";
    this.output.appendChild(el("p", "hub-find__meta", total === 1 ? say("search.one") : say("search.many", { count: total })));
    var list = el("ol", "hub-find__list");
    var h = encodeURIComponent(this.words.join(" "));
    rows.forEach(function (row) {
      var item = el("li", "hub-find__item");
      item.setAttribute("data-kind", row.kind);
      var link = el("a", "hub-find__link");
      link.href = ROOT + row.path + (h ? "?h=" + h : "");
      var head = el("span", "hub-find__head");
      head.appendChild(el("span", "hub-find__kind hub-find__kind--" + row.kind, kindLabel(m, row.kind)));
      var name = el("span", "hub-find__name");
      name.appendChild(marked(row.name, self.words));
      head.appendChild(name);
      link.appendChild(head);
      if (row.summary) {
        var summary = el("span", "hub-find__summary");
        summary.appendChild(marked(row.summary, self.words));
        link.appendChild(summary);
      }
      if (row.reviewed) {
        link.appendChild(el("span", "hub-find__fresh" + (row.stale ? " hub-find__fresh--stale" : ""),
          row.stale ? say("search.stale") + " · " + say("search.reviewed", { date: row.reviewed })
                    : say("search.reviewed", { date: row.reviewed })));
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    this.output.appendChild(list);
    if (total > limit) {
      var more = el("button", "hub-find__more", say("search.more"));
      more.type = "button";
      more.addEventListener("click", function () { self.render(limit + PAGE); });
      this.output.appendChild(more);
    }
    this.root.setAttribute("data-hub-find-state", "results");
    this.root.setAttribute("data-hub-find-query", this.query);
  };
  Box.prototype.empty = function (m, query, seq) {
    var self = this;
    this.kinds.textContent = "";
    this.kinds.hidden = true;
    return suggest(m, query).catch(function () { return null; }).then(function (fixed) {
      if (seq !== self.seq) return;
      self.output.textContent = "";
      self.output.appendChild(el("p", "hub-find__meta hub-find__none", say("search.none", { query: query })));
      if (fixed) {
        var p = el("p", "hub-find__suggest", say("search.did_you_mean") + " ");
        var again = el("a", "hub-find__spelling", fixed);
        again.href = "#";
        again.addEventListener("click", function (event) {
          event.preventDefault();
          self.input.value = fixed;
          self.search();
          self.input.focus();
        });
        p.appendChild(again);
        self.output.appendChild(p);
      }
      var finders = m.kinds.filter(function (k) { return k.listing; });
      if (finders.length) {
        var where = el("p", "hub-find__finders", say("search.try_finder") + " ");
        finders.forEach(function (k, i) {
          var a = el("a", "hub-find__finder", k.label);
          a.href = ROOT + k.listing;
          if (i) where.appendChild(document.createTextNode(" · "));
          where.appendChild(a);
        });
        self.output.appendChild(where);
      }
      self.root.setAttribute("data-hub-find-state", "empty");
      self.root.setAttribute("data-hub-find-query", query);
    });
  };

  /* the header's dialog opens with Material's / Zensical's search toggle (#__search) */
  function toggle() { return document.getElementById("__search"); }
  function dialog() { return document.querySelector(".hub-find--dialog"); }
  function openDialog() {
    var box = dialog(), t = toggle();
    if (!box) return false;
    if (t && !t.checked) { t.checked = true; t.dispatchEvent(new Event("change")); }
    box.classList.add("hub-find--open");
    box.querySelector(".hub-find__input").focus();
    return true;
  }
  function closeDialog() {
    var box = dialog(), t = toggle();
    if (t && t.checked) { t.checked = false; t.dispatchEvent(new Event("change")); }
    if (box) {
      box.classList.remove("hub-find--open");
      if (box.contains(document.activeElement)) document.activeElement.blur();  // keys are the page's again
    }
  }
  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && dialog() && dialog().classList.contains("hub-find--open")) {
      closeDialog();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "S" || event.key === "f" || event.key === "F") {
      var home = document.querySelector(".hub-search .hub-find__input");
      event.preventDefault();
      event.stopPropagation();
      if (home && home.getBoundingClientRect().bottom > 0 && home.getBoundingClientRect().top < window.innerHeight) home.focus();
      else openDialog();
    }
  }, true);

  /* highlighting on the target page: the words a result was found by (?h=), in the article */
  function highlight() {
    var h = new URLSearchParams(window.location.search).get("h");
    var article = document.querySelector(".md-content article") || document.querySelector(".md-content");
    if (!h || !article) return;
    var words = h.split(/\s+/).map(normal).filter(function (w) { return w.length > (HAN.test(w) ? 0 : 1); });
    if (!words.length) return;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        if (!node.nodeValue.trim() || parent.closest("script, style, mark, .headerlink, button")) return NodeFilter.FILTER_REJECT;
        var lower = normal(node.nodeValue);
        return words.some(function (w) { return lower.indexOf(w) >= 0; }) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      if (normal(node.nodeValue).length !== node.nodeValue.length) return;
      var span = marked(node.nodeValue, words);
      span.querySelectorAll("mark").forEach(function (mk) { mk.className = "hub-find__mark"; });
      node.parentNode.replaceChild(span, node);
    });
    var first = article.querySelector("mark.hub-find__mark");
    if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
  }

  function start() {
    var boxes = document.querySelectorAll("[data-hub-find]");
    if (!boxes.length) return;
    boxes.forEach(function (root) { if (!root.hubFind) root.hubFind = new Box(root); });
    meta().catch(function () {});  // the small meta file first: the first query then needs only its shards
    var t = toggle();
    if (t) t.addEventListener("change", function () {
      var box = dialog();
      if (!box) return;
      box.classList.toggle("hub-find--open", t.checked);
      var input = box.querySelector(".hub-find__input");
      // at once, so keys typed right after the click land in the field, and again once the
      // label's click has finished, which may move the focus itself
      if (t.checked) { input.focus(); setTimeout(function () { if (t.checked) input.focus(); }, 0); }
      else if (box.contains(document.activeElement)) document.activeElement.blur();
    });
    highlight();
  }

  window.hubSearch = { run: run, meta: meta, docs: docs, shardOf: shardOf };  // for tests and benchmarks
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
