'use strict';
// Relevance over the bundled guide: for each query a candidate might type (whole words, words
// being typed, typos, code identifiers, several words), the question that answers it must be in
// the first three results. Runs the browser's engine in node over the built index files.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { SITE } = require('./lib/harness');
const { engineFor, top } = require('./lib/node-search');
const { ALL, KNOWN_MISSES } = require('./lib/relevance-cases');

// The queries and their answers: tests/browser/lib/relevance-cases.js. The known misses are
// measured by scripts/search-relevance but not asserted; that file says why each misses.
const CASES = ALL.filter(([q]) => !KNOWN_MISSES.includes(q));

test(`each of ${CASES.length} queries finds its question in the top 3`, async () => {
  const { engine } = engineFor(SITE);
  const misses = [];
  for (const [query, expected] of CASES) {
    const titles = await top(engine, query, 3);
    if (!titles.includes(expected)) {
      misses.push(`${JSON.stringify(query)}: wanted ${JSON.stringify(expected)}, got ${JSON.stringify(titles)}`);
    }
  }
  assert.deepEqual(misses, []);
});

test('a title match outranks tags, which outrank the summary, which outranks the body', async () => {
  const { search } = require('./lib/node-search');
  // Synthetic postings: one word in four documents, each in one field.
  const shard = { t: { zebra: '' }, w: {} };
  let s = '';
  const enc = (n) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charAt(n);
  // docs 0..3 with fields body(1), summary(2), tags(4), title(8)
  [1, 2, 4, 8].forEach((mask, i) => { s += enc(i === 0 ? 0 : 1) + enc(mask); });
  shard.t.zebra = s;
  const files = {
    index: { n: 4, chunk: 64, sections: [['Root', 'index.html', null]], tags: [], difficulties: ['easy', 'medium', 'hard'], levels: ['entry', 'mid', 'senior'], shards: { ze: 0 } },
    [`s/${search.keyFile('ze')}`]: shard,
  };
  const engine = new search.Engine((name) => Promise.resolve(files[name]));
  const r = await engine.search('zebra', {});
  assert.deepEqual(r.hits.map((h) => h.doc), [3, 2, 1, 0]);
});

test('all words matching outranks some, and exact outranks prefix outranks a typo', async () => {
  const { engine } = engineFor(SITE);
  const both = await engine.search('closure late binding', {});
  assert.equal(both.hits[0].matched, 3, 'the first result matches every word');
  const words = await engine.search('generator', {});
  const exact = await engine.doc(words.hits[0].doc);
  assert.match(exact.title, /generator/i);
  const { search } = require('./lib/node-search');
  assert.equal(search.oneEdit('genrator', 'generator'), true);
  assert.equal(search.oneEdit('genrtor', 'generator'), false, 'two edits are too many');
});

test('a Chinese query finds a Chinese page', async (t) => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const { REPO, build } = require('./lib/harness');
  const corpus = path.join(REPO, '..', 'shared', 'corpora', 'lcci');
  if (!fs.existsSync(corpus)) {
    if (process.env.CI === 'true') { throw new Error('../shared/corpora/lcci is missing on CI'); }
    t.skip('../shared/corpora/lcci is not here');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-zh-'));
  fs.cpSync(corpus, path.join(dir, 'content'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'book.toml'), '[book]\ntitle = "lcci"\n');
  const site = build(dir);
  const { engine } = engineFor(site);
  // "Is Unique" in Chinese, a phrase from the problem's statement, and one from its title.
  assert.ok((await top(engine, '判定字符', 3)).some((title) => title.endsWith('01.01. 判定字符是否唯一')));
  assert.ok((await top(engine, '回文排列', 3)).some((title) => title.includes('回文排列')));
  // Its English page is found in English.
  assert.ok((await top(engine, 'is unique', 3)).includes('01.01. Is Unique'));
});
