/* Snowball Arabic stemmer, written from the published algorithm (see arabic.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";

  // Rules are written in Buckwalter transliteration (one ASCII letter per Arabic letter):
  // U+0621..U+063A, then U+0641..U+064A.
  var BW = "'|>&<}AbptvjHxd*rzs$SDTZEg" + "fqklmnhwYy";
  function ar(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var k = BW.indexOf(s.charAt(i));
      out += String.fromCharCode(k < 26 ? 0x621 + k : 0x641 + k - 26);
    }
    return out;
  }

  // A table of affixes to remove: [minimum word length, "affixes", length, "affixes", ...].
  function rules(spec) {
    var t = {};
    for (var i = 0; i < spec.length; i += 2) {
      spec[i + 1].split(" ").forEach(function (a) { t[ar(a)] = { min: spec[i], to: "" }; });
    }
    return t;
  }
  function rewrites(min, pairs) { // "from=to" pairs, each with its own replacement
    var t = {};
    pairs.split(" ").forEach(function (p) {
      var eq = p.indexOf("=");
      t[ar(p.slice(0, eq))] = { min: min, to: ar(p.slice(eq + 1)) };
    });
    return t;
  }

  // Suffixes (removed from the end).
  var NOUN_1A = rules([4, "y k h", 5, "nA km hA hn hm", 6, "kmA hmA"]);
  var NOUN_1B = rules([6, "n"]);
  var NOUN_2A = rules([5, "A y w"]);
  var NOUN_2B = rules([5, "At"]);
  var NOUN_2C1 = rules([4, "t"]);
  var NOUN_2C2 = rules([4, "p"]);              // feminine teh marbuta
  var NOUN_3 = rules([3, "y"]);                // ya' nisbiya
  var VERB_1 = rules([4, "h k", 5, "ny nA hA hm hn km kn", 6, "hmA kmA kmw"]);
  var VERB_2A = rules([4, "t A n y", 5, "nA tA tn", 6, "An wn yn tmA"]);
  var VERB_2B = rules([5, "wA tm"]);
  var VERB_2C = rules([4, "w", 6, "tmw"]);
  var ALEF_MAQSURA = rewrites(0, "Y=y");         // final alef maqsura is spelled yeh

  // Prefixes (rewritten at the cursor).
  var PRE_1 = rewrites(4, ">>=> >|=| >&=> >A=A ><=<");  // doubled hamza forms: keep one
  var PRE_2 = rules([4, "f w"]);
  var PRE_3A = rules([6, "bAl kAl", 5, "ll Al"]);  // definite article
  var PRE_3B = rewrites(4, "b= bb=b kk=k");
  var PRE_3V = rewrites(5, "sy=y st=t sn=n s>=>");      // future sa-
  var PRE_4V = rewrites(5, "yst=Ast nst=Ast tst=Ast");

  var w; // the word being stemmed, an array of characters

  function has(t, s) { return Object.prototype.hasOwnProperty.call(t, s); }
  function at(pos, s) { return w.slice(pos, pos + s.length).join("") === s; }

  // Apply the longest affix of table t ending (back) or starting at cursor c, if the word is
  // long enough. Returns the cursor after the rewrite, or -1 if nothing applied.
  function apply(t, c, back) {
    for (var n = 3; n > 0; n--) {
      var from = back ? c - n : c;
      if (from < 0 || from + n > w.length) { continue; }
      var a = w.slice(from, from + n).join("");
      if (has(t, a)) {
        var r = t[a];
        if (w.length < r.min) { return -1; }
        Array.prototype.splice.apply(w, [from, n].concat(r.to.split("")));
        return back ? from : from + r.to.length;
      }
    }
    return -1;
  }
  function cut(t) { return apply(t, w.length, true) >= 0; }

  // Letter forms: runs of presentation forms U+FE80..U+FEF4, one run per letter in order.
  var FORMS = "122224242444442222444444444444444224";
  var SHAPED = {};
  (function () {
    var code = 0xfe80;
    for (var i = 0; i < FORMS.length; i++) {
      for (var j = 0; j < +FORMS.charAt(i); j++) { SHAPED[String.fromCharCode(code++)] = ar(BW.charAt(i)); }
    }
    // Lam-alef ligatures, two forms each: U+FEF5..U+FEFC.
    "|><A".split("").forEach(function (a) {
      SHAPED[String.fromCharCode(code++)] = SHAPED[String.fromCharCode(code++)] = ar("l" + a);
    });
  })();
  var DROP = ".,;:?!/*%\\\"\u060c\u061b\u061f\u0640\u066a\u066b\u066c";

  // Strip diacritics, tatweel and punctuation; Arabic digits to ASCII; shaped forms to letters.
  function normalizePre(chars) {
    var out = [];
    chars.forEach(function (ch) {
      var code = ch.charCodeAt(0);
      if (ch.length !== 1) { out.push(ch); }
      else if ((code >= 0x64b && code <= 0x652) || DROP.indexOf(ch) >= 0) { return; }
      else if (code >= 0x660 && code <= 0x669) { out.push(String(code - 0x660)); }
      else if (has(SHAPED, ch)) { out.push.apply(out, SHAPED[ch].split("")); }
      else { out.push(ch); }
    });
    return out;
  }

  // A final hamza carrier becomes a bare hamza; other carriers become their letter.
  function normalizePost() {
    var last = w.length - 1;
    if (last >= 0 && "\u0622\u0623\u0624\u0625\u0626".indexOf(w[last]) >= 0) { w[last] = "\u0621"; }
    for (var i = 0; i < w.length; i++) {
      var k = "\u0622\u0623\u0625\u0624\u0626".indexOf(w[i]);
      if (k >= 0) { w[i] = "\u0627\u0627\u0627\u0648\u064a".charAt(k); }
    }
  }

  // Verb suffixes: pronouns (repeatedly), then one tense ending. True if anything went.
  function verbSuffixes() {
    if (cut(VERB_1)) {
      while (cut(VERB_1)) { /* more pronoun suffixes */ }
      if (!cut(VERB_2A)) { cut(VERB_2C); }
      return true;
    }
    return cut(VERB_2B) || cut(VERB_2A);
  }

  // Noun suffixes; a removal here stays even when the branch as a whole fails.
  function nounSuffixes(defined) {
    var c = -1;
    if (cut(NOUN_2C2)) { c = w.length; }
    else if (!defined && cut(NOUN_1A)) {
      // With no second suffix the cursor steps back a letter, so step 3 looks there.
      c = cut(NOUN_2A) || cut(NOUN_2B) || cut(NOUN_2C1) ? w.length : w.length - 1;
    } else if (cut(NOUN_1B) && (cut(NOUN_2A) || cut(NOUN_2B) || cut(NOUN_2C1))) { c = w.length; }
    else if ((!defined && cut(NOUN_2A)) || cut(NOUN_2B)) { c = w.length; }
    if (c < 0) { c = w.length; }
    return apply(NOUN_3, c, true) >= 0; // ya' nisbiya is required
  }

  // Prefixes, moving a cursor from the start as the Snowball program does.
  function prefixes(verb) {
    var c = 0, r = apply(PRE_1, 0, false);
    if (r >= 0) { c = r; }
    if (!at(c, ar("fA")) && !at(c, ar("wA"))) { apply(PRE_2, c, false); }
    if (apply(PRE_3A, c, false) >= 0) { return; }
    if (!at(c, ar("bA")) && apply(PRE_3B, c, false) >= 0) { return; }
    if (verb) {
      r = apply(PRE_3V, c, false);
      apply(PRE_4V, r >= 0 ? r : c, false);
    }
  }

  function stem(word) {
    var chars = Array.from(String(word));
    var n = chars.length, s = chars.join("");
    // A definite article marks a noun (checked before normalizing).
    var art3 = s.slice(0, 3), art2 = s.slice(0, 2);
    var defined = (art3 === ar("bAl") || art3 === ar("kAl")) ? n > 4 :
      (art2 === ar("ll") || art2 === ar("Al")) && n > 3;
    var verb = !defined;
    w = normalizePre(chars);
    if (!(verb && verbSuffixes()) && !nounSuffixes(defined)) { cut(ALEF_MAQSURA); }
    prefixes(verb);
    normalizePost();
    var result = w.join("");
    w = null;
    return result;
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).arabic = stem; }
})(this);
