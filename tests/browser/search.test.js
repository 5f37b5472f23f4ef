'use strict';
// Search in a real browser, over HTTP under a sub-path and from file://: the header combobox
// (typing, keyboard, ARIA), the search page (filters, counts, shareable URLs, browse mode),
// escaping, and axe-core.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SITE, REPO, serve, launch, open, axe, fileUrl, build } = require('./lib/harness');

let browser;
let server;
const origin = () => server.url.replace(/\/sub\/.*/, '');

before(async () => {
  browser = await launch();
  server = await serve(SITE, '/sub/path/');
});

after(async () => {
  await browser.close();
  await server.close();
});

const indexScripts = (page) => page.$$eval('script[src*="search/"]', (s) => s.map((e) => e.getAttribute('src')));

for (const mode of ['http', 'file']) {
  const url = (rel) => {
    if (mode === 'http') { return server.url + rel; }
    const [file, query] = rel.split('?');
    return fileUrl(path.join(SITE, file)) + (query ? `?${query}` : '');
  };

  test(`typing in the header box shows ranked, highlighted results (${mode})`, async () => {
    const { context, page, problems, foreignRequests } = await open(browser, { allowedOrigin: mode === 'http' ? origin() : null });
    await page.goto(url('oop/slots.html'));
    assert.deepEqual(await indexScripts(page), [], 'no index is loaded before search is used');
    await page.fill('#pb-search-input', 'decorators');
    await page.waitForSelector('#pb-search-results [role=option] .result-title');
    assert.equal(await page.getAttribute('#pb-search-input', 'aria-expanded'), 'true');
    const first = await page.textContent('#pb-search-results [role=option] .result-title');
    assert.match(first, /decorator/i);
    assert.ok((await page.$$('#pb-search-results mark')).length > 0, 'matched words are marked');
    assert.ok((await indexScripts(page)).some((s) => s.includes('search/index.js')));
    await page.waitForSelector('#pb-search-results .result-snippet mark');
    assert.ok((await indexScripts(page)).some((s) => /search\/d\/\d+\/\d+\.js$/.test(s)), 'snippets come from the metadata chunks');
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });

  test(`the keyboard alone finds and opens a question (${mode})`, async () => {
    const { context, page } = await open(browser, { allowedOrigin: mode === 'http' ? origin() : null });
    await page.goto(url('index.html'));
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-search-input');
    await page.keyboard.type('genrator', { delay: 20 });
    await page.waitForSelector('#pb-search-results [role=option] .result-title');
    await page.keyboard.press('ArrowDown');
    const active = await page.getAttribute('#pb-search-input', 'aria-activedescendant');
    assert.equal(active, 'pb-search-opt-0');
    assert.equal(await page.getAttribute('#pb-search-opt-0', 'aria-selected'), 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.getAttribute('#pb-search-input', 'aria-activedescendant'), 'pb-search-opt-0');
    const title = await page.textContent('#pb-search-opt-0 .result-title');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.textContent('h1'), title);
    // Ctrl+K focuses the box too, and Escape closes the results.
    await page.keyboard.press('Control+k');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-search-input');
    await page.keyboard.type('lru');
    await page.waitForSelector('#pb-search-results [role=option]');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('#pb-search-input', 'aria-expanded'), 'false');
    assert.equal(await page.isVisible('#pb-search-popup'), false);
    await context.close();
  });

  test(`the search page restores its URL and filters with counts (${mode})`, async () => {
    const { context, page, problems } = await open(browser, { allowedOrigin: mode === 'http' ? origin() : null });
    await page.goto(url('search.html?q=generator&difficulty=hard'));
    await page.waitForSelector('#pb-search-page-results li');
    assert.equal(await page.inputValue('#pb-search-page-input'), 'generator');
    assert.equal(await page.isChecked('#pb-facet-difficulty-hard'), true);
    const badges = await page.$$eval('#pb-search-page-results .badge', (b) => b.map((x) => x.textContent));
    assert.ok(badges.length > 0 && badges.every((b) => b === 'Hard'), `only hard questions: ${badges}`);
    // Each filter value shows its count for the current query.
    const easy = await page.textContent('label[for="pb-facet-difficulty-easy"]');
    assert.match(easy, /^Easy \(\d+\)$/);
    const summary = await page.textContent('#pb-search-summary');
    const n = Number(summary.match(/^(\d+)/)[1]);
    assert.equal(n, badges.length <= 20 ? badges.length : n);
    assert.match(await page.textContent('label[for="pb-facet-difficulty-hard"]'), new RegExp(`\\(${n}\\)`));
    // Changing a filter updates the results and the URL, which can be shared.
    await page.uncheck('#pb-facet-difficulty-hard');
    await page.check('#pb-facet-level-entry');
    await page.waitForFunction(() => location.search.includes('level=entry') && !location.search.includes('difficulty'));
    await page.waitForFunction(() => document.querySelector('#pb-search-summary').textContent.includes('generator'));
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await other.waitForSelector('#pb-search-page-results li');
    assert.equal(await other.isChecked('#pb-facet-level-entry'), true);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('browse mode: no query, filters only, lists the matching questions', async () => {
  const { context, page } = await open(browser);
  await page.goto(fileUrl(path.join(SITE, 'search.html')) + '?tag=asyncio&difficulty=easy');
  await page.waitForSelector('#pb-search-page-results li');
  const summary = await page.textContent('#pb-search-summary');
  assert.match(summary, /^\d+ questions? matching the filters$/);
  const titles = await page.$$eval('#pb-search-page-results .result-title', (t) => t.map((x) => x.textContent));
  assert.ok(titles.includes('What do async and await actually do?'), titles.join(' | '));
  await context.close();
});

test('a title with HTML in it is shown as text, never run', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-xss-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'basic'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'content', 'python', 'evil.md'),
    '---\ntitle: "<img src=x onerror=alert(1)> evil"\nsummary: "<script>alert(2)</script> summary"\ntags: ["<b>bold</b>"]\n---\n\nBody about onerror.\n');
  const site = build(dir);
  const { context, page } = await open(browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto(fileUrl(path.join(site, 'index.html')));
  await page.fill('#pb-search-input', 'evil');
  await page.waitForSelector('#pb-search-results [role=option] .result-title');
  const title = await page.textContent('#pb-search-results [role=option] .result-title');
  assert.equal(title, '<img src=x onerror=alert(1)> evil');
  assert.equal(await page.$$eval('#pb-search-popup img', (i) => i.length), 0);
  await page.goto(fileUrl(path.join(site, 'search.html')) + '?q=evil');
  await page.waitForSelector('#pb-search-page-results li');
  assert.equal(await page.$$eval('#pb-search-page img, #pb-search-page script', (i) => i.length), 0);
  assert.equal(dialogs, 0);
  await context.close();
});

