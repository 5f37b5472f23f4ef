/* Prepbook study mode: the spaced-repetition scheduler (SM-2, with four grades).
   Pure functions on plain objects and calendar dates ("YYYY-MM-DD"), no DOM and no storage, so
   the same file runs in the browser (window.PrepbookScheduler) and in node's tests
   (module.exports). Prepbook's manual gives the formulas (docs/content/study-mode.md). */
(function () {
  "use strict";

  /* Grades, as the reader gives them: 1 again, 2 hard, 3 good, 4 easy. */
  var GRADES = ["again", "hard", "good", "easy"];
  var START_EASE = 2.5;
  var MIN_EASE = 1.3;

  /* SM-2's recall quality (0-5) of a grade: again 2 (not recalled), hard 3, good 4, easy 5. */
  function quality(grade) {
    return grade + 1;
  }

  function isGrade(grade) {
    return grade === 1 || grade === 2 || grade === 3 || grade === 4;
  }

  /* The schedule of a card never graded. */
  function fresh() {
    return { state: "new", reps: 0, lapses: 0, ease: START_EASE, interval: 0, due: null };
  }

  /* SM-2's new easiness factor after a recall of quality q, kept to two decimals. */
  function nextEase(ease, q) {
    var e = ease + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
    return Math.max(MIN_EASE, Math.round(e * 100) / 100);
  }

  /* The schedule after grading a card on the calendar day `today`. Pure: `card` is not changed.
     Recalled (hard, good, easy): the interval is 1 day, then 6 days, then the previous interval
     times the ease, rounded. Again: the streak of recalls restarts and the card is due again
     today. The ease changes with every grade, as in SM-2. */
  function review(card, grade, today) {
    if (!isGrade(grade)) { throw new RangeError("grade must be 1, 2, 3 or 4"); }
    var c = card || fresh();
    var q = quality(grade);
    var reps = c.reps || 0;
    var ease = typeof c.ease === "number" ? c.ease : START_EASE;
    var interval;
    var lapses = c.lapses || 0;
    if (q >= 3) {
      if (reps === 0) { interval = 1; }
      else if (reps === 1) { interval = 6; }
      else { interval = Math.max(1, Math.round((c.interval || 1) * ease)); }
      reps += 1;
    } else {
      reps = 0;
      interval = 0;
      lapses += 1;
    }
    return {
      state: stateAfter(grade, reps),
      reps: reps,
      lapses: lapses,
      ease: nextEase(ease, q),
      interval: interval,
      due: addDays(today, interval)
    };
  }

  /* Known: graded easy, or good for at least the second time in a row. Anything else graded
     is still being learned. */
  function stateAfter(grade, reps) {
    if (grade === 4) { return "known"; }
    if (grade === 3 && reps >= 2) { return "known"; }
    return "learning";
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* The reader's calendar day of a Date (local time), as "YYYY-MM-DD". */
  function dayOf(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
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

  /* A card is due when it has a due day and that day is today or earlier. */
  function isDue(card, today) {
    return !!(card && card.due && card.due <= today);
  }

  var api = {
    GRADES: GRADES,
    START_EASE: START_EASE,
    MIN_EASE: MIN_EASE,
    quality: quality,
    isGrade: isGrade,
    fresh: fresh,
    nextEase: nextEase,
    review: review,
    dayOf: dayOf,
    isDay: isDay,
    addDays: addDays,
    daysBetween: daysBetween,
    isDue: isDue
  };

  if (typeof module === "object" && module.exports) { module.exports = api; } else { window.PrepbookScheduler = api; }
})();
