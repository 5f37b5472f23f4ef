/* Snowball Finnish stemmer, written from the published algorithm (see finnish.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var A = "\u00e4", O = "\u00f6";
  var V1 = "aeiouy" + A + O, V2 = "aeiou" + A + O, AEI = "aei" + A, PARTICLE_END = V1 + "nt";
  var PARTICLES = ["kin", "kaan", "k" + A + A + "n", "ko", "k" + O, "han", "h" + A + "n", "pa", "p" + A, "sti"];
  var POSSESSIVES = ["si", "ni", "nsa", "ns" + A, "mme", "nne", "an", A + "n", "en"];
  // Case endings; -han etc. (illative) need their vowel before them.
  var CASES = ["han", "hen", "hin", "hon", "h" + A + "n", "h" + O + "n", "siin", "seen", "den", "tten", "n",
    "a", A, "tta", "tt" + A, "ta", "t" + A, "ssa", "ss" + A, "sta", "st" + A, "lla", "ll" + A, "lta", "lt" + A,
    "lle", "na", "n" + A, "ksi", "ine"];
  // Comparatives (m...: not after po), superlatives, agents.
  var OTHERS = ["mpi", "mpa", "mp" + A, "mmi", "mma", "mm" + A, "impi", "impa", "imp" + A, "immi", "imma",
    "imm" + A, "eja", "ej" + A];
  var LONGS = ["aa", "ee", "ii", "oo", "uu", A + A, O + O];

  function isIn(set, c) { return c !== undefined && set.indexOf(c) >= 0; }
  // A letter that is not in V1 (false past the start of the word).
  function nonV1(c) { return c !== undefined && V1.indexOf(c) < 0; }
  // The first `end` letters of the word end with `s`.
  function ends(w, s, end) {
    var off = end - s.length;
    if (off < 0) { return false; }
    for (var i = 0; i < s.length; i++) { if (w[off + i] !== s.charAt(i)) { return false; } }
    return true;
  }
  function endsAny(w, list, end) {
    for (var i = 0; i < list.length; i++) { if (ends(w, list[i], end)) { return true; } }
    return false;
  }
  // The longest ending of the list the word has that starts at or after `from` ("" if none).
  function ending(w, list, from) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (s.length > best.length && w.length - s.length >= from && ends(w, s, w.length)) { best = s; }
    }
    return best;
  }
  function cut(w, n) { w.length -= n; }
  // The position after the first non-vowel that follows a vowel, from `from` (else the end).
  function after(w, from) {
    for (var i = from; i < w.length - 1; i++) {
      if (isIn(V1, w[i]) && nonV1(w[i + 1])) { return i + 2; }
    }
    return w.length;
  }

  function stem(word) {
    var w = Array.from(String(word));
    var p1 = after(w, 0), p2 = after(w, p1);
    particle(w, p1, p2);
    possessive(w, p1);
    var removed = caseEnding(w, p1);
    other(w, p2);
    plural(w, p1, p2, removed);
    tidy(w, p1);
    return w.join("");
  }

  // Particles (-kin, -kaan, -ko, -han, -pa ...) after a vowel, n or t; -sti in R2. All in R1.
  function particle(w, p1, p2) {
    var s = ending(w, PARTICLES, p1), at = w.length - s.length;
    if (s && (s === "sti" ? at >= p2 : isIn(PARTICLE_END, w[at - 1]))) { cut(w, s.length); }
  }

  // Possessive suffixes in R1.
  function possessive(w, p1) {
    var s = ending(w, POSSESSIVES, p1), at = w.length - s.length;
    if (s === "si") {
      if (w[at - 1] !== "k") { cut(w, 2); } // -ksi is the translative
    } else if (s === "ni") {
      cut(w, 2);
      if (ends(w, "kse", w.length)) { w[w.length - 1] = "i"; } // -kseni: -ksi + -ni
    } else if (s === "an") {
      if (endsAny(w, ["ta", "ssa", "sta", "lla", "lta", "na"], at)) { cut(w, 2); }
    } else if (s === A + "n") {
      if (endsAny(w, ["t" + A, "ss" + A, "st" + A, "ll" + A, "lt" + A, "n" + A], at)) { cut(w, 2); }
    } else if (s === "en") {
      if (endsAny(w, ["lle", "ine"], at)) { cut(w, 2); }
    } else if (s) {
      cut(w, s.length);
    }
  }

  // A long vowel ends the first `end` letters, starting at or after `from`.
  function isLong(w, end, from) { return end - 2 >= from && endsAny(w, LONGS, end); }

  // Case endings in R1; says whether one was removed.
  function caseEnding(w, p1) {
    var s = ending(w, CASES, p1), at = w.length - s.length, ok = true;
    // -siin, -den, -tten need i + vowel before them, -seen a long vowel, all in R1; else just -n.
    if (s === "siin" || s === "den" || s === "tten") {
      if (!(at - 2 >= p1 && w[at - 1] === "i" && isIn(V2, w[at - 2]))) { s = "n"; }
    } else if (s === "seen" && !isLong(w, at, p1)) {
      s = "n";
    }
    if (!s) { return false; }
    at = w.length - s.length;
    if (s.length === 3 && s.charAt(0) === "h") {
      ok = w[at - 1] === s.charAt(1); // -han after a, -hen after e ...
    } else if (s === "n") {
      if (isLong(w, at, 0) || ends(w, "ie", at)) { at--; } // illative -Vn, genitive -en after i
    } else if (s === "a" || s === A) {
      ok = isIn(V1, w[at - 1]) && nonV1(w[at - 2]);
    } else if (s === "tta" || s === "tt" + A) {
      ok = w[at - 1] === "e";
    }
    if (ok) { w.length = at; }
    return ok;
  }

  // Comparatives, superlatives and -eja in R2.
  function other(w, p2) {
    var s = ending(w, OTHERS, p2);
    if (s && !(s.charAt(0) === "m" && ends(w, "po", w.length - s.length))) { cut(w, s.length); }
  }

  // Plurals: after a case ending, -i or -j in R1; else -t after a vowel in R1, then -mma/-imma in R2.
  function plural(w, p1, p2, removed) {
    var n = w.length;
    if (removed) {
      if (ending(w, ["i", "j"], p1)) { cut(w, 1); }
    } else if (w[n - 1] === "t" && n - 2 >= p1 && isIn(V1, w[n - 2])) {
      cut(w, 1);
      var s = ending(w, ["mma", "imma"], p2);
      if (s === "imma" || (s && !ends(w, "po", w.length - 3))) { cut(w, s.length); }
    }
  }

  // Tidy up in R1: undouble a long vowel, drop a final a/ä/e/i after a consonant, -oj/-uj, -jo;
  // then undouble the last consonant.
  function tidy(w, p1) {
    if (w.length < p1) { return; }
    var last = function () { return w[w.length - 1]; };
    var prev = function () { return w.length - 2 >= p1 ? w[w.length - 2] : undefined; };
    if (isLong(w, w.length, p1)) { w.pop(); }
    if (isIn(AEI, last()) && nonV1(prev())) { w.pop(); }
    if (last() === "j" && (prev() === "o" || prev() === "u")) { w.pop(); }
    if (last() === "o" && prev() === "j") { w.pop(); }
    var k = w.length - 1;
    while (k >= 0 && !nonV1(w[k])) { k--; }
    if (k >= 1 && w[k - 1] === w[k]) { w.splice(k, 1); }
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).finnish = stem; }
})(this);
