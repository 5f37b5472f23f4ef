/* Snowball Swedish stemmer, written from the published algorithm (see swedish.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouyäåö";
  var S_ENDING = "bcdfghjklmnoprtvy"; // letters that may precede a removable -s
  var MAIN = ("a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter " +
    "or as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast s").split(" ");
  var PAIRS = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];
  var OTHER = ["lig", "ig", "els", "löst", "fullt"];

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

  // Step 1: inflectional endings in R1; a lone -s only after a valid s-ending letter.
  function mainSuffix(w, p1) {
    var s = longest(w, MAIN, p1);
    if (s === "s" && !isIn(S_ENDING, w.charAt(w.length - 2))) { return w; }
    return drop(w, s.length);
  }
  // Step 2: a final consonant pair in R1 (dd, gd, nn, dt, gt, kt, tt) loses its last letter.
  function consonantPair(w, p1) { return longest(w, PAIRS, p1) ? drop(w, 1) : w; }
  // Step 3: -lig, -ig, -els go; -löst and -fullt lose their final t (all in R1).
  function otherSuffix(w, p1) {
    var s = longest(w, OTHER, p1);
    return s === "löst" || s === "fullt" ? drop(w, 1) : drop(w, s.length);
  }

  function stem(word) {
    var w = String(word), p1 = region1(w);
    w = mainSuffix(w, p1);
    w = consonantPair(w, p1);
    return otherSuffix(w, p1);
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).swedish = stem; }
})(this);
