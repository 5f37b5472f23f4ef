/* Snowball Dutch stemmer, written from the published algorithm (see dutch.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouy\u00e8";
  var ACCENTS = { "\u00e4": "a", "\u00e1": "a", "\u00eb": "e", "\u00e9": "e", "\u00ef": "i", "\u00ed": "i",
    "\u00f6": "o", "\u00f3": "o", "\u00fc": "u", "\u00fa": "u" };
  var UNMARK = { Y: "y", I: "i" };

  function isV(c) { return c !== undefined && VOWELS.indexOf(c) >= 0; }
  // A letter that is not a vowel (false past the start of the word).
  function nonV(c) { return c !== undefined && !isV(c); }
  // The first `end` letters of the word end with `s`.
  function ends(w, s, end) {
    var off = end - s.length;
    if (off < 0) { return false; }
    for (var i = 0; i < s.length; i++) { if (w[off + i] !== s.charAt(i)) { return false; } }
    return true;
  }
  // The longest ending of the list the word has ("" if none).
  function ending(w, list) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      if (list[i].length > best.length && ends(w, list[i], w.length)) { best = list[i]; }
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
  // rust-stemmers keeps R1 from starting before byte 3 of the UTF-8 word: the first letter
  // position at or past byte 3 (past the end if the word is shorter).
  function byte3(w) {
    for (var i = 0, b = 0; i < w.length; i++) {
      if (b >= 3) { return i; }
      var c = w[i].codePointAt(0);
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return b >= 3 ? w.length : w.length + 1;
  }

  function stem(word) {
    var w = Array.from(String(word)).map(function (c) { return ACCENTS[c] || c; });
    // Prelude: initial y, y after a vowel, and i between vowels are consonants: Y and I.
    if (w[0] === "y") { w[0] = "Y"; }
    for (var i = 0; i + 1 < w.length; i++) {
      if (!isV(w[i])) { continue; }
      if (w[i + 1] === "i" && isV(w[i + 2])) { w[i + 1] = "I"; } else if (w[i + 1] === "y") { w[i + 1] = "Y"; }
    }
    var p1 = after(w, 0), p2 = after(w, p1);
    p1 = Math.max(p1, byte3(w));
    suffixes(w, p1, p2);
    return w.map(function (c) { return UNMARK[c] || c; }).join("");
  }

  function suffixes(w, p1, p2) {
    // Undouble a final kk, dd or tt.
    function undouble() {
      if (ends(w, "kk", w.length) || ends(w, "dd", w.length) || ends(w, "tt", w.length)) { w.pop(); }
    }
    // Remove a final -e in R1 after a non-vowel; says whether it did.
    function eEnding() {
      var at = w.length - 1;
      if (w[at] !== "e" || at < p1 || !nonV(w[at - 1])) { return false; }
      w.pop();
      undouble();
      return true;
    }
    // Remove the final n letters (-en, -ene) in R1 after a non-vowel, but not after gem.
    function enEnding(n) {
      var at = w.length - n;
      if (at >= p1 && nonV(w[at - 1]) && !ends(w, "gem", at)) { cut(w, n); undouble(); }
    }

    // Step 1: -heden to -heid, -en(e), -s(e) after a non-vowel other than j.
    var s = ending(w, ["heden", "en", "ene", "s", "se"]), at = w.length - s.length;
    if (s === "heden") {
      if (at >= p1) { cut(w, 5); w.push("h", "e", "i", "d"); }
    } else if (s === "en" || s === "ene") {
      enEnding(s.length);
    } else if (s && at >= p1 && nonV(w[at - 1]) && w[at - 1] !== "j") {
      cut(w, s.length);
    }
    // Step 2: -e.
    var eFound = eEnding();
    // Step 3a: -heid in R2, not after c, then -en.
    at = w.length - 4;
    if (ends(w, "heid", w.length) && at >= p2 && w[at - 1] !== "c") {
      cut(w, 4);
      if (ends(w, "en", w.length)) { enEnding(2); }
    }
    // Step 3b: derivational endings in R2.
    s = ending(w, ["end", "ing", "ig", "lijk", "baar", "bar"]);
    at = w.length - s.length;
    if (s && at >= p2) {
      if (s === "end" || s === "ing") {
        cut(w, 3);
        if (ends(w, "ig", w.length) && w.length - 2 >= p2 && w[w.length - 3] !== "e") { cut(w, 2); } else { undouble(); }
      } else if (s === "ig") {
        if (w[at - 1] !== "e") { cut(w, 2); }
      } else if (s === "lijk") {
        cut(w, 4);
        eEnding();
      } else if (s === "baar" || eFound) {
        cut(w, s.length);
      }
    }
    // Step 4: undouble a vowel: consonant + aa/ee/oo/uu + final non-vowel other than I.
    var n = w.length, v = w[n - 2];
    if (nonV(w[n - 1]) && w[n - 1] !== "I" && n >= 4 && v === w[n - 3] && "aeou".indexOf(v) >= 0 && nonV(w[n - 4])) {
      w.splice(n - 2, 1);
    }
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).dutch = stem; }
})(this);
