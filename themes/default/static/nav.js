/* Prepbook's navigation tree: the guide's sections as folders, the current one open with its
   questions, the current page marked and scrolled into view, each question marked with the
   reader's study state. A sidebar on wide screens (hidden and shown with the menu button,
   remembered), a drawer below that (focus moved in, kept in, given back; Esc closes).
   The tree is not in the page: nav/tree.js lists the sections and nav/section-N.js each
   section's questions, loaded as plain scripts through PrepbookData (data.js), so it works
   from file:// too. Without this script the page keeps its top-level section links. */
(function () {
  "use strict";

  var Data = window.PrepbookData;
  var nav = document.getElementById("pb-nav");
  var toggle = document.getElementById("pb-nav-toggle");
  if (!Data || !nav || !toggle) { return; }

  var FORMAT = 1;
  var HIDDEN_KEY = "prepbook-nav";
  var html = document.documentElement;
  var root = Data.root();
  var here = nav.getAttribute("data-url") || "";
  var current = nav.hasAttribute("data-section") ? parseInt(nav.getAttribute("data-section"), 10) : -1;
  var wide = window.matchMedia ? window.matchMedia("(min-width: 64rem)") : { matches: true };
  var sections = [];

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* A title as written: `code` spans become <code>, everything else is text. */
  function titleInto(parent, title) {
    String(title).split("`").forEach(function (part, i, all) {
      if (part === "") { return; }
      var code = i % 2 === 1 && i < all.length - 1;
      parent.appendChild(code ? el("code", "", part) : document.createTextNode(part));
    });
  }

  function sectionSrc(i) {
    return root + "nav/section-" + i + ".js";
  }

  function loadQuestions(s) {
    if (s.own === 0) { return Promise.resolve([]); }
    return Data.load("nav", "section-" + s.index, sectionSrc(s.index));
  }

  /* ---- Study state ---- */

  function progress() {
    var study = window.PrepbookStudy;
    return study && study.store ? study.store.all() : {};
  }

  /* Marks each question of the tree with the reader's state, where there is progress. */
  function mark() {
    var cards = progress();
    Array.prototype.forEach.call(nav.querySelectorAll(".nav-question[data-url]"), function (li) {
      var r = cards[li.getAttribute("data-url")];
      var label = li.querySelector(".nav-mark .visually-hidden");
      if (r && r.state) {
        li.setAttribute("data-state", r.state);
        if (label) { label.textContent = " (" + r.state + ")"; }
      } else {
        li.removeAttribute("data-state");
        if (label) { label.textContent = ""; }
      }
    });
  }

  /* ---- Building the tree ---- */

  function questionItem(s, row) {
    var path = row[1];
    var url = path.charAt(0) === "/" ? path.slice(1) : s.folder + path + ".html";
    var li = el("li", "nav-question");
    var a = el("a");
    a.href = root + url;
    titleInto(a, row[0]);
    if (!row[2]) {
      li.setAttribute("data-url", url);
      var m = el("span", "nav-mark");
      m.appendChild(el("span", "visually-hidden", ""));
      a.appendChild(m);
    }
    if (url === here) { a.setAttribute("aria-current", "page"); }
    li.appendChild(a);
    return li;
  }

  /* Fills a section's list: its subsections, then its questions. */
  function fill(list, s, questions) {
    s.children.forEach(function (c) { list.appendChild(sectionItem(c)); });
    (questions || []).forEach(function (row) { list.appendChild(questionItem(s, row)); });
    s.filled = true;
  }

  function sectionItem(s) {
    var li = el("li", "nav-section");
    li.setAttribute("data-section", String(s.index));
    var row = el("div", "nav-row");
    var a = el("a");
    a.href = root + s.url;
    titleInto(a, s.title);
    if (s.url === here) { a.setAttribute("aria-current", "page"); }
    a.appendChild(document.createTextNode(" "));
    a.appendChild(el("span", "count", String(s.total)));
    var hasContent = s.own > 0 || s.children.length > 0;
    if (hasContent) {
      var list = el("ul");
      list.id = "pb-nav-s" + s.index;
      var fold = el("button", "nav-fold");
      fold.type = "button";
      fold.setAttribute("aria-controls", list.id);
      fold.setAttribute("aria-label", s.title.replace(/`/g, ""));
      var open = !!s.open;
      fold.setAttribute("aria-expanded", open ? "true" : "false");
      list.hidden = !open;
      if (open) { fill(list, s, s.questions); }
      fold.addEventListener("click", function () { setOpen(s, fold, list, fold.getAttribute("aria-expanded") !== "true"); });
      row.appendChild(fold);
      row.appendChild(a);
      li.appendChild(row);
      li.appendChild(list);
    } else {
      row.appendChild(el("span", "nav-spacer"));
      row.appendChild(a);
      li.appendChild(row);
    }
    return li;
  }

  function setOpen(s, fold, list, open) {
    fold.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open || s.filled) {
      list.hidden = !open;
      return;
    }
    fold.setAttribute("aria-busy", "true");
    loadQuestions(s).then(function (questions) {
      fill(list, s, questions);
      mark();
    }, function () {
      fill(list, s, []);
      list.appendChild(el("li", "nav-error", window.PrepbookText("nav.load_failed", "Could not load this section's questions.")));
    }).then(function () {
      fold.removeAttribute("aria-busy");
      list.hidden = fold.getAttribute("aria-expanded") !== "true";
    });
  }

  function build(tree) {
    if (!tree || tree.format !== FORMAT || !Array.isArray(tree.sections) || !tree.sections.length) {
      return Promise.reject(new Error("nav/tree.js is not a navigation tree this theme reads"));
    }
    sections = tree.sections.map(function (r, i) {
      return { index: i, title: r[0], url: r[1], parent: r[2], own: r[3], total: r[4], children: [],
        folder: r[1].replace(/index\.html$/, "") };
    });
    sections.forEach(function (s) {
      if (s.parent !== null && sections[s.parent]) { sections[s.parent].children.push(s); }
    });
    // The current section and those above it are open, with their questions.
    var open = [sections[0]];
    for (var s = sections[current]; s; s = s.parent === null ? null : sections[s.parent]) {
      s.open = true;
      open.push(s);
    }
    return Promise.all(open.map(function (s) {
      return loadQuestions(s).then(function (q) { s.questions = q; }, function () { s.questions = []; });
    })).then(function () {
      var list = el("ul", "nav-tree");
      list.id = "pb-nav-tree";
      fill(list, sections[0], sections[0].questions);
      var old = document.getElementById("pb-nav-tree");
      old.parentNode.replaceChild(list, old);
      mark();
      reveal();
    });
  }

  /* Scrolls the sidebar (not the page) so the current page's link is in view. */
  function reveal() {
    var link = nav.querySelector('.nav-tree a[aria-current="page"]');
    if (!link) { return; }
    var top = link.getBoundingClientRect().top - nav.getBoundingClientRect().top + nav.scrollTop;
    if (top < nav.scrollTop || top > nav.scrollTop + nav.clientHeight - 40) {
      nav.scrollTop = Math.max(0, top - nav.clientHeight / 3);
    }
  }

  /* ---- Sidebar (wide) and drawer (narrow) ---- */

  var opener = null;
  var backdrop = el("div", "nav-backdrop");
  document.body.appendChild(backdrop);
  var outside = [".skip-link", ".site-header", "#pb-main", ".site-footer"];

  function drawerOpen() {
    return html.getAttribute("data-drawer") === "open";
  }

  function hidden() {
    return html.getAttribute("data-nav") === "hidden";
  }

  function syncToggle() {
    toggle.setAttribute("aria-expanded", (wide.matches ? !hidden() : drawerOpen()) ? "true" : "false");
  }

  function setInert(on) {
    outside.forEach(function (sel) {
      var e = document.querySelector(sel);
      if (!e) { return; }
      if (on) { e.setAttribute("inert", ""); } else { e.removeAttribute("inert"); }
    });
  }

  function focusables() {
    return Array.prototype.filter.call(nav.querySelectorAll("a[href], button"), function (e) {
      return e.getClientRects().length > 0;
    });
  }

  function openDrawer() {
    opener = document.activeElement;
    html.setAttribute("data-drawer", "open");
    setInert(true);
    syncToggle();
    reveal();
    var first = nav.querySelector('.nav-tree a[aria-current="page"]') || focusables()[0];
    if (first) { first.focus(); }
  }

  function closeDrawer() {
    if (!drawerOpen()) { return; }
    html.removeAttribute("data-drawer");
    setInert(false);
    syncToggle();
    var back = opener && document.contains(opener) ? opener : toggle;
    opener = null;
    back.focus();
  }

  toggle.addEventListener("click", function () {
    if (wide.matches) {
      var hide = !hidden();
      if (hide) { html.setAttribute("data-nav", "hidden"); } else { html.removeAttribute("data-nav"); }
      try { localStorage.setItem(HIDDEN_KEY, hide ? "hidden" : "shown"); } catch (e) { /* storage may be off */ }
      syncToggle();
      if (!hide) { reveal(); }
    } else if (drawerOpen()) {
      closeDrawer();
    } else {
      openDrawer();
    }
  });

  var close = document.getElementById("pb-nav-close");
  if (close) { close.addEventListener("click", closeDrawer); }
  backdrop.addEventListener("click", closeDrawer);

  nav.addEventListener("keydown", function (e) {
    if (!drawerOpen()) { return; }
    if (e.key === "Escape") {
      e.preventDefault();
      closeDrawer();
    } else if (e.key === "Tab") {
      var items = focusables();
      if (!items.length) { return; }
      var first = items[0];
      var last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || !nav.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  // Esc with the focus lost somewhere outside the drawer closes it too.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drawerOpen() && !nav.contains(e.target)) { closeDrawer(); }
  });

  function onWidth() {
    if (wide.matches) { closeDrawer(); }
    syncToggle();
  }
  if (wide.addEventListener) { wide.addEventListener("change", onWidth); }
  syncToggle();

  /* ---- Keeping the marks current ---- */

  window.addEventListener("storage", function (e) {
    if (e.key === null || String(e.key).indexOf("prepbook-progress:") === 0) { mark(); }
  });
  // Grading on this page ("I know this", "Review again", showing the answer) saves progress.
  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest ? e.target.closest("[data-study-grade], #pb-show-answer") : null;
    if (t) { setTimeout(mark, 0); }
  });

  window.PrepbookNav = { close: closeDrawer, isOpen: drawerOpen, refresh: mark };

  Data.load("nav", "tree", nav.getAttribute("data-tree") || root + "nav/tree.js").then(build).catch(function () {
    // The top-level links the page came with stay.
  });
})();
