/* Snowball Turkish stemmer, written from the published algorithm (see turkish.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeıioöuü", U = "ıiuü";
  // Vowel harmony: for a suffix whose last vowel is the key, some earlier vowel must be one of these.
  var HARMONY = { a: "aıou", e: "eiöü", "ı": "aı", i: "ei", o: "ou", "ö": "öü", u: "ou", "ü": "öü" };
  // The vowel appended to a stem ending in d or g, after its last vowel.
  var APPEND = { a: "ı", "ı": "ı", e: "i", i: "i", o: "u", u: "u", "ö": "ü", "ü": "ü" };
  var DEVOICE = { b: "p", c: "ç", d: "t", "ğ": "k" };

  // The suffixes (Snowball names: A = a/e, U = ı/i/u/ü, D = d/t), whether they must obey vowel
  // harmony, and the buffer letter that may stand before them ("U": an optional vowel).
  var MARKS = {
    poss: [/[mn](?:[ıiuü]z)?$/, 0, "U"], sU: [/[ıiuü]$/, 1, "s"], lArI: [/(?:ları|leri)$/, 0],
    yU: [/[ıiuü]$/, 1, "y"], nU: [/n[ıiuü]$/, 1], nUn: [/[ıiuü]n$/, 1, "n"], yA: [/[ae]$/, 1, "y"],
    nA: [/n[ae]$/, 1], DA: [/[dt][ae]$/, 1], ndA: [/nd[ae]$/, 1], DAn: [/[dt][ae]n$/, 1],
    ndAn: [/nd[ae]n$/, 1], ylA: [/l[ae]$/, 1, "y"], ki: [/ki$/, 0], ncA: [/c[ae]$/, 1, "n"],
    yUm: [/[ıiuü]m$/, 1, "y"], sUn: [/s[ıiuü]n$/, 1], yUz: [/[ıiuü]z$/, 1, "y"],
    sUnUz: [/(?:sınız|siniz|sunuz|sünüz)$/, 0], lAr: [/l[ae]r$/, 1], nUz: [/n[ıiuü]z$/, 1],
    DUr: [/[dt][ıiuü]r$/, 1], cAsInA: [/(?:casına|cesine)$/, 0], yDU: [/[dt][ıiuü][mnk]?$/, 1, "y"],
    ysA: [/s[ae][mnk]?$/, 0, "y"], ymUs: [/m[ıiuü]ş$/, 1, "y"], yken: [/ken$/, 0, "y"]
  };

  // The word, the cursor (working from the end back), and the slice [bra, ket) to delete.
  var w, c, bra, ket, goOn;

  function isIn(set, ch) { return ch !== "" && set.indexOf(ch) >= 0; }
  function isVowel(i) { return i >= 0 && isIn(VOWELS, w.charAt(i)); }

  // Run f; if it fails, put the cursor back (counted from the end, as text may be cut).
  function keep(f) {
    var save = w.length - c;
    if (f()) { return true; }
    c = w.length - save;
    return false;
  }
  function cut() { bra = c; w = w.slice(0, bra) + w.slice(ket); }

  // The last vowel before the cursor must harmonise with some vowel before it.
  function harmony() {
    var j = c - 1;
    while (j >= 0 && !isVowel(j)) { j--; }
    if (j < 0) { return false; }
    var ok = HARMONY[w.charAt(j)];
    for (var k = j - 1; k >= 0; k--) { if (isIn(ok, w.charAt(k))) { return true; } }
    return false;
  }

  // Buffer letter before a suffix: take it when the letter before it is a vowel (a non-vowel
  // for "U"); without it, the letter two back must be one.
  function buffer(b) {
    var set = b === "U" ? U : b, want = b !== "U";
    if (c > 0 && isIn(set, w.charAt(c - 1))) {
      if (c > 1 && isVowel(c - 2) === want) { c--; return true; }
      return false;
    }
    if (c < 1) { return false; }
    var p = c - 1, lo = w.charCodeAt(p);
    if (lo >= 0xdc00 && lo <= 0xdfff && p > 0 && (w.charCodeAt(p - 1) & 0xfc00) === 0xd800) { p--; }
    return p > 0 && isVowel(p - 1) === want;
  }

  // Match the named suffix before the cursor and step over it; on failure leave the cursor.
  function m(name) {
    var d = MARKS[name], save = c;
    if (d[1] && !harmony()) { return false; }
    var r = d[0].exec(w.slice(0, c));
    if (!r) { return false; }
    c -= r[0].length;
    if (d[2] && !buffer(d[2])) { c = save; return false; }
    return true;
  }
  // Delete the first of the named suffixes that matches (slice end already set).
  function cutIf() {
    for (var i = 0; i < arguments.length; i++) { if (m(arguments[i])) { cut(); return true; } }
    return false;
  }
  function take() { ket = c; return cutIf.apply(null, arguments); }

  // -ki chains: -DAki, -nUnki, -ndAki, with plurals and possessives before them.
  function chainKi() {
    ket = c;
    if (!m("ki")) { return false; }
    return keep(function () {
      if (!m("DA")) { return false; }
      cut();
      keep(function () {
        ket = c;
        return (cutIf("lAr") && tryKi()) || (cutIf("poss") && tryLArKi());
      });
      return true;
    }) || keep(function () {
      if (!m("nUn")) { return false; }
      cut();
      keep(function () { ket = c; return cutIf("lArI") || possSU() || keep(chainKi); });
      return true;
    }) || keep(function () {
      return m("ndA") && (cutIf("lArI") || (cutIf("sU") && tryLArKi()) || keep(chainKi));
    });
  }
  function tryKi() { keep(chainKi); return true; }
  function lArKi() { return keep(function () { return take("lAr") && chainKi(); }); }
  function tryLArKi() { lArKi(); return true; }
  function possSU() { return take("poss", "sU") && tryLArKi(); }

  // Nominal verb suffixes (-ymUş, -yDU, -ysA, -yken, -cAsInA, -lAr, -sUnUz, -DUr, ...).
  function verbSuffixes() {
    ket = c;
    goOn = true;
    var ok = m("ymUs") || m("yDU") || m("ysA") || m("yken") || keep(function () {
      return m("cAsInA") && (m("sUnUz") || m("lAr") || m("yUm") || m("sUn") || m("yUz") || true) && m("ymUs");
    }) || keep(function () {
      if (!m("lAr")) { return false; }
      cut();
      keep(function () { ket = c; return m("DUr") || m("yDU") || m("ysA") || m("ymUs"); });
      goOn = false;
      return true;
    }) || keep(function () {
      return m("nUz") && (m("yDU") || m("ysA"));
    }) || keep(function () {
      if (!(m("sUnUz") || m("yUz") || m("sUn") || m("yUm"))) { return false; }
      cut();
      ket = c;
      m("ymUs");
      return true;
    }) || keep(function () {
      if (!m("DUr")) { return false; }
      cut();
      keep(function () {
        ket = c;
        return (m("sUnUz") || m("lAr") || m("yUm") || m("sUn") || m("yUz") || true) && m("ymUs");
      });
      return true;
    });
    if (ok) { cut(); }
  }

  // Noun suffixes: plural, case endings, possessives and the -ki chains after them.
  function nounSuffixes() {
    return (take("lAr") && tryKi()) ||
      (take("ncA") && (take("lArI") || possSU() || lArKi() || true)) ||
      keep(function () {
        ket = c;
        return (m("ndA") || m("nA")) && (cutIf("lArI") || (cutIf("sU") && tryLArKi()) || keep(chainKi));
      }) ||
      keep(function () {
        ket = c;
        return (m("ndAn") || m("nU")) && ((cutIf("sU") && tryLArKi()) || m("lArI"));
      }) ||
      (take("DAn") && (keep(function () {
        ket = c;
        return (cutIf("poss") && tryLArKi()) || (cutIf("lAr") && tryKi()) || keep(chainKi);
      }) || true)) ||
      (take("nUn", "ylA") && (lArKi() || possSU() || keep(chainKi) || true)) ||
      take("lArI") ||
      keep(chainKi) ||
      (take("DA", "yU", "yA") && (keep(function () {
        ket = c;
        if (cutIf("poss")) { ket = c; m("lAr"); } else if (!m("lAr")) { return false; }
        cut();
        return chainKi();
      }) || true)) ||
      possSU();
  }

  function stem(word) {
    w = String(word);
    var n = 0;
    for (var i = 0; i < w.length; i++) { if (isVowel(i)) { n++; } }
    if (n < 2) { return w; }
    c = w.length;
    verbSuffixes();
    if (!goOn) { return w; }
    c = w.length;
    nounSuffixes();
    if (w === "ad" || w === "soyad") { return w; }
    // A stem left ending in d or g has most likely lost its last vowel: add it back.
    var last = w.charAt(w.length - 1);
    if (last === "d" || last === "g") {
      for (var j = w.length - 1; j >= 0; j--) { if (isVowel(j)) { w += APPEND[w.charAt(j)]; break; } }
    }
    // Final b, c, d, ğ become p, ç, t, k.
    last = w.charAt(w.length - 1);
    if (DEVOICE.hasOwnProperty(last)) { w = w.slice(0, -1) + DEVOICE[last]; }
    return w;
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).turkish = stem; }
})(this);
