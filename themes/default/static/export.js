/* The offline export (prepbook export): one HTML file that holds everything. Question bodies
   and the search index sit in the page gzip-compressed and base64-encoded; this script inflates
   them with DecompressionStream, which needs no network and works from file://.
   Small guides render every question at once (find-in-page and printing see it all); big ones
   render chunks as they come near the screen, or when a link leads into them. */
(function () {
  "use strict";
  var html = document.documentElement;
  if (html.getAttribute("data-export") !== "true") { return; }

  function inflate(b64) {
    var bin = atob(b64.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  /* ---------------------------------------------------------------- bodies */

  var chunkScripts = {};
  Array.prototype.forEach.call(document.querySelectorAll("script.pb-chunk"), function (s) {
    chunkScripts[s.getAttribute("data-chunk")] = s;
  });
  var rendered = {};

  /** Fills every question of chunk `n` (once); resolves when done. */
  function renderChunk(n) {
    if (rendered[n]) { return rendered[n]; }
    var script = chunkScripts[n];
    if (!script) { return Promise.resolve(); }
    rendered[n] = inflate(script.textContent).then(function (text) {
      var bodies = JSON.parse(text);
      var articles = document.querySelectorAll('article.export-question[data-chunk="' + n + '"]');
      Array.prototype.forEach.call(articles, function (article) {
        var parts = bodies[Number(article.getAttribute("data-index")) - n * chunkSize];
        if (!parts) { return; }
        Array.prototype.forEach.call(article.querySelectorAll("[data-part]"), function (el) {
          // The guide's own HTML, rendered by prepbook at export time.
          el.innerHTML = parts[Number(el.getAttribute("data-part"))] || "";
        });
        article.setAttribute("data-rendered", "true");
      });
      document.dispatchEvent(new CustomEvent("prepbook:rendered", { detail: { chunk: n } }));
    });
    return rendered[n];
  }

  var chunkSize = Number(html.getAttribute("data-chunk-size")) || 1;

  function renderAll() {
    return Promise.all(Object.keys(chunkScripts).map(renderChunk));
  }

  /** Renders the chunk holding the element with `id`, then shows it. */
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var article = target.closest ? target.closest("article.export-question") : null;
    var done = article ? renderChunk(article.getAttribute("data-chunk")) : Promise.resolve();
    done.then(function () {
      var again = document.getElementById(id);
      if (again) { again.scrollIntoView(); }
    });
  }

  if (html.getAttribute("data-eager") === "true") {
    renderAll().then(function () {
      html.setAttribute("data-ready", "true");
      if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
    });
  } else {
    if ("IntersectionObserver" in window) {
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { renderChunk(e.target.getAttribute("data-chunk")); }
        });
      }, { rootMargin: "1500px 0px" });
      Array.prototype.forEach.call(document.querySelectorAll("article.export-question"), function (a) { io.observe(a); });
    }
    html.setAttribute("data-ready", "true");
    if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
  }

  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  window.addEventListener("beforeprint", function () { renderAll(); });

  /* ---------------------------------------------------------------- question-only view */

  if (/(^|[?&])print=questions(&|$)/.test(location.search)) { html.classList.add("questions-only"); }

  /* ---------------------------------------------------------------- search: data from the page */

  var bundle = null;
  function searchData() {
    if (!bundle) {
      var el = document.getElementById("pb-search-bundle");
      bundle = el ? inflate(el.textContent).then(function (text) {
        var all = JSON.parse(text);
        Object.keys(all).forEach(function (name) { PrepbookData.register("search", name, all[name]); });
      }) : Promise.reject(new Error("this export has no search index"));
    }
    return bundle;
  }
  PrepbookData.source = function (kind, name) {
    return kind === "search" ? searchData().then(function () { return PrepbookData.get(kind, name); }) : null;
  };
  PrepbookData.hrefFor = function (doc) { return "#q-" + doc.id; };
  PrepbookData.searchPage = false;

  /* ---------------------------------------------------------------- filters */

  var filters = document.getElementById("pb-filters");
  var status = document.getElementById("pb-filter-status");
  function applyFilters() {
    var picked = function (name) {
      return Array.prototype.filter.call(filters.querySelectorAll('input[name="' + name + '"]'), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    };
    var difficulties = picked("difficulty");
    var levels = picked("level");
    var tag = document.getElementById("pb-filter-tag").value;
    var shown = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll("article.export-question"), function (a) {
      total++;
      var ok = (!difficulties.length || difficulties.indexOf(a.getAttribute("data-difficulty")) >= 0) &&
        (!levels.length || levels.some(function (l) { return a.getAttribute("data-levels").split(" ").indexOf(l) >= 0; })) &&
        (!tag || a.getAttribute("data-tags").split(" ").indexOf(tag) >= 0);
      a.hidden = !ok;
      var toc = document.querySelector('.toc-question[data-q="' + a.id + '"]');
      if (toc) { toc.hidden = !ok; }
      if (ok) { shown++; }
    });
    var any = difficulties.length || levels.length || tag;
    status.textContent = any ? "Showing " + shown + " of " + total + " pages." : "";
  }
  if (filters) {
    filters.addEventListener("change", applyFilters);
  }
})();
