/* Snowball French stemmer, written from the published algorithm (see french.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";
  var V = "aeiouyâàëéêèïîôûù";
  function isV(c) { return !!c && V.indexOf(c) >= 0; }

  // Suffix tables {suffix: what to do}, written as space-separated lists per action.
  function table(groups) {
    var t = {};
    Object.keys(groups).forEach(function (g) { groups[g].split(" ").forEach(function (s) { t[s] = g; }); });
    return t;
  }
  var STANDARD = table({
    del: "ance iqUe isme able iste eux ances iqUes ismes ables istes",
    ateur: "atrice ateur ation atrices ateurs ations",
    logie: "logie logies", ution: "usion ution usions utions", ence: "ence ences",
    ement: "ement ements", ite: "ité ités", ive: "if ive ifs ives",
    eaux: "eaux", aux: "aux", euse: "euse euses", issement: "issement issements",
    amment: "amment", emment: "emment", ment: "ment ments"
  });
  var I_VERB = table({ del: "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez " +
    "irions irons iront is issaIent issais issait issant issante issantes issants isse issent isses " +
    "issez issiez issions issons it" });
  var VERB = table({
    ions: "ions",
    del: "é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez",
    a: "âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions"
  });
  var RESIDUAL = table({ ion: "ion", ier: "ier ière Ier Ière", e: "e", ee: "ë" });

  // The longest suffix of w[0..end) listed in t that starts at or after lo, or "".
  function longest(w, t, lo, end) {
    if (end === undefined) { end = w.length; }
    for (var n = Math.min(end - lo, 9); n > 0; n--) {
      var s = w.slice(end - n, end).join("");
      if (Object.prototype.hasOwnProperty.call(t, s)) { return s; }
    }
    return "";
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length).join("") === s; }
  // Replace everything from position k with s.
  function cut(w, k, s) { w.length = k; Array.prototype.push.apply(w, s.split("")); return true; }

  // Mark u and i between vowels, y next to a vowel and u after q as consonants (U, I, Y).
  function prelude(w) {
    for (var i = 0; i < w.length; i++) {
      var c = w[i], n = w[i + 1];
      if (isV(c) && (n === "u" || n === "i") && isV(w[i + 2])) { w[i + 1] = n.toUpperCase(); }
      else if (isV(c) && n === "y") { w[i + 1] = "Y"; }
      else if (c === "y" && isV(n)) { w[i] = "Y"; }
      else if (c === "q" && n === "u") { w[i + 1] = "U"; }
    }
  }
  // The position after the first non-vowel that follows a vowel, from `from`.
  function after(w, from) {
    for (var i = from; i < w.length - 1; i++) { if (isV(w[i]) && !isV(w[i + 1])) { return i + 2; } }
    return w.length;
  }
  // Regions: RV starts after a leading vowel pair's third letter, par/col/tap, or the first
  // vowel after the first letter; R1 and R2 as usual.
  function regions(w) {
    var n = w.length, pV = n, p1 = after(w, 0);
    if (n >= 3 && ((isV(w[0]) && isV(w[1])) || ["par", "col", "tap"].indexOf(w.slice(0, 3).join("")) >= 0)) {
      pV = 3;
    } else {
      for (var i = 1; i < n; i++) { if (isV(w[i])) { pV = i + 1; break; } }
    }
    return { pV: pV, p1: p1, p2: after(w, p1) };
  }

  // After removing a suffix: -ic goes in R2, else becomes -iqU.
  function ic(w, R) {
    if (ends(w, "ic")) { var k = w.length - 2; cut(w, k, k >= R.p2 ? "" : "iqU"); }
  }

  // Step 1: standard suffixes. Returns whether one was removed (some change the word and fail).
  function standardSuffix(w, R) {
    var s = longest(w, STANDARD, 0);
    if (!s) { return false; }
    var k = w.length - s.length, g = STANDARD[s];
    var r1 = k >= R.p1, r2 = k >= R.p2;
    switch (g) {
      case "del": return r2 && cut(w, k, "");
      case "ateur": if (!r2) { return false; } cut(w, k, ""); ic(w, R); return true;
      case "logie": return r2 && cut(w, k, "log");
      case "ution": return r2 && cut(w, k, "u");
      case "ence": return r2 && cut(w, k, "ent");
      case "ement":
        if (k < R.pV) { return false; }
        cut(w, k, "");
        if (ends(w, "iv")) {
          if (k - 2 >= R.p2) { cut(w, k - 2, ""); if (ends(w, "at") && k - 4 >= R.p2) { cut(w, k - 4, ""); } }
        } else if (ends(w, "eus")) {
          if (k - 3 >= R.p2) { cut(w, k - 3, ""); } else if (k - 3 >= R.p1) { cut(w, k - 3, "eux"); }
        } else if (ends(w, "abl") || ends(w, "iqU")) {
          if (k - 3 >= R.p2) { cut(w, k - 3, ""); }
        } else if ((ends(w, "ièr") || ends(w, "Ièr")) && k - 3 >= R.pV) {
          cut(w, k - 3, "i");
        }
        return true;
      case "ite":
        if (!r2) { return false; }
        cut(w, k, "");
        if (ends(w, "abil")) { cut(w, k - 4, k - 4 >= R.p2 ? "" : "abl"); }
        else if (ends(w, "iv")) { if (k - 2 >= R.p2) { cut(w, k - 2, ""); } }
        else { ic(w, R); }
        return true;
      case "ive":
        if (!r2) { return false; }
        cut(w, k, "");
        if (ends(w, "at") && k - 2 >= R.p2) { cut(w, k - 2, ""); ic(w, R); }
        return true;
      case "eaux": return cut(w, k, "eau");
      case "aux": return r1 && cut(w, k, "al");
      case "euse": return r2 ? cut(w, k, "") : r1 && cut(w, k, "eux");
      case "issement": return r1 && !isV(w[k - 1]) && k > 0 && cut(w, k, "");
      // -amment, -emment and -ment change the word but let the verb steps run.
      case "amment": if (k >= R.pV) { cut(w, k, "ant"); } return false;
      case "emment": if (k >= R.pV) { cut(w, k, "ent"); } return false;
      default: // -ment, -ments after a vowel in RV
        if (k - 1 >= R.pV && isV(w[k - 1])) { cut(w, k, ""); }
        return false;
    }
  }

  // Step 2a: verb endings in -i (inside RV), after a non-vowel.
  function iVerbSuffix(w, R) {
    var s = longest(w, I_VERB, R.pV);
    if (!s) { return false; }
    var k = w.length - s.length;
    return k - 1 >= R.pV && !isV(w[k - 1]) && cut(w, k, "");
  }

  // Step 2b: other verb endings (inside RV).
  function verbSuffix(w, R) {
    var s = longest(w, VERB, R.pV);
    if (!s) { return false; }
    var k = w.length - s.length, g = VERB[s];
    if (g === "ions") { return k >= R.p2 && cut(w, k, ""); }
    cut(w, k, "");
    if (g === "a" && ends(w, "e") && k - 1 >= R.pV) { cut(w, k - 1, ""); }
    return true;
  }

  // Step 4: a final -s, then -ion, -ier, -e, -guë (inside RV).
  function residualSuffix(w, R) {
    var n = w.length;
    if (n >= 2 && w[n - 1] === "s" && "aiouès".indexOf(w[n - 2]) < 0) { w.length = --n; }
    if (n < R.pV) { return; }
    var s = longest(w, RESIDUAL, R.pV);
    if (!s) { return; }
    var k = n - s.length, g = RESIDUAL[s];
    if (g === "ion") {
      if (k >= R.p2 && k - 1 >= R.pV && (w[k - 1] === "s" || w[k - 1] === "t")) { cut(w, k, ""); }
    } else if (g === "ier") { cut(w, k, "i"); }
    else if (g === "e") { cut(w, k, ""); }
    else if (k - 2 >= R.pV && w[k - 2] === "g" && w[k - 1] === "u") { cut(w, k, ""); }
  }

  // Step 5: -enn, -onn, -ett, -ell, -eill lose the last letter.
  function unDouble(w) {
    if (["enn", "onn", "ett", "ell", "eill"].some(function (s) { return ends(w, s); })) { w.length--; }
  }

  // Step 6: é or è before the final run of non-vowels becomes e.
  function unAccent(w) {
    var j = w.length;
    while (j > 0 && !isV(w[j - 1])) { j--; }
    if (j < w.length && (w[j - 1] === "é" || w[j - 1] === "è")) { w[j - 1] = "e"; }
  }

  function stem(word) {
    var w = Array.from(String(word));
    prelude(w);
    var R = regions(w);
    if (standardSuffix(w, R) || iVerbSuffix(w, R) || verbSuffix(w, R)) {
      var last = w[w.length - 1];
      if (last === "Y") { w[w.length - 1] = "i"; } else if (last === "ç") { w[w.length - 1] = "c"; }
    } else {
      residualSuffix(w, R);
    }
    unDouble(w);
    unAccent(w);
    return w.join("").replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).french = stem; }
})(this);
