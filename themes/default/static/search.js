/* Prepbook search: the query side of the index that `prepbook build` writes to search/.
   A plain script (no modules), so it runs from file:// as well as over HTTP. It loads index data
   through PrepbookData (script elements), and only once the reader uses search.

   Matching: words are normalized and stemmed exactly as src/search/tokenize.rs does at build
   time; the last word also matches as a prefix while typing; a word of five letters or more
   that the guide does not use as written tolerates typos after its first two letters (one edit,
   two from eight letters). What a query means (synonyms, dotted names, stop words) and how
   results are ordered is search-rank.js's.
   Everything shown is built with text nodes, but for a summary: that is HTML the build made
   (inline markup, every character of the author's text escaped, no links), never text from the
   index interpreted here. */
(function (global) {
  "use strict";

  // search-rank.js: loaded before this script by the default theme; a guide's own base.html
  // written before it existed gets it on the first query (rankReady).
  var Rank = typeof module === "object" && module.exports ? require("./search-rank.js") : global.PrepbookSearchRank;
  // text.js: the UI strings of the page's language (loaded before this script).
  var t = global.PrepbookText || (typeof module === "object" && module.exports ? require("./text.js") : null);
  var rankLoading = null;
  // The theme's static folder, where this script was loaded from (a translation's pages live
  // in its own folder, the static files once at the site root).
  var here = typeof document === "object" && document.currentScript && document.currentScript.src;
  function staticFile(name) {
    return here ? here.replace(/[^/]*$/, name) : PrepbookData.root() + "static/" + name;
  }
  function rankReady() {
    if (Rank) { return Promise.resolve(); }
    if (!rankLoading) {
      rankLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = staticFile("search-rank.js");
        script.onload = function () { Rank = global.PrepbookSearchRank; resolve(); };
        script.onerror = function () { rankLoading = null; reject(new Error("static/search-rank.js did not load")); };
        document.head.appendChild(script);
      });
    }
    return rankLoading;
  }

  /* ---------------------------------------------------------------- text, as in tokenize.rs */

  // Accents: the combining diacritical marks blocks (a Tamil or Devanagari vowel sign stays).
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var WORD_CHAR = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Nl}\p{No}_]$/u;
  var STEMMABLE = /^[\p{Alphabetic}\p{M}]+$/u;

  function normalize(s) {
    return s.normalize("NFKD").replace(MARKS, "").normalize("NFC").toLowerCase();
  }

  function isCJK(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) ||
      (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0x20000 && cp <= 0x2fa1f);
  }

  function isWordChar(ch) {
    return WORD_CHAR.test(ch) && !isCJK(ch.codePointAt(0));
  }

  /** Raw words of normalized text: identifiers whole, CJK runs as bigrams. */
  function words(norm) {
    var chars = Array.from(norm);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isCJK(c.codePointAt(0))) {
        var start = i;
        while (i < chars.length && isCJK(chars[i].codePointAt(0))) { i++; }
        if (i - start === 1) { out.push(chars[start]); } else {
          for (var j = start; j + 1 < i; j++) { out.push(chars[j] + chars[j + 1]); }
        }
      } else if (isWordChar(c)) {
        var s = i;
        while (i < chars.length && (isWordChar(chars[i]) ||
          (chars[i] === "." && i + 1 < chars.length && isWordChar(chars[i + 1]) && i > s))) { i++; }
        out.push(chars.slice(s, i).join(""));
      } else {
        i++;
      }
    }
    return out;
  }

  /* Snowball English (Porter2), written from the published algorithm. Words are lowercase. */
  var stem = (function () {
    var V = "aeiouy";
    function isV(c) { return V.indexOf(c) >= 0; }
    var EXCEPTIONS = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
      gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news",
      howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" };
    var EXCEPTIONS2 = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
    var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
    var VALID_LI = "cdeghkmnrt";

    // The word as an array of characters; "Y" marks a consonant y.
    function regions(w) {
      var p1 = w.length;
      var rest = ["gener", "commun", "arsen"].filter(function (p) { return w.join("").indexOf(p) === 0; })[0];
      if (rest) { p1 = rest.length; } else { p1 = after(w, 0); }
      return [p1, after(w, p1)];
    }
    // The position after the first non-vowel that follows a vowel, from `from`.
    function after(w, from) {
      for (var i = from; i < w.length - 1; i++) {
        if (isV(w[i]) && !isV(w[i + 1])) { return i + 2; }
      }
      return w.length;
    }
    // Ends in a short syllable (at position `end`).
    function shortv(w, end) {
      var a = w[end - 3], b = w[end - 2], c = w[end - 1];
      if (end >= 3 && !isV(a) && isV(b) && !isV(c) && "wxY".indexOf(c) < 0) { return true; }
      return end === 2 && isV(b) && !isV(c);
    }
    // Called for every suffix of every list on every word: compare in place, without copies.
    function ends(w, s) {
      var off = w.length - s.length;
      if (off < 0) { return false; }
      for (var i = 0; i < s.length; i++) { if (w[off + i] !== s.charAt(i)) { return false; } }
      return true;
    }
    function set(w, n, s) { w.splice(w.length - n, n); Array.prototype.push.apply(w, s.split("")); }
    function hasVowel(w, end) { for (var i = 0; i < end; i++) { if (isV(w[i])) { return true; } } return false; }
    function longest(w, list) {
      var best = null;
      list.forEach(function (s) { if (ends(w, s) && (!best || s.length > best.length)) { best = s; } });
      return best;
    }

    return function (word) {
      if (word.length < 3) { return word; }
      if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) { return EXCEPTIONS[word]; }
      var w = Array.from(word.charAt(0) === "'" ? word.slice(1) : word);
      var yFound = false;
      if (w[0] === "y") { w[0] = "Y"; yFound = true; }
      for (var i = 1; i < w.length; i++) {
        if (w[i] === "y" && isV(w[i - 1])) { w[i] = "Y"; yFound = true; }
      }
      var r = regions(w), p1 = r[0], p2 = r[1];

      // Step 0
      var s0 = longest(w, ["'", "'s", "'s'"]);
      if (s0) { set(w, s0.length, ""); }
      // Step 1a
      var s1 = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]);
      if (s1 === "sses") { set(w, 4, "ss"); } else if (s1 === "ied" || s1 === "ies") {
        set(w, 3, w.length - 3 > 1 ? "i" : "ie");
      } else if (s1 === "s") {
        if (hasVowel(w, w.length - 2)) { set(w, 1, ""); }
      }
      if (EXCEPTIONS2.indexOf(w.join("")) < 0) {
        // Step 1b
        var s1b = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
        if (s1b === "eed" || s1b === "eedly") {
          if (w.length - s1b.length >= p1) { set(w, s1b.length, "ee"); }
        } else if (s1b && hasVowel(w, w.length - s1b.length)) {
          set(w, s1b.length, "");
          if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) { w.push("e"); } else if (longest(w, DOUBLES)) {
            w.pop();
          } else if (w.length === p1 && shortv(w, w.length)) { w.push("e"); }
        }
        // Step 1c
        var last = w[w.length - 1];
        if ((last === "y" || last === "Y") && w.length > 2 && !isV(w[w.length - 2])) { w[w.length - 1] = "i"; }
        // Step 2
        var STEP2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
          ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al",
          fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble",
          ogi: "og", fulli: "ful", lessli: "less", li: "" };
        var s2 = longest(w, Object.keys(STEP2));
        if (s2 && w.length - s2.length >= p1) {
          var before = w[w.length - s2.length - 1];
          if (s2 === "ogi") { if (before === "l") { set(w, 3, "og"); } } else if (s2 === "li") {
            if (before && VALID_LI.indexOf(before) >= 0) { set(w, 2, ""); }
          } else { set(w, s2.length, STEP2[s2]); }
        }
        // Step 3
        var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic",
          ful: "", ness: "", ative: "" };
        var s3 = longest(w, Object.keys(STEP3));
        if (s3 && w.length - s3.length >= p1) {
          if (s3 === "ative") { if (w.length - 5 >= p2) { set(w, 5, ""); } } else { set(w, s3.length, STEP3[s3]); }
        }
        // Step 4
        var s4 = longest(w, ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ism", "ate", "iti", "ous", "ive", "ize", "ion"]);
        if (s4 && w.length - s4.length >= p2) {
          if (s4 === "ion") {
            var b4 = w[w.length - 4];
            if (b4 === "s" || b4 === "t") { set(w, 3, ""); }
          } else { set(w, s4.length, ""); }
        }
        // Step 5
        var end = w.length;
        if (w[end - 1] === "e") {
          if (end - 1 >= p2 || (end - 1 >= p1 && !shortv(w, end - 1))) { w.pop(); }
        } else if (w[end - 1] === "l" && end - 1 >= p2 && w[end - 2] === "l") { w.pop(); }
      }
      var out = w.join("");
      return yFound ? out.replace(/Y/g, "y") : out;
    };
  })();

  /* The stemmer of the guide's language, named by the index manifest's `stem`: English is the
     one above; the others are ports in static/stem/<name>.js, loaded before the first query
     (stemReady). The build uses rust-stemmers; tests/stemmers.rs checks each port against it. */
  var stemmer = { name: "english", stem: stem };
  var stemLoading = {};

  function stemmerNamed(name) {
    if (!name || name === "english") { return stem; }
    if (typeof module === "object" && module.exports) { return require("./stem/" + name + ".js"); }
    return (global.PrepbookStemmers || {})[name];
  }

  /** Makes `name` the stemmer of term() and tokens(), loading its port first if need be. */
  function stemReady(name) {
    name = name || "english";
    if (stemmer.name === name) { return Promise.resolve(); }
    var found = stemmerNamed(name);
    if (found) { stemmer = { name: name, stem: found }; return Promise.resolve(); }
    if (!stemLoading[name]) {
      stemLoading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = staticFile("stem/" + name + ".js");
        script.onload = function () {
          var loaded = stemmerNamed(name);
          if (loaded) { stemmer = { name: name, stem: loaded }; resolve(); } else { reject(new Error("static/stem/" + name + ".js has no stemmer")); }
        };
        script.onerror = function () { delete stemLoading[name]; reject(new Error("static/stem/" + name + ".js did not load")); };
        document.head.appendChild(script);
      });
    }
    return stemLoading[name];
  }

  /** Text made ready to split into words (tokenize.rs's `prepare`): in English folded whole;
   *  in a language with its own stemmer only lowercased, as the stemmer reads accents. */
  function prepare(text) {
    return stemmer.name === "english" ? normalize(text) : text.normalize("NFKC").toLowerCase();
  }

  /** A prepared word as the index lists it: accents folded. */
  function fold(word) {
    return stemmer.name === "english" || /^[\x00-\x7f]*$/.test(word) ? word : normalize(word);
  }

  /** A prepared plain word's index term: src/search/tokenize.rs's rule 4. */
  function term(word) {
    if (stemmer.name === "english") {
      return word.length >= 3 && /^[a-z]+$/.test(word) ? stem(word) : word;
    }
    return fold(Array.from(word).length >= 3 && STEMMABLE.test(word) ? stemmer.stem(word) : word);
  }

  /** Tokens of text, exactly as the index was built: [{word, term}], identifiers' parts too. */
  function tokens(text) {
    var out = [];
    words(prepare(text)).forEach(function (w) {
      var fw = fold(w);
      if (!fw) { return; }
      if (/[_.]/.test(w)) {
        out.push({ word: fw, term: fw });
        w.split(/[_.]/).filter(Boolean).forEach(function (p) {
          var fp = fold(p);
          if (fp) { out.push({ word: fp, term: term(p) }); }
        });
      } else {
        out.push({ word: fw, term: term(w) });
      }
    });
    return out;
  }

  function fnv1a(s) {
    var h = 0x811c9dc5;
    Array.from(s).forEach(function (c) { h ^= c.codePointAt(0); h = Math.imul(h, 0x01000193) >>> 0; });
    return h >>> 0;
  }

  function shardKey(t) {
    var first2 = Array.from(t).slice(0, 2).join("");
    if (/^[a-z0-9_.]+$/.test(first2)) { return first2; }
    var hex = (fnv1a(first2) & 0xff).toString(16);
    return "~" + (hex.length < 2 ? "0" + hex : hex);
  }

  function keyFile(key) {
    var bytes = new TextEncoder().encode(key);
    var out = "";
    for (var i = 0; i < bytes.length; i++) { out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    return out;
  }

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var d = 0; d < 64; d++) { DIGIT[ALPHABET.charAt(d)] = d; }

  /** A posting string: [doc, fields mask, body frequency] triples. */
  function postings(str) {
    var out = [];
    var doc = 0, i = 0;
    while (i < str.length) {
      var v = 0, shift = 0, c;
      do { c = DIGIT[str.charAt(i++)]; v += (c & 31) * Math.pow(2, shift); shift += 5; } while (c & 32);
      doc += v;
      var f = DIGIT[str.charAt(i++)];
      out.push([doc, f & 15, f >> 4]);
    }
    return out;
  }

  function varints(str) {
    var out = [], i = 0;
    while (i < str.length) {
      var v = 0, shift = 0, c;
      do { c = DIGIT[str.charAt(i++)]; v += (c & 31) * Math.pow(2, shift); shift += 5; } while (c & 32);
      out.push(v);
    }
    return out;
  }

  /** At most one insertion, deletion, substitution or swap of neighbours between a and b. */
  function oneEdit(a, b) { return Rank.editDistance(a, b, 1) <= 1; }

  /* ---------------------------------------------------------------- the engine */

  var EXACT = 1, STEM = 0.5, PREFIX = 0.6;
  var analyzerMade = null;
  function analyzer() {
    return analyzerMade || (analyzerMade = Rank.make({ normalize: prepare, fold: fold, words: words, term: term }));
  }
  var FACETS = ["section", "difficulty", "level", "tag"];

  function fieldScore(mask) {
    var best = mask & 8 ? 8 : mask & 4 ? 4 : mask & 2 ? 2 : 1;
    var extra = ((mask & 8) ? 1 : 0) + ((mask & 4) ? 1 : 0) + ((mask & 2) ? 1 : 0) + ((mask & 1) ? 1 : 0) - 1;
    return best + 0.1 * extra;
  }

  /**
   * `load(name)` returns a promise of a data file's payload ("index", "s/6465", "d/0"...).
   * In the browser it adds script elements; in node the tests read the files directly.
   */
  function Engine(load) {
    this.load = load;
    this.cache = {};
  }

  Engine.prototype.get = function (name) {
    if (!this.cache[name]) { this.cache[name] = this.load(name); }
    return this.cache[name];
  };

  /** The index manifest, once the stemmer it names is ready. */
  Engine.prototype.manifest = function () {
    return this.get("index").then(function (m) { return stemReady(m.stem).then(function () { return m; }); });
  };

  /** The shard part holding `t` (loads it). Null if no term of the guide starts that way. */
  Engine.prototype.shardFor = function (t) {
    var self = this;
    return this.manifest().then(function (m) {
      var key = shardKey(t);
      var group = m.shards[key];
      if (group === undefined) { return null; }
      if (group === 0) { return self.get("s/" + keyFile(key)); }
      var sub = Array.from(t).slice(0, 3).join("");
      if (group.indexOf(sub) < 0) { return null; }
      return self.get("s/" + keyFile(sub));
    });
  };

  /**
   * The terms one query word matches: {term: factor}. A word the guide does not use as written
   * (nothing, or only words of the same stem) also tries the words of its shard group within
   * its typos, keeping only the closest.
   */
  Engine.prototype.match = function (q, isLast) {
    var self = this;
    return Promise.all([this.manifest(), this.shardFor(q.term), this.shardFor(q.word)]).then(function (r) {
      var m = r[0], found = {}, written = false, prefixed = false;
      var add = function (t, f) { if (!(found[t] >= f)) { found[t] = f; } };
      [r[1], r[2]].forEach(function (shard) {
        if (!shard) { return; }
        if (shard.t[q.term] !== undefined) { add(q.term, q.term === q.word ? EXACT : STEM); written = written || q.term === q.word; }
        if (shard.w[q.word] !== undefined) { add(shard.w[q.word], EXACT); written = true; }
        if (isLast && q.word.length >= 2) {
          Object.keys(shard.t).forEach(function (t) { if (t !== q.word && t.indexOf(q.word) === 0) { add(t, PREFIX); prefixed = true; } });
          Object.keys(shard.w).forEach(function (w) { if (w !== q.word && w.indexOf(q.word) === 0) { add(shard.w[w], PREFIX); prefixed = true; } });
        }
      });
      var edits = Rank.allowedEdits(q.word);
      if (written || prefixed || !edits || /[_.]/.test(q.word)) { return found; }
      var key = shardKey(q.word);
      var group = m.shards[key];
      if (group === undefined) { return found; }
      var dict = group === 0 ? self.get("s/" + keyFile(key)).then(function (s) {
        var all = {};
        Object.keys(s.t).forEach(function (t) { all[t] = 0; });
        Object.keys(s.w).forEach(function (w) { all[w] = s.w[w]; });
        return all;
      }) : self.get("w/" + keyFile(key));
      return dict.then(function (all) {
        var near = [], closest = edits + 1;
        Object.keys(all).forEach(function (w) {
          if (w.length < 4) { return; }
          var d = Rank.editDistance(q.word, w, edits);
          if (d > 0 && d <= edits) {
            near.push([w, d]);
            closest = Math.min(closest, d);
          }
        });
        near.forEach(function (x) {
          if (x[1] === closest) { add(all[x[0]] === 0 ? x[0] : all[x[0]], Rank.typoFactor(q.word, x[0], x[1])); }
        });
        return found;
      });
    });
  };

  /**
   * A word written as one that the guide writes as two ("virtualenv", "hashmap"): the first
   * split into a whole word and a prefix that both match. Resolves [found, found] or null.
   */
  Engine.prototype.compound = function (word) {
    var self = this;
    var chars = Array.from(word);
    var tries = [];
    for (var cut = chars.length - 3; cut >= 3; cut--) { tries.push(cut); }
    var next = function () {
      if (!tries.length) { return Promise.resolve(null); }
      var cut = tries.shift();
      var left = chars.slice(0, cut).join(""), right = chars.slice(cut).join("");
      return Promise.all([self.match({ word: left, term: term(left) }, false), self.match({ word: right, term: term(right) }, true)])
        .then(function (r) { return Object.keys(r[0]).length && Object.keys(r[1]).length ? r : next(); });
    };
    return next();
  };

  /** Postings of `t` ({doc: [mask, tf]}). */
  Engine.prototype.postings = function (t) {
    return this.shardFor(t).then(function (shard) {
      return shard && shard.t[t] !== undefined ? postings(shard.t[t]) : [];
    });
  };

  Engine.prototype.facets = function () {
    var self = this;
    if (!this.facetData) {
      this.facetData = Promise.all([this.manifest(), this.get("facets")]).then(function (r) {
        var m = r[0], f = r[1];
        var n = m.n;
        var section = varints(f.s);
        var difficulty = new Array(n), levels = new Array(n), tags = [];
        for (var i = 0; i < n; i++) {
          var k = DIGIT[f.k.charAt(i)];
          difficulty[i] = k & 3;
          levels[i] = k >> 2;
          tags.push([]);
        }
        f.t.forEach(function (list, tag) {
          var doc = 0;
          varints(list).forEach(function (delta) { doc += delta; tags[doc].push(tag); });
        });
        return { section: section, difficulty: difficulty, levels: levels, tags: tags };
      });
    }
    return this.facetData;
  };

  /** Query words that count, as search-rank.js reads them (without synonyms). */
  function queryWords(text) {
    var a = analyzer().analyze(text, {});
    return { words: a.words, prefix: a.prefix };
  }

  /** Does a doc pass the filters? f: {section: [ids], difficulty: [1..3], level: [bits], tag: [ids]}. */
  function passes(fc, doc, filters, skip) {
    if (skip !== "section" && filters.section.length && !filters.section.some(function (s) {
      return fc.sectionOf(doc, s);
    })) { return false; }
    if (skip !== "difficulty" && filters.difficulty.length && filters.difficulty.indexOf(fc.difficulty[doc]) < 0) { return false; }
    if (skip !== "level" && filters.level.length && !filters.level.some(function (b) { return fc.levels[doc] & b; })) { return false; }
    if (skip !== "tag" && filters.tag.length && !filters.tag.some(function (t) { return fc.tags[doc].indexOf(t) >= 0; })) { return false; }
    return true;
  }

  /**
   * Runs a query. filters: {section, difficulty, level, tag}: arrays of names as in URLs.
   * Resolves {hits: [{doc, score, matched}], total, terms, counts (when `withCounts`)}.
   */
  Engine.prototype.search = function (query, filters, withCounts) {
    var self = this;
    filters = filters || {};
    var anyFilter = FACETS.some(function (k) { return (filters[k] || []).length; });
    return Promise.all([this.manifest(), rankReady()]).then(function (r0) {
      var m = r0[0];
      var q = analyzer().analyze(query || "", m);
      var f = resolveFilters(m, filters);
      var terms = {};
      // Per slot, the index terms that matched it: where they stand in a result's text says
      // whether the query's words are close together there.
      var slotTerms = q.slots.map(function () { return Object.create(null); });
      var n = m.n;
      // Each matched term's postings into the best score per document (Rank.Scores).
      var scoreOf = function (found, si) {
        var ts = Object.keys(found);
        ts.forEach(function (t) { terms[t] = Math.max(terms[t] || 0, found[t]); slotTerms[si][t] = true; });
        return Promise.all(ts.map(function (t) { return self.postings(t); })).then(function (lists) {
          var best = new Rank.Scores(n);
          lists.forEach(function (list, j) {
            var factor = found[ts[j]], typo = factor < STEM;
            list.forEach(function (p) { best.put(p[0], fieldScore(p[1]) * factor + 0.01 * p[2], p[1], typo); });
          });
          return best;
        });
      };
      // One word of an alternative; a long word that matches nothing may be two the guide
      // writes apart ("virtualenv").
      var wordScores = function (w, alone, si) {
        return self.match(w, w.prefix).then(function (found) {
          if (Object.keys(found).length || !alone || Array.from(w.word).length < 6 || /[_.]/.test(w.word)) { return scoreOf(found, si); }
          return self.compound(w.word).then(function (parts) {
            if (!parts) { return new Rank.Scores(n); }
            return Promise.all([scoreOf(parts[0], si), scoreOf(parts[1], si)]).then(function (b) {
              var best = new Rank.Scores(n);
              b[0].docs.forEach(function (d) {
                if (b[1].s[d]) { best.put(d, 0.4 * (b[0].s[d] + b[1].s[d]), b[0].mask[d] & b[1].mask[d], false); }
              });
              return best;
            });
          });
        });
      };
      var matching = Promise.all(q.slots.map(function (slot, si) {
        return Promise.all(slot.alts.map(function (a) {
          return Promise.all(a.words.map(function (w) { return wordScores(w, a.words.length === 1, si); })).then(function (per) {
            return Rank.alternative(per, a.weight, n);
          });
        })).then(function (alts) { return Rank.slot(alts, n); });
      })).then(function (scored) { return { scored: scored, terms: terms }; });
      var needFacets = anyFilter || withCounts || !q.slots.length;
      return Promise.all([matching, needFacets ? self.facets() : null]).then(function (r) {
        var fc = r[1];
        if (fc) { fc.sectionOf = sectionTest(m, fc); }
        // Best first; with no words, every question in reading order.
        var all = [];
        if (q.slots.length) { all = Rank.rank(r[0].scored, m.n); } else {
          for (var d0 = 0; d0 < m.n; d0++) { all.push({ doc: d0, score: 0, matched: 0 }); }
        }
        // With neither words nor filters nothing is listed, but the counts cover the whole guide:
        // they say what choosing each filter would list.
        var counted = all;
        if (!q.slots.length && !anyFilter) { all = []; }
        var hits = fc ? all.filter(function (h) { return passes(fc, h.doc, f); }) : all;
        return self.nearness(hits, slotTerms).then(function (ordered) {
          var out = { hits: ordered, total: ordered.length, terms: r[0].terms, words: q.words, prefix: q.prefix };
          if (withCounts && fc) { out.counts = counts(m, fc, counted, f); }
          return out;
        });
      });
    });
  };

  function resolveFilters(m, filters) {
    var sectionIds = (filters.section || []).map(function (name) {
      for (var i = 1; i < m.sections.length; i++) {
        if (sectionName(m.sections[i][1]) === name) { return i; }
      }
      return -1;
    }).filter(function (i) { return i >= 0; });
    return {
      section: sectionIds,
      difficulty: (filters.difficulty || []).map(function (d) { return m.difficulties.indexOf(d) + 1; }).filter(Boolean),
      level: (filters.level || []).map(function (l) { var i = m.levels.indexOf(l); return i < 0 ? 0 : 1 << i; }).filter(Boolean),
      tag: (filters.tag || []).map(function (t) {
        for (var i = 0; i < m.tags.length; i++) { if (tagName(m.tags[i][1]) === t) { return i; } }
        return -1;
      }).filter(function (i) { return i >= 0; })
    };
  }

  /** A section filter matches its subsections' questions too. */
  function sectionTest(m, fc) {
    return function (doc, s) {
      var cur = fc.section[doc];
      while (cur !== null && cur !== undefined) {
        if (cur === s) { return true; }
        cur = m.sections[cur] ? m.sections[cur][2] : null;
      }
      return false;
    };
  }

  function sectionName(url) { return url.replace(/\/index\.html$/, ""); }
  function tagName(url) { return url.replace(/^tags\//, "").replace(/\.html$/, ""); }

  /** Count per facet value over the hits, each facet ignoring its own filter. */
  function counts(m, fc, all, f) {
    var out = { section: {}, difficulty: {}, level: {}, tag: {} };
    FACETS.forEach(function (facet) {
      all.forEach(function (h) {
        if (!passes(fc, h.doc, f, facet)) { return; }
        var d = h.doc;
        if (facet === "section") {
          var cur = fc.section[d];
          while (cur) { out.section[cur] = (out.section[cur] || 0) + 1; cur = m.sections[cur][2]; }
        } else if (facet === "difficulty") {
          if (fc.difficulty[d]) { out.difficulty[fc.difficulty[d]] = (out.difficulty[fc.difficulty[d]] || 0) + 1; }
        } else if (facet === "level") {
          for (var b = 0; b < m.levels.length; b++) { if (fc.levels[d] & (1 << b)) { out.level[b] = (out.level[b] || 0) + 1; } }
        } else {
          fc.tags[d].forEach(function (t) { out.tag[t] = (out.tag[t] || 0) + 1; });
        }
      });
    });
    return out;
  }

  /**
   * The hits with the first few reordered by how close the query's words stand in each one's
   * title and text (Rank.reorderByNearness). Loads those results' metadata and text, which
   * showing them needs anyway; when a text cannot be had, that result keeps its place.
   */
  Engine.prototype.nearness = function (hits, slotTerms) {
    if (slotTerms.length < 2 || hits.length < 2) { return Promise.resolve(hits); }
    var self = this;
    // Stemming keeps a word's first letter: an ASCII word none of whose parts starts like a
    // matched term cannot match, and is not stemmed (stemming every word of eight pages took a
    // cold query 20 ms).
    var firsts = Object.create(null);
    slotTerms.forEach(function (ts) { Object.keys(ts).forEach(function (t) { firsts[t.charAt(0)] = true; }); });
    var stemmed = self.stemmed = self.stemmed || Object.create(null);
    function termsOf(ws) {
      var out = [];
      ws.forEach(function (w) {
        if (/^[\x00-\x7f]+$/.test(w) && !firsts[w.charAt(0)] && !w.split(/[_.]/).some(function (p) { return firsts[p.charAt(0)]; })) {
          out.push("");
          return;
        }
        var ts = stemmed[w] || (stemmed[w] = tokens(w).map(function (t) { return t.term; }));
        for (var i = 0; i < ts.length; i++) { out.push(ts[i]); }
      });
      return out;
    }
    return Promise.all(hits.slice(0, Rank.NEAR_DEPTH).map(function (h) {
      return self.wordsOf(h.doc).then(termsOf, function () { return null; });
    })).then(function (toks) { return Rank.reorderByNearness(hits, toks, slotTerms); });
  };

  /** Questions whose words are kept for the next queries (a reader typing asks about the same
   *  few results again and again). */
  var WORDS_KEPT = 256;
  /** Characters of a question's text read for nearness: its opening (summary, setting, how to
   *  answer) says what it is about; reading all 12,000 doubled a query's time in Chromium. */
  var NEAR_CHARS = 3000;

  /** The words of a question's title and text, in order (a promise, kept for later queries). */
  Engine.prototype.wordsOf = function (id) {
    var self = this;
    var cache = self.wordCache = self.wordCache || new Map();
    if (cache.has(id)) { return cache.get(id); }
    if (cache.size >= WORDS_KEPT) { cache.clear(); }
    var p = self.doc(id).then(function (d) {
      return self.textOf(d).then(function (text) { return words(prepare(d.title + "\n" + text.slice(0, NEAR_CHARS))); });
    });
    cache.set(id, p);
    return p;
  };

  /** A question's text for its snippet: in its metadata chunk, or (single-file export) read
   *  from its page's data. */
  Engine.prototype.textOf = function (d) {
    if (d.text || !global.PrepbookData || !global.PrepbookData.textFor) { return Promise.resolve(d.text); }
    return global.PrepbookData.textFor(d.id).then(null, function () { return ""; });
  };

  /** Metadata of a question: {title, url, section, difficulty, levels, tags, summaryHtml, article, text}. */
  Engine.prototype.doc = function (id) {
    return this.manifest().then(function (m) {
      var n = Math.floor(id / m.chunk);
      return this.get("d/" + Math.floor(n / m.chunkFolder) + "/" + n).then(function (chunk) {
        var d = chunk[id % m.chunk];
        return { id: id, title: d[0], url: d[1], section: d[2], difficulty: d[3], levels: d[4], tags: d[5],
          summaryHtml: d[6], article: d[7] === 1, text: d[8] || "" };
      });
    }.bind(this));
  };

  /** Does a word of shown text match the query? (its term was matched, or it starts with the prefix). */
  function matcher(result) {
    var last = result.words[result.words.length - 1];
    // A page of results asks about the same words many times: stem each once.
    var seen = Object.create(null);
    // Stemming keeps a word's first letter, so an ASCII word none of whose parts starts with a
    // matched term's first letter cannot match: most words of a snippet skip the stemmer.
    var firsts = Object.create(null);
    Object.keys(result.terms).forEach(function (t) { firsts[t.charAt(0)] = true; });
    if (result.prefix && last) { firsts[last.word.charAt(0)] = true; }
    function cannotMatch(word) {
      if (!/^[\x00-\x7f]+$/.test(word)) { return false; }
      var lower = word.toLowerCase();
      return !firsts[lower.charAt(0)] && !lower.split(/[_.]/).some(function (p) { return firsts[p.charAt(0)]; });
    }
    return function (word) {
      if (seen[word] !== undefined) { return seen[word]; }
      if (cannotMatch(word)) { seen[word] = false; return false; }
      var toks = tokens(word);
      seen[word] = toks.some(function (t) {
        return result.terms[t.term] !== undefined ||
          (result.prefix && last && last.word.length >= 2 && t.word.indexOf(last.word) === 0);
      });
      return seen[word];
    };
  }

  var WORD_RE = /[\p{Alphabetic}\p{M}\p{Nd}\p{Nl}\p{No}_]+(?:\.[\p{Alphabetic}\p{M}\p{Nd}\p{Nl}\p{No}_]+)*/gu;

  /** Text split into [text, isMatch] pieces, for <mark>. */
  function highlight(text, isMatch) {
    var out = [], last = 0, m;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(text))) {
      if (isMatch(m[0])) {
        if (m.index > last) { out.push([text.slice(last, m.index), false]); }
        out.push([m[0], true]);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) { out.push([text.slice(last), false]); }
    return out;
  }

  /** How many words of `text` match. */
  function matchCount(text, isMatch) {
    var n = 0;
    (text.match(WORD_RE) || []).forEach(function (w) { if (isMatch(w)) { n++; } });
    return n;
  }

  /**
   * The sentence of `text` with the most matched words, cut to about `size` characters on word
   * boundaries. The build's text (src/markdown/text.rs) has each block (paragraph, heading, list
   * item, table row) on a line of its own and table cells set off by tabs: a line ends a sentence
   * too, and cells are shown with a dot between them.
   */
  function snippet(text, isMatch, size) {
    size = size || 180;
    var sentences = text.split(/(?<=[.!?])\s+|\s*\n\s*/);
    var best = -1, bestScore = 0;
    sentences.forEach(function (s, i) {
      var score = matchCount(s, isMatch);
      if (score > bestScore) { best = i; bestScore = score; }
    });
    if (best < 0) { return null; }
    var s = sentences[best].replace(/\s*\t\s*/g, " · ");
    if (s.length <= size) { return s; }
    var first = 0, firstEnd = 0;
    WORD_RE.lastIndex = 0;
    var m;
    while ((m = WORD_RE.exec(s))) { if (isMatch(m[0])) { first = m.index; firstEnd = first + m[0].length; break; } }
    // Start after a space: the first one past the wanted start, else the one before the word
    // that the wanted start falls in.
    var start = Math.max(0, first - Math.floor(size / 3));
    if (start > 0 && !/\s/.test(s.charAt(start - 1))) {
      var ahead = s.slice(start, first).search(/\s/);
      start = ahead >= 0 ? start + ahead + 1 : s.lastIndexOf(" ", start) + 1;
    }
    // End before a space, keeping the first matched word.
    var end = start + size;
    if (end < s.length && !/\s/.test(s.charAt(end))) {
      var space = s.lastIndexOf(" ", end);
      end = space > firstEnd ? space : s.indexOf(" ", Math.max(end, firstEnd));
      if (end < 0) { end = s.length; }
    }
    var cut = s.slice(start, end).trim();
    if (end < s.length) { cut = cut.replace(/[,;:]$/, ""); }
    return (start > 0 ? "…" : "") + cut + (end < s.length ? "…" : "");
  }

  var api = {
    normalize: normalize, prepare: prepare, fold: fold, words: words, stem: stem, term: term, tokens: tokens,
    stemReady: stemReady, shardKey: shardKey,
    keyFile: keyFile, fnv1a: fnv1a, postings: postings, oneEdit: oneEdit, Engine: Engine,
    highlight: highlight, snippet: snippet, matchCount: matchCount, matcher: matcher, queryWords: queryWords,
    sectionName: sectionName, tagName: tagName
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  global.PrepbookSearch = api;
  if (typeof document === "undefined" || !global.PrepbookData) { return; }

  /* ---------------------------------------------------------------- the interface */

  var root = PrepbookData.root();
  var engine = new Engine(function (name) {
    return PrepbookData.load("search", name, root + "search/" + name + ".js");
  });
  api.engine = engine;

  var DIFFICULTY_LABELS = ["", t("difficulty.easy", "Easy"), t("difficulty.medium", "Medium"), t("difficulty.hard", "Hard")];

  /** Where a result leads: its page, or (in the offline export) its place in the document. */
  function hrefFor(doc) {
    return typeof PrepbookData.hrefFor === "function" ? PrepbookData.hrefFor(doc) : root + doc.url;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (p) {
      parent.appendChild(p[1] ? el("mark", null, p[0]) : document.createTextNode(p[0]));
    });
  }

  /** Text with `code` spans (as titles and summaries are written), matches marked. */
  function appendRich(parent, text, isMatch) {
    var parts = text.split("`");
    if (parts.length % 2 === 0) { parts = [text]; }
    parts.forEach(function (part, i) {
      if (!part) { return; }
      var target = parent;
      if (i % 2 === 1) { target = el("code"); parent.appendChild(target); }
      appendPieces(target, highlight(part, isMatch));
    });
  }

  /** The summary HTML the build made for a result, as nodes; matched words marked. */
  function summaryNodes(html, isMatch) {
    var t = document.createElement("template");
    t.innerHTML = html || "";
    var texts = [];
    var walker = document.createTreeWalker(t.content, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    texts.forEach(function (node) {
      var pieces = highlight(node.nodeValue, isMatch);
      if (pieces.length < 2 && !(pieces[0] && pieces[0][1])) { return; }
      var f = document.createDocumentFragment();
      appendPieces(f, pieces);
      node.parentNode.replaceChild(f, node);
    });
    return t.content;
  }

  /** One result: title (matches marked), section, difficulty, tags, snippet. */
  function renderResult(container, doc, m, result, fragment, tagName) {
    var isMatch = matcher(result);
    var head = el("div", "result-head");
    var title = el(tagName || "span", "result-title");
    appendRich(title, doc.title, isMatch);
    head.appendChild(title);
    if (doc.difficulty) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "badge difficulty-" + m.difficulties[doc.difficulty - 1], DIFFICULTY_LABELS[doc.difficulty]));
    }
    container.appendChild(head);
    var meta = el("div", "result-meta");
    meta.appendChild(el("span", "result-section", m.sections[doc.section] ? m.sections[doc.section][0] : ""));
    // As on the site's cards: at most 5 tags, else the first 4 and "+N".
    var shownTags = doc.tags.length > 5 ? doc.tags.slice(0, 4) : doc.tags;
    shownTags.forEach(function (t) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "tag", m.tags[t][0]));
    });
    if (shownTags.length < doc.tags.length) {
      meta.appendChild(document.createTextNode(" "));
      var more = el("span", "tag-more", "+" + (doc.tags.length - shownTags.length));
      more.appendChild(el("span", "visually-hidden", " " + t("search.more_tags", "more tags")));
      meta.appendChild(more);
    }
    container.appendChild(meta);
    // The summary, unless a sentence of the answer matches more of the query.
    var summary = summaryNodes(doc.summaryHtml, isMatch);
    var text = fragment && snippet(fragment, isMatch);
    var p = el("p", "result-snippet");
    if (text && matchCount(text, isMatch) > matchCount(summary.textContent, isMatch)) {
      appendPieces(p, highlight(text, isMatch));
    } else if (summary.textContent) {
      p.appendChild(summary);
    }
    if (p.firstChild) { container.appendChild(p); }
  }

  /** One result's metadata and the text its snippet is cut from: a promise of [doc, text]. */
  function loadResult(h) {
    return engine.doc(h.doc).then(function (d) {
      return engine.textOf(d).then(function (t) { return [d, t]; });
    });
  }

  function loadResults(hits, limit) {
    var shown = hits.slice(0, limit);
    return engine.manifest().then(function (m) {
      return Promise.all(shown.map(loadResult)).then(function (docs) { return { m: m, docs: docs }; });
    });
  }

  /** Lets the browser paint and handle input before the next piece of work. */
  function nextTask() {
    if (global.scheduler && typeof global.scheduler.yield === "function") { return global.scheduler.yield(); }
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  /**
   * Calls `step` on each item, each in its own task, until one returns (or resolves to) false.
   * Resolves true when every item was done.
   */
  function inTurn(items, step) {
    var i = 0;
    function next() {
      if (i >= items.length) { return Promise.resolve(true); }
      return Promise.resolve(step(items[i++])).then(function (go) {
        return go === false ? false : nextTask().then(next);
      });
    }
    return next();
  }

  function typingInField(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  /* The header search box: a WAI-ARIA combobox with a listbox of results. */
  function headerSearch() {
    var form = document.getElementById("pb-search");
    var input = document.getElementById("pb-search-input");
    var popup = document.getElementById("pb-search-popup");
    var list = document.getElementById("pb-search-results");
    var status = document.getElementById("pb-search-status");
    if (!form || !input) { return; }
    var toggle = document.getElementById("pb-search-toggle");
    var active = -1, options = [], timer = null, seq = 0;

    /* Phones show a search button; it opens the box over the header's row. */
    function openBox() {
      if (!toggle || form.classList.contains("open")) { return; }
      form.classList.add("open");
      toggle.setAttribute("aria-expanded", "true");
    }
    function closeBox() {
      if (!toggle || !form.classList.contains("open")) { return; }
      form.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
    }
    if (toggle) {
      toggle.addEventListener("click", function () { openBox(); input.focus(); });
    }

    function open(show) {
      popup.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) { setActive(-1); }
    }
    function setActive(i) {
      active = i;
      options.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else { input.removeAttribute("aria-activedescendant"); }
    }
    function go(url) { open(false); window.location.href = url; }

    function run() {
      var query = input.value;
      var mine = ++seq;
      if (!query.trim()) { list.textContent = ""; options = []; status.textContent = ""; open(false); return; }
      engine.search(query, {}).then(function (result) {
        return loadResults(result.hits, 8).then(function (r) { return { result: result, r: r }; });
      }).then(function (x) {
        if (mine !== seq) { return; }
        list.textContent = "";
        options = [];
        x.r.docs.forEach(function (pair, i) {
          var li = el("li", "search-option");
          li.id = "pb-search-opt-" + i;
          li.setAttribute("role", "option");
          // Focusable by script only: focus stays in the box (aria-activedescendant), but a
          // scrolling list of results must hold something the keyboard can reach.
          li.tabIndex = -1;
          li.dataset.url = hrefFor(pair[0]);
          renderResult(li, pair[0], x.r.m, x.result, pair[1]);
          li.addEventListener("mousedown", function (e) { e.preventDefault(); });
          li.addEventListener("click", function () { go(li.dataset.url); });
          list.appendChild(li);
          options.push(li);
        });
        var total = x.result.total;
        status.textContent = total ? t("search.results", ["{n} result", "{n} results"], { n: total }) : t("search.no_results", "No results");
        setActive(-1);
        open(true);
        if (PrepbookData.searchPage === false) { return; }
        var all = el("li", "search-option search-all", total ? t("search.see_all", "See all {n} results", { n: total }) : t("search.none_open_page", "No matching questions; open the search page"));
        all.id = "pb-search-opt-all";
        all.setAttribute("role", "option");
        all.tabIndex = -1;
        all.dataset.url = root + "search.html?q=" + encodeURIComponent(query);
        all.addEventListener("mousedown", function (e) { e.preventDefault(); });
        all.addEventListener("click", function () { go(all.dataset.url); });
        list.appendChild(all);
        options.push(all);
        status.textContent = total ? t("search.results", ["{n} result", "{n} results"], { n: total }) : t("search.no_results", "No results");
        setActive(-1);
        open(true);
      }).catch(function (e) {
        if (mine !== seq) { return; }
        status.textContent = t("search.unavailable", "Search is not available: {error}", { error: e.message });
        open(true);
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("focus", function () {
      engine.manifest().catch(function () { /* reported when a query runs */ });
      if (input.value.trim() && options.length) { open(true); }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        open(false);
        if (!input.value.trim() && document.activeElement !== input) { closeBox(); }
      }, 100);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (popup.hidden && input.value.trim()) { open(true); }
        if (options.length) { setActive(active + 1 >= options.length ? 0 : active + 1); }
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (options.length) { setActive(active <= 0 ? options.length - 1 : active - 1); }
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (active >= 0 && options[active]) { go(options[active].dataset.url); } else if (PrepbookData.searchPage === false) {
          if (options[0]) { go(options[0].dataset.url); }
        } else if (input.value.trim()) {
          go(root + "search.html?q=" + encodeURIComponent(input.value));
        }
      } else if (e.key === "Escape") {
        if (!popup.hidden) { open(false); } else if (input.value) { input.value = ""; } else if (form.classList.contains("open")) {
          closeBox();
          toggle.focus();
        }
      }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (input.value.trim() && PrepbookData.searchPage !== false) { go(root + "search.html?q=" + encodeURIComponent(input.value)); }
    });
    document.addEventListener("keydown", function (e) {
      var slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInField(e);
      var ctrlK = (e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey);
      if (slash || ctrlK) {
        e.preventDefault();
        var pageInput = document.getElementById("pb-search-page-input");
        if (!pageInput) { openBox(); }
        (pageInput || input).focus();
        (pageInput || input).select();
      }
    });
  }

  /* The search page: query, filters with counts, results; the URL holds the state. */
  function searchPage() {
    var page = document.getElementById("pb-search-page");
    if (!page) { return; }
    var input = document.getElementById("pb-search-page-input");
    var form = document.getElementById("pb-search-page-form");
    var facetsBox = document.getElementById("pb-facets");
    var summary = document.getElementById("pb-search-summary");
    var results = document.getElementById("pb-search-page-results");
    var more = document.getElementById("pb-search-more");
    var toggle = document.getElementById("pb-filters-toggle");
    var activeCount = document.getElementById("pb-filters-active");
    var state = readUrl();
    var shown = 20, timer = null, seq = 0, listSeq = 0, lastResult = null;
    input.value = state.q;

    function readUrl() {
      var p = new URLSearchParams(window.location.search);
      var s = { q: p.get("q") || "" };
      FACETS.forEach(function (f) { s[f] = p.getAll(f); });
      return s;
    }
    function writeUrl() {
      var p = new URLSearchParams();
      if (state.q) { p.set("q", state.q); }
      FACETS.forEach(function (f) { state[f].forEach(function (v) { p.append(f, v); }); });
      var qs = p.toString();
      try { history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "")); } catch (e) { /* some file:// setups */ }
    }

    function run() {
      var mine = ++seq;
      // Busy until this query's results are all drawn (they are drawn one per task).
      results.setAttribute("aria-busy", "true");
      engine.search(state.q, state, true).then(function (result) {
        if (mine !== seq) { return; }
        lastResult = result;
        return engine.manifest().then(function (m) {
          renderFacets(m, result);
          return renderList(result);
        });
      }).catch(function (e) {
        summary.textContent = t("search.unavailable", "Search is not available: {error}", { error: e.message });
        results.setAttribute("aria-busy", "false");
      });
    }

    function renderList(result) {
      var mine = seq, drawn = ++listSeq;
      results.setAttribute("aria-busy", "true");
      // Every result starts loading now; each is drawn as soon as it and those above it are in,
      // so the first ones show while later ones still load.
      var loads = result.hits.slice(0, shown).map(loadResult);
      return engine.manifest().then(function (m) {
        if (mine !== seq || drawn !== listSeq) { return; }
        var r = { m: m, docs: loads };
        results.textContent = "";
        var anyFilter = FACETS.some(function (f) { return state[f].length; });
        var n = result.total;
        summary.textContent = !state.q && !anyFilter ? t("search.type_query", "Type a query or choose filters to browse the questions.") :
          state.q ? t("search.found_for", ["{n} question for “{q}”", "{n} questions for “{q}”"], { n: n, q: state.q }) :
          t("search.found_filters", ["{n} question matching the filters", "{n} questions matching the filters"], { n: n });
        more.hidden = true;
        // One result per task: picking each snippet scans the question's whole text, and a page
        // of 20 in one go kept a phone's main thread busy for a second.
        return inTurn(r.docs, function (loading) {
          return loading.then(function (pair) {
            if (mine !== seq || drawn !== listSeq) { return false; }
            draw(pair);
            return true;
          });
        }).then(function (done) {
          if (done) {
            more.hidden = result.total <= shown;
            results.setAttribute("aria-busy", "false");
          }
        });

        function draw(pair) {
          var li = el("li", "question-card search-result");
          var a = el("a", "card-title");
          a.href = root + pair[0].url;
          li.appendChild(a);
          renderResult(a, pair[0], r.m, result, pair[1], "span");
          // Keep the link to the title; move meta and snippet after it.
          while (a.childNodes.length > 1) { li.appendChild(a.childNodes[1]); }
          results.appendChild(li);
        }
      });
    }

    /* The filters button (phones): how many filters are on, and whether the panel is open. */
    function showActive() {
      var n = FACETS.reduce(function (sum, f) { return sum + state[f].length; }, 0);
      activeCount.textContent = n ? t("search.active", "{n} active", { n: n }) : "";
    }
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        facetsBox.classList.toggle("open", open);
      });
    }

    /* Sections in the guide's reading order, each with its depth (subsections indented). */
    function sectionsInOrder(m) {
      var order = m.order || m.sections.map(function (s, i) { return i; });
      return order.filter(function (i) { return i > 0 && m.sections[i]; }).map(function (i) {
        var depth = 0;
        for (var p = m.sections[i][2]; p; p = m.sections[p] ? m.sections[p][2] : null) { depth++; }
        return [i, depth];
      });
    }

    function renderFacets(m, result) {
      facetsBox.textContent = "";
      showActive();
      var c = result.counts || { section: {}, difficulty: {}, level: {}, tag: {} };
      group(t("search.facet_difficulty", "Difficulty"), "difficulty", m.difficulties.map(function (d, i) {
        return [d, DIFFICULTY_LABELS[i + 1], c.difficulty[i + 1] || 0];
      }));
      group(t("search.facet_level", "Level"), "level", m.levels.map(function (l, i) {
        var label = t("level." + l, l);
        return [l, label.charAt(0).toUpperCase() + label.slice(1), c.level[i] || 0];
      }));
      group(t("search.facet_section", "Section"), "section", sectionsInOrder(m).map(function (x) {
        var s = m.sections[x[0]];
        return [sectionName(s[1]), s[0], c.section[x[0]] || 0, x[1]];
      }));
      group(t("search.facet_tag", "Tag"), "tag", m.tags.map(function (t, i) { return [tagName(t[1]), t[0], c.tag[i] || 0]; }));
    }

    /* One fieldset of checkboxes; a value nothing matches is left out unless it is chosen. */
    function group(legend, facet, values) {
      values = values.filter(function (v) { return v[2] > 0 || state[facet].indexOf(v[0]) >= 0; });
      if (!values.length) { return; }
      var fs = el("fieldset", "facet facet-" + facet);
      fs.appendChild(el("legend", null, legend));
      values.forEach(function (v) {
        var id = "pb-facet-" + facet + "-" + v[0].replace(/[^\w-]/g, "_");
        var row = el("div", "facet-value");
        if (v[3]) { row.style.paddingLeft = v[3] + "rem"; }
        var box = el("input");
        box.type = "checkbox";
        box.id = id;
        box.value = v[0];
        box.checked = state[facet].indexOf(v[0]) >= 0;
        box.addEventListener("change", function () {
          state[facet] = box.checked ? state[facet].concat([v[0]]) : state[facet].filter(function (x) { return x !== v[0]; });
          shown = 20;
          writeUrl();
          run();
        });
        var label = el("label", null, v[1] + " ");
        label.htmlFor = id;
        label.appendChild(el("span", "count", "(" + v[2] + ")"));
        row.appendChild(box);
        row.appendChild(label);
        fs.appendChild(row);
      });
      facetsBox.appendChild(fs);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = input.value; shown = 20; writeUrl(); run(); }, 150);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value; shown = 20; writeUrl(); run();
    });
    more.addEventListener("click", function () { shown += 20; if (lastResult) { renderList(lastResult); } });
    run();
  }

  headerSearch();
  searchPage();
})(typeof window !== "undefined" ? window : this);
