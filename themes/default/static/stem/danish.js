/* Snowball Danish stemmer, written from the published algorithm (see danish.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouyæåø";
  var S_ENDING = "abcdfghjklmnoprtvyzå"; // letters that may precede a removable -s
  var MAIN = ("hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer heds es endes " +
    "erendes enes ernes eres ens hedens erens ers ets erets et eret s").split(" ");
  var PAIRS = ["gd", "dt", "gt", "kt"];
  var OTHER = ["ig", "lig", "elig", "els", "løst"];

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
  // Step 2: -gd, -dt, -gt, -kt in R1 lose their last letter.
  function consonantPair(w, p1) { return longest(w, PAIRS, p1) ? drop(w, 1) : w; }
  // Step 3: -igst becomes -ig; then derivational endings in R1.
  function otherSuffix(w, p1) {
    if (w.slice(-4) === "igst") { w = drop(w, 2); }
    var s = longest(w, OTHER, p1);
    if (s === "løst") { return drop(w, 1); }
    return s ? consonantPair(drop(w, s.length), p1) : w;
  }
  // Step 4: a doubled final consonant (the last one in R1) is undoubled.
  function undouble(w, p1) {
    var n = w.length, c = w.charAt(n - 1);
    return n - 1 >= p1 && n >= 2 && !isIn(VOWELS, c) && w.charAt(n - 2) === c ? drop(w, 1) : w;
  }

  function stem(word) {
    var w = String(word), p1 = region1(w);
    w = mainSuffix(w, p1);
    w = consonantPair(w, p1);
    w = otherSuffix(w, p1);
    return undouble(w, p1);
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).danish = stem; }
})(this);
