'use strict';
// Relevance over the bundled guide: for each query a candidate might type (whole words, words
// being typed, typos, code identifiers, several words), the question that answers it must be in
// the first three results. Runs the browser's engine in node over the built index files.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { SITE } = require('./lib/harness');
const { engineFor, top } = require('./lib/node-search');

const CASES = [
  ['decorators', 'What is a decorator, and how do you write one?'],
  ['decortor', 'What is a decorator, and how do you write one?'],
  ['genrator', 'How does a generator function work?'],
  ['global interpreter lock', 'What is the Global Interpreter Lock?'],
  ['gil', 'What is the Global Interpreter Lock?'],
  ['__slots__', 'What does `__slots__` do, and when is it worth it?'],
  ['functools.wraps', 'Why should a decorator use `functools.wraps`?'],
  ['asyncio event loop', "How does asyncio's event loop work?"],
  ['mutable default argument', 'Why is a mutable default argument a bug waiting to happen?'],
  ['shallow deep copy', 'What is the difference between a shallow copy and a deep copy?'],
  ['lru cache', 'Implement an LRU cache.'],
  ['two sum', 'Solve two-sum in linear time.'],
  ['reverse linked list', 'Reverse a singly linked list.'],
  ['palindrom', 'Find the longest palindromic substring of a string.'],
  ['binary search edge cases', 'Implement binary search. What are the edge cases?'],
  ['heapq k largest', 'How does `heapq` work, and how do you get the k largest items?'],
  ['mro c3', 'What is the method resolution order, and how does C3 linearization compute it?'],
  ['metaclass', 'What is a metaclass, and when would you actually need one?'],
  ['descriptor', 'What is a descriptor, and how do properties and methods rely on them?'],
  ['staticmethod classmethod', 'What is the difference between `@staticmethod` and `@classmethod`?'],
  ['str repr', 'What is the difference between `__str__` and `__repr__`?'],
  ['name mangling', 'What do single and double leading underscores mean on a name?'],
  ['exception groups except*', 'What are exception groups and `except*`?'],
  ['raise from', 'What is exception chaining, and what does `raise ... from ...` do?'],
  ['eafp', 'What are EAFP and LBYL, and which does Python prefer?'],
  ['reference counting', 'How does CPython manage memory?'],
  ['memory leak tracemalloc', 'How would you track down a memory leak in a long-running Python service?'],
  ['weakref', 'What are weak references, and when are they useful?'],
  ['deadlock', 'What causes a deadlock, and how do you avoid one?'],
  ['race condition lock', 'What is a race condition, and how does a lock prevent it?'],
  ['threading vs multiprocessing', 'When would you use threading, multiprocessing or asyncio?'],
  ['walrus', 'What does the walrus operator `:=` do, and when is it a good idea?'],
  ['structural pattern matching', 'How does `match` (structural pattern matching) work?'],
  ['protocol vs abc', 'What is a `Protocol`, and how is it different from an abstract base class?'],
  ['pytest fixtures scope', 'How do pytest fixtures work, and what are their scopes?'],
  ['where to patch mock', 'How do you mock a dependency with `unittest.mock`, and where do you patch?'],
  ['wsgi asgi', 'What is the difference between WSGI and ASGI?'],
  ['n+1 queries', 'What is the N+1 query problem, and how do you fix it?'],
  ['isolation levels', 'What are transaction isolation levels, and which anomalies does each prevent?'],
  ['sql injection', 'What is SQL injection, and how do you prevent it in Python?'],
  ['numpy broadcasting', 'How does NumPy broadcasting work?'],
  ['pandas groupby', 'How does `groupby` work in pandas?'],
  ['rate limiter', 'Design a rate limiter.'],
  ['idempotency retry', 'How do you make an API call safe to retry?'],
  ['virtualenv', 'What is a virtual environment, and why use one?'],
  ['circular import', 'What causes circular imports, and how do you fix them?'],
  ['star method', 'How do you answer a behavioral question with the STAR method?'],
  ['pyproject', 'What goes in `pyproject.toml`?'],
];

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
