/* Snowball Spanish stemmer, written from the published algorithm (see spanish.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouáéíóúü";
  function isV(c) { return !!c && VOWELS.indexOf(c) >= 0; }

  // Suffix tables: {kind: "suffix suffix ..."} -> lookup by suffix.
  function table(groups) {
    var t = { kind: {}, max: 0 };
    Object.keys(groups).forEach(function (k) {
      groups[k].split(" ").forEach(function (s) { t.kind[s] = k; t.max = Math.max(t.max, s.length); });
    });
    return t;
  }
  // The longest suffix of w[0..end) in table t that starts at `lo` or later, or null.
  function suffix(w, end, t, lo) {
    for (var n = Math.min(end, t.max); n > 0; n--) {
      var s = w.slice(end - n, end);
      if (Object.prototype.hasOwnProperty.call(t.kind, s) && end - n >= (lo || 0)) { return s; }
    }
    return null;
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  // Remove suffix s if present and inside the region starting at p.
  function dropIn(w, s, p) { return ends(w, s) && w.length - s.length >= p ? w.slice(0, w.length - s.length) : w; }
  function unaccent(s) {
    return s.replace(/[áéíóú]/g, function (c) { return "aeiou".charAt("áéíóú".indexOf(c)); });
  }

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

  var PRONOUNS = table({ p: "me se sela selo selas selos la le lo las les los nos" });
  var BEFORE_PRONOUN = table({ accent: "iéndo ándo ár ér ír", plain: "ando iendo ar er ir", yendo: "yendo" });
  var STANDARD = table({
    del: "anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas " +
      "amiento amientos imiento imientos",
    ic: "adora ador ación adoras adores aciones ante antes ancia ancias",
    log: "logía logías", u: "ución uciones", ente: "encia encias",
    amente: "amente", mente: "mente", idad: "idad idades", iv: "iva ivo ivas ivos"
  });
  var AFTER_AMENTE = table({ iv: "iv", other: "os ic ad" });
  var AFTER_MENTE = table({ x: "ante able ible" });
  var AFTER_IDAD = table({ x: "abil ic iv" });
  var Y_VERB = table({ y: "ya ye yan yen yeron yendo yo yó yas yes yais yamos" });
  var VERB = table({
    gu: "en es éis emos",
    del: "arían arías arán arás aríais aría aréis aríamos aremos ará aré " +
      "erían erías erán erás eríais ería eréis eríamos eremos erá eré " +
      "irían irías irán irás iríais iría iréis iríamos iremos irá iré " +
      "aba ada ida ía ara iera ad ed id ase iese aste iste an aban ían aran ieran asen iesen aron ieron " +
      "ado ido ando iendo ió ar er ir as abas adas idas ías aras ieras ases ieses ís áis abais íais arais " +
      "ierais aseis ieseis asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos"
  });
  var RESIDUAL = table({ v: "os a o á í ó", e: "e é" });

  // Verb endings with an enclitic pronoun: "dándoselo" -> "dando", "comerla" -> "comer".
  function attachedPronoun(w, r) {
    var p = suffix(w, w.length, PRONOUNS);
    if (!p) { return w; }
    var end = w.length - p.length, v = suffix(w, end, BEFORE_PRONOUN), start = end - (v ? v.length : 0);
    if (!v || start < r.pV) { return w; }
    var kind = BEFORE_PRONOUN.kind[v];
    if (kind === "accent") { return w.slice(0, start) + unaccent(v); }
    if (kind === "yendo" && w.charAt(start - 1) !== "u") { return w; }
    return w.slice(0, end);
  }

  // Noun and adjective suffixes; null when none applies.
  function standardSuffix(w, r) {
    var s = suffix(w, w.length, STANDARD);
    if (!s) { return null; }
    var i = w.length - s.length, kind = STANDARD.kind[s], t;
    if (i < (kind === "amente" ? r.p1 : r.p2)) { return null; }
    w = w.slice(0, i);
    switch (kind) {
      case "ic": return dropIn(w, "ic", r.p2);
      case "log": return w + "log";
      case "u": return w + "u";
      case "ente": return w + "ente";
      case "amente":
        t = suffix(w, w.length, AFTER_AMENTE);
        if (t && w.length - 2 >= r.p2) {
          w = w.slice(0, w.length - 2);
          if (t === "iv") { w = dropIn(w, "at", r.p2); }
        }
        return w;
      case "mente": t = suffix(w, w.length, AFTER_MENTE); return t ? dropIn(w, t, r.p2) : w;
      case "idad": t = suffix(w, w.length, AFTER_IDAD); return t ? dropIn(w, t, r.p2) : w;
      case "iv": return dropIn(w, "at", r.p2);
    }
    return w;
  }

  // Verb forms starting with "y" after "u" ("huyendo"); searched inside RV only.
  function yVerbSuffix(w, r) {
    if (w.length < r.pV) { return null; }
    var s = suffix(w, w.length, Y_VERB, r.pV), i = w.length - (s ? s.length : 0);
    return s && w.charAt(i - 1) === "u" ? w.slice(0, i) : null;
  }

  // Other verb endings inside RV; "-en -es -éis -emos" take a "u" after "g" with them.
  function verbSuffix(w, r) {
    if (w.length < r.pV) { return null; }
    var s = suffix(w, w.length, VERB, r.pV);
    if (!s) { return null; }
    var i = w.length - s.length;
    if (VERB.kind[s] === "gu" && w.charAt(i - 1) === "u" && w.charAt(i - 2) === "g") { i--; }
    return w.slice(0, i);
  }

  // A final vowel (or "os") in RV; after "e", also the "u" of "gu".
  function residualSuffix(w, r) {
    var s = suffix(w, w.length, RESIDUAL);
    if (!s || w.length - s.length < r.pV) { return w; }
    w = w.slice(0, w.length - s.length);
    if (RESIDUAL.kind[s] === "e" && ends(w, "gu")) { w = dropIn(w, "u", r.pV); }
    return w;
  }

  function stem(word) {
    var w = String(word), r = regions(w);
    w = attachedPronoun(w, r);
    var s = standardSuffix(w, r);
    if (s === null) { s = yVerbSuffix(w, r); }
    if (s === null) { s = verbSuffix(w, r); }
    if (s !== null) { w = s; }
    w = residualSuffix(w, r);
    return unaccent(w);
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).spanish = stem; }
})(this);
