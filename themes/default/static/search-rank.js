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
   title (more) or the summary and headings (less). Last, the first few results are reordered by
   how close together the query's words stand in their text (reorderByNearness). */
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

  /** With the tokenizer of search.js (normalize: text ready to split, fold: a word as the index
   *  lists it, words, term): the query side. */
  function make(tok) {
    var fold = tok.fold || function (w) { return w; };
    function wordOf(w) {
      var f = fold(w);
      return { word: f, term: /[_.]/.test(w) ? f : tok.term(w), raw: w };
    }
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
          var k = keyOf(fold(p.text.split(" ")[0]));
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
      // The parts as typed (accents and all), for the stemmer; the index lists them folded.
      var parts = (w.raw || w.word).split(".").filter(Boolean);
      var slot = { text: w.word, alts: [{ words: [{ word: w.word, term: w.term, prefix: prefix }], weight: AS_TYPED }] };
      if (w.word.indexOf(".") < 0 || parts.length < 2) { return slot; }
      var lastWord = parts[parts.length - 1];
      var last = { word: fold(lastWord), term: /_/.test(lastWord) ? fold(lastWord) : tok.term(lastWord), prefix: prefix };
      var qualifier = parts.slice(0, -1).join(".");
      slot.alts.push({ words: [{ word: fold(qualifier), term: /[_.]/.test(qualifier) ? fold(qualifier) : tok.term(qualifier), prefix: false }, last], weight: QUALIFIED });
      if (parts.length > 2) {
        slot.alts.push({ words: [{ word: fold(parts[0]), term: tok.term(parts[0]), prefix: false }, last], weight: QUALIFIED * 0.9 });
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
   * Scores by document of one word, alternative or slot: the best score, the fields it was
   * found in, whether it came through a typo only, and the documents that have one. Arrays by
   * document: at 10,000 questions, an object per posting made a query five times slower.
   */
  function Scores(n) {
    this.docs = [];
    this.s = new Float64Array(n);
    this.mask = new Uint8Array(n);
    this.typo = new Uint8Array(n);
  }

  /** Keeps `s` for document `d` when it is better than what it has. Scores are above 0. */
  Scores.prototype.put = function (d, s, mask, typo) {
    if (this.s[d] === 0) { this.docs.push(d); } else if (this.s[d] >= s) { return; }
    this.s[d] = s;
    this.mask[d] = mask;
    this.typo[d] = typo ? 1 : 0;
  };

  /**
   * An alternative: the documents that have every one of its words (`per`, one Scores each),
   * with the mean of their scores times `weight`, more when the words share the title or the
   * summary.
   */
  function alternative(per, weight, n) {
    if (per.length === 1 && weight === 1) { return per[0]; }
    var out = new Scores(n);
    per[0].docs.forEach(function (d) {
      var sum = 0, mask = 15, typo = 0;
      for (var i = 0; i < per.length; i++) {
        var s = per[i].s[d];
        if (!s) { return; }
        sum += s;
        mask &= per[i].mask[d];
        typo |= per[i].typo[d];
      }
      var together = per.length < 2 ? 1 : mask & 8 ? 1.3 : mask & 2 ? 1.1 : 1;
      out.put(d, weight * together * sum / per.length, mask, typo);
    });
    return out;
  }

  /** A slot: per document, its best alternative and a quarter of the others (a page that uses
   *  both names of a thing is about it). */
  function slot(alts, n) {
    if (alts.length === 1) { return alts[0]; }
    var best = new Scores(n), all = new Float64Array(n);
    alts.forEach(function (a) {
      a.docs.forEach(function (d) {
        all[d] += a.s[d];
        best.put(d, a.s[d], a.mask[d], a.typo[d]);
      });
    });
    best.docs.forEach(function (d) { best.s[d] += 0.25 * (all[d] - best.s[d]); });
    return best;
  }

  /**
   * Orders the documents matched by each slot (`scored`, one Scores each); `n` is how many
   * questions the guide has. Returns [{doc, score, matched}], best first.
   */
  function rank(scored, n) {
    var idf = scored.map(function (sc) {
      var df = sc.docs.length;
      return df ? 1 + Math.log(1 + n / df) : 0;
    });
    var total = idf.reduce(function (a, b) { return a + b; }, 0) || 1;
    // Coverage is about sharing the query's words: with one slot, every result has it.
    var typoCredit = scored.length > 1 ? 0.5 : 1;
    var sum = new Float64Array(n), cover = new Float64Array(n), title = new Float64Array(n),
      summary = new Float64Array(n), matched = new Uint8Array(n), docs = [];
    scored.forEach(function (sc, i) {
      sc.docs.forEach(function (d) {
        if (!matched[d]) { docs.push(d); }
        matched[d] += 1;
        sum[d] += idf[i] * sc.s[d];
        cover[d] += idf[i] * (sc.typo[d] ? typoCredit : 1);
        if (sc.mask[d] & 8) { title[d] += idf[i]; } else if (sc.mask[d] & 2) { summary[d] += idf[i]; }
      });
    });
    return docs.map(function (d) {
      var c = cover[d] / total;
      // The share of the query in the title, then in the summary or a heading: a page whose
      // title holds most of the query is about it.
      var placed = matched[d] < 2 ? 1 : 1 + (0.6 * title[d] + 0.2 * summary[d]) / total;
      return { doc: d, score: sum[d] * c * c * placed, matched: matched[d] };
    }).sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  /** How many of the best results are reordered by how close their words are. The search box
   *  shows as many, and loads their text for its snippets anyway. */
  var NEAR_DEPTH = 8;
  /** Words within this many tokens of each other count as close together. */
  var NEAR_SPAN = 12;

  /**
   * The most distinct slots found within NEAR_SPAN tokens of each other in `toks` (a text's
   * terms, in order). `slotTerms` holds, per slot, the index terms that matched it.
   */
  function nearest(toks, slotTerms) {
    var last = new Array(slotTerms.length).fill(-Infinity), best = 0;
    for (var i = 0; i < toks.length; i++) {
      var hit = false;
      for (var s = 0; s < slotTerms.length; s++) {
        if (slotTerms[s][toks[i]]) { last[s] = i; hit = true; }
      }
      if (!hit) { continue; }
      var close = 0;
      for (var k = 0; k < last.length; k++) { if (i - last[k] < NEAR_SPAN) { close++; } }
      if (close > best) { best = close; }
    }
    return best;
  }

  /**
   * Reorders the first NEAR_DEPTH hits (each with its text's terms in `toks`, null when not
   * known): a result whose matched words stand close together in one place, as the query
   * says them, rises by up to 20% over one where they are scattered over the page.
   */
  function reorderByNearness(hits, toks, slotTerms) {
    if (slotTerms.length < 2) { return hits; }
    var head = hits.slice(0, NEAR_DEPTH).map(function (h, i) {
      if (!toks[i] || h.matched < 2) { return h; }
      var near = Math.min(nearest(toks[i], slotTerms), h.matched);
      var share = near < 2 ? 0 : (near - 1) / (slotTerms.length - 1);
      return { doc: h.doc, score: h.score * (1 + 0.2 * share), matched: h.matched, near: near };
    });
    head.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return head.concat(hits.slice(NEAR_DEPTH));
  }

  var api = {
    STOP: STOP, editDistance: editDistance, allowedEdits: allowedEdits, typoFactor: typoFactor, make: make,
    Scores: Scores, alternative: alternative, slot: slot, rank: rank,
    NEAR_DEPTH: NEAR_DEPTH, nearest: nearest, reorderByNearness: reorderByNearness
  };
  if (typeof module === "object" && module.exports) { module.exports = api; } else { global.PrepbookSearchRank = api; }
})(typeof window !== "undefined" ? window : this);
