'use strict';
// The data registry (themes/default/static/data.js) with packed data files: study mode's card
// chunks and search's metadata come as JSON gzipped in base64, and a page that loads one gets
// the same data as from a plain file, whether the file arrives by <script src> or was inlined
// in the page before anything asked for it. A file that cannot be inflated fails its load.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const SOURCE = fs.readFileSync(path.join(__dirname, '../../themes/default/static/data.js'), 'utf8');

/** A page with data.js loaded; `files` maps a script's src to its text, run when it is added. */
function page(files = {}) {
  const added = [];
  const context = {
    Blob, Response, DecompressionStream, TextDecoder, atob, setTimeout,
    document: {
      documentElement: { getAttribute: () => '' },
      createElement: () => ({}),
      head: {
        appendChild(script) {
          added.push(script.src);
          setTimeout(() => {
            if (!(script.src in files)) { script.onerror(); return; }
            vm.runInContext(files[script.src], context);
            script.onload();
          }, 0);
        },
      },
    },
  };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(SOURCE, context);
  return { data: context.PrepbookData, added, run: (text) => vm.runInContext(text, context) };
}

const packed = (kind, key, value) =>
  `PrepbookData.packed(${JSON.stringify(kind)},${JSON.stringify(key)},"${zlib.gzipSync(JSON.stringify(value)).toString('base64')}");\n`;

const CARDS = [['What is the GIL?', '<p>A lock.</p>', 'One thread at a time.', '<p>Long answer.</p>']];

test('a packed file loaded by a script gives its data, as a plain one does', async () => {
  const { data, added } = page({
    'study/cards-0.js': packed('study-cards', '0', CARDS),
    'study/deck.js': `PrepbookData.register("study-deck","",${JSON.stringify({ format: 1 })});\n`,
  });
  const [cards, deck] = await Promise.all([
    data.load('study-cards', '0', 'study/cards-0.js'),
    data.load('study-deck', '', 'study/deck.js'),
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(cards)), CARDS);
  assert.equal(deck.format, 1);
  // Asked again, and with a callback: the same data, no second request.
  const again = await new Promise((resolve, reject) =>
    data.load('study-cards', '0', 'study/cards-0.js', (err, d) => (err ? reject(err) : resolve(d))));
  assert.equal(again, cards);
  assert.deepEqual(added, ['study/cards-0.js', 'study/deck.js']);
});

test('a packed file inlined in the page is used while it inflates and after, with no request', async () => {
  const { data, added, run } = page();
  run(packed('search', 'd/0/0', [['Title', 'a.html']]));
  const early = data.load('search', 'd/0/0', 'search/d/0/0.js');
  assert.deepEqual(JSON.parse(JSON.stringify(await early)), [['Title', 'a.html']]);
  const late = await data.load('search', 'd/0/0', 'search/d/0/0.js');
  assert.equal(late, await early);
  assert.deepEqual(added, []);
});

test('a packed file that does not inflate fails its load, naming the data', async () => {
  const { data } = page({ 'study/cards-3.js': 'PrepbookData.packed("study-cards","3","bm90IGd6aXA=");\n' });
  await assert.rejects(data.load('study-cards', '3', 'study/cards-3.js'), /study-cards data 3 cannot be inflated/);
});

test('a file that registers nothing, or is missing, still fails its load', async () => {
  const { data } = page({ 'study/cards-1.js': '// nothing\n' });
  await assert.rejects(data.load('study-cards', '1', 'study/cards-1.js'), /holds no study-cards data/);
  await assert.rejects(data.load('study-cards', '2', 'study/cards-2.js'), /cannot load study\/cards-2.js/);
});
