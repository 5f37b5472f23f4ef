'use strict';
// What search-rank.js and the engine do with a query, over small indexes made in the test
// (tests/browser/lib/node-search.js lays them out as the build does): typo limits, dotted
// names, synonyms, symbols, stop words and the order of results. The relevance of the bundled
// guide is tests/browser/search-relevance.test.js's.

const { test } = require('node:test');
const assert = require('node:assert/strict');

test('typos: one edit from five letters, two from eight, a swap counts as one', async () => {
  const { search, engineOver, titles } = require('../browser/lib/node-search');
  const { editDistance, allowedEdits } = require('../../themes/default/static/search-rank.js');
  assert.equal(editDistance('genarater', 'generator', 2), 2);
  assert.equal(editDistance('itertaor', 'iterator', 2), 1, 'a swap of neighbours is one edit');
  assert.equal(editDistance('genrtor', 'generator', 1), 2, 'more than the limit says limit + 1');
  assert.deepEqual(['lock', 'mutex', 'threads', 'generator'].map(allowedEdits), [0, 1, 1, 2]);
  assert.equal(search.oneEdit('genrator', 'generator'), true);

  const engine = engineOver([{ title: 'Contender' }, { title: 'Other', body: 'a container holds things' }]);
  assert.deepEqual(await titles(engine, 'contaner'), ['Other'],
    'one edit away (container) wins alone over two edits away (contender)');
  const only = engineOver([{ title: 'Contender' }]);
  assert.deepEqual(await titles(only, 'contaner'), ['Contender'], 'two edits in an eight-letter word');
  assert.deepEqual(await titles(only, 'contanr'), [], 'but not in a seven-letter one');
});

test('a typo never outranks an exact match of another query word', async () => {
  const { engineOver, titles } = require('../browser/lib/node-search');
  const engine = engineOver([{ title: 'The generator' }, { title: 'Other', body: 'a closure' }]);
  assert.deepEqual(await titles(engine, 'genarater'), ['The generator'], 'two edits in a nine-letter word');
  assert.deepEqual(await titles(engine, 'genarater closure'), ['Other', 'The generator']);
});

test('a word the guide uses only in another form also tries typos', async () => {
  const { engineOver, titles } = require('../browser/lib/node-search');
  // "descripter" stems to "descript", which "description" has; "descriptor" is one edit away.
  const engine = engineOver([{ title: 'Descriptors' }, { title: 'Other', summary: 'a description' }]);
  assert.equal((await titles(engine, 'descripter'))[0], 'Descriptors');
});

test('a dotted name matches its last part where the page names the qualifier, the full form first', async () => {
  const { engineOver, titles } = require('../browser/lib/node-search');
  const engine = engineOver([
    { title: 'Imported', body: 'from itertools import chain, then chain(a, b)' },
    { title: 'Unrelated', body: 'a chain of responsibility' },
    { title: 'Written in full', body: 'itertools.chain(a, b) joins them' },
  ]);
  assert.deepEqual(await titles(engine, 'itertools.chain'), ['Written in full', 'Imported']);
});

test('synonyms: a word the guide does not use finds the page about the thing first', async () => {
  const { engineOver, titles } = require('../browser/lib/node-search');
  // Only "dict" (phrase 1) is in this guide: presence mask 0b10.
  const syn = [[2, 'associative array', 'dict'], [2, ':=', 'walrus']];
  const engine = engineOver([
    { title: 'Hash tables', body: 'a dict in passing' },
    { title: 'How a dict works', summary: 'a dict maps keys', body: 'dict' },
    { title: 'The walrus operator' },
  ], syn);
  assert.deepEqual(await titles(engine, 'associative array'), ['How a dict works', 'Hash tables']);
  assert.deepEqual(await titles(engine, ':='), ['The walrus operator'], 'a symbol matches through its synonyms');
  assert.deepEqual(await titles(engine, 'dict'), ['How a dict works', 'Hash tables']);
});

test('stop words of a plain question do not count; words in the title outrank many in the body', async () => {
  const { search, engineOver, titles } = require('../browser/lib/node-search');
  assert.deepEqual(search.queryWords('why does my loop variable change inside the closure').words.map((w) => w.word),
    ['loop', 'variable', 'change', 'inside', 'closure']);
  assert.deepEqual(search.queryWords('how do I').words.map((w) => w.word), ['how', 'do', 'i'],
    'a query of stop words alone keeps them');
  const engine = engineOver([
    { title: 'Other', body: 'closure closure closure late late binding binding' },
    { title: 'Closures and late binding', body: 'closure' },
  ]);
  assert.deepEqual(await titles(engine, 'closure late binding'), ['Closures and late binding', 'Other']);
});

test('words close together outrank the same words far apart', async () => {
  const { engineOver, titles } = require('../browser/lib/node-search');
  const filler = Array.from({ length: 30 }, (_, i) => `filler${i}`).join(' ');
  const engine = engineOver([
    { title: 'Scattered', body: `a connection opens here. ${filler}. later a pool appears` },
    { title: 'Together', body: `${filler}. a connection pool keeps sockets open` },
  ]);
  assert.deepEqual(await titles(engine, 'connection pool'), ['Together', 'Scattered']);
  assert.deepEqual(await titles(engine, 'connection'), ['Scattered', 'Together'],
    'one word has no nearness: equal pages keep their order');
});
