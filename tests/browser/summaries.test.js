'use strict';
// Summaries written in Markdown, and the text snippets are cut from, where the browser shows
// them: header results and the search page show a summary's code as code (the HTML the build
// made, with no link inside a result); study cards show it too; snippets never run a heading
// into the next paragraph; and the offline export cuts its snippets from exactly the text the
// site's search data holds.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const vm = require('node:vm');
const zlib = require('node:zlib');
const { SITE, REPO, serve, launch, open, fileUrl, build, exportFile } = require('./lib/harness');

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(SITE, '/sub/');
});

after(async () => {
  await browser.close();
  await server.close();
});

/** Every question's snippet text as the site's search data holds it, by question id. */
function siteTexts() {
  const out = [];
  const dir = path.join(SITE, 'search', 'd');
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, f);
    if (!file.endsWith('.js')) { continue; }
    let name;
    let docs;
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), {
      PrepbookData: {
        register: (kind, n, data) => { name = n; docs = data; },
        // The metadata chunks are packed: JSON gzipped, in base64 (data.js inflates it in a page).
        packed: (kind, n, b64) => { name = n; docs = JSON.parse(zlib.gunzipSync(Buffer.from(b64, 'base64'))); },
      },
    });
    const chunk = Number(name.match(/(\d+)$/)[1]);
    const size = JSON.parse(fs.readFileSync(path.join(SITE, 'search', 'index.js'), 'utf8')
      .replace(/^PrepbookData\.register\("search","index",/, '').replace(/\);\s*$/, '')).chunk;
    docs.forEach((d, i) => { out[chunk * size + i] = d[8]; });
  }
  return out;
}

test('search results show a summary\'s Markdown as the build rendered it, with no link inside a result', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-summary-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'basic'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'content', 'python', 'wrapper.md'),
    '---\ntitle: Wrapping functions\nsummary: "A *wrapper* calls `func` (see [the GIL](gil.md)); <img src=x onerror=alert(1)> is text."\n---\n\n' +
    'Intro.\n\n## How to answer\n\nA wrapper keeps the `ContextDecorator`s working.\n');
  const site = build(dir);
  const { context, page, problems } = await open(browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  const check = async (results) => {
    const snippet = `${results} .result-snippet`;
    await page.waitForSelector(snippet);
    assert.equal(await page.textContent(snippet), 'A wrapper calls func (see the GIL); <img src=x onerror=alert(1)> is text.');
    assert.deepEqual(await page.$$eval(`${snippet} em`, (e) => e.map((x) => x.textContent)), ['wrapper']);
    assert.deepEqual(await page.$$eval(`${snippet} code`, (e) => e.map((x) => x.textContent)), ['func']);
    assert.equal(await page.$$eval(`${snippet} a, ${snippet} img`, (e) => e.length), 0, 'no link, no image');
  };
  await page.goto(fileUrl(path.join(site, 'index.html')));
  await page.fill('#pb-search-input', 'wrapper calls');
  await check('#pb-search-results [role=option]');
  // A sentence of the answer that matches more: cut from the text, spaced as the page reads.
  await page.fill('#pb-search-input', 'wrapper keeps ContextDecorators working');
  await page.waitForFunction(() => /keeps/.test(document.querySelector('#pb-search-results .result-snippet').textContent));
  assert.equal(await page.textContent('#pb-search-results .result-snippet'), 'A wrapper keeps the ContextDecorators working.');
  await page.goto(`${fileUrl(path.join(site, 'search.html'))}?q=wrapper+calls`);
  await check('#pb-search-page-results li');
  assert.equal(dialogs, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('snippets of the bundled guide show no raw Markdown and no heading anchors', async () => {
  const { context, page, problems } = await open(browser, { allowedOrigin: server.url.replace(/\/sub\/.*/, '') });
  await page.goto(`${server.url}search.html?q=event+loop`);
  await page.waitForSelector('#pb-search-page-results .result-snippet');
  const snippets = await page.$$eval('#pb-search-page-results .result-snippet', (ps) => ps.map((p) => p.textContent));
  assert.ok(await page.$('#pb-search-page-results .result-snippet code'), 'a summary\'s code is shown as code');
  for (const t of snippets) {
    assert.ok(!t.includes('`'), `no Markdown shown raw: ${t}`);
    assert.ok(!/\S#\s/.test(t), `no heading anchor run into the text: ${t}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a study card shows its short answer with code as code', async () => {
  const { context, page, problems } = await open(browser);
  await page.goto(fileUrl(path.join(SITE, 'study.html')));
  await page.waitForSelector('#pb-start:not([disabled])');
  await page.selectOption('#pb-deck-section', 'concurrency/index.html');
  await page.click('#pb-start');
  const summaries = [];
  for (let i = 0; i < 10; i++) {
    await page.waitForFunction(() => {
      const t = document.querySelector('#pb-card-title').textContent;
      return t && t !== 'Loading…';
    });
    await page.keyboard.press('Space');
    summaries.push(await page.$eval('#pb-card-summary', (p) => ({
      text: p.textContent, code: Array.from(p.querySelectorAll('code'), (c) => c.textContent),
    })));
    await page.keyboard.press('4');
  }
  const withCode = summaries.filter((s) => s.code.length);
  assert.ok(withCode.length >= 3, JSON.stringify(summaries));
  assert.ok(withCode.some((s) => s.code.includes('asyncio.gather')), JSON.stringify(withCode));
  for (const s of summaries) { assert.ok(!s.text.includes('`'), `no Markdown shown raw: ${s.text}`); }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the export cuts snippets from the same text as the site', async () => {
  const file = exportFile(REPO);
  const { context, page } = await open(browser);
  await page.goto(fileUrl(file));
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForFunction(() => !document.querySelector('.export-chunk:not([data-built])'), null, { timeout: 60000 });
  const n = await page.$eval('#pb-index', (s) => JSON.parse(s.textContent).q.length);
  const exported = await page.evaluate(async (count) => {
    const out = [];
    for (let i = 0; i < count; i++) { out.push(await PrepbookData.textFor(i)); }
    return out;
  }, n);
  const site = siteTexts();
  assert.equal(site.length, n);
  // The site keeps the first 12,000 characters of a question's text for its snippets.
  const same = (i) => exported[i] === site[i] || (site[i].length >= 11000 && exported[i].startsWith(site[i]));
  const differ = exported.map((t, i) => i).filter((i) => !same(i));
  assert.deepEqual(differ, [], `questions whose export text differs: ${differ.slice(0, 3).map((i) => JSON.stringify(exported[i].slice(0, 200))).join('\n')}`);
  // A heading is a line of its own, without its anchor: "How to answer", not "How to answer# A".
  assert.ok(exported.some((t) => /\nHow to answer\n[^#\n]/.test(t)));
  const anchors = exported.flatMap((t) => t.split('\n')).filter((line) => line.endsWith('#'));
  assert.deepEqual(anchors, [], 'no heading keeps its "#" anchor');
  await context.close();
});
