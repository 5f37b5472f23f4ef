'use strict';
// Usage: node compare-stems.js FILE.json, where FILE holds {stemmer: [[word, stem], ...]} as
// rust-stemmers stemmed them. Exits 1, listing the first differences of each stemmer, unless
// every browser port (themes/default/static/stem/<name>.js; English inside search.js) gives
// exactly the same stem for every word.
const fs = require('node:fs');
const path = require('node:path');
const search = require('../../../themes/default/static/search.js');

const STATIC = path.join(__dirname, '../../../themes/default/static');
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const report = [];
let failed = false;
for (const [name, pairs] of Object.entries(cases)) {
  const port = name === 'english' ? search.stem : require(path.join(STATIC, 'stem', `${name}.js`));
  const diffs = [];
  for (const [word, expected] of pairs) {
    let got;
    try { got = port(word); } catch (e) { got = `threw ${e.message}`; }
    if (got !== expected) { diffs.push(`  ${word}: rust ${expected}, js ${got}`); }
  }
  if (diffs.length) {
    failed = true;
    report.push(`${name}: ${diffs.length} of ${pairs.length} words differ\n${diffs.slice(0, 10).join('\n')}`);
  } else {
    report.push(`${name}: ${pairs.length} words, identical`);
  }
}
console[failed ? 'error' : 'log'](report.join('\n'));
process.exit(failed ? 1 : 0);
