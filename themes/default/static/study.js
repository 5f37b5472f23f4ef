/* Prepbook study mode on every page: the deck (loaded only when needed), progress counts on the
   home, section and tag pages, state badges in question lists, the "Random question" button,
   and on question pages the hide-answers mode, "Show answer" and "I know this" / "Review again".
   Plain script (no modules), so it runs from file:// as well as over HTTP. */
(function () {
  "use strict";

  var Scheduler = window.PrepbookScheduler;
  var Store = window.PrepbookStore;
  var Data = window.PrepbookData;
  var t = window.PrepbookText;
  if (!Scheduler || !Store || !Data || !t) { return; }

  var html = document.documentElement;
  var root = html.getAttribute("data-root") || "";
  var guide = html.getAttribute("data-guide") || document.title;
  var ANSWERS_KEY = "prepbook-answers";
  var DECK_SRC = "study/deck.js";
  var DECK_FORMAT = 1;
  var GRADE_LABELS = [t("study.again", "Again"), t("study.hard", "Hard"), t("study.good", "Good"), t("study.easy", "Easy")];

  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }
  var store = Store.open(guide, storage);

  function today() {
    return Scheduler.dayOf(new Date());
  }

  function each(selector, fn, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  /* True when a key press belongs to a text field, a list box or an editable element. */
  function isTyping(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function plainKey(e) {
    return !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
  }

  /* ---- The deck ---- */

  function Deck(raw) {
    var prefixes = raw.sections.map(function (s) { return s.url.replace(/index\.html$/, ""); });
    this.sections = raw.sections;
    this.tags = raw.tags;
    this.chunks = raw.chunks;
    this.cards = raw.cards.map(function (row, i) {
      var path = row[0];
      return {
        index: i,
        url: path.charAt(0) === "/" ? path.slice(1) : prefixes[row[1]] + path + ".html",
        section: row[1],
        difficulty: row[2],
        levels: row[3],
        tags: row[4]
      };
    });
    /* Each section's chain up to the root, to tell whether a card is in a section. */
    var sections = raw.sections;
    this.ancestry = sections.map(function (s, i) {
      var chain = {};
      for (var cur = i; cur !== null && cur !== undefined; cur = sections[cur].parent) { chain[cur] = true; }
      return chain;
    });
    this.byUrl = {};
    var self = this;
    this.cards.forEach(function (c) { self.byUrl[c.url] = c; });
  }

  Deck.DIFFICULTIES = ["", "easy", "medium", "hard"];
  Deck.LEVELS = { entry: 1, mid: 2, senior: 4 };

  Deck.prototype.sectionIndex = function (url) {
    for (var i = 0; i < this.sections.length; i++) { if (this.sections[i].url === url) { return i; } }
    return -1;
  };

  Deck.prototype.tagIndex = function (url) {
    for (var i = 0; i < this.tags.length; i++) { if (this.tags[i].url === url) { return i; } }
    return -1;
  };

  /* Cards matching every filter given: section and tag (by page URL), difficulty and level
     (by name). An unknown section or tag matches nothing. */
  Deck.prototype.filter = function (f) {
    var self = this;
    var section = f.section ? this.sectionIndex(f.section) : null;
    var tag = f.tag ? this.tagIndex(f.tag) : null;
    var difficulty = f.difficulty ? Deck.DIFFICULTIES.indexOf(f.difficulty) : null;
    var level = f.level ? (Deck.LEVELS[f.level] || -1) : null;
    return this.cards.filter(function (c) {
      if (section !== null && !self.ancestry[c.section][section]) { return false; }
      if (tag !== null && c.tags.indexOf(tag) < 0) { return false; }
      if (difficulty !== null && c.difficulty !== difficulty) { return false; }
      if (level !== null && (level < 0 || !(c.levels & level))) { return false; }
      return true;
    });
  };

  Deck.prototype.chunkOf = function (index) {
    var lo = 0;
    var hi = this.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid] <= index) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  };

  /* Calls back with (error, { title, prompt, summary, answer }) for card `index`. */
  Deck.prototype.content = function (index, callback) {
    var chunk = this.chunkOf(index);
    var first = this.chunks[chunk];
    Data.load("study-cards", String(chunk), root + "study/cards-" + chunk + ".js", function (err, rows) {
      var row = !err && rows && rows[index - first];
      if (!row) { callback(err || new Error("card " + index + " is missing from its chunk")); return; }
      callback(null, { title: row[0], prompt: row[1], summary: row[2], answer: row[3] });
    });
  };

  var deck = null;
  function loadDeck(callback) {
    if (deck) { Promise.resolve().then(function () { callback(null, deck); }); return; }
    Data.load("study-deck", "", root + DECK_SRC, function (err, raw) {
      if (!err && (!raw || raw.format !== DECK_FORMAT)) { err = new Error("the study data has another format; rebuild the site"); }
      if (err) { callback(err); return; }
      deck = deck || new Deck(raw);
      callback(null, deck);
    });
  }

  /* Card HTML was written for the question's own page: make its links and images work from
     the page showing it, send in-page anchors to the question's page, and drop ids (a page
     must not hold the same id twice). */
  function rebase(container, pageUrl) {
    // The page's language folder sits one folder down in this made-up site: a translation's
    // page reaches the images its language shares with the others (at the site root, a folder
    // above its own root) by climbing out of it.
    var base = "https://prepbook.invalid/l/";
    each("[href], [src]", function (el) {
      ["href", "src"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v === null || /^[a-z][a-z0-9+.-]*:/i.test(v) || v.indexOf("//") === 0) { return; }
        var u;
        try { u = new URL(v, base + pageUrl); } catch (e) { return; }
        if (u.origin !== "https://prepbook.invalid") { return; }
        var path = u.pathname.indexOf("/l/") === 0 ? root + u.pathname.slice(3) : root + "../" + u.pathname.slice(1);
        el.setAttribute(attr, path + u.search + u.hash);
      });
    }, container);
    each("[id]", function (el) { el.removeAttribute("id"); }, container);
    each("a.anchor", function (el) { el.parentNode.removeChild(el); }, container);
  }

  /* "Known · last seen today · due in 6 days (2025-03-10)". */
  function describe(record, day) {
    if (!record || (record.state === "new" && !record.seen)) { return t("question.not_studied", "Not studied yet."); }
    var parts = [record.state === "known" ? t("question.known", "Known") : record.state === "learning" ? t("question.learning", "Learning") : t("question.not_graded", "Not graded yet")];
    if (record.seen) {
      var ago = Scheduler.daysBetween(Scheduler.dayOf(new Date(record.seen)), day);
      parts.push(ago <= 0 ? t("question.last_seen_today", "last seen today") : ago === 1 ? t("question.last_seen_yesterday", "last seen yesterday") : t("question.last_seen_days", "last seen {n} days ago", { n: ago }));
    }
    var due = Scheduler.dueDay(record);
    if (due) {
      var until = Scheduler.daysBetween(day, due);
      var when = until === 0 ? t("question.due_today", "due today") : until === 1 ? t("question.due_tomorrow", "due tomorrow") : until < 0 ? t("question.overdue", "overdue since {day}", { day: due }) : t("question.due_in", "due in {n} days", { n: until });
      parts.push(when + (until > 0 ? " (" + due + ")" : ""));
    }
    return parts.join(" \u00b7 ") + ".";
  }

  /* ---- Progress on home, section, tag and study pages ---- */

  function showProgress(el, s) {
    var known = document.createElement("span");
    known.className = "progress-text";
    var strong = document.createElement("strong");
    strong.textContent = String(s.known);
    known.appendChild(strong);
    known.appendChild(document.createTextNode(" " + t("study.known_of", "of {total} known", { total: s.total })));
    var extra = [];
    if (el.hasAttribute("data-study-detail")) {
      if (s.learning) { extra.push(t("study.n_learning", "{n} learning", { n: s.learning })); }
      if (s.due) { extra.push(t("study.n_due_today", "{n} due today", { n: s.due })); }
    }
    if (extra.length) { known.appendChild(document.createTextNode(" \u00b7 " + extra.join(" \u00b7 "))); }
    var bar = document.createElement("span");
    bar.className = "progress-meter";
    bar.setAttribute("aria-hidden", "true");
    var fill = document.createElement("span");
    fill.style.width = (s.total ? Math.round(100 * s.known / s.total) : 0) + "%";
    bar.appendChild(fill);
    el.textContent = "";
    el.appendChild(known);
    el.appendChild(bar);
    /* Small per-section lines stay out of the way until something there was studied. */
    el.hidden = el.hasAttribute("data-study-quiet") && s.known + s.learning === 0;
  }

  function refreshProgress() {
    var els = document.querySelectorAll("[data-study-scope]");
    if (!els.length) { return; }
    var cards = store.all();
    var day = today();
    if (!Object.keys(cards).length) {
      Array.prototype.forEach.call(els, function (el) {
        var total = parseInt(el.getAttribute("data-total"), 10) || 0;
        showProgress(el, { total: total, known: 0, learning: 0, "new": total, due: 0 });
      });
      return;
    }
    loadDeck(function (err, d) {
      if (err) { return; }
      Array.prototype.forEach.call(els, function (el) {
        var scope = el.getAttribute("data-study-scope");
        var url = el.getAttribute("data-scope-url");
        var list = scope === "section" ? d.filter({ section: url }) : scope === "tag" ? d.filter({ tag: url }) : d.cards;
        showProgress(el, store.summarize(list.map(function (c) { return c.url; }), day, cards));
      });
    });
  }

  function refreshBadges() {
    var cards = store.all();
    each(".question-card[data-url]", function (li) {
      var r = cards[li.getAttribute("data-url")];
      var badge = li.querySelector(".study-state");
      var state = r && r.state !== "new" ? r.state : "";
      if (!state) {
        if (badge) { badge.parentNode.removeChild(badge); }
        return;
      }
      if (!badge) {
        badge = document.createElement("span");
        var head = li.querySelector(".card-head") || li;
        head.appendChild(document.createTextNode(" "));
        head.appendChild(badge);
      }
      badge.className = "badge study-state study-" + state;
      badge.textContent = state === "known" ? t("question.known", "Known") : t("question.learning", "Learning");
    });
  }

  /* ---- Random question ---- */

  function randomQuestion(button) {
    var here = (document.querySelector("article.question[data-url]") || html).getAttribute("data-url");
    loadDeck(function (err, d) {
      if (err || !d.cards.length) {
        button.disabled = true;
        button.textContent = t("question.no_random", "No questions to pick from");
        return;
      }
      var pool = d.cards.filter(function (c) { return c.url !== here; });
      if (!pool.length) { pool = d.cards; }
      var pick = pool[Math.floor(Math.random() * pool.length)];
      window.location.href = root + pick.url;
    });
  }

  each("[data-random-question]", function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { randomQuestion(button); });
  });

  /* ---- Question pages ---- */

  function answersHidden() {
    return html.getAttribute("data-answers") === "hidden";
  }

  function setAnswersHidden(hidden) {
    if (hidden) { html.setAttribute("data-answers", "hidden"); } else { html.removeAttribute("data-answers"); }
    try { storage.setItem(ANSWERS_KEY, hidden ? "hidden" : "shown"); } catch (e) { /* storage may be off */ }
  }

  function questionPage(article) {
    var url = article.getAttribute("data-url");
    var tools = document.getElementById("pb-study-tools");
    var answer = document.getElementById("pb-answer");
    var show = document.getElementById("pb-show-answer");
    var mode = document.getElementById("pb-hide-answers");
    var status = document.getElementById("pb-study-status");
    if (!tools || !answer || !show || !mode || !status) { return; }
    tools.hidden = false;

    function sync() {
      var hiddenMode = answersHidden();
      var revealed = answer.hasAttribute("data-revealed");
      mode.setAttribute("aria-pressed", hiddenMode ? "true" : "false");
      show.setAttribute("aria-expanded", !hiddenMode || revealed ? "true" : "false");
      show.firstChild.nodeValue = (revealed ? t("question.hide_answer", "Hide answer") : t("question.show_answer", "Show answer")) + " ";
    }

    function toggleAnswer() {
      if (!answersHidden()) { return; }
      if (answer.hasAttribute("data-revealed")) {
        answer.removeAttribute("data-revealed");
      } else {
        answer.setAttribute("data-revealed", "");
        store.markSeen(url, new Date());
        showStatus("");
      }
      sync();
    }

    function showStatus(prefix) {
      var text = describe(store.get(url), today());
      status.textContent = (prefix ? prefix + " " : "") + (store.error || text);
    }

    mode.addEventListener("click", function () {
      setAnswersHidden(!answersHidden());
      answer.removeAttribute("data-revealed");
      sync();
    });
    show.addEventListener("click", toggleAnswer);
    document.addEventListener("keydown", function (e) {
      if ((e.key === "a" || e.key === "A") && plainKey(e) && answersHidden()) {
        e.preventDefault();
        toggleAnswer();
        show.focus();
      }
    });
    each("[data-study-grade]", function (button) {
      button.addEventListener("click", function () {
        var grade = parseInt(button.getAttribute("data-study-grade"), 10);
        var r = store.grade(url, grade, new Date());
        showStatus(r ? (grade === 4 ? t("question.marked_known", "Marked as known.") : t("question.marked_review", "Marked for review.")) : "");
      });
    }, tools);
    sync();
    showStatus("");
    return function () { showStatus(""); };
  }

  var article = document.querySelector("article.question[data-kind='question'][data-url]");
  var refreshStatus = article ? questionPage(article) : null;

  refreshBadges();
  refreshProgress();

  /* Progress saved elsewhere (another tab, or the page just left, whose last write can reach
     this page a moment after it loads): keep what this page shows current. */
  window.addEventListener("storage", function (e) {
    if (e.key === store.key || e.key === null) {
      refreshBadges();
      refreshProgress();
      if (refreshStatus) { refreshStatus(); }
    }
  });

  window.PrepbookStudy = {
    root: root,
    guide: guide,
    store: store,
    today: today,
    loadDeck: loadDeck,
    rebase: rebase,
    describe: describe,
    isTyping: isTyping,
    plainKey: plainKey,
    refreshProgress: refreshProgress,
    GRADE_LABELS: GRADE_LABELS,
    Deck: Deck
  };
})();
