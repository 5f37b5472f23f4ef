/* Prepbook study mode: the spaced-repetition scheduler. FSRS-6 with its default parameters,
   computed by the vendored reference implementation (static/vendor/ts-fsrs.js, window.FSRS);
   this file turns Prepbook's stored records into ts-fsrs cards and back, previews the interval
   of each grade, migrates records written by the SM-2 scheduler of earlier versions, and does
   the calendar arithmetic. No DOM and no storage, so the same file runs in the browser
   (window.PrepbookScheduler) and in node's tests (module.exports). The manual explains it all
   (docs/content/study-mode.md). */
(function () {
  "use strict";

  var inNode = typeof module === "object" && module.exports;

  /* ts-fsrs is looked up when first needed: pages that only count progress (home, section and
     tag pages) do not load it. */
  function lib() {
    var F = inNode ? require("./vendor/ts-fsrs.js") : window.FSRS;
    if (!F || typeof F.fsrs !== "function") { throw new Error("the FSRS scheduler (static/vendor/ts-fsrs.js) is not loaded"); }
    return F;
  }

  /* Grades, as the reader gives them: 1 again, 2 hard, 3 good, 4 easy (ts-fsrs's Rating). */
  var GRADES = ["again", "hard", "good", "easy"];
  /* ts-fsrs's State 0-3, by name. */
  var PHASES = ["new", "learning", "review", "relearning"];
  /* The share of due cards the reader wants to still remember: chosen on the study page. */
  var RETENTION = { min: 0.7, max: 0.97, initial: 0.9 };
  /* SM-2 never said which retention its intervals aim at; Anki's own switch to FSRS assumes 90%. */
  var SM2_RETENTION = 0.9;

  function isGrade(grade) {
    return grade === 1 || grade === 2 || grade === 3 || grade === 4;
  }

  function isRetention(r) {
    return typeof r === "number" && isFinite(r) && r >= RETENTION.min - 1e-9 && r <= RETENTION.max + 1e-9;
  }

  /* The record of a card never graded. */
  function fresh() {
    return {
      state: "new", phase: "new", due: null, last: null, stability: 0, difficulty: 0,
      scheduled: 0, step: 0, reps: 0, lapses: 0
    };
  }

  /* Prepbook's three states, from ts-fsrs's four: a card in review is known; one still in its
     short steps, first or after a lapse, is being learned. */
  function stateOf(phase) {
    return phase === "review" ? "known" : phase === "new" ? "new" : "learning";
  }

  /* One scheduler per retention, built once: ts-fsrs checks and prepares its parameters. */
  var schedulers = {};
  function scheduler(retention) {
    var r = isRetention(retention) ? retention : RETENTION.initial;
    var key = r.toFixed(2);
    if (!schedulers[key]) {
      /* Default FSRS-6 weights, short-term steps (1 and 10 minutes for a new card, 10 minutes
         after a lapse), no fuzz, so the same grades always give the same schedule. */
      schedulers[key] = lib().fsrs({ request_retention: +key, enable_fuzz: false, enable_short_term: true });
    }
    return schedulers[key];
  }

  function toCard(record, now) {
    var F = lib();
    if (!record || record.phase === "new" || !record.phase) { return F.createEmptyCard(now); }
    return {
      due: new Date(record.due || now),
      stability: record.stability,
      difficulty: record.difficulty,
      elapsed_days: 0,
      scheduled_days: record.scheduled,
      learning_steps: record.step,
      reps: record.reps,
      lapses: record.lapses,
      state: PHASES.indexOf(record.phase),
      last_review: record.last ? new Date(record.last) : undefined
    };
  }

  function fromCard(card) {
    var phase = PHASES[card.state];
    return {
      state: stateOf(phase),
      phase: phase,
      due: card.due.toISOString(),
      last: card.last_review ? new Date(card.last_review).toISOString() : null,
      /* Full precision: rounding would now and then move a due day (tests/js/scheduler.test.js). */
      stability: card.stability,
      difficulty: card.difficulty,
      scheduled: card.scheduled_days,
      step: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses
    };
  }

  /* The record after grading `record` (null: never graded) at `now` (a Date), aiming at
     `retention`. Pure: `record` is not changed; fields other than the schedule are carried. */
  function review(record, grade, now, retention) {
    if (!isGrade(grade)) { throw new RangeError("grade must be 1, 2, 3 or 4"); }
    return fromCard(scheduler(retention).next(toCard(record, now), now, grade).card);
  }

  /* The due time each grade would give, as Dates in grade order (again, hard, good, easy). */
  function preview(record, now, retention) {
    var all = scheduler(retention).repeat(toCard(record, now), now);
    return [1, 2, 3, 4].map(function (g) { return all[g].card.due; });
  }

  /* Whole days since the card's last review, as FSRS counts them (0 for a new card). */
  function elapsedDays(record, now) {
    if (!record || !record.last) { return 0; }
    return Math.max(0, lib().dateDiffInDays(new Date(record.last), now));
  }

  /* How long from `now` to `due`, as a grade button says it: "1m", "10m", "3h", "8d", "2.5mo",
     "1.2y". */
  function span(now, due) {
    var minutes = Math.max(0, Math.round((due - now) / 60000));
    if (minutes < 60) { return Math.max(1, minutes) + "m"; }
    if (minutes < 24 * 60) { return Math.round(minutes / 60) + "h"; }
    var days = Math.round(minutes / 1440);
    if (days < 31) { return days + "d"; }
    if (days < 365) { return one(days / 30.4) + "mo"; }
    return one(days / 365.25) + "y";
  }

  function one(x) {
    var r = Math.round(x * 10) / 10;
    return r >= 10 ? String(Math.round(r)) : String(r);
  }

  /* ---- Records of the SM-2 scheduler (Prepbook's progress format 1) ---- */

  /* A new record for an SM-2 one, keeping its due day, reps and lapses. FSRS remembers a card
     by its stability S (days until recall drops to 90%) and difficulty D (1 to 10):
     - S: SM-2 set the interval so a card comes back when it is about to be forgotten; at the
       90% retention assumed for SM-2, that makes the stability the interval itself (FSRS's
       forgetting curve is scaled so recall is 90% after S days);
     - D: on a recall SM-2 multiplies the interval by the ease, FSRS multiplies the stability by
       1 + e^w8 (11 - D) S^-w9 (e^(w10 (1 - R)) - 1); with R = 90% the two agree for one D;
     - a card that lapsed last (interval 0, due again the same day) is relearning, with the
       stability FSRS gives a card first graded again. Lapses carry over as they are, and so
       does the state the reader saw (known or learning) until the card's next grade. */
  function fromSm2(old) {
    if (!old.due || old.state === "new") {
      var none = fresh();
      none.seen = old.seen || null;
      return none;
    }
    var F = lib();
    var w = F.default_w;
    var due = localMidnight(old.due);
    var grades = (old.history || []).map(function (h) { return h.at; }).sort();
    var last = grades.length ? grades[grades.length - 1] : old.seen ||
      localMidnight(addDays(old.due, -old.interval));
    var relearning = old.interval === 0;
    var stability = relearning ? w[0] : old.interval;
    var growth = Math.exp(w[8]) * Math.pow(stability, -w[9]) * (Math.exp(w[10] * (1 - SM2_RETENTION)) - 1);
    var difficulty = Math.min(10, Math.max(1, 11 - (old.ease - 1) / growth));
    return {
      state: relearning ? "learning" : old.state,
      phase: relearning ? "relearning" : "review",
      due: due,
      last: last,
      stability: stability,
      difficulty: difficulty,
      scheduled: old.interval,
      step: 0,
      reps: Math.max(grades.length, old.reps + old.lapses),
      lapses: old.lapses,
      seen: old.seen || null
    };
  }

  /* ---- Calendar days ---- */

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* The reader's calendar day of a Date (local time), as "YYYY-MM-DD". */
  function dayOf(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  /* The start of a calendar day in the reader's time zone, as an ISO time. */
  function localMidnight(day) {
    var p = day.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]).toISOString();
  }

  function isDay(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) { return false; }
    var d = parseDay(s);
    return dayString(d) === s;
  }

  function parseDay(s) {
    var p = s.split("-");
    return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
  }

  function dayString(d) {
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  /* Calendar arithmetic in UTC, so daylight saving never shifts a day. */
  function addDays(day, n) {
    var d = parseDay(day);
    d.setUTCDate(d.getUTCDate() + n);
    return dayString(d);
  }

  function daysBetween(from, to) {
    return Math.round((parseDay(to) - parseDay(from)) / 86400000);
  }

  /* The reader's calendar day a card is due on, or null. */
  function dueDay(card) {
    return card && card.due ? dayOf(new Date(card.due)) : null;
  }

  /* A card is due today when it is due at any time of today or earlier: one in its 10-minute
     step counts too, as in Anki's count of cards to study today. */
  function isDue(card, today) {
    var day = dueDay(card);
    return !!(day && day <= today);
  }

  var api = {
    GRADES: GRADES,
    PHASES: PHASES,
    RETENTION: RETENTION,
    isGrade: isGrade,
    isRetention: isRetention,
    fresh: fresh,
    stateOf: stateOf,
    review: review,
    preview: preview,
    elapsedDays: elapsedDays,
    span: span,
    fromSm2: fromSm2,
    dayOf: dayOf,
    isDay: isDay,
    addDays: addDays,
    daysBetween: daysBetween,
    dueDay: dueDay,
    isDue: isDue,
    version: function () { return lib().FSRSVersion; }
  };

  if (inNode) { module.exports = api; } else { window.PrepbookScheduler = api; }
})();
