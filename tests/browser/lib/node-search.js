'use strict';
// The browser's search engine (themes/default/static/search.js), run in node over a built site's
// index files: for relevance tests and for measuring what a query loads.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const search = require('../../../themes/default/static/search.js');

/**
 * An engine reading `site`/search/*.js; `loaded` records every file and its size. `module` is
 * the engine's script (another version of search.js, to compare).
 */
function engineFor(site, module = search) {
  const loaded = [];
  const engine = new module.Engine((name) => {
    const file = path.join(site, 'search', `${name}.js`);
    const text = fs.readFileSync(file, 'utf8');
    loaded.push({ name, bytes: Buffer.byteLength(text) });
    let payload;
    // Metadata chunks come packed (JSON gzipped, in base64); data.js inflates them in a page.
    const PrepbookData = {
      register: (kind, n, data) => { payload = data; },
      packed: (kind, n, b64) => { payload = JSON.parse(zlib.gunzipSync(Buffer.from(b64, 'base64'))); },
    };
    vm.runInNewContext(text, { PrepbookData });
    return Promise.resolve(payload);
  });
  return { engine, loaded };
}

/** Titles of the top `n` results of a query. */
async function top(engine, query, n = 3, filters = {}) {
  const r = await engine.search(query, filters);
  const docs = await Promise.all(r.hits.slice(0, n).map((h) => engine.doc(h.doc)));
  return docs.map((d) => d.title);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function varint(n) {
  let out = '';
  for (;;) {
    const low = n & 31;
    n >>>= 5;
    if (!n) { return out + ALPHABET.charAt(low); }
    out += ALPHABET.charAt(low | 32);
  }
}

/**
 * An engine over a small index made here, as the build lays one out (one shard per two-letter
 * key, no word lists): `docs` are {title, tags, summary, body} (texts), `syn` the manifest's
 * synonym groups ([presence mask, phrase, ...]). For tests that need to know every posting.
 */
function engineOver(docs, syn = []) {
  const FIELDS = { title: 8, tags: 4, summary: 2, body: 1 };
  const terms = {};
  const words = {};
  docs.forEach((d, id) => {
    for (const [field, bit] of Object.entries(FIELDS)) {
      for (const t of search.tokens(d[field] || '')) {
        const e = ((terms[t.term] = terms[t.term] || {})[id] = terms[t.term][id] || [0, 0]);
        e[0] |= bit;
        if (bit === 1) { e[1] = Math.min(3, e[1] + 1); }
        if (t.word !== t.term) { words[t.word] = t.term; }
      }
    }
  });
  const shards = {};
  const shard = (k) => (shards[k] = shards[k] || { t: {}, w: {} });
  for (const [term, byDoc] of Object.entries(terms)) {
    let s = '';
    let prev = 0;
    for (const id of Object.keys(byDoc).map(Number).sort((a, b) => a - b)) {
      s += varint(id - prev) + ALPHABET.charAt(byDoc[id][0] | (byDoc[id][1] << 4));
      prev = id;
    }
    shard(search.shardKey(term)).t[term] = s;
  }
  for (const [word, term] of Object.entries(words)) { shard(search.shardKey(word)).w[word] = term; }
  const files = {
    index: { n: docs.length, chunk: docs.length, chunkFolder: 1, sections: [['Root', 'index.html', null]], tags: [],
      difficulties: ['easy', 'medium', 'hard'], levels: ['entry', 'mid', 'senior'], syn,
      shards: Object.fromEntries(Object.keys(shards).map((k) => [k, 0])) },
    'd/0/0': docs.map((d) => [d.title, '', 0, 0, 0, [], '', 0, d.body || '']),
  };
  for (const [k, v] of Object.entries(shards)) { files[`s/${search.keyFile(k)}`] = v; }
  return new search.Engine((name) => Promise.resolve(files[name]));
}

/** The titles of a query's results, best first. */
async function titles(engine, query) {
  const r = await engine.search(query, {});
  return Promise.all(r.hits.map(async (h) => (await engine.doc(h.doc)).title));
}

module.exports = { search, engineFor, top, engineOver, titles };
