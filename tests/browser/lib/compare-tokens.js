'use strict';
// Usage: node compare-tokens.js FILE.json [STEMMER], where FILE holds
// [{text, tokens: [[word, term], ...]}] as Rust's tokenizer produced them with the stemmer named
// (english when none is: see stemmer_name in src/search/tokenize.rs). Exits 1, listing the first differences, unless the browser's
// tokenizer (themes/default/static/search.js) gives exactly the same tokens for every text.
const fs = require('node:fs');
const { tokens, stemReady } = require('../../../themes/default/static/search.js');

stemReady(process.argv[3] || 'english').then(compare);

function compare() {

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const diffs = [];
let count = 0;
for (const c of cases) {
  const js = tokens(c.text).map((t) => [t.word, t.term]);
  count += c.tokens.length;
  const n = Math.max(js.length, c.tokens.length);
  for (let i = 0; i < n && diffs.length < 25; i++) {
    const a = JSON.stringify(c.tokens[i]);
    const b = JSON.stringify(js[i]);
    if (a !== b) {
      diffs.push(`rust ${a} vs js ${b} in: ${c.text.slice(0, 80)}`);
      break;
    }
  }
}
if (diffs.length) {
  console.error(diffs.join('\n'));
  process.exit(1);
}
console.log(`${cases.length} texts, ${count} tokens: identical`);
}
