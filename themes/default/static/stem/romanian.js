/* Snowball Romanian stemmer, written from the published algorithm (see romanian.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouâîă";
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

  // Each kind is the replacement ("" deletes), but "ile" -> "i" only when not after "ab".
  var STEP0 = table({ "": "ul ului", a: "aua", e: "ea ele elor", i: "ii iua iei iile iilor ilor", ile: "ile",
    at: "atei", "aţi": "aţie aţia" });
  var COMBO = table({
    abil: "abilitate abilitati abilităi abilităţi", ibil: "ibilitate", iv: "ivitate ivitati ivităi ivităţi",
    ic: "icitate icitati icităi icităţi icator icatori iciv iciva icive icivi icivă ical icala icale icali icală",
    at: "ativ ativa ative ativi ativă aţiune atoare ator atori ătoare ător ători",
    it: "itiv itiva itive itivi itivă iţiune itoare itor itori"
  });
  var STANDARD = table({
    "": "at ata ată ati ate ut uta ută uti ute it ita ită iti ite ic ica ice ici ică abil abila abile abili " +
      "abilă ibil ibila ibile ibili ibilă oasa oasă oase os osi oşi ant anta ante anti antă ator atori " +
      "itate itati ităi ităţi iv iva ive ivi ivă",
    iune: "iune iuni", ist: "ism isme ist ista iste isti istă işti"
  });
  var VERB = table({
    after: "are ere ire âre ind ând indu ându eze ească ez ezi ează esc eşti eşte ăsc ăşti ăşte " +
      "am ai au eam eai ea eaţi eau iam iai ia iaţi iau ui aşi arăm arăţi ară uşi urăm urăţi ură " +
      "işi irăm irăţi iră âi âşi ârăm ârăţi âră asem aseşi ase aserăm aserăţi aseră " +
      "isem iseşi ise iserăm iserăţi iseră âsem âseşi âse âserăm âserăţi âseră " +
      "usem useşi use userăm userăţi useră",
    "": "ăm aţi em eţi im iţi âm âţi seşi serăm serăţi seră sei se sesem seseşi sese seserăm seserăţi seseră"
  });
  var VOWEL = table({ "": "a e i ie ă" });

  // "u" and "i" between vowels are consonants: mark them "U" and "I" (undone at the end).
  function prelude(w) {
    for (var i = 1; i + 1 < w.length; i++) {
      var c = w.charAt(i);
      if ((c === "u" || c === "i") && isV(w.charAt(i - 1)) && isV(w.charAt(i + 1))) {
        w = w.slice(0, i) + c.toUpperCase() + w.slice(i + 1);
      }
    }
    return w;
  }

  // Plural and article endings in R1.
  function step0(w, r) {
    var s = suffix(w, STEP0), i = w.length - (s ? s.length : 0), kind = STEP0.kind[s];
    if (!s || i < r.p1) { return w; }
    if (kind === "ile") { return w.slice(i - 2, i) === "ab" ? w : w.slice(0, i) + "i"; }
    return w.slice(0, i) + kind;
  }

  // One combined suffix in R1 ("-icitate" -> "-ic"); null when none applies.
  function comboSuffix(w, r) {
    var s = suffix(w, COMBO), i = w.length - (s ? s.length : 0);
    return s && i >= r.p1 ? w.slice(0, i) + COMBO.kind[s] : null;
  }

  // Combined suffixes as long as they apply, then one standard suffix in R2.
  // Returns [word, whether anything was removed].
  function standardSuffix(w, r) {
    var removed = false, c;
    while ((c = comboSuffix(w, r)) !== null) { w = c; removed = true; }
    var s = suffix(w, STANDARD), i = w.length - (s ? s.length : 0), kind = STANDARD.kind[s];
    if (s && i >= r.p2) {
      if (kind === "iune") { // "-ţiune" -> "-t"
        if (w.charAt(i - 1) === "ţ") { w = w.slice(0, i - 1) + "t"; removed = true; }
      } else { w = w.slice(0, i) + kind; removed = true; }
    }
    return [w, removed];
  }

  // Verb endings inside RV; the first group only after a consonant or "u" (also inside RV).
  function verbSuffix(w, r) {
    if (w.length < r.pV) { return w; }
    var s = suffix(w, VERB, r.pV), i = w.length - (s ? s.length : 0);
    if (!s) { return w; }
    if (VERB.kind[s] === "after") {
      var c = w.charAt(i - 1);
      if (i <= r.pV || (isV(c) && c !== "u")) { return w; }
    }
    return w.slice(0, i);
  }

  function stem(word) {
    var w = prelude(String(word)), r = regions(w);
    w = step0(w, r);
    var st = standardSuffix(w, r);
    w = st[1] ? st[0] : verbSuffix(st[0], r);
    var s = suffix(w, VOWEL); // a final vowel in RV
    if (s && w.length - s.length >= r.pV) { w = w.slice(0, w.length - s.length); }
    return w.replace(/I/g, "i").replace(/U/g, "u");
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).romanian = stem; }
})(this);
