'use strict';
// Search snippets (themes/default/static/search.js): the sentence with the most matched words,
// cut on word boundaries, from the text the build writes (blocks on lines of their own, table
// cells set off by tabs; see src/markdown/text.rs).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const search = require('../../themes/default/static/search.js');

/** Matches the given words, as the result's matcher does for a query. */
const matching = (...words) => (w) => words.includes(w.toLowerCase());

test('a line (a heading, a paragraph) is a sentence of its own', () => {
  const text = 'Why interviewers ask this\nForgetting wraps loses the name of the decorated function';
  assert.equal(search.snippet(text, matching('wraps')), 'Forgetting wraps loses the name of the decorated function');
  assert.equal(search.snippet(text, matching('interviewers')), 'Why interviewers ask this');
});

test('a sentence ends at its full stop, as before', () => {
  const text = 'Closures keep names alive. Decorators wrap functions! Generators yield?';
  assert.equal(search.snippet(text, matching('decorators')), 'Decorators wrap functions!');
});

test('table cells are shown apart', () => {
  assert.equal(search.snippet('Type\tMutable\nlist\tyes\ntuple\tno', matching('tuple')), 'tuple · no');
});

test('a long sentence is cut on word boundaries at both ends', () => {
  const words = [];
  for (let i = 0; i < 80; i++) { words.push(`word${i}`); }
  words[40] = 'decorator';
  const sentence = words.join(' ');
  const cut = search.snippet(sentence, matching('decorator'), 100);
  assert.match(cut, /^…word\d+ .* word\d+…$/, cut);
  const inner = cut.slice(1, -1);
  assert.ok(sentence.includes(inner), 'the cut is a stretch of the sentence');
  for (const w of inner.split(' ')) { assert.ok(words.includes(w), `"${w}" is a whole word`); }
  assert.ok(inner.includes('decorator'));
  assert.ok(inner.length <= 100, `${inner.length} characters`);
});

test('a cut never starts or ends inside a word, even one glued to punctuation', () => {
  const sentence = `${'alpha, '.repeat(30)}use (copy.deepcopy) here, ${'omega; '.repeat(30)}end`;
  const cut = search.snippet(sentence, matching('copy.deepcopy'), 60);
  const inner = cut.replace(/^…/, '').replace(/…$/, '');
  assert.ok(/^\S/.test(inner) && /\S$/.test(inner), cut);
  const at = sentence.indexOf(inner);
  assert.ok(at >= 0, 'a stretch of the sentence');
  assert.ok(at === 0 || sentence[at - 1] === ' ', `starts after a space: ${cut}`);
  const after = sentence[at + inner.length];
  assert.ok(after === undefined || after === ' ' || /[,;:]/.test(after), `ends before a space: ${cut}`);
  assert.ok(inner.includes('(copy.deepcopy)'));
});

test('nothing matched, no snippet', () => {
  assert.equal(search.snippet('Nothing here.', matching('absent')), null);
});
