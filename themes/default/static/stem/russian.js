/* Snowball Russian stemmer, written from the published algorithm (see russian.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "аеиоуыэюя";
  function list(s) { return s.split(" "); }
  // Suffix groups: "afterA" endings are removed only when they follow а or я (which stays).
  var GERUND = { afterA: list("в вши вшись"), plain: list("ив ивши ившись ыв ывши ывшись") };
  var ADJECTIVE = { afterA: [], plain: list("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых " +
    "ую юю ая яя ою ею") };
  var PARTICIPLE = { afterA: list("ем нн вш ющ щ"), plain: list("ивш ывш ующ") };
  var REFLEXIVE = { afterA: [], plain: list("ся сь") };
  var VERB = { afterA: list("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно"),
    plain: list("ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены " +
      "ить ыть ишь ую ю") };
  var NOUN = { afterA: [], plain: list("а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам " +
    "ом о у ах иях ях ы ь ию ью ю ия ья я") };
  var DERIVATIONAL = { afterA: [], plain: list("ост ость") };

  function isVowel(c) { return c.length === 1 && VOWELS.indexOf(c) >= 0; }

  // pV: after the first vowel; p2 (R2): after the second vowel-then-non-vowel sequence.
  function regions(w) {
    var n = w.length, i = 0, pV = n, p2 = n;
    while (i < n && !isVowel(w.charAt(i))) { i++; }
    if (i < n) {
      pV = ++i;
      while (i < n && isVowel(w.charAt(i))) { i++; }
      while (i < n && !isVowel(w.charAt(i))) { i++; }
      while (i < n && isVowel(w.charAt(i))) { i++; }
      if (i < n) { p2 = i + 1; }
    }
    return [pV, p2];
  }
  function endsAt(w, s, from) { return w.length - s.length >= from && w.slice(w.length - s.length) === s; }

  // Removes the longest ending of `group` lying at or after `from`. Returns the shortened word,
  // or null if no ending matches or the longest one is an afterA ending not preceded by а/я.
  function remove(w, group, from) {
    var best = "", afterA = false, kinds = [group.plain, group.afterA];
    for (var k = 0; k < 2; k++) {
      for (var i = 0; i < kinds[k].length; i++) {
        var s = kinds[k][i];
        if (s.length > best.length && endsAt(w, s, from)) { best = s; afterA = k === 1; }
      }
    }
    if (!best) { return null; }
    var rest = w.slice(0, w.length - best.length);
    return afterA && !(endsAt(rest, "а", from) || endsAt(rest, "я", from)) ? null : rest;
  }

  function stem(word) {
    var w = String(word), r = regions(w), pV = r[0], p2 = r[1], t;
    // Step 1: a perfective gerund; otherwise an optional reflexive ending, then an adjectival
    // ending (adjective plus any participle), a verb ending or a noun ending.
    t = remove(w, GERUND, pV);
    if (t !== null) { w = t; } else {
      t = remove(w, REFLEXIVE, pV);
      if (t !== null) { w = t; }
      t = remove(w, ADJECTIVE, pV);
      if (t !== null) {
        w = t;
        t = remove(w, PARTICIPLE, pV);
        if (t !== null) { w = t; }
      } else {
        t = remove(w, VERB, pV);
        if (t === null) { t = remove(w, NOUN, pV); }
        if (t !== null) { w = t; }
      }
    }
    // Step 2: a final и goes.
    if (endsAt(w, "и", pV)) { w = w.slice(0, -1); }
    // Step 3: derivational -ост(ь), only in R2.
    t = remove(w, DERIVATIONAL, Math.max(pV, p2));
    if (t !== null) { w = t; }
    // Step 4: superlative -ейш(е) goes and nn is undoubled; otherwise a final ь goes.
    t = remove(w, { afterA: [], plain: ["ейш", "ейше"] }, pV);
    if (t !== null) { w = t; }
    if (endsAt(w, "нн", pV)) { w = w.slice(0, -1); } else if (t === null && endsAt(w, "ь", pV)) { w = w.slice(0, -1); }
    return w;
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).russian = stem; }
})(this);