test("a guide's own base.html without search-rank.js still searches, with its synonyms and keywords", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-old-base-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'basic'), dir, { recursive: true });
  fs.appendFileSync(path.join(dir, 'book.toml'), '\n[search]\nsynonyms = [["k8s", "kubernetes"]]\n');
  fs.writeFileSync(path.join(dir, 'content', 'python', 'cluster.md'),
    '---\ntitle: Running a cluster\nkeywords: [Kubernetes]\n---\n\nWith care.\n');
  // A base.html written before search-rank.js existed: it loads search.js alone.
  const base = fs.readFileSync(path.join(REPO, 'themes', 'default', 'templates', 'base.html'), 'utf8');
  const old = base.replace(/<script src="\{\{ (?:static_)?root \}\}static\/search-rank\.js"><\/script>\n/, '');
  assert.notEqual(old, base, 'the default base.html loads search-rank.js');
  fs.mkdirSync(path.join(dir, 'themes', 'default', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'themes', 'default', 'templates', 'base.html'), old);
  const site = build(dir);
  const { context, page, problems } = await open(browser);
  await page.goto(fileUrl(path.join(site, 'index.html')));
  await page.fill('#pb-search-input', 'k8s');
  await page.waitForSelector('#pb-search-results [role=option] .result-title');
  assert.equal(await page.textContent('#pb-search-results [role=option] .result-title'), 'Running a cluster');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations on the search page and the open combobox (${scheme})`, async () => {
    const { context, page } = await open(browser, { colorScheme: scheme });
    await page.goto(fileUrl(path.join(SITE, 'search.html')) + '?q=closure&level=mid');
    await page.waitForSelector('#pb-search-page-results li');
    assert.deepEqual(await axe(page), []);
    await page.goto(fileUrl(path.join(SITE, 'concurrency', 'what-is-the-gil.html')));
    await page.fill('#pb-search-input', 'asyncio');
    await page.waitForSelector('#pb-search-results [role=option]');
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}
