/* Snowball German stemmer, written from the published algorithm (see german.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouy\u00e4\u00f6\u00fc";
  var S_ENDING = "bdfghklmnrt", ST_ENDING = "bdfghklmnt";
  var STEP1 = ["e", "em", "en", "ern", "er", "es", "s"];
  var STEP2 = ["en", "er", "est", "st"];
  var STEP3 = ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"];
  var PLAIN = { Y: "y", U: "u", "\u00e4": "a", "\u00f6": "o", "\u00fc": "u" };

  // `c` is a letter of `set` (false past either end of the word).
  function isIn(set, c) { return c !== undefined && set.indexOf(c) >= 0; }
  function isV(c) { return isIn(VOWELS, c); }
  // The word (an array of letters) ends with `s`.
  function ends(w, s) {
    var off = w.length - s.length;
    if (off < 0) { return false; }
    for (var i = 0; i < s.length; i++) { if (w[off + i] !== s.charAt(i)) { return false; } }
    return true;
  }
  // The longest ending of the list the word has ("" if none).
  function ending(w, list) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      if (list[i].length > best.length && ends(w, list[i])) { best = list[i]; }
    }
    return best;
  }
  function cut(w, n) { w.length -= n; }
  // The position after the first non-vowel that follows a vowel, from `from` (else the end).
  function after(w, from) {
    for (var i = from; i < w.length - 1; i++) {
      if (isV(w[i]) && !isV(w[i + 1])) { return i + 2; }
    }
    return w.length;
  }

  function stem(word) {
    var w = Array.from(String(word).replace(/\u00df/g, "ss"));
    // Prelude: u and y between vowels are consonants; mark them U and Y.
    for (var i = 0; i + 2 < w.length; i++) {
      if (isV(w[i]) && (w[i + 1] === "u" || w[i + 1] === "y") && isV(w[i + 2])) {
        w[i + 1] = w[i + 1].toUpperCase();
      }
    }
    // Regions: R1 starts at p1 (but not before the 4th letter), R2 at p2.
    var p1 = w.length, p2 = w.length;
    if (w.length >= 3) {
      p1 = after(w, 0);
      p2 = after(w, p1);
      p1 = Math.max(p1, 3);
    }
    step1(w, p1);
    step2(w, p1);
    step3(w, p1, p2);
    // Postlude: unmark U and Y, drop the umlauts.
    return w.map(function (c) { return PLAIN.hasOwnProperty(c) ? PLAIN[c] : c; }).join("");
  }

  // Step 1: -em -ern -er, -e -en -es (then -niss to -nis), -s after a valid s-ending, in R1.
  function step1(w, p1) {
    var s = ending(w, STEP1), at = w.length - s.length;
    if (!s || at < p1) { return; }
    if (s === "s") {
      if (isIn(S_ENDING, w[at - 1])) { cut(w, 1); }
    } else {
      cut(w, s.length);
      if ((s === "e" || s === "en" || s === "es") && ends(w, "niss")) { cut(w, 1); }
    }
  }

  // Step 2: -en -er -est, or -st after a valid st-ending with 3 more letters before it, in R1.
  function step2(w, p1) {
    var s = ending(w, STEP2), at = w.length - s.length;
    if (!s || at < p1) { return; }
    if (s !== "st") { cut(w, s.length); } else if (isIn(ST_ENDING, w[at - 1]) && at - 4 >= 0) { cut(w, 2); }
  }

  // Step 3: derivational endings in R2.
  function step3(w, p1, p2) {
    var s = ending(w, STEP3), at = w.length - s.length, t;
    if (!s || at < p2) { return; }
    if (s === "end" || s === "ung") {
      cut(w, 3);
      // then -ig in R2, not after e
      if (ends(w, "ig") && w[w.length - 3] !== "e" && w.length - 2 >= p2) { cut(w, 2); }
    } else if (s === "ig" || s === "ik" || s === "isch") {
      if (w[at - 1] !== "e") { cut(w, s.length); }
    } else if (s === "lich" || s === "heit") {
      cut(w, 4);
      // then -er or -en in R1
      t = ends(w, "er") || ends(w, "en");
      if (t && w.length - 2 >= p1) { cut(w, 2); }
    } else {
      cut(w, 4);
      // -keit: then -lich or -ig in R2
      t = ending(w, ["lich", "ig"]);
      if (t && w.length - t.length >= p2) { cut(w, t.length); }
    }
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).german = stem; }
})(this);
