/* Snowball Norwegian stemmer, written from the published algorithm (see norwegian.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouyæåø";
  var S_ENDING = "bcdfghjlmnoprtvyz"; // letters that may precede a removable -s
  var MAIN = ("a e ede ande ende ane ene hetene en heten ar er heter as es edes endes enes hetenes ens " +
    "hetens ers ets et het ast s erte ert").split(" ");
  var PAIRS = ["dt", "vt"];
  var OTHER = "leg eleg ig eig lig elig els lov elov slov hetslov".split(" ");

  function isIn(set, c) { return c.length === 1 && set.indexOf(c) >= 0; }

  // R1 begins after the first non-vowel that follows a vowel, but never before the 4th letter.
  function region1(w) {
    var n = w.length, i = 0;
    if (n < 3) { return n; }
    while (i < n && !isIn(VOWELS, w.charAt(i))) { i++; }
    while (i < n && isIn(VOWELS, w.charAt(i))) { i++; }
    return i < n ? Math.max(i + 1, 3) : n;
  }
  // The longest suffix of w from list that lies entirely at or after position `from`.
  function longest(w, list, from) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (s.length > best.length && w.length - s.length >= from && w.slice(-s.length) === s) { best = s; }
    }
    return best;
  }
  function drop(w, n) { return w.slice(0, w.length - n); }

  // Step 1: inflectional endings in R1; -erte/-ert become -er; a lone -s only after an
  // s-ending letter, or after k preceded by a non-vowel.
  function mainSuffix(w, p1) {
    var s = longest(w, MAIN, p1), n = w.length;
    if (s === "erte" || s === "ert") { return drop(w, s.length) + "er"; }
    if (s === "s") {
      var before = w.charAt(n - 2);
      var ok = isIn(S_ENDING, before) || (before === "k" && n >= 3 && !isIn(VOWELS, w.charAt(n - 3)));
      return ok ? drop(w, 1) : w;
    }
    return drop(w, s.length);
  }
  // Step 2: -dt and -vt in R1 lose their last letter.
  function consonantPair(w, p1) { return longest(w, PAIRS, p1) ? drop(w, 1) : w; }
  // Step 3: derivational endings in R1 are removed.
  function otherSuffix(w, p1) { return drop(w, longest(w, OTHER, p1).length); }

  function stem(word) {
    var w = String(word), p1 = region1(w);
    w = mainSuffix(w, p1);
    w = consonantPair(w, p1);
    return otherSuffix(w, p1);
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).norwegian = stem; }
})(this);
