/* Snowball Tamil stemmer, written from the published algorithm (see tamil.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var P = "்";                          // pulli (virama): a consonant without its vowel
  var HARD = "கசடதபற";                 // the hard consonants
  var SIGNS = "ாிீெேுூை";               // vowel signs the rules look at
  var VOWELS = "அஆஇஈஉஊஎஏஐஒஓஔ";          // independent vowels
  var PREFIX_CONS = "கசதவநபமயஙஞ";        // consonants after a question/pronoun prefix vowel

  function last(s) { return s.charAt(s.length - 1); }
  function isIn(set, c) { return c !== "" && set.indexOf(c) >= 0; }
  // Length in characters (code points), as the algorithm counts it.
  function len(s) { return s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) || []).length; }

  // Conditions on the text before a suffix.
  function lastIn(set) { return function (rest) { return isIn(set, last(rest)); }; }
  function lastNotIn(set) { return function (rest) { return !isIn(set, last(rest)); }; }
  var notSign = lastNotIn(SIGNS);
  function pulliHard(rest) { return isIn(HARD, last(rest)) && rest.charAt(rest.length - 2) === P; }

  // Every a + b for the letters of a and b (strings or arrays).
  function join(a, b) {
    var out = [];
    for (var i = 0; i < a.length; i++) { for (var j = 0; j < b.length; j++) { out.push(a[i] + b[j]); } }
    return out;
  }

  // A rule table: [suffixes, replacement, condition?]. Rules are tried in order; in a rule the
  // first suffix the word ends with is taken (listed longest first), and then its condition
  // decides: if it fails, the next rule is tried.
  function rules(list) {
    return list.map(function (r) {
      return { s: typeof r[0] === "string" ? r[0].split(" ") : r[0], to: r[1], ok: r[2] };
    });
  }

  var FIX_ENDING = rules([
    ["ந்த் ந்த ந்", ""],
    ["ய்", "", lastIn("ைிீ")],
    ["ட்ப் ட்க்", "ள்"],
    ["ன்ற்", "ல்"],
    ["ற்க்", "ல்"],
    ["ட்ட்", "டு"],
    ["த்த்", "ம்", function (rest, st) { return st.vet && last(rest) !== "ை"; }],
    ["ுக்க் ுக்", P],
    [join(join(HARD, P), join(HARD, P)), ""],        // two hard consonants with pulli
    [join(HARD, P), ""],                             // one hard consonant with pulli
    [join(join(P, "யரலவழளஙஞணநமன"), P), P],           // soft/medium consonant after a pulli
    ["வ் வ ய", ""],
    ["னு", "", notSign],
    ["ங்", "ம்", lastNotIn("ை")],
    ["ங்", ""],
    [P, "", lastIn(SIGNS + P)]
  ]);
  var PLURAL = rules([
    ["ுங்கள்", P, lastNotIn(HARD)],
    ["ற்கள்", "ல்"],
    ["ட்கள்", "ள்"],
    ["கள்", ""]
  ]);
  var QUESTION = rules([["ோ ே ா", P]]);
  var COMMAND = rules([["பி வி", ""]]);
  var UM = rules([["ும்", P]]);
  // Whole words that attach to others ("with", "not", "became", ...).
  var COMMON = rules([
    ["ுடன் ில்லை ிடம் ின்றி ாகி ாகிய ென்று ுள்ள ுடைய ுடை ெனும்", P],
    ["ல்ல", P, notSign],
    ["ென ாகி", P],
    ["பட்டது பட்டண பட்டு பட்ட படு குரிய பற்றி விட்டு விடு படிதான படி தான ெல்லாம்", ""]
  ]);
  // Case endings (vetrumai urupu).
  var CASE = rules([
    ["னை", ""],
    ["ினை ை", P, lastNotIn(HARD)],
    ["ை", P, pulliHard],
    ["ொடு ோடு ில் ிற்", P],
    ["ின்", P, lastNotIn("ம")],
    ["ின்று ிருந்து விட", P],
    ["ிடம்", P, function (rest, st) { return st.len >= 7; }],
    ["ால் ுடை ாமல்", P],
    ["ல்", P, notSign],
    ["ுள்", P],
    ["கண் முன் மேல் மேற் கீழ் பின்", ""],
    ["து", "", notSign],
    ["ீ", "ி"]
  ]);
  // Tense and person endings of verbs.
  var TENSE = rules([
    ["கொண்டிர் படு", ""],
    ["மார் மின் னன் னான் னாள் னார்", ""],
    ["வன்", "", lastNotIn(VOWELS)],
    ["னள் வள் னர் வர் ன ப க த ய பன் பள் பர்", ""],
    ["து", "", notSign],
    ["ிற்று பம் னம் தும் றும் கும் னென் னை வை", ""],
    ["ான்", P, lastNotIn("ச")],
    ["ாள் ார் ேன் ா ாம் ெம் ேம் ோம் கும் தும் டும் றும் ாய் னென் னிர் ீர் ீயர்", P],
    ["கு து", "", lastIn(P)]
  ]);
  var CASE_IN = rules([["ின்", P]]);     // after a case ending, a final -in goes too
  var PRESENT = rules([["ாநின்ற் ாநின்ற கின்ற் கின்ற கிற் கிற", ""]]);

  // Apply the first rule of the table that fits the end of the word; true if one did.
  function apply(st, table) {
    for (var i = 0; i < table.length; i++) {
      var r = table[i], w = st.w;
      for (var k = 0; k < r.s.length; k++) {
        var s = r.s[k];
        if (s.length <= w.length && w.slice(w.length - s.length) === s) {
          var rest = w.slice(0, w.length - s.length);
          if (!r.ok || r.ok(rest, st)) { st.w = rest + r.to; return true; }
          break;
        }
      }
    }
    return false;
  }

  function longEnough(st) { st.len = len(st.w); return st.len > 4; }

  // Tidy one wrong ending left by suffix removal (sandhi, doubled consonants, ...).
  function fixEnding(st) { return len(st.w) > 3 && apply(st, FIX_ENDING); }
  function fixEndings(st) { while (fixEnding(st)) { /* again */ } }

  // vo-/vu- at the start after a removed prefix becomes the vowel itself.
  var VA_START = { "வோ": "ஓ", "வொ": "ஒ", "வு": "உ", "வூ": "ஊ" };
  function removePrefix(st, vowels) {
    var w = st.w;
    if (isIn(vowels, w.charAt(0)) && isIn(PREFIX_CONS, w.charAt(1)) && w.charAt(2) === P) {
      w = w.slice(3);
      var va = VA_START[w.slice(0, 2)];
      st.w = va ? va + w.slice(2) : w;
    }
  }

  function stem(word) {
    var st = { w: String(word), vet: false, len: 0 };
    fixEnding(st);
    if (!longEnough(st)) { return st.w; }
    removePrefix(st, "எ");               // question prefix e-
    removePrefix(st, "அஇஉ");             // pronoun prefixes a-, i-, u-
    if (longEnough(st)) {                // question suffixes -o, -e, -a
      apply(st, QUESTION);
      fixEndings(st);
    }
    if (longEnough(st) && apply(st, UM)) { fixEnding(st); }             // -um "and, also"
    if (longEnough(st) && apply(st, COMMON)) { fixEndings(st); }
    st.vet = false;
    if (longEnough(st) && apply(st, CASE)) {
      st.vet = true;
      apply(st, CASE_IN);
      fixEndings(st);
    }
    apply(st, PLURAL);
    if (longEnough(st)) { apply(st, COMMAND); }
    var again = true;
    while (again) {                      // strip tense endings while any is found
      again = false;
      if (!longEnough(st)) { break; }
      if (apply(st, TENSE)) { again = true; }
      if (apply(st, PRESENT)) { again = true; }
      fixEndings(st);
    }
    return st.w;
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).tamil = stem; }
})(this);
