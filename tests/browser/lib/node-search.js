'use strict';
// The browser's search engine (themes/default/static/search.js), run in node over a built site's
// index files: for relevance tests and for measuring what a query loads.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const search = require('../../../themes/default/static/search.js');

/** An engine reading `site`/search/*.js; `loaded` records every file and its size. */
function engineFor(site) {
  const loaded = [];
  const engine = new search.Engine((name) => {
    const file = path.join(site, 'search', `${name}.js`);
    const text = fs.readFileSync(file, 'utf8');
    loaded.push({ name, bytes: Buffer.byteLength(text) });
    let payload;
    const PrepbookData = { register: (kind, n, data) => { payload = data; } };
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

module.exports = { search, engineFor, top };
