/* Prepbook search: what a query means and how its results are ordered. search.js loads the index
   and matches words; this script turns a query into the units it matches (slots) and combines
   their scores. A plain script (no modules), loaded before search.js; in node, search.js
   requires it.

   A query becomes slots, each a list of alternatives, each a list of words that must all match:
   - a word is a slot of one alternative, itself;
   - a dotted name (`itertools.chain`) also matches its last part where the page names the
     qualifier too (`from itertools import chain`), less strongly than written in full;
   - a word or phrase of a synonym group (the manifest's `syn`) also matches the group's other
     phrases, less strongly, and more so when the guide never uses what was typed;
   - a symbol the synonym list names (`:=`) is a slot of its synonyms.
   Stop words ("why", "does", "my", "how do I") are dropped unless nothing else is left.

   Order: each slot weighs by how rare it is (idf); a result's score adds, per matched slot, its
   weight times its best field (title > tags > summary and headings > body); then it is scaled
   by the square of its coverage (the weighed share of the slots it matches, a typo counting
   half when there are several), and raised by the weighed share of the slots it matches in the
   title (more) or the summary and headings (less). */
(function (global) {
  "use strict";

  var STOP = ["a", "about", "an", "and", "any", "are", "as", "at", "be", "between", "by", "can", "could", "did",
    "do", "does", "doesn", "don", "for", "from", "get", "got", "had", "has", "have", "how", "i", "if", "in", "into",
    "is", "it", "its", "me", "my", "of", "on", "or", "our", "s", "should", "so", "t", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "vs", "was", "we", "were",
    "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your"];

  /** How strongly an alternative counts: as typed, a dotted name's parts, a synonym. */
  var AS_TYPED = 1, QUALIFIED = 0.75, SYNONYM_ABSENT = 0.85, SYNONYM = 0.3;

  /**
   * Edit distance between a and b (insertions, deletions, substitutions, and a swap of two
   * neighbours counting as one), or max + 1 when it is more than max.
   */
  function editDistance(a, b, max) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev.push(j); }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, before[j - 2] + 1); }
        cur.push(v);
        if (v < rowMin) { rowMin = v; }
      }
      if (rowMin > max) { return max + 1; }
      before = prev;
      prev = cur;
    }
    return Math.min(prev[b.length], max + 1);
  }

  /** Typos a word tolerates: one from five letters, two from eight. */
  function allowedEdits(word) {
    var n = Array.from(word).length;
    return n >= 8 ? 2 : n >= 5 ? 1 : 0;
  }

  /** How many leading characters a and b share. */
  function sharedPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a.charAt(n) === b.charAt(n)) { n++; }
    return n;
  }

  /**
   * The factor of a typo match: 0.3 at one edit, 0.2 at two, a little more for a longer shared
   * start; always well below an exact match (1).
   */
  function typoFactor(word, candidate, edits) {
    return (edits === 1 ? 0.3 : 0.2) + 0.05 * sharedPrefix(word, candidate) / Math.max(1, word.length);
  }

  /** With the tokenizer of search.js (normalize, words, term): the query side. */
  function make(tok) {
    function wordOf(w) { return { word: w, term: /[_.]/.test(w) ? w : tok.term(w) }; }
    function phraseWords(p) { return tok.words(tok.normalize(p)).map(wordOf); }

    /**
     * The manifest's synonym groups, indexed: phrases by the first three characters of their
     * first word (a stem keeps a word's start), symbols by their text. A phrase is split and
     * stemmed only when a query reaches it: stemming every phrase of a few hundred groups took
     * a cold page 40 ms.
     */
    var synCache = null, synOf = null;
    // ASCII patterns only: a Unicode property pattern costs a cold page milliseconds to compile.
    // A phrase with a letter, a digit, `_` or any non-ASCII character has words; the others
    // (`:=`) are symbols.
    var WORD = /[a-z0-9_\u0080-\uffff]/;
    function synonyms(m) {
      if (synOf === m) { return synCache; }
      var byKey = Object.create(null), symbols = Object.create(null), groups = [];
      (m.syn || []).forEach(function (g, gi) {
        var present = g[0];
        var phrases = g.slice(1).map(function (text, i) {
          return { text: text, present: !!(present & (1 << i)), group: gi, split: null };
        });
        groups.push(phrases);
        phrases.forEach(function (p) {
          if (!WORD.test(p.text)) { (symbols[p.text] = symbols[p.text] || []).push(p); return; }
          var k = keyOf(p.text.split(" ")[0]);
          (byKey[k] = byKey[k] || []).push(p);
        });
      });
      synOf = m;
      synCache = { byKey: byKey, symbols: symbols, groups: groups };
      return synCache;
    }
    function keyOf(word) { return Array.from(word.replace(/^[^a-z0-9_\u0080-\uffff]+/, "")).slice(0, 3).join(""); }
    function wordsOf(p) { return p.split || (p.split = WORD.test(p.text) ? phraseWords(p.text) : []); }

    /** The longest synonym phrases starting at list[i], as written in the query. */
    function phrasesAt(syn, list, i) {
      var best = [], bestLen = 0;
      (syn.byKey[keyOf(list[i].word)] || []).forEach(function (p) {
        var ws = wordsOf(p);
        var n = ws.length;
        if (!n || n < bestLen || i + n > list.length) { return; }
        for (var k = 0; k < n; k++) { if (list[i + k].term !== ws[k].term) { return; } }
        if (n > bestLen) { best = []; bestLen = n; }
        best.push(p);
      });
      return best;
    }

    /** A slot's alternatives from the synonym phrases it matched: their groups' other phrases. */
    function synonymAlternatives(syn, matched, slot) {
      var typedPresent = matched.some(function (p) { return p.present; });
      var weight = typedPresent ? SYNONYM : SYNONYM_ABSENT;
      var seen = Object.create(null);
      slot.alts.forEach(function (a) { seen[key(a.words)] = true; });
      matched.forEach(function (p) {
        syn.groups[p.group].forEach(function (other) {
          if (other === p || !other.present || !wordsOf(other).length) { return; }
          var k = key(wordsOf(other));
          if (seen[k]) { return; }
          seen[k] = true;
          slot.alts.push({ words: wordsOf(other).map(function (w) { return { word: w.word, term: w.term, prefix: false }; }), weight: weight });
        });
      });
    }

    function key(ws) { return ws.map(function (w) { return w.term; }).join(" "); }

    /** A dotted name: in full, or its last part where the page names its qualifier too. */
    function dottedSlot(w, prefix) {
      var parts = w.word.split(".").filter(Boolean);
      var slot = { text: w.word, alts: [{ words: [{ word: w.word, term: w.term, prefix: prefix }], weight: AS_TYPED }] };
      if (w.word.indexOf(".") < 0 || parts.length < 2) { return slot; }
      var lastWord = parts[parts.length - 1];
      var last = { word: lastWord, term: /_/.test(lastWord) ? lastWord : tok.term(lastWord), prefix: prefix };
      var qualifier = parts.slice(0, -1).join(".");
      slot.alts.push({ words: [{ word: qualifier, term: /[_.]/.test(qualifier) ? qualifier : tok.term(qualifier), prefix: false }, last], weight: QUALIFIED });
      if (parts.length > 2) {
        slot.alts.push({ words: [{ word: parts[0], term: tok.term(parts[0]), prefix: false }, last], weight: QUALIFIED * 0.9 });
      }
      return slot;
    }

    /**
     * A query's slots: {slots: [{text, alts: [{words: [{word, term, prefix}], weight}]}],
     * words: the query's words that count, prefix: whether the last one is still being typed}.
     */
    function analyze(query, m) {
      var syn = synonyms(m || {});
      var prefix = !/\s$/.test(query);
      var list = tok.words(tok.normalize(query)).map(wordOf);
      var stop = function (w) { return STOP.indexOf(w.word) >= 0; };
      var keep = list.some(function (w) { return !stop(w); });
      var slots = [], counted = [];
      query.split(/\s+/).forEach(function (s) {
        if (s && syn.symbols[s]) {
          var slot = { text: s, alts: [] };
          synonymAlternatives(syn, syn.symbols[s], slot);
          slot.alts.forEach(function (a) { a.weight = AS_TYPED; });
          if (slot.alts.length) { slots.push(slot); }
        }
      });
      for (var i = 0; i < list.length;) {
        var matched = phrasesAt(syn, list, i);
        var n = matched.length ? wordsOf(matched[0]).length : 1;
        var own = list.slice(i, i + n).filter(function (w) { return !keep || !stop(w); });
        var isLast = i + n === list.length;
        i += n;
        if (!own.length) { continue; }
        counted = counted.concat(own);
        var slot;
        if (own.length === 1) {
          slot = dottedSlot(own[0], prefix && isLast);
        } else {
          slot = { text: own.map(function (w) { return w.word; }).join(" "), alts: [{ words: own.map(function (w, k) {
            return { word: w.word, term: w.term, prefix: prefix && isLast && k === own.length - 1 };
          }), weight: AS_TYPED }] };
        }
        if (matched.length) { synonymAlternatives(syn, matched, slot); }
        slots.push(slot);
      }
      return { slots: slots, words: counted, prefix: prefix };
    }

    return { analyze: analyze };
  }

  /**
   * Orders the documents matched by each slot. `scored[i]` maps doc -> {s: score, mask: fields,
   * typo: matched through a typo only}; `n` is how many questions the guide has. Returns
   * [{doc, score, matched}], best first.
   */
  function rank(scored, n) {
    var idf = scored.map(function (best) {
      var df = Object.keys(best).length;
      return df ? 1 + Math.log(1 + n / df) : 0;
    });
    var total = idf.reduce(function (a, b) { return a + b; }, 0) || 1;
    // Coverage is about sharing the query's words: with one slot, every result has it.
    var typoCredit = scored.length > 1 ? 0.5 : 1;
    var docs = Object.create(null);
    scored.forEach(function (best, i) {
      Object.keys(best).forEach(function (k) {
        var e = docs[k] || (docs[k] = { doc: +k, sum: 0, cover: 0, title: 0, summary: 0, matched: 0 });
        var b = best[k];
        e.sum += idf[i] * b.s;
        e.cover += idf[i] * (b.typo ? typoCredit : 1);
        if (b.mask & 8) { e.title += idf[i]; } else if (b.mask & 2) { e.summary += idf[i]; }
        e.matched += 1;
      });
    });
    return Object.keys(docs).map(function (k) {
      var e = docs[k];
      var c = e.cover / total;
      // The share of the query in the title, then in the summary or a heading: a page whose
      // title holds most of the query is about it.
      var placed = e.matched < 2 ? 1 : 1 + (0.6 * e.title + 0.2 * e.summary) / total;
      return { doc: e.doc, score: e.sum * c * c * placed, matched: e.matched };
    }).sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  var api = {
    STOP: STOP, editDistance: editDistance, allowedEdits: allowedEdits, typoFactor: typoFactor, make: make,
    rank: rank
  };
  if (typeof module === "object" && module.exports) { module.exports = api; } else { global.PrepbookSearchRank = api; }
})(typeof window !== "undefined" ? window : this);
