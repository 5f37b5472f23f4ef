'use strict';
// Search in a language other than English (tests/fixtures/multilingual: English, partly in
// French and Russian): the page's search box stems the reader's words with the language's
// stemmer (static/stem/<name>.js, loaded on the first query), so another form of a word finds
// the page. From file://, over HTTP under a sub-path, and in the offline export.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, serve, launch, open, fileUrl, build, exportFile } = require('./lib/harness');

const FIXTURE = path.join(REPO, 'tests/fixtures/multilingual');
let browser;
let server;
let site;

before(async () => {
  site = build(FIXTURE);
  browser = await launch();
  server = await serve(site, '/docs/guide/');
});

after(async () => {
  await browser.close();
  await server.close();
});

async function firstResult(page, query) {
  await page.fill('#pb-search-input', query);
  await page.waitForSelector('#pb-search-results [role=option] .result-title');
  return page.textContent('#pb-search-results [role=option] .result-title');
}

for (const mode of ['http', 'file']) {
  const url = (rel) => (mode === 'http' ? server.url + rel : fileUrl(path.join(site, rel)));
  const opts = () => ({ allowedOrigin: mode === 'http' ? server.url.replace(/\/docs\/.*/, '') : null });

  test(`a French query in another form of the page's words finds it (${mode})`, async () => {
    const { context, page, problems, foreignRequests } = await open(browser, opts());
    await page.goto(url('fr/index.html'));
    // The page says "itération paresseuse".
    assert.equal(await firstResult(page, 'itérateurs paresseux'), 'Comment fonctionne un générateur ?');
    const scripts = await page.$$eval('script[src*="stem/"]', (s) => s.map((e) => e.getAttribute('src')));
    assert.equal(scripts.length, 1, scripts.join(' '));
    assert.match(scripts[0], /static\/stem\/french\.js$/);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });

  test(`a Russian query in another case finds the Russian page (${mode})`, async () => {
    const { context, page, problems } = await open(browser, opts());
    await page.goto(url('ru/python/decorators.html'));
    // The page says "декоратор"; the reader types the instrumental plural.
    assert.equal(await firstResult(page, 'декораторами'), 'Что такое декоратор?');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the English pages load no stemmer', async () => {
  const { context, page, problems } = await open(browser);
  await page.goto(fileUrl(path.join(site, 'index.html')));
  assert.equal(await firstResult(page, 'generators'), 'How does a generator work?');
  assert.equal(await page.$$eval('script[src*="stem/"]', (s) => s.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the French export stems French queries from disk, with no request', async () => {
  const file = exportFile(FIXTURE, ['--language', 'fr']);
  const { context, page, foreignRequests, problems } = await open(browser);
  await page.goto(fileUrl(file));
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await firstResult(page, 'itérateurs'), 'Comment fonctionne un générateur ?');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, [], 'no request of any kind');
  await context.close();
});
