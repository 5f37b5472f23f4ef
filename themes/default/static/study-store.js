/* Prepbook study mode: the reader's progress, kept in localStorage under one key per guide
   ("prepbook-progress:" + the guide's title), so two guides never mix. A question is known by
   its URL. Also export to JSON and a strict import that changes nothing unless the whole file
   is valid. Solved exercises (python-ui.js) ride in the same record, under "exercises": one
   entry per question URL, { solved: when first solved, title: the question's title }; files
   without them (older ones) read and import as before. Runs in the browser (window.PrepbookStore) and in node's tests (module.exports). */
(function () {
  "use strict";

  var inNode = typeof module === "object" && module.exports;
  var Scheduler = inNode ? require("./study-scheduler.js") : window.PrepbookScheduler;

  var FORMAT = "prepbook-progress";
  var VERSION = 1;
  /* Grades kept per question: enough to see a trend, small enough for 10,000 questions. */
  var HISTORY = 20;
  var STATES = ["new", "learning", "known"];
  /* The longest question title kept with a solved exercise. */
  var TITLE = 300;

  function storageKey(guide) {
    return "prepbook-progress:" + guide;
  }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function isTime(v) {
    return typeof v === "string" && v.length <= 40 && !isNaN(Date.parse(v));
  }

  function isCount(v, max) {
    return typeof v === "number" && Math.floor(v) === v && v >= 0 && v <= max;
  }

  /* A question's URL as the site writes them: relative, ending in .html, never climbing out. */
  function isQuestionUrl(url) {
    return typeof url === "string" && url.length > 0 && url.length <= 1000 && /\.html$/.test(url) &&
      url.charAt(0) !== "/" && url.split("/").indexOf("..") < 0 && !/^[a-z][a-z0-9+.-]*:/i.test(url);
  }

  /* Why `e` is not a valid solved exercise, or "" when it is. */
  function exerciseProblem(e) {
    if (!isObject(e) || !isTime(e.solved)) { return "it needs the time it was solved (solved)"; }
    if (e.title !== undefined && (typeof e.title !== "string" || e.title.length > TITLE)) {
      return "its title must be text of at most " + TITLE + " characters";
    }
    return "";
  }

  function cleanExercise(e) {
    return e.title ? { solved: e.solved, title: e.title } : { solved: e.solved };
  }

  /* Why `r` is not a valid progress record, or "" when it is. */
  function problemWith(r) {
    if (!isObject(r)) { return "its progress is not an object"; }
    if (STATES.indexOf(r.state) < 0) { return "state must be new, learning or known"; }
    if (r.seen !== null && r.seen !== undefined && !isTime(r.seen)) { return "seen is not a date and time"; }
    if (r.due !== null && r.due !== undefined && !Scheduler.isDay(r.due)) { return "due is not a YYYY-MM-DD day"; }
    if (typeof r.ease !== "number" || !isFinite(r.ease) || r.ease < Scheduler.MIN_EASE || r.ease > 10) {
      return "ease must be a number from " + Scheduler.MIN_EASE + " to 10";
    }
    if (!isCount(r.interval, 36500)) { return "interval must be a whole number of days"; }
    if (!isCount(r.reps, 1e6) || !isCount(r.lapses, 1e6)) { return "reps and lapses must be whole numbers"; }
    if (!Array.isArray(r.history) || r.history.length > 1000) { return "history must be a list"; }
    for (var i = 0; i < r.history.length; i++) {
      var h = r.history[i];
      if (!isObject(h) || !isTime(h.at) || Scheduler.GRADES.indexOf(h.grade) < 0) {
        return "history entry " + (i + 1) + " needs a time (at) and a grade (again, hard, good or easy)";
      }
    }
    return "";
  }

  /* Only the fields Prepbook knows, so nothing else rides along into storage. */
  function clean(r) {
    return {
      state: r.state,
      seen: r.seen || null,
      due: r.due || null,
      ease: r.ease,
      interval: r.interval,
      reps: r.reps,
      lapses: r.lapses,
      history: r.history.slice(-HISTORY).map(function (h) { return { at: h.at, grade: h.grade }; })
    };
  }

  function newer(a, b) {
    return Date.parse(a.seen || 0) > Date.parse(b.seen || 0);
  }

  /* The progress of one guide in one storage (localStorage, or any object with getItem and
     setItem). Every change reads storage again first, so two open tabs do not undo each other. */
  function Store(guide, storage) {
    this.guide = guide;
    this.key = storageKey(guide);
    this.storage = storage;
    /* The last write's failure (storage full or turned off), shown to the reader. */
    this.error = "";
  }

  /* The stored record, or null when there is none or it cannot be read. */
  Store.prototype.read = function () {
    var raw = null;
    try { raw = this.storage && this.storage.getItem(this.key); } catch (e) { raw = null; }
    if (!raw) { return null; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (!isObject(data) || data.format !== FORMAT || !isObject(data.cards)) {
      this.keepUnreadable(raw);
      return null;
    }
    return data;
  };

  Store.prototype.all = function () {
    var data = this.read();
    var cards = {};
    if (!data) { return cards; }
    Object.keys(data.cards).forEach(function (url) {
      if (isQuestionUrl(url) && !problemWith(data.cards[url])) { cards[url] = data.cards[url]; }
    });
    return cards;
  };

  /* The solved exercises: { url: { solved, title } }. */
  Store.prototype.exercises = function () {
    var data = this.read();
    var solved = {};
    if (!data || !isObject(data.exercises)) { return solved; }
    Object.keys(data.exercises).forEach(function (url) {
      if (isQuestionUrl(url) && !exerciseProblem(data.exercises[url])) { solved[url] = data.exercises[url]; }
    });
    return solved;
  };

  /* When the exercise of question `url` was first solved (an ISO time), or null. */
  Store.prototype.solvedOn = function (url) {
    var e = this.exercises()[url];
    return e ? e.solved : null;
  };

  /* Notes that the reader solved the exercise of question `url` (titled `title`) at `now`;
     the first time is kept. Returns false when it could not be saved. */
  Store.prototype.solveExercise = function (url, now, title) {
    if (!isQuestionUrl(url)) { return false; }
    var solved = this.exercises();
    if (solved[url]) { return true; }
    solved[url] = cleanExercise({ solved: now.toISOString(), title: String(title || "").slice(0, TITLE) });
    return this.save(this.all(), solved);
  };

  /* Stored data this version cannot read is kept aside once instead of being overwritten. */
  Store.prototype.keepUnreadable = function (raw) {
    try {
      if (!this.storage.getItem(this.key + ":unreadable")) { this.storage.setItem(this.key + ":unreadable", raw); }
    } catch (e) { /* nothing more can be done */ }
  };

  /* Writes `cards` and `exercises` (by default, the stored ones). */
  Store.prototype.save = function (cards, exercises) {
    var record = { format: FORMAT, version: VERSION, guide: this.guide, cards: cards };
    exercises = exercises || this.exercises();
    if (Object.keys(exercises).length) { record.exercises = exercises; }
    var text = JSON.stringify(record);
    try {
      this.storage.setItem(this.key, text);
      this.error = "";
      return true;
    } catch (e) {
      this.error = "Your progress could not be saved: this browser's storage is full or turned off.";
      return false;
    }
  };

  Store.prototype.get = function (url) {
    return this.all()[url] || null;
  };

  /* Grades a question at time `now` (a Date); returns its new record, or null if not saved. */
  Store.prototype.grade = function (url, grade, now) {
    var cards = this.all();
    var before = cards[url] || null;
    var next = Scheduler.review(before, grade, Scheduler.dayOf(now));
    next.seen = now.toISOString();
    next.history = (before ? before.history : []).concat([{ at: next.seen, grade: Scheduler.GRADES[grade - 1] }]).slice(-HISTORY);
    cards[url] = next;
    return this.save(cards) ? next : null;
  };

  /* Puts a record back as it was (null: as if never studied), to undo a grade. */
  Store.prototype.restore = function (url, record) {
    var cards = this.all();
    if (record) { cards[url] = record; } else { delete cards[url]; }
    return this.save(cards);
  };

  /* Notes that the reader looked at a question's answer, without grading it. */
  Store.prototype.markSeen = function (url, now) {
    var cards = this.all();
    var r = cards[url] || Scheduler.fresh();
    r.seen = now.toISOString();
    r.history = r.history || [];
    cards[url] = r;
    return this.save(cards);
  };

  Store.prototype.reset = function () {
    try {
      this.storage.removeItem(this.key);
      return true;
    } catch (e) {
      return false;
    }
  };

  /* State of `url`: "new" when never graded. */
  Store.prototype.stateOf = function (cards, url) {
    var r = cards[url];
    return r ? r.state : "new";
  };

  /* Counts over `urls`: total, known, learning, new, due (on calendar day `today`). */
  Store.prototype.summarize = function (urls, today, cards) {
    cards = cards || this.all();
    var s = { total: urls.length, known: 0, learning: 0, "new": 0, due: 0 };
    urls.forEach(function (url) {
      var r = cards[url];
      s[r ? r.state : "new"] += 1;
      if (Scheduler.isDue(r, today)) { s.due += 1; }
    });
    return s;
  };

  Store.prototype.exportData = function (now) {
    return {
      format: FORMAT, version: VERSION, guide: this.guide, exported: now.toISOString(), cards: this.all(),
      exercises: this.exercises()
    };
  };

  Store.prototype.exportJson = function (now) {
    return JSON.stringify(this.exportData(now), null, 1) + "\n";
  };

  /* Checks a whole export file; returns { cards } or { error } (a sentence for the reader). */
  Store.prototype.check = function (text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { error: "This file is not JSON, so it cannot be a Prepbook progress file." };
    }
    if (!isObject(data) || data.format !== FORMAT) {
      return { error: "This JSON file is not a Prepbook progress file (it has no \"format\": \"" + FORMAT + "\")." };
    }
    if (data.version !== VERSION) {
      return { error: "This progress file has format version " + JSON.stringify(data.version) + "; this site reads version " + VERSION + "." };
    }
    if (data.guide !== this.guide) {
      return { error: "This file holds progress for \u201c" + String(data.guide) + "\u201d, not for \u201c" + this.guide + "\u201d." };
    }
    if (!isObject(data.cards)) {
      return { error: "This progress file has no list of questions (\"cards\")." };
    }
    var urls = Object.keys(data.cards);
    for (var i = 0; i < urls.length; i++) {
      if (!isQuestionUrl(urls[i])) {
        return { error: "\u201c" + urls[i].slice(0, 80) + "\u201d is not the address of a question of a guide." };
      }
      var problem = problemWith(data.cards[urls[i]]);
      if (problem) { return { error: "The progress of " + urls[i] + " is damaged: " + problem + "." }; }
    }
    var cards = {};
    urls.forEach(function (url) { cards[url] = clean(data.cards[url]); });
    var exercises = {};
    if (data.exercises !== undefined) {
      if (!isObject(data.exercises)) { return { error: "This progress file's solved exercises (\"exercises\") are not a list by question." }; }
      var solvedUrls = Object.keys(data.exercises);
      for (var j = 0; j < solvedUrls.length; j++) {
        if (!isQuestionUrl(solvedUrls[j])) {
          return { error: "\u201c" + solvedUrls[j].slice(0, 80) + "\u201d is not the address of a question of a guide." };
        }
        var wrong = exerciseProblem(data.exercises[solvedUrls[j]]);
        if (wrong) { return { error: "The solved exercise of " + solvedUrls[j] + " is damaged: " + wrong + "." }; }
        exercises[solvedUrls[j]] = cleanExercise(data.exercises[solvedUrls[j]]);
      }
    }
    return { cards: cards, exercises: exercises };
  };

  /* Imports an export file: all of it or, when anything in it is wrong, nothing. A question
     in both keeps whichever progress was seen last, and an exercise solved in both the first
     time it was solved. Returns { ok, error, added, updated, solved (exercises new here) }. */
  Store.prototype.importJson = function (text) {
    var checked = this.check(text);
    if (checked.error) { return { ok: false, error: checked.error }; }
    var cards = this.all();
    var added = 0;
    var updated = 0;
    Object.keys(checked.cards).forEach(function (url) {
      var incoming = checked.cards[url];
      if (!cards[url]) {
        cards[url] = incoming;
        added += 1;
      } else if (newer(incoming, cards[url])) {
        cards[url] = incoming;
        updated += 1;
      }
    });
    var exercises = this.exercises();
    var solved = 0;
    Object.keys(checked.exercises).forEach(function (url) {
      var incoming = checked.exercises[url];
      if (!exercises[url]) { solved += 1; }
      if (!exercises[url] || Date.parse(incoming.solved) < Date.parse(exercises[url].solved)) { exercises[url] = incoming; }
    });
    if (!this.save(cards, exercises)) { return { ok: false, error: this.error }; }
    return { ok: true, added: added, updated: updated, solved: solved };
  };

  var api = {
    FORMAT: FORMAT,
    VERSION: VERSION,
    HISTORY: HISTORY,
    storageKey: storageKey,
    isQuestionUrl: isQuestionUrl,
    problemWith: problemWith,
    open: function (guide, storage) { return new Store(guide, storage); }
  };

  if (inNode) { module.exports = api; } else { window.PrepbookStore = api; }
})();
