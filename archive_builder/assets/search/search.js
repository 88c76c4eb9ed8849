/* archive-builder offline search: loads a sharded index through <script> tags (works from file://).
 * Mirrors archive_builder/site/search.py: clean/match text, tokens, keys, FNV-1a shard hash, postings
 * decoding and query semantics (words AND'ed, "phrases" adjacent, -word / NOT word excluded).
 * Plain ES2017, no network, no code evaluation, no HTML parsing: every document string goes in as text. */
(function () {
  "use strict";
  if (window.__abSearch && window.__abSearch.started) return;

  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : document.baseURI).href;
  var PAGE_SIZE = 20;
  var VERIFY_ALL = 100; // candidates needing a phrase check: below this, check them all for an exact count
  // The same classes as archive_builder/search/text.py (CJK incl. CJK punctuation and full-width forms).
  var CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff00-\uffef\u{20000}-\u{3134f}";
  var CJK_RE = new RegExp("[" + CJK + "]", "u");
  var HAN_RE = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/u;
  var LATIN_RE = /[A-Za-z]/;
  var SPACE_ONE = /^[\t\n\v\f\r \x1c-\x1f\x85\u1680\u2028\u2029]$/;
  var OPEN = "[(【〖〔［（", CLOSE = "])】〗〕］）", DOTS = "・‧•∙⋅";
  var FOLD = new Map(); // traditional -> simplified (OpenCC's character table, shipped in docs.js)
  var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DECODE = new Int8Array(128).fill(-1);
  for (var a = 0; a < ALPHABET.length; a++) DECODE[ALPHABET.charCodeAt(a)] = a;

  // --- registry the data scripts call --------------------------------------------------------
  var meta = null;
  var shards = new Map(); // shard number -> {key: encoded}
  var texts = new Map(); // doc id -> readable searchable text (as shipped)
  var norms = new Map(); // doc id -> its normalised form (what clauses are checked against)
  var decoded = new Map(); // key -> {ids: Int32Array, tfs: Int32Array}
  var pending = new Map(); // url -> Promise
  var api = {
    started: true,
    internals: { normalise: normalise, documentKeys: documentKeys, queryKeys: queryKeys, shardOf: shardOf,
                 setFold: setFold },
    docs: function (data) { meta = data; setFold(data.fold); },
    shard: function (n, data) { shards.set(n, data); },
    text: function (id, str) { texts.set(id, str); },
    search: null,
    ready: null
  };
  window.__abSearch = api;

  function load(rel) {
    var url = ROOT + rel;
    if (pending.has(url)) return pending.get(url);
    var p = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.charset = "utf-8";
      s.async = true;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); pending.delete(url); reject(new Error("cannot load " + rel)); };
      document.head.appendChild(s);
    });
    pending.set(url, p);
    return p;
  }

  // --- text, tokens and keys (same rules as sitesearch.py) -----------------------------------
  function setFold(pairs) {
    var chars = Array.from(pairs || "");
    for (var i = 0; i + 1 < chars.length; i += 2) FOLD.set(chars[i], chars[i + 1]);
  }
  function normalise(text) {
    var chars = Array.from(text.normalize("NFKC")).map(function (c) {
      var f = FOLD.get(c);
      return f === undefined ? c : f;
    });
    var out = chars.join("").toLowerCase();
    out = Array.from(out).map(function (c) {
      if (OPEN.indexOf(c) >= 0) return "〔";
      if (CLOSE.indexOf(c) >= 0) return "〕";
      if (DOTS.indexOf(c) >= 0) return "·";
      return c;
    }).join("").replace(/([a-z])\.(?=\d{4}-)/g, "$1·");
    return squeezeSpaces(Array.from(out)).trim();
  }
  /* A whitespace run goes when it touches a CJK character on one side and no Latin letter on the other. */
  function squeezeSpaces(chars) {
    var out = "", i = 0;
    while (i < chars.length) {
      if (!SPACE_ONE.test(chars[i])) { out += chars[i++]; continue; }
      var start = i;
      while (i < chars.length && SPACE_ONE.test(chars[i])) i++;
      var before = start ? chars[start - 1] : "", after = i < chars.length ? chars[i] : "";
      var cjk = (CJK_RE.test(before) && !LATIN_RE.test(after)) || (CJK_RE.test(after) && !LATIN_RE.test(before));
      out += cjk ? "" : " ";
    }
    return out;
  }
  function pairs(norm) {
    var chars = Array.from(norm), out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }
  function documentKeys(norm) {
    var counts = new Map();
    function add(k) { counts.set(k, (counts.get(k) || 0) + 1); }
    Array.from(norm).forEach(function (c) { if (c !== " ") add(c); });
    pairs(norm).forEach(add);
    return counts;
  }
  function queryKeys(norm) {
    var chars = Array.from(norm);
    if (chars.length === 1) return norm === " " ? [] : [norm];
    return Array.from(new Set(pairs(norm)));
  }
  function isCjkRun(text) {
    return Array.from(text).length >= 3 && HAN_RE.test(text);
  }

  function shardOf(key, count) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (count - 1);
  }
  function shardName(n) {
    var hex = n.toString(16);
    while (hex.length < meta.width) hex = "0" + hex;
    return "search/s/" + hex + ".js";
  }

  function decode(encoded) {
    var values = [];
    var n = 0;
    for (var i = 0; i < encoded.length; i++) {
      var d = DECODE[encoded.charCodeAt(i)];
      n = n * 32 + (d & 31);
      if (d < 32) { values.push(n); n = 0; }
    }
    var ids = [], tfs = [];
    var last = -1;
    for (var j = 0; j < values.length; ) {
      var code = values[j++];
      var tf = 1;
      if (code & 1) tf = values[j++] + 2;
      last = last + Math.floor(code / 2) + 1;
      ids.push(last);
      tfs.push(tf);
    }
    return { ids: Int32Array.from(ids), tfs: Int32Array.from(tfs) };
  }

  function postings(key) {
    if (decoded.has(key)) return decoded.get(key);
    var data = shards.get(shardOf(key, meta.shards)) || {};
    var p = decode(Object.prototype.hasOwnProperty.call(data, key) ? data[key] : "");
    decoded.set(key, p);
    return p;
  }
  function loadKeys(keys) {
    var numbers = new Set(keys.map(function (k) { return shardOf(k, meta.shards); }));
    return Promise.all(Array.from(numbers).map(function (n) { return load(shardName(n)); }));
  }
  function loadText(id) {
    if (texts.has(id)) return Promise.resolve(texts.get(id));
    var rel = "search/text/" + Math.floor(id / meta.group) + "/" + id + ".js";
    return load(rel).then(function () { return texts.get(id) || ""; });
  }
  function normText(id) {
    if (!norms.has(id)) norms.set(id, normalise(texts.get(id) || ""));
    return norms.get(id);
  }

  // --- queries -----------------------------------------------------------------------------
  function parseQuery(query) {
    var clauses = [];
    var re = /(-?)"([^"]*)"?|(\S+)/g;
    var m, negateNext = false;
    while ((m = re.exec(query)) !== null) {
      var raw, negated;
      if (m[3] === "NOT") { negateNext = true; continue; }
      if (m[3] === undefined) { raw = m[2]; negated = m[1] === "-"; }
      else if (m[3].charAt(0) === "-" && m[3].length > 1) { raw = m[3].slice(1); negated = true; }
      else { raw = m[3]; negated = false; }
      var text = normalise(raw);
      var keys = queryKeys(text);
      if (keys.length) clauses.push({ text: text, keys: keys, negated: negated || negateNext, exact: keys.length === 1 && keys[0] === text });
      negateNext = false;
    }
    return clauses;
  }

  function passes(row, filters) {
    if (filters.department !== "" && String(row[2]) !== filters.department) return false;
    if (filters.category !== "" && String(row[3]) !== filters.category) return false;
    if (filters.year !== "" && row[4].indexOf(Number(filters.year)) < 0) return false;
    return true;
  }

  /* Candidates with scores; which of them still need their text checked. */
  function candidates(clauses, filters) {
    var n = meta.docs.length;
    var positive = clauses.filter(function (c) { return !c.negated; });
    var hits = new Int32Array(n), score = new Float64Array(n);
    var excluded = new Uint8Array(n), doubtful = new Uint8Array(n);
    positive.forEach(function (clause) {
      var minTf = new Int32Array(n).fill(0x7fffffff), seen = new Int32Array(n);
      clause.keys.forEach(function (key) {
        var p = postings(key);
        for (var i = 0; i < p.ids.length; i++) {
          var id = p.ids[i];
          seen[id]++;
          if (p.tfs[i] < minTf[id]) minTf[id] = p.tfs[i];
        }
      });
      var df = 0;
      for (var id = 0; id < n; id++) if (seen[id] === clause.keys.length) df++;
      var idf = Math.log(1 + n / (1 + df));
      for (var d = 0; d < n; d++) {
        if (seen[d] !== clause.keys.length) continue;
        hits[d]++;
        score[d] += idf * (1 + Math.log(minTf[d]));
      }
      clause.proven = new Uint8Array(n);
      if (!clause.exact && clause.word) {
        var w = postings(clause.text); // a jieba word: these documents hold the phrase itself
        for (var k = 0; k < w.ids.length; k++) { clause.proven[w.ids[k]] = 1; score[w.ids[k]] += idf; }
      }
    });
    clauses.forEach(function (clause) {
      if (!clause.negated) return;
      if (clause.exact) {
        var p = postings(clause.keys[0]);
        for (var i = 0; i < p.ids.length; i++) excluded[p.ids[i]] = 1;
        return;
      }
      var seen = new Int32Array(n);
      clause.keys.forEach(function (key) {
        var q = postings(key);
        for (var j = 0; j < q.ids.length; j++) seen[q.ids[j]]++;
      });
      for (var d = 0; d < n; d++) if (seen[d] === clause.keys.length) doubtful[d] = 1;
    });
    var phrases = positive.filter(function (c) { return !c.exact; });
    var out = [];
    for (var id = 0; id < n; id++) {
      var row = meta.docs[id];
      if (hits[id] !== positive.length || excluded[id] || !row || !passes(row, filters)) continue;
      var title = normalise(row[1]);
      var bonus = 0;
      positive.forEach(function (c) { if (title.indexOf(c.text) >= 0) bonus += 5; });
      var unproven = phrases.some(function (c) { return !c.proven[id]; });
      out.push({ id: id, score: score[id] + bonus, check: unproven || doubtful[id] === 1 });
    }
    out.sort(function (x, y) { return y.score - x.score || x.id - y.id; });
    return out;
  }

  /* Phrases adjacent, excluded phrases absent (single-key clauses were settled by their postings). */
  function verify(text, clauses) {
    return clauses.every(function (c) {
      return c.exact || (text.indexOf(c.text) >= 0) !== c.negated;
    });
  }

  /* Run a query: {total, upper, items: [{id, row, text}], more()} */
  function search(query, filters) {
    filters = filters || { department: "", category: "", year: "" };
    return api.ready.then(function () {
      var clauses = parseQuery(query);
      var positive = clauses.filter(function (c) { return !c.negated; });
      if (!positive.length) return { clauses: clauses, empty: true, items: [], total: 0 };
      var keys = [];
      clauses.forEach(function (c) {
        keys.push.apply(keys, c.keys);
        if (!c.exact && isCjkRun(c.text)) { c.word = true; keys.push(c.text); }
      });
      return loadKeys(keys).then(function () {
        var list = candidates(clauses, filters);
        var needing = list.filter(function (c) { return c.check; }).length;
        var state = { clauses: clauses, list: list, pos: 0, seen: 0, items: [], total: list.length, upper: false };
        state.more = function () { return page(state); };
        if (needing <= VERIFY_ALL) {
          return checkAll(state).then(function () { return page(state); });
        }
        state.upper = true;
        return page(state);
      });
    });
  }

  function checkAll(state) {
    var needing = state.list.filter(function (c) { return c.check; });
    return Promise.all(needing.map(function (c) {
      return loadText(c.id).then(function () { c.ok = verify(normText(c.id), state.clauses); c.check = false; });
    })).then(function () {
      state.list = state.list.filter(function (c) { return c.ok !== false; });
      state.total = state.list.length;
    });
  }

  /* Fill the next page: check candidates in rank order, load their texts for snippets. */
  function page(state) {
    var batch = [];
    function step() {
      if (batch.length >= PAGE_SIZE || state.pos >= state.list.length) {
        state.items = batch;
        state.seen += batch.length;
        state.done = state.pos >= state.list.length;
        if (state.done && state.upper) { state.upper = false; state.total = state.seen; }
        return Promise.resolve(state);
      }
      var chunk = state.list.slice(state.pos, state.pos + PAGE_SIZE - batch.length);
      state.pos += chunk.length;
      return Promise.all(chunk.map(function (c) { return loadText(c.id); })).then(function (bodies) {
        chunk.forEach(function (c, i) {
          if (c.check && !verify(normText(c.id), state.clauses)) return;
          batch.push({ id: c.id, row: meta.docs[c.id], text: bodies[i] });
        });
        return step();
      });
    }
    return step();
  }

  // --- user interface ----------------------------------------------------------------------
  var DEFAULT_LABELS = {
    placeholder: "全文搜索", label: "搜索档案", all_departments: "全部单位", all_categories: "全部类别",
    all_years: "全部年度", loading: "正在搜索…", no_results: "没有同时包含这些词的文件。请减少词语或清除筛选条件。",
    count: "共 {n} 份文件", count_upper: "最多 {n} 份文件（逐页核对）", more: "更多结果",
    suggest: "您是不是要找：",
    need_term: "请输入要查找的词。用 \"引号\" 查找整句；在词前加 - 排除该词。",
    load_failed: "无法读取搜索文件。请先完整解压，再从网站文件夹中打开。", close: "关闭"
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* One character in normalised form, on its own ("" for whitespace): to find hits in readable text. */
  var forms = new Map();
  function charForm(c) {
    var f = forms.get(c);
    if (f !== undefined) return f;
    f = SPACE_ONE.test(c) ? "" : Array.from(c.normalize("NFKC")).map(function (x) {
      var y = FOLD.get(x);
      return y === undefined ? x : y;
    }).join("").toLowerCase();
    f = Array.from(f).map(function (x) {
      if (OPEN.indexOf(x) >= 0) return "〔";
      if (CLOSE.indexOf(x) >= 0) return "〕";
      return x;
    }).join("");
    forms.set(c, f);
    return f;
  }

  /* Where the terms occur in the readable text: merged [start, end) spans of its characters. */
  function hitSpans(chars, terms) {
    var flat = "", from = [];
    for (var i = 0; i < chars.length; i++) {
      var f = charForm(chars[i]);
      for (var j = 0; j < f.length; j++) from.push(i);
      flat += f;
    }
    var spans = [];
    terms.forEach(function (term) {
      var needle = term.replace(/ /g, "");
      if (!needle) return;
      for (var at = flat.indexOf(needle); at >= 0; at = flat.indexOf(needle, at + needle.length)) {
        spans.push([from[at], from[at + needle.length - 1] + 1]);
      }
    });
    spans.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var merged = [];
    spans.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    });
    return merged;
  }

  /* The document's own words around the first hit (whitespace runs shown as one space), hits marked. */
  function snippet(text, clauses) {
    var chars = Array.from(text);
    var terms = clauses.filter(function (c) { return !c.negated; }).map(function (c) { return c.text; });
    var spans = hitSpans(chars, terms);
    var first = spans.length ? spans[0][0] : 0;
    var start = Math.max(0, first - 40), end = Math.min(chars.length, first + 110);
    var cut = start > 0;
    while (start < first && SPACE_ONE.test(chars[start])) start++;
    function words(a, b) { return chars.slice(a, b).join("").replace(/\s+/g, " "); }
    var frag = document.createDocumentFragment();
    if (cut) frag.appendChild(document.createTextNode("…"));
    var pos = start;
    spans.forEach(function (span) {
      if (span[1] <= pos || span[0] >= end) return;
      var a = Math.max(span[0], pos), b = Math.min(span[1], end);
      if (a > pos) frag.appendChild(document.createTextNode(words(pos, a)));
      frag.appendChild(el("mark", "", words(a, b)));
      pos = b;
    });
    if (pos < end) frag.appendChild(document.createTextNode(words(pos, end)));
    if (end < chars.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  function fmt(template, n) { return template.replace("{n}", String(n)); }

  function distance(a, b) {
    var x = Array.from(a), y = Array.from(b), prev = [], cur = [];
    for (var j = 0; j <= y.length; j++) prev[j] = j;
    for (var i = 1; i <= x.length; i++) {
      cur = [i];
      for (var k = 1; k <= y.length; k++) {
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (x[i - 1] === y[k - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[y.length];
  }

  /* The department, school or title nearest to the query (at most a third of its characters off). */
  function nearest(query) {
    var q = normalise(query);
    var size = Array.from(q).length;
    if (!meta || size < 2) return "";
    var names = meta.departments.slice();
    (meta.aliases || []).forEach(function (others) { names.push.apply(names, others); });
    meta.docs.forEach(function (row) { if (row) { if (row[5]) names.push(row[5]); names.push(row[1]); } });
    var best = "", bestScore = Math.max(1, Math.floor(size / 3)) + 1;
    names.forEach(function (name) {
      var n = normalise(name);
      var d = n.indexOf(q) >= 0 ? 0 : distance(q, Array.from(n).slice(0, size + 2).join(""));
      var whole = distance(q, n);
      var score = Math.min(whole, d + 0.5);
      if (score < bestScore && n !== q) { best = name; bestScore = score; }
    });
    return best;
  }

  function mount(box) {
    var labels = DEFAULT_LABELS;
    try { labels = Object.assign({}, DEFAULT_LABELS, JSON.parse(box.getAttribute("data-labels") || "{}")); }
    catch (e) { /* keep the defaults */ }
    var input = el("input", "ab-search__input");
    input.type = "search";
    input.placeholder = labels.placeholder;
    input.setAttribute("aria-label", labels.label);
    input.autocomplete = "off";
    var panel = el("div", "ab-search__panel");
    panel.hidden = true;
    var bar = el("div", "ab-search__filters");
    var selects = { department: el("select"), category: el("select"), year: el("select") };
    selects.department.name = "department";
    selects.category.name = "category";
    selects.year.name = "year";
    var close = el("button", "ab-search__close", "×");
    close.type = "button";
    close.title = labels.close;
    bar.appendChild(selects.department);
    bar.appendChild(selects.category);
    bar.appendChild(selects.year);
    bar.appendChild(close);
    var status = el("div", "ab-search__status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "ab-search__results");
    var more = el("button", "ab-search__more", labels.more);
    more.type = "button";
    more.hidden = true;
    panel.appendChild(bar);
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(more);
    box.appendChild(input);
    box.appendChild(panel);

    var timer = 0, serial = 0, current = null;
    api.ready.then(function () {
      fill(selects.department, labels.all_departments, meta.departments);
      fill(selects.category, labels.all_categories, meta.categories);
      fill(selects.year, labels.all_years, meta.years);
      box.setAttribute("data-state", "ready");
    }, function () { status.textContent = labels.load_failed; box.setAttribute("data-state", "failed"); });

    function fill(select, all, values) {
      select.appendChild(el("option", "", all)).value = "";
      values.forEach(function (v, i) {
        var opt = el("option", "", String(v));
        opt.value = select.name === "year" ? String(v) : String(i);
        select.appendChild(opt);
      });
    }

    function render(state, append) {
      if (!append) list.textContent = "";
      state.items.forEach(function (item) {
        var row = item.row;
        var li = el("li", "ab-search__result");
        var link = el("a", "ab-search__title", row[1]);
        link.href = ROOT + row[0];
        li.appendChild(link);
        var facts = [meta.departments[row[2]], meta.categories[row[3]], row[4].join("、")];
        if (row[5]) facts.push(row[5]);
        li.appendChild(el("div", "ab-search__meta", facts.filter(Boolean).join(" · ")));
        var p = el("p", "ab-search__snippet");
        p.appendChild(snippet(item.text, state.clauses));
        li.appendChild(p);
        list.appendChild(li);
      });
      status.textContent = state.total === 0 ? labels.no_results
        : fmt(state.upper ? labels.count_upper : labels.count, state.total);
      if (state.total === 0) suggest(input.value.trim());
      more.hidden = state.done;
      box.setAttribute("data-state", "done");
    }

    /* No result: offer the nearest department, school or title, when one is close to what was typed. */
    function suggest(query) {
      var near = nearest(query);
      if (!near) return;
      var line = el("div", "ab-search__suggest", labels.suggest + " ");
      var link = el("button", "ab-search__suggestion", near);
      link.type = "button";
      link.addEventListener("click", function () { input.value = near; run(); });
      line.appendChild(link);
      status.appendChild(line);
    }

    /* Where the panel goes: below the box, inside the window whatever the box's place in the header. */
    function place() {
      var r = input.getBoundingClientRect();
      var width = Math.min(640, window.innerWidth - 16);
      var left = Math.min(Math.max(8, r.left), window.innerWidth - width - 8);
      panel.style.position = "fixed";
      panel.style.transform = "none";
      panel.style.top = Math.round(r.bottom + 4) + "px";
      panel.style.left = Math.round(left) + "px";
      panel.style.width = Math.round(width) + "px";
      panel.style.maxHeight = Math.max(160, Math.round(window.innerHeight - r.bottom - 16)) + "px";
    }
    window.addEventListener("resize", function () { if (!panel.hidden) place(); });

    function run() {
      var query = input.value.trim();
      var mine = ++serial;
      if (!query) { panel.hidden = true; box.setAttribute("data-state", "ready"); return; }
      panel.hidden = false;
      place();
      box.setAttribute("data-state", "searching");
      status.textContent = labels.loading;
      var filters = { department: selects.department.value, category: selects.category.value, year: selects.year.value };
      search(query, filters).then(function (state) {
        if (mine !== serial) return;
        current = state;
        if (state.empty) { list.textContent = ""; status.textContent = labels.need_term; more.hidden = true; box.setAttribute("data-state", "done"); return; }
        render(state, false);
      }, function () {
        if (mine !== serial) return;
        status.textContent = labels.load_failed;
        box.setAttribute("data-state", "failed");
      });
    }
    function schedule() {
      clearTimeout(timer);
      box.setAttribute("data-state", "typing");
      timer = setTimeout(run, 60);
    }

    input.addEventListener("input", schedule);
    input.addEventListener("keyup", function (e) {
      if (e.key === "Escape") { panel.hidden = true; return; }
      if (e.key === "Enter") { var first = list.querySelector("a"); if (first && current) { first.click(); } return; }
      schedule();
    });
    Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", run); });
    close.addEventListener("click", function () { panel.hidden = true; });
    more.addEventListener("click", function () {
      if (!current || !current.more) return;
      var mine = serial;
      current.more().then(function (state) { if (mine === serial) render(state, true); });
    });
  }

  api.ready = new Promise(function (resolve, reject) {
    load("search/docs.js").then(function () { meta ? resolve(meta) : reject(new Error("no index")); }, reject);
  });
  api.search = search;
  api.parseQuery = parseQuery;
  api.ready.catch(function () { /* shown by each box */ });

  function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-ab-search]"), mount); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
