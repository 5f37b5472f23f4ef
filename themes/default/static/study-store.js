/* Prepbook study mode: the reader's progress, kept in localStorage under one key per guide
   ("prepbook-progress:" + the guide's title), so two guides never mix: each question's schedule
   (known by its URL), the review log of every grade, and the desired retention. Progress of
   the SM-2 versions (format 1) is migrated on first load. Also export to JSON and a strict
   import (of either format) that changes nothing unless the whole file is valid. Solved
   exercises (python-ui.js) ride in the same record, under "exercises": one entry per question
   URL, { solved: when first solved, title: the question's title }; files without them read and
   import as before. Runs in the browser (window.PrepbookStore) and in node's tests (module.exports). */
(function () {
  "use strict";

  var inNode = typeof module === "object" && module.exports;
  var Scheduler = inNode ? require("./study-scheduler.js") : window.PrepbookScheduler;
  // The UI strings of the page's language (text.js); the detailed reasons a damaged file gives
  // stay in English.
  var t = inNode ? require("./text.js") : window.PrepbookText;

  var FORMAT = "prepbook-progress";
  /* 1: SM-2 records with a per-card history (until 2026-12); 2: FSRS records and a review log. */
  var VERSION = 2;
  /* Grades kept in the review log: years of daily study, about 2 MB at most in storage. The
     oldest go first. */
  var LOG_MAX = 20000;
  var STATES = ["new", "learning", "known"];
  /* The fields of the stored and exported object that this file owns; any other field (added
     by a later version or by another part of study mode) is kept as it is. */
  var OWN = ["format", "version", "guide", "exported", "retention", "cards", "log"];
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

  function isNumber(v, min, max) {
    return typeof v === "number" && isFinite(v) && v >= min && v <= max;
  }

  function optional(v, check) {
    return v === null || v === undefined || check(v);
  }

  /* A question's URL as the site writes them: relative, ending in .html, never climbing out. */
  function isQuestionUrl(url) {
    return typeof url === "string" && url.length > 0 && url.length <= 1000 && /\.html$/.test(url) &&
      url.charAt(0) !== "/" && url.split("/").indexOf("..") < 0 && !/^[a-z][a-z0-9+.-]*:/i.test(url);
  }

  /* Why `r` is not a valid record of format 1 (SM-2), or "" when it is. */
  function problemWithSm2(r) {
    if (!isObject(r)) { return "its progress is not an object"; }
    if (STATES.indexOf(r.state) < 0) { return "state must be new, learning or known"; }
    if (!optional(r.seen, isTime)) { return "seen is not a date and time"; }
    if (!optional(r.due, Scheduler.isDay)) { return "due is not a YYYY-MM-DD day"; }
    if (!isNumber(r.ease, 1.3, 10)) { return "ease must be a number from 1.3 to 10"; }
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

  /* Why `r` is not a valid record (format 2, FSRS), or "" when it is. */
  function problemWith(r) {
    if (!isObject(r)) { return "its progress is not an object"; }
    if (STATES.indexOf(r.state) < 0) { return "state must be new, learning or known"; }
    if (Scheduler.PHASES.indexOf(r.phase) < 0) { return "phase must be new, learning, review or relearning"; }
    if (!optional(r.seen, isTime)) { return "seen is not a date and time"; }
    if (!optional(r.due, isTime)) { return "due is not a date and time"; }
    if (!optional(r.last, isTime)) { return "last is not a date and time"; }
    if (!isNumber(r.stability, 0, 1e6)) { return "stability must be a number of days"; }
    if (!isNumber(r.difficulty, 0, 10)) { return "difficulty must be a number from 0 to 10"; }
    if (!isCount(r.scheduled, 1e6) || !isCount(r.step, 100)) { return "scheduled and step must be whole numbers"; }
    if (!isCount(r.reps, 1e6) || !isCount(r.lapses, 1e6)) { return "reps and lapses must be whole numbers"; }
    if (r.phase !== "new" && !r.due) { return "a card studied needs a due time"; }
    return "";
  }

  /* Why `e` is not a valid entry of the review log, or "" when it is. */
  function problemWithEntry(e) {
    if (!isObject(e) || !isQuestionUrl(e.card) || !isTime(e.at)) { return "it needs a question (card) and a time (at)"; }
    if (Scheduler.GRADES.indexOf(e.grade) < 0) { return "grade must be again, hard, good or easy"; }
    if (!isCount(e.elapsed, 1e6)) { return "elapsed must be a whole number of days"; }
    if (e.before !== null && Scheduler.PHASES.indexOf(e.before) < 0) { return "before must be a phase or null"; }
    if (!optional(e.stability, function (v) { return isNumber(v, 0, 1e6); }) ||
        !optional(e.difficulty, function (v) { return isNumber(v, 0, 10); })) {
      return "stability and difficulty must be numbers or null";
    }
    return "";
  }

  /* Only the fields Prepbook knows, so nothing else rides along into storage. */
  function clean(r) {
    return {
      state: r.state, phase: r.phase, seen: r.seen || null, due: r.due || null, last: r.last || null,
      stability: r.stability, difficulty: r.difficulty, scheduled: r.scheduled, step: r.step,
      reps: r.reps, lapses: r.lapses
    };
  }

  function cleanEntry(e) {
    return {
      card: e.card, at: e.at, grade: e.grade, elapsed: e.elapsed, before: e.before,
      stability: typeof e.stability === "number" ? e.stability : null,
      difficulty: typeof e.difficulty === "number" ? e.difficulty : null
    };
  }

  /* Format 1 to format 2: each SM-2 record becomes an FSRS one (the scheduler says how), and
     each card's grade history goes into the review log, with the state before each grade
     unknown (null), since SM-2 did not keep one. */
  function migrate(cards) {
    var out = {};
    var log = [];
    Object.keys(cards).forEach(function (url) {
      var old = cards[url];
      out[url] = Scheduler.fromSm2(old);
      var previous = null;
      old.history.forEach(function (h) {
        var day = Scheduler.dayOf(new Date(h.at));
        log.push({
          card: url, at: h.at, grade: h.grade,
          elapsed: previous ? Math.max(0, Scheduler.daysBetween(previous, day)) : 0,
          before: null, stability: null, difficulty: null
        });
        previous = day;
      });
    });
    return { cards: out, log: sortLog(log) };
  }

  function sortLog(log) {
    return log.sort(function (a, b) { return Date.parse(a.at) - Date.parse(b.at); });
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

  /* The valid solved exercises of a stored or exported object. */
  function validExercises(raw) {
    var solved = {};
    if (!isObject(raw)) { return solved; }
    Object.keys(raw).forEach(function (url) {
      if (isQuestionUrl(url) && !exerciseProblem(raw[url])) { solved[url] = cleanExercise(raw[url]); }
    });
    return solved;
  }

  /* Fields of `data` this file does not own, to carry along. */
  function extras(data) {
    var out = {};
    Object.keys(data).forEach(function (k) { if (OWN.indexOf(k) < 0) { out[k] = data[k]; } });
    return out;
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

  /* Everything stored: { retention (null until the reader chooses one), cards, log, extra }.
     Progress of format 1 is migrated here, on the first load by this version, and saved back;
     the old text is kept aside first, under the key plus ":sm2". */
  Store.prototype.load = function () {
    var empty = { retention: null, cards: {}, log: [], extra: {} };
    var raw = null;
    try { raw = this.storage && this.storage.getItem(this.key); } catch (e) { raw = null; }
    if (!raw) { return empty; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (!isObject(data) || data.format !== FORMAT || !isObject(data.cards) || (data.version !== 1 && data.version !== VERSION)) {
      this.keepAside(raw, ":unreadable");
      return empty;
    }
    var cards = {};
    var log = [];
    if (data.version === 1) {
      Object.keys(data.cards).forEach(function (url) {
        if (isQuestionUrl(url) && !problemWithSm2(data.cards[url])) { cards[url] = data.cards[url]; }
      });
      var migrated = migrate(cards);
      cards = migrated.cards;
      log = migrated.log;
    } else {
      Object.keys(data.cards).forEach(function (url) {
        if (isQuestionUrl(url) && !problemWith(data.cards[url])) { cards[url] = data.cards[url]; }
      });
      log = (Array.isArray(data.log) ? data.log : []).filter(function (e) { return !problemWithEntry(e); });
    }
    var loaded = {
      retention: Scheduler.isRetention(data.retention) ? data.retention : null,
      cards: cards,
      log: log,
      extra: extras(data)
    };
    if (data.version === 1) {
      this.keepAside(raw, ":sm2");
      this.save(loaded);
    }
    return loaded;
  };

  Store.prototype.all = function () {
    return this.load().cards;
  };

  /* The solved exercises: { url: { solved, title } }. */
  Store.prototype.exercises = function () {
    return validExercises(this.load().extra.exercises);
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
    var data = this.load();
    var solved = validExercises(data.extra.exercises);
    if (solved[url]) { return true; }
    solved[url] = cleanExercise({ solved: now.toISOString(), title: String(title || "").slice(0, TITLE) });
    data.extra.exercises = solved;
    return this.save(data);
  };

  /* Stored data this version cannot read, or had to convert, is kept aside once (under the key
     plus `suffix`) instead of being lost. */
  Store.prototype.keepAside = function (raw, suffix) {
    try {
      if (!this.storage.getItem(this.key + suffix)) { this.storage.setItem(this.key + suffix, raw); }
    } catch (e) { /* nothing more can be done */ }
  };

  Store.prototype.save = function (data) {
    var out = { format: FORMAT, version: VERSION, guide: this.guide };
    Object.keys(data.extra || {}).forEach(function (k) { out[k] = data.extra[k]; });
    if (data.retention !== null) { out.retention = data.retention; }
    out.cards = data.cards;
    out.log = data.log.slice(-LOG_MAX);
    try {
      this.storage.setItem(this.key, JSON.stringify(out));
      this.error = "";
      return true;
    } catch (e) {
      this.error = t("study.storage_full", "Your progress could not be saved: this browser's storage is full or turned off.");
      return false;
    }
  };

  Store.prototype.get = function (url) {
    return this.all()[url] || null;
  };

  /* The desired retention the reader chose (0.70 to 0.97; 0.90 until they choose). */
  Store.prototype.retention = function () {
    var r = this.load().retention;
    return r === null ? Scheduler.RETENTION.initial : r;
  };

  Store.prototype.setRetention = function (r) {
    if (!Scheduler.isRetention(r)) { return false; }
    var data = this.load();
    data.retention = Math.round(r * 100) / 100;
    return this.save(data);
  };

  /* The review log: every grade given, oldest first. */
  Store.prototype.log = function () {
    return this.load().log;
  };

  /* Grades a question at time `now` (a Date); returns its new record, or null if not saved.
     The grade goes into the review log with the card's phase, stability and difficulty before
     it and the days since its last review. */
  Store.prototype.grade = function (url, grade, now) {
    var data = this.load();
    var before = data.cards[url] || null;
    var next = Scheduler.review(before, grade, now, data.retention === null ? Scheduler.RETENTION.initial : data.retention);
    next.seen = now.toISOString();
    data.log.push({
      card: url,
      at: next.seen,
      grade: Scheduler.GRADES[grade - 1],
      elapsed: Scheduler.elapsedDays(before, now),
      before: before ? before.phase : "new",
      stability: before && before.phase !== "new" ? before.stability : null,
      difficulty: before && before.phase !== "new" ? before.difficulty : null
    });
    data.cards[url] = next;
    return this.save(data) ? next : null;
  };

  /* Puts a record back as it was (null: as if never studied), to undo a grade: the grades it
     had not had yet leave the review log too. */
  Store.prototype.restore = function (url, record) {
    var data = this.load();
    var since = record && record.last ? Date.parse(record.last) : -Infinity;
    data.log = data.log.filter(function (e) { return e.card !== url || Date.parse(e.at) <= since; });
    if (record) { data.cards[url] = record; } else { delete data.cards[url]; }
    return this.save(data);
  };

  /* Notes that the reader looked at a question's answer, without grading it. */
  Store.prototype.markSeen = function (url, now) {
    var data = this.load();
    var r = data.cards[url] || Scheduler.fresh();
    r.seen = now.toISOString();
    data.cards[url] = r;
    return this.save(data);
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
    var data = this.load();
    var out = { format: FORMAT, version: VERSION, guide: this.guide, exported: now.toISOString() };
    Object.keys(data.extra).forEach(function (k) { out[k] = data.extra[k]; });
    out.retention = data.retention === null ? Scheduler.RETENTION.initial : data.retention;
    out.cards = data.cards;
    out.log = data.log;
    return out;
  };

  Store.prototype.exportJson = function (now) {
    return JSON.stringify(this.exportData(now), null, 1) + "\n";
  };

  /* Checks a whole export file, of format 1 (SM-2, migrated here) or 2; returns
     { cards, log, retention, extra } or { error } (a sentence for the reader). */
  Store.prototype.check = function (text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { error: t("study.not_json", "This file is not JSON, so it cannot be a Prepbook progress file.") };
    }
    if (!isObject(data) || data.format !== FORMAT) {
      return { error: t("study.not_progress", "This JSON file is not a Prepbook progress file (it has no \"format\": \"{format}\").", { format: FORMAT }) };
    }
    if (data.version !== 1 && data.version !== VERSION) {
      return { error: t("study.wrong_version", "This progress file has format version {version}; this site reads versions 1 and {current}.", { version: JSON.stringify(data.version), current: VERSION }) };
    }
    if (data.guide !== this.guide) {
      return { error: t("study.other_guide", "This file holds progress for \u201c{file_guide}\u201d, not for \u201c{guide}\u201d.", { file_guide: String(data.guide), guide: this.guide }) };
    }
    if (!isObject(data.cards)) {
      return { error: "This progress file has no list of questions (\"cards\")." };
    }
    var check = data.version === 1 ? problemWithSm2 : problemWith;
    var urls = Object.keys(data.cards);
    for (var i = 0; i < urls.length; i++) {
      if (!isQuestionUrl(urls[i])) {
        return { error: "\u201c" + urls[i].slice(0, 80) + "\u201d is not the address of a question of a guide." };
      }
      var problem = check(data.cards[urls[i]]);
      if (problem) { return { error: "The progress of " + urls[i] + " is damaged: " + problem + "." }; }
    }
    var exercises = {};
    if (data.exercises !== undefined) {
      if (!isObject(data.exercises)) { return { error: "This progress file's solved exercises (\"exercises\") are not a list by question." }; }
      var solvedUrls = Object.keys(data.exercises);
      for (var k = 0; k < solvedUrls.length; k++) {
        if (!isQuestionUrl(solvedUrls[k])) {
          return { error: "\u201c" + solvedUrls[k].slice(0, 80) + "\u201d is not the address of a question of a guide." };
        }
        var wrong = exerciseProblem(data.exercises[solvedUrls[k]]);
        if (wrong) { return { error: "The solved exercise of " + solvedUrls[k] + " is damaged: " + wrong + "." }; }
        exercises[solvedUrls[k]] = cleanExercise(data.exercises[solvedUrls[k]]);
      }
    }
    var retention = data.retention === undefined ? null : data.retention;
    if (retention !== null && !Scheduler.isRetention(retention)) {
      return { error: "The desired retention in this file must be a number from " + Scheduler.RETENTION.min + " to " + Scheduler.RETENTION.max + "." };
    }
    if (data.version === 1) {
      var migrated = migrate(data.cards);
      return { cards: migrated.cards, log: migrated.log, retention: null, extra: extras(data), exercises: exercises };
    }
    var log = data.log === undefined ? [] : data.log;
    if (!Array.isArray(log) || log.length > LOG_MAX) {
      return { error: "The review log (\"log\") of this file must be a list of at most " + LOG_MAX + " grades." };
    }
    for (var j = 0; j < log.length; j++) {
      var why = problemWithEntry(log[j]);
      if (why) { return { error: "Entry " + (j + 1) + " of the review log is damaged: " + why + "." }; }
    }
    var cards = {};
    urls.forEach(function (url) { cards[url] = clean(data.cards[url]); });
    return { cards: cards, log: log.map(cleanEntry), retention: retention, extra: extras(data), exercises: exercises };
  };

  /* Imports an export file: all of it or, when anything in it is wrong, nothing. A question
     in both keeps whichever progress was seen last, an exercise solved in both the first time it
     was solved; the review logs are joined (a grade in both
     counts once); this browser's desired retention stays unless it was never chosen; fields
     of the file this version does not know are kept unless this browser has them already.
     Returns { ok, error, added, updated, grades }. */
  Store.prototype.importJson = function (text) {
    var checked = this.check(text);
    if (checked.error) { return { ok: false, error: checked.error }; }
    var data = this.load();
    var cards = data.cards;
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
    var seen = {};
    data.log.forEach(function (e) { seen[e.card + " " + e.at + " " + e.grade] = true; });
    var grades = 0;
    checked.log.forEach(function (e) {
      if (!seen[e.card + " " + e.at + " " + e.grade]) {
        data.log.push(e);
        grades += 1;
      }
    });
    sortLog(data.log);
    if (checked.retention !== null && data.retention === null) { data.retention = checked.retention; }
    Object.keys(checked.extra).forEach(function (k) {
      if (k !== "exercises" && !(k in data.extra)) { data.extra[k] = checked.extra[k]; }
    });
    // An exercise solved in both keeps the first time it was solved.
    var exercises = validExercises(data.extra.exercises);
    var solved = 0;
    Object.keys(checked.exercises).forEach(function (url) {
      var incoming = checked.exercises[url];
      if (!exercises[url]) { solved += 1; }
      if (!exercises[url] || Date.parse(incoming.solved) < Date.parse(exercises[url].solved)) { exercises[url] = incoming; }
    });
    if (Object.keys(exercises).length) { data.extra.exercises = exercises; }
    if (!this.save(data)) { return { ok: false, error: this.error }; }
    return { ok: true, added: added, updated: updated, grades: grades, solved: solved };
  };

  var api = {
    FORMAT: FORMAT,
    VERSION: VERSION,
    LOG_MAX: LOG_MAX,
    storageKey: storageKey,
    isQuestionUrl: isQuestionUrl,
    problemWith: problemWith,
    problemWithEntry: problemWithEntry,
    open: function (guide, storage) { return new Store(guide, storage); }
  };

  if (inNode) { module.exports = api; } else { window.PrepbookStore = api; }
})();
