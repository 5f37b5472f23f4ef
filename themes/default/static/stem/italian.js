/* Snowball Italian stemmer, written from the published algorithm (see italian.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var V = "aeiouàèìòù", AEIO = "aeioàèìò";
  function isV(c) { return !!c && V.indexOf(c) >= 0; }

  // Suffix tables {suffix: what to do}, written as space-separated lists per action.
  function table(groups) {
    var t = {};
    Object.keys(groups).forEach(function (g) { groups[g].split(" ").forEach(function (s) { t[s] = g; }); });
    return t;
  }
  var PRONOUN = table({ p: "ci gli la le li lo mi ne si ti vi sene gliela gliele glieli glielo gliene " +
    "mela mele meli melo mene tela tele teli telo tene cela cele celi celo cene vela vele veli velo vene" });
  var BEFORE_PRONOUN = table({ del: "ando endo", e: "ar er ir" });
  var STANDARD = table({
    del: "anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili ista iste isti istà istè " +
      "istì oso osi osa ose mente atrice atrici ante anti",
    azione: "azione azioni atore atori", logia: "logia logie", uzione: "uzione uzioni usione usioni",
    enza: "enza enze", amento: "amento amenti imento imenti", amente: "amente", ita: "ità",
    ivo: "ivo ivi iva ive"
  });
  var AMENTE = table({ iv: "iv", x: "os ic abil" });
  var ITA = table({ x: "abil ic iv" });
  var VERB = table({ del: "ammo ando ano are arono asse assero assi assimo ata ate ati ato ava avamo avano " +
    "avate avi avo emmo enda ende endi endo erà erai eranno ere erebbe erebbero erei eremmo eremo ereste " +
    "eresti erete erò erono essero ete eva evamo evano evate evi evo Yamo iamo immo irà irai iranno ire " +
    "irebbe irebbero irei iremmo iremo ireste iresti irete irò irono isca iscano isce isci isco iscono " +
    "issero ita ite iti ito iva ivamo ivano ivate ivi ivo ono uta ute uti uto ar ir" });

  // The longest suffix of w[0..end) listed in t that starts at or after lo, or "".
  function longest(w, t, lo, end) {
    if (end === undefined) { end = w.length; }
    for (var n = Math.min(end - lo, 8); n > 0; n--) {
      var s = w.slice(end - n, end).join("");
      if (Object.prototype.hasOwnProperty.call(t, s)) { return s; }
    }
    return "";
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length).join("") === s; }
  // Replace everything from position k with s.
  function cut(w, k, s) { w.length = k; Array.prototype.push.apply(w, s.split("")); return true; }

  // Acute accents become grave; u after q and u, i between vowels are marked (U, I).
  function prelude(w) {
    var i, a;
    for (i = 0; i < w.length; i++) {
      a = "áéíóú".indexOf(w[i]);
      if (a >= 0) { w[i] = "àèìòù".charAt(a); } else if (w[i] === "q" && w[i + 1] === "u") { w[i + 1] = "U"; }
    }
    for (i = 0; i < w.length; i++) {
      if (isV(w[i]) && (w[i + 1] === "u" || w[i + 1] === "i") && isV(w[i + 2])) { w[i + 1] = w[i + 1].toUpperCase(); }
    }
  }
  // The position after the first letter from `from` that is (or is not) a vowel, or -1.
  function past(w, from, vowel) {
    for (var i = from; i < w.length; i++) { if (isV(w[i]) === vowel) { return i + 1; } }
    return -1;
  }
  // The position after the first non-vowel that follows a vowel, from `from`.
  function after(w, from) {
    for (var i = from; i < w.length - 1; i++) { if (isV(w[i]) && !isV(w[i + 1])) { return i + 2; } }
    return w.length;
  }
  // RV: if the second letter is a consonant, after the next vowel; if the first two are
  // vowels, after the next consonant; otherwise after the third letter. R1, R2 as usual.
  function regions(w) {
    var n = w.length, pV = -1, p1 = after(w, 0);
    if (n >= 2) {
      if (!isV(w[1])) { pV = past(w, 2, true); }
      else if (isV(w[0])) { pV = past(w, 2, false); }
      else if (n >= 3) { pV = 3; }
    }
    return { pV: pV < 0 ? n : pV, p1: p1, p2: after(w, p1) };
  }

  // Step 0: pronouns attached to a gerund (deleted) or an infinitive in -ar/-er/-ir (-e).
  function attachedPronoun(w, R) {
    var s = longest(w, PRONOUN, 0);
    if (!s) { return; }
    var k = w.length - s.length, b = longest(w, BEFORE_PRONOUN, 0, k);
    if (b && k - b.length >= R.pV) { cut(w, k, BEFORE_PRONOUN[b] === "e" ? "e" : ""); }
  }

  // Delete a suffix found by `t` in R2 (returns whether it was there).
  function inR2(w, R, t) {
    var s = longest(w, t, 0), k = w.length - s.length;
    if (s && k >= R.p2) { cut(w, k, ""); }
    return s;
  }

  // Step 1: standard suffixes. Returns whether one was removed.
  function standardSuffix(w, R) {
    var s = longest(w, STANDARD, 0);
    if (!s) { return false; }
    var k = w.length - s.length, r2 = k >= R.p2;
    switch (STANDARD[s]) {
      case "del": return r2 && cut(w, k, "");
      case "azione":
        if (!r2) { return false; }
        cut(w, k, "");
        if (ends(w, "ic") && k - 2 >= R.p2) { cut(w, k - 2, ""); }
        return true;
      case "logia": return r2 && cut(w, k, "log");
      case "uzione": return r2 && cut(w, k, "u");
      case "enza": return r2 && cut(w, k, "ente");
      case "amento": return k >= R.pV && cut(w, k, "");
      case "amente":
        if (k < R.p1) { return false; }
        cut(w, k, "");
        var t = longest(w, AMENTE, 0);
        if (t && k - t.length >= R.p2) {
          cut(w, k - t.length, "");
          if (t === "iv" && ends(w, "at") && k - 4 >= R.p2) { cut(w, k - 4, ""); }
        }
        return true;
      case "ita": if (!r2) { return false; } cut(w, k, ""); inR2(w, R, ITA); return true;
      default: // ivo, ivi, iva, ive; then -at, then -ic, all in R2
        if (!r2) { return false; }
        cut(w, k, "");
        if (ends(w, "at") && k - 2 >= R.p2) {
          cut(w, k - 2, "");
          if (ends(w, "ic") && k - 4 >= R.p2) { cut(w, k - 4, ""); }
        }
        return true;
    }
  }

  // Step 2: verb endings inside RV.
  function verbSuffix(w, R) {
    var s = longest(w, VERB, R.pV);
    if (s) { cut(w, w.length - s.length, ""); }
  }

  // Step 3: a final vowel (then an i) in RV goes; -ch, -gh lose the h when RV covers the c/g.
  function vowelSuffix(w, R) {
    var n = w.length;
    if (n - 1 >= R.pV && AEIO.indexOf(w[n - 1]) >= 0) {
      w.length = --n;
      if (n - 1 >= R.pV && w[n - 1] === "i") { w.length = --n; }
    }
    if (n - 2 >= R.pV && w[n - 1] === "h" && (w[n - 2] === "c" || w[n - 2] === "g")) { w.length = n - 1; }
  }

  function stem(word) {
    var w = Array.from(String(word));
    prelude(w);
    var R = regions(w);
    attachedPronoun(w, R);
    if (!standardSuffix(w, R)) { verbSuffix(w, R); }
    vowelSuffix(w, R);
    return w.join("").replace(/[IU]/g, function (c) { return c.toLowerCase(); });
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).italian = stem; }
})(this);
