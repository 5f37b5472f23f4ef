/* The offline export (prepbook export): one HTML file that holds everything. The questions and
   the search index sit in the page gzip-compressed and base64-encoded; this script inflates them
   with DecompressionStream, which needs no network and works from file://.

   The page's markup holds only the sections, and a compact index of the questions (#pb-index)
   for the contents and the filters. Questions become elements chunk by chunk: all at once in a
   small guide (so find-in-page and printing see everything), or, in a big one, when a chunk
   comes near the screen or a link leads into it. */
(function () {
  "use strict";
  var html = document.documentElement;
  if (html.getAttribute("data-export") !== "true") { return; }

  var index = JSON.parse(document.getElementById("pb-index").textContent);
  var questionsOnly = html.classList.contains("questions-only");

  /** The text that `b64` holds gzipped (data.js inflates it). */
  function inflate(b64) {
    return PrepbookData.inflate(b64.trim()).then(function (bytes) { return new TextDecoder().decode(bytes); });
  }

  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    return e;
  }

  /* ---------------------------------------------------------------- filters */

  var filters = document.getElementById("pb-filters");
  var LEVELS = { entry: 1, mid: 2, senior: 4 };
  var DIFFICULTIES = { easy: 1, medium: 2, hard: 3 };
  var current = { difficulty: [], level: 0, tag: -1 };

  function readFilters() {
    var picked = function (name) {
      return Array.prototype.filter.call(filters.querySelectorAll('input[name="' + name + '"]'), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    };
    current.difficulty = picked("difficulty").map(function (d) { return DIFFICULTIES[d]; });
    current.level = picked("level").reduce(function (a, l) { return a | LEVELS[l]; }, 0);
    var tag = document.getElementById("pb-filter-tag").value;
    current.tag = -1;
    index.tags.forEach(function (t, i) { if (t[0] === tag) { current.tag = i; } });
  }

  /** Does question `i` pass the filters? */
  function passes(i) {
    var q = index.q[i];
    return (!current.difficulty.length || current.difficulty.indexOf(q[3]) >= 0) &&
      (!current.level || (q[4] & current.level)) &&
      (current.tag < 0 || q[5].indexOf(current.tag) >= 0);
  }

  /* ---------------------------------------------------------------- questions */

  var chunkScripts = {};
  Array.prototype.forEach.call(document.querySelectorAll("script.pb-chunk"), function (s) {
    chunkScripts[s.getAttribute("data-chunk")] = s;
  });
  var built = {};

  function build(q) {
    var i = q[0];
    var meta = index.q[i];
    var article = el("article", "question export-question");
    article.id = "q-" + i;
    article.setAttribute("data-index", i);
    article.setAttribute("data-difficulty", ["", "easy", "medium", "hard"][meta[3]]);
    article.setAttribute("data-levels", Object.keys(LEVELS).filter(function (l) { return meta[4] & LEVELS[l]; }).join(" "));
    article.setAttribute("data-tags", meta[5].map(function (t) { return index.tags[t][0]; }).join(" "));
    article.hidden = !passes(i);
    // A page not translated yet, in a translated export: the language it is written in.
    if (q[7]) { article.setAttribute("lang", q[7]); }
    // Everything below is the guide's own HTML, rendered by prepbook when the file was made.
    var h = el("h3", "question-title");
    h.innerHTML = q[1];
    article.appendChild(h);
    var metaLine = el("div");
    metaLine.innerHTML = q[2];
    article.appendChild(metaLine);
    var prompt = el("div", "prose question-prompt");
    prompt.innerHTML = q[3];
    article.appendChild(prompt);
    if (!q[6] && !questionsOnly) {
      var answer = el("div", "question-answer");
      answer.innerHTML = q[4];
      var body = el("div", "prose");
      body.innerHTML = q[5];
      answer.appendChild(body);
      article.appendChild(answer);
    }
    return article;
  }

  /** Builds the questions of chunk `n` in place of its placeholder (once). */
  function buildChunk(n) {
    n = String(n);
    if (built[n]) { return built[n]; }
    var script = chunkScripts[n];
    var holder = document.querySelector('.export-chunk[data-chunk="' + n + '"]');
    if (!script || !holder) { return Promise.resolve(); }
    built[n] = inflate(script.textContent).then(function (text) {
      var fragment = document.createDocumentFragment();
      JSON.parse(text).forEach(function (q) { fragment.appendChild(build(q)); });
      holder.textContent = "";
      holder.appendChild(fragment);
      holder.style.minHeight = "";
      holder.setAttribute("data-built", "true");
      window.PrepbookCopyButtons && window.PrepbookCopyButtons(holder);
      document.dispatchEvent(new CustomEvent("prepbook:built", { detail: { chunk: n } }));
    });
    return built[n];
  }

  function buildAll() {
    return Promise.all(Object.keys(chunkScripts).map(buildChunk));
  }

  /** Builds what holds the element `id` (a question, or a heading inside one), then shows it. */
  function reveal(id) {
    if (!id) { return; }
    var m = /^q-(\d+)/.exec(id);
    var ready = m && index.q[Number(m[1])] ? buildChunk(index.q[Number(m[1])][2]) : Promise.resolve();
    ready.then(function () {
      var target = document.getElementById(id);
      if (target) { target.scrollIntoView(); }
    });
  }

  /* ---------------------------------------------------------------- contents */

  var tocLists = document.querySelectorAll("ol.toc-questions");
  var bySection = {};
  index.q.forEach(function (q, i) { (bySection[q[1]] = bySection[q[1]] || []).push(i); });

  function fillToc(list) {
    if (list.getAttribute("data-filled")) { return; }
    list.setAttribute("data-filled", "true");
    (bySection[list.getAttribute("data-section")] || []).forEach(function (i) {
      var li = el("li", "toc-question");
      li.setAttribute("data-q", "q-" + i);
      li.hidden = !passes(i);
      var a = el("a");
      a.href = "#q-" + i;
      a.innerHTML = index.q[i][0];
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  /* ---------------------------------------------------------------- start */

  var eager = html.getAttribute("data-eager") === "true";
  if (eager) {
    Array.prototype.forEach.call(tocLists, fillToc);
    buildAll().then(function () {
      html.setAttribute("data-ready", "true");
      if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
    });
  } else {
    if ("IntersectionObserver" in window) {
      var chunks = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) { if (e.isIntersecting) { buildChunk(e.target.getAttribute("data-chunk")); } });
      }, { rootMargin: "2000px 0px" });
      Array.prototype.forEach.call(document.querySelectorAll(".export-chunk"), function (c) { chunks.observe(c); });
      var lists = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) { if (e.isIntersecting) { fillToc(e.target); } });
      }, { rootMargin: "1500px 0px" });
      Array.prototype.forEach.call(tocLists, function (l) { lists.observe(l); });
    } else {
      Array.prototype.forEach.call(tocLists, fillToc);
      buildAll();
    }
    html.setAttribute("data-ready", "true");
    if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
  }

  /* The study view (#study) takes the place of the guide while it is open. */
  function studyView() {
    var open = location.hash === "#study" && document.getElementById("study");
    html.classList.toggle("show-study", !!open);
    if (open) { document.getElementById("study").focus(); }
    return open;
  }
  studyView();
  window.addEventListener("hashchange", function () {
    if (!studyView()) { reveal(decodeURIComponent(location.hash.slice(1))); }
  });
  window.addEventListener("beforeprint", function () { buildAll(); });

  /* ---------------------------------------------------------------- question-only view */

  if (/(^|[?&])print=questions(&|$)/.test(location.search)) { html.classList.add("questions-only"); }

  /* ---------------------------------------------------------------- data from the page */

  var blocks = {};
  Array.prototype.forEach.call(document.querySelectorAll("script.pb-data"), function (s) {
    blocks[s.getAttribute("data-name")] = s;
  });
  var inflated = {};
  /** Inflates and registers the data that the site keeps in a file (search, study deck, cards). */
  function pageData(kind, key) {
    var name = kind + ":" + key;
    if (!inflated[name]) {
      var node = blocks[name];
      if (node && kind === "python" && key !== "runtime") {
        // The Python runtime's files stay gzipped in base64: python.js inflates them to bytes.
        PrepbookData.register(kind, key, node.textContent.trim());
        inflated[name] = Promise.resolve(PrepbookData.get(kind, key));
        return inflated[name];
      }
      inflated[name] = node ? inflate(node.textContent).then(function (text) {
        PrepbookData.register(kind, key, JSON.parse(text));
        return PrepbookData.get(kind, key);
      }) : Promise.reject(new Error("this export holds no " + kind + " data " + key));
    }
    return inflated[name];
  }
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|CAPTION|DD|DETAILS|DIV|DL|DT|FIGCAPTION|FIGURE|FOOTER|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|SECTION|SUMMARY|TABLE|TBODY|THEAD|TFOOT|TR|UL)$/;
  /** The text of rendered question HTML, spaced as the build spaces the site's snippet text
      (src/markdown/text.rs): text joined as written, each block on a line of its own, table
      cells set off by tabs; code blocks, heading anchors and alert titles left out. */
  function blockText(roots) {
    var out = "", gap = 0; // what comes before the next text: 0 nothing, 1 a space, 2 a tab, 3 a line
    function separate(g) { if (g > gap) { gap = g; } }
    function text(t) {
      t.split(/(\s+)/).forEach(function (piece) {
        if (!piece) { return; }
        if (/^\s/.test(piece)) { separate(1); return; }
        if (out) { out += ["", " ", "\t", "\n"][gap]; }
        gap = 0;
        out += piece;
      });
    }
    function walk(node) {
      if (node.nodeType === 3) { text(node.nodeValue); return; }
      if (node.nodeType !== 1) { return; }
      var tag = node.tagName;
      // An exercise's folded tests and solution are code, which the build's text leaves out,
      // labels and all.
      if (tag === "PRE" || tag === "SCRIPT" || tag === "STYLE" || tag === "BUTTON" ||
        /(^|\s)(anchor|code-block|alert-title|exercise-tests|exercise-solution)(\s|$)/.test(node.className)) { return; }
      var cell = tag === "TD" || tag === "TH", block = BLOCK.test(tag);
      if (cell) { separate(2); } else if (block) { separate(3); } else if (tag === "BR") { separate(1); }
      Array.prototype.forEach.call(node.childNodes, walk);
      if (block) { separate(3); }
    }
    Array.prototype.forEach.call(roots, function (r) { separate(3); walk(r); });
    return out;
  }
  /** A question's text for its search snippet, read from the question itself when it is built
      (building a chunk only for a snippet would hold the results back); until then the result
      shows its summary. */
  function fragment(i) {
    var article = document.getElementById("q-" + i);
    var parts = article ? article.querySelectorAll(".question-prompt, .question-answer .prose") : [];
    return Promise.resolve(blockText(parts));
  }
  PrepbookData.source = pageData;
  PrepbookData.textFor = fragment;
  PrepbookData.hrefFor = function (doc) { return "#q-" + doc.id; };
  PrepbookData.searchPage = false;

  /* ---------------------------------------------------------------- filter events */

  var status = document.getElementById("pb-filter-status");
  function applyFilters() {
    readFilters();
    var shown = 0;
    index.q.forEach(function (q, i) { if (passes(i)) { shown++; } });
    Array.prototype.forEach.call(document.querySelectorAll("article.export-question"), function (a) {
      a.hidden = !passes(Number(a.getAttribute("data-index")));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".toc-question"), function (li) {
      li.hidden = !passes(Number(li.getAttribute("data-q").slice(2)));
    });
    var any = current.difficulty.length || current.level || current.tag >= 0;
    status.textContent = any ? window.PrepbookText("export.showing", "Showing {shown} of {total} pages.", { shown: shown, total: index.q.length }) : "";
  }
  if (filters) { filters.addEventListener("change", applyFilters); }
})();
