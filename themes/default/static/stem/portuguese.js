/* Snowball Portuguese stemmer, written from the published algorithm (see portuguese.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouáéíóúâêô";
  function isV(c) { return !!c && VOWELS.indexOf(c) >= 0; }

  // Suffix tables: {kind: "suffix suffix ..."} -> lookup by suffix.
  function table(groups) {
    var t = { kind: {}, max: 0 };
    Object.keys(groups).forEach(function (k) {
      groups[k].split(" ").forEach(function (s) { t.kind[s] = k; t.max = Math.max(t.max, s.length); });
    });
    return t;
  }
  // The longest suffix of w in table t that starts at `lo` or later, or null.
  function suffix(w, t, lo) {
    for (var n = Math.min(w.length, t.max); n > 0; n--) {
      var s = w.slice(w.length - n);
      if (Object.prototype.hasOwnProperty.call(t.kind, s) && w.length - n >= (lo || 0)) { return s; }
    }
    return null;
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  // Remove suffix s if present and inside the region starting at p.
  function dropIn(w, s, p) { return ends(w, s) && w.length - s.length >= p ? w.slice(0, w.length - s.length) : w; }

  // Just past the first letter of the array w from i on that is (want) / is not a vowel; -1 if none.
  function past(w, i, want) {
    for (; i < w.length; i++) { if (isV(w[i]) === want) { return i + 1; } }
    return -1;
  }
  // RV, R1 and R2 as string indices; found over code points, as rust-stemmers does.
  function regions(word) {
    var w = Array.from(word), n = w.length, pV = n, p1 = n, p2 = n, j;
    if (isV(w[0]) && isV(w[1])) { j = past(w, 2, false); } // two vowels: after the next consonant
    else if (!isV(w[1])) { j = past(w, 2, true); }         // second a consonant: after the next vowel
    else { j = Math.min(3, n); }                           // consonant-vowel: after the third letter
    if (j >= 0) { pV = j; }
    j = past(w, 0, true);
    if (j >= 0) { j = past(w, j, false); }
    if (j >= 0) {
      p1 = j; j = past(w, j, true);
      if (j >= 0) { j = past(w, j, false); }
      if (j >= 0) { p2 = j; }
    }
    function at(p) { return w.slice(0, p).join("").length; }
    return { pV: at(pV), p1: at(p1), p2: at(p2) };
  }

  // The nasal vowels are spelt "a~" and "o~" while stemming ("~" counts as a consonant).
  var STANDARD = table({
    del: "eza ezas ico ica icos icas ismo ismos ável ível ista istas oso osa osos osas amento amentos " +
      "imento imentos adora ador aça~o adoras adores aço~es ante antes ância",
    log: "logia logias", u: "uça~o uço~es", ente: "ência ências",
    amente: "amente", mente: "mente", idade: "idade idades", iv: "iva ivo ivas ivos", ira: "ira iras"
  });
  var AFTER_AMENTE = table({ iv: "iv", other: "os ic ad" });
  var AFTER_MENTE = table({ x: "ante avel ível" });
  var AFTER_IDADE = table({ x: "abil ic iv" });
  var VERB = table({
    v: "ada ida ia aria eria iria ará ara erá era irá ava asse esse isse aste este iste ei arei erei irei " +
      "am iam ariam eriam iriam aram eram iram avam em arem erem irem assem essem issem ado ido ando endo " +
      "indo ara~o era~o ira~o ar er ir as adas idas ias arias erias irias arás aras erás eras irás avas es " +
      "ardes erdes irdes ares eres ires asses esses isses astes estes istes is ais eis íeis aríeis eríeis " +
      "iríeis áreis areis éreis ereis íreis ireis ásseis ésseis ísseis áveis ados idos ámos amos íamos " +
      "aríamos eríamos iríamos áramos éramos íramos ávamos emos aremos eremos iremos ássemos êssemos " +
      "íssemos imos armos ermos irmos eu iu ou ira iras"
  });
  var RESIDUAL = table({ v: "os a i o á í ó" });
  var FORM = table({ e: "e é ê", c: "ç" });

  // Noun and adjective suffixes; null when none applies.
  function standardSuffix(w, r) {
    var s = suffix(w, STANDARD);
    if (!s) { return null; }
    var i = w.length - s.length, kind = STANDARD.kind[s], t;
    if (kind === "ira") { // "-eira(s)" -> "-eir", in RV
      return i >= r.pV && w.charAt(i - 1) === "e" ? w.slice(0, i) + "ir" : null;
    }
    if (i < (kind === "amente" ? r.p1 : r.p2)) { return null; }
    w = w.slice(0, i);
    switch (kind) {
      case "log": return w + "log";
      case "u": return w + "u";
      case "ente": return w + "ente";
      case "amente":
        t = suffix(w, AFTER_AMENTE);
        if (t && w.length - 2 >= r.p2) {
          w = w.slice(0, w.length - 2);
          if (t === "iv") { w = dropIn(w, "at", r.p2); }
        }
        return w;
      case "mente": t = suffix(w, AFTER_MENTE); return t ? dropIn(w, t, r.p2) : w;
      case "idade": t = suffix(w, AFTER_IDADE); return t ? dropIn(w, t, r.p2) : w;
      case "iv": return dropIn(w, "at", r.p2);
    }
    return w;
  }

  // Verb endings, searched inside RV only.
  function verbSuffix(w, r) {
    if (w.length < r.pV) { return null; }
    var s = suffix(w, VERB, r.pV);
    return s ? w.slice(0, w.length - s.length) : null;
  }

  // Final "e" (with the "u" of "gu" or the "i" of "ci") in RV, and "ç" -> "c".
  function residualForm(w, r) {
    var s = suffix(w, FORM);
    if (s === "ç") { return w.slice(0, w.length - 1) + "c"; }
    if (!s || w.length - 1 < r.pV) { return w; }
    w = w.slice(0, w.length - 1);
    return ends(w, "gu") || ends(w, "ci") ? dropIn(w, w.charAt(w.length - 1), r.pV) : w;
  }

  function stem(word) {
    var w = String(word).replace(/ã/g, "a~").replace(/õ/g, "o~"), r = regions(w);
    var s = standardSuffix(w, r);
    if (s === null) { s = verbSuffix(w, r); }
    if (s !== null) { // a suffix went: also a final "i" after "c", in RV
      w = ends(s, "ci") ? dropIn(s, "i", r.pV) : s;
    } else { // otherwise a final vowel (or "os") in RV
      s = suffix(w, RESIDUAL);
      if (s) { w = dropIn(w, s, r.pV); }
    }
    w = residualForm(w, r);
    return w.replace(/a~/g, "ã").replace(/o~/g, "õ");
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).portuguese = stem; }
})(this);
