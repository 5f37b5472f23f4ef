/* Snowball Hungarian stemmer, written from the published algorithm (see hungarian.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var VOWELS = "aeiouáéíóöőúüű";
  var DIGRAPHS = ["dzs", "cs", "gy", "ly", "ny", "sz", "ty", "zs"];

  function isV(c) { return c !== "" && VOWELS.indexOf(c) >= 0; }

  // A suffix table: {suffix: replacement}, from groups "replacement: suffix suffix ...".
  // "-" stands for deleting the suffix.
  function table(groups) {
    var t = {};
    groups.forEach(function (g) {
      var parts = g.split(":"), to = parts[0] === "-" ? "" : parts[0];
      parts[1].trim().split(/\s+/).forEach(function (s) { t[s] = to; });
    });
    return t;
  }

  var DOUBLES = table(["-: bb cc ccs dd ff gg ggy jj kk ll lly mm nn nny pp rr ss ssz tt tty vv zz zzs"]);
  var INSTRUM = table(["-: al el"]);
  var CASE = table(["-: ban ben ba be ra re nak nek val vel tól től ról ről ból ből hoz hez höz nál nél ig " +
    "at et ot öt ért képp képpen kor ul ül vá vé onként enként anként ként en on an ön n t"]);
  var V_ENDING = table(["a: á", "e: é"]);
  var CASE_SPECIAL = table(["e: én", "a: án ánként"]);
  var CASE_OTHER = table(["-: astul estül stul stül", "a: ástul", "e: éstül"]);
  var FACTIVE = table(["-: á é"]);
  var PLURAL = table(["a: ák", "e: ék", "-: ök ak ok ek k"]);
  var OWNED = table(["-: oké öké aké eké ké éi é", "e: éké ééi éé", "a: áké áéi"]);
  var SING_OWNER = table(["-: ünk unk nk juk jük uk ük em om am m od ed ad öd d ja je a e o",
    "a: ánk ájuk ám ád á", "e: énk éjük ém éd é"]);
  var PLUR_OWNER = table(["-: jaim jeim aim eim im jaid jeid aid eid id jai jei ai ei i jaink jeink eink aink ink " +
    "jaitok jeitek aitok eitek itek jeik jaik aik eik ik",
    "a: áim áid ái áink áitok áik", "e: éim éid éi éink éitek éik"]);

  // The longest suffix of w listed in t (null if none).
  function longest(w, t) {
    for (var n = Math.min(w.length, 7); n > 0; n--) {
      var s = w.slice(w.length - n);
      if (Object.prototype.hasOwnProperty.call(t, s)) { return s; }
    }
    return null;
  }

  // R1 starts after the first consonant (or consonant digraph) following an initial vowel,
  // or after the first vowel when the word starts with a consonant.
  function regionR1(w) {
    var i;
    if (isV(w.charAt(0))) {
      for (i = 1; i < w.length && isV(w.charAt(i)); i++) { /* skip vowels */ }
      if (i < w.length) {
        for (var k = 0; k < DIGRAPHS.length; k++) {
          if (w.substr(i, DIGRAPHS[k].length) === DIGRAPHS[k]) { return i + DIGRAPHS[k].length; }
        }
        return i + 1;
      }
    } else if (w.length > 0) {
      for (i = 1; i < w.length; i++) { if (isV(w.charAt(i))) { return i + 1; } }
    }
    return w.length;
  }

  function stem(word) {
    var w = String(word), p1 = regionR1(w);

    // Find the longest suffix of t; if it starts in R1, replace it. Returns the suffix or null.
    function step(t) {
      var s = longest(w, t);
      if (s === null || w.length - s.length < p1) { return null; }
      w = w.slice(0, w.length - s.length) + t[s];
      return s;
    }
    // Suffix in R1 after a double consonant: remove it and undouble (ggy -> gy, tt -> t).
    function afterDouble(t) {
      var s = longest(w, t);
      if (s === null || w.length - s.length < p1) { return; }
      var rest = w.slice(0, w.length - s.length);
      if (longest(rest, DOUBLES) === null) { return; }
      w = rest.slice(0, rest.length - 2) + rest.charAt(rest.length - 1);
    }

    afterDouble(INSTRUM);                 // instrumental -al/-el
    if (step(CASE) !== null) { step(V_ENDING); } // cases, then a final á/é becomes a/e
    step(CASE_SPECIAL);
    step(CASE_OTHER);
    afterDouble(FACTIVE);                 // factive -á/-é
    step(OWNED);
    step(SING_OWNER);
    step(PLUR_OWNER);
    step(PLURAL);
    return w;
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).hungarian = stem; }
})(this);
