'use strict';
// A guide in two languages (tests/fixtures/bilingual: English, partly translated into Chinese),
// over HTTP under a sub-path and from file://: the language switcher lands on the same page and
// is remembered, an untranslated page is marked, a Chinese query finds the Chinese page (not the
// English one), and axe-core finds nothing on either language's pages.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, serve, launch, open, axe, fileUrl, build } = require('./lib/harness');

let browser;
let server;
let site;
const origin = () => server.url.replace(/\/multi\/.*/, '');

before(async () => {
  site = build(path.join(REPO, 'tests/fixtures/bilingual'));
  browser = await launch();
  server = await serve(site, '/multi/lingual/');
});

after(async () => {
  await browser.close();
  await server.close();
});

for (const mode of ['http', 'file']) {
  const url = (rel) => (mode === 'http' ? server.url + rel : fileUrl(path.join(site, rel)));
  const opts = () => ({ allowedOrigin: mode === 'http' ? origin() : null });

  test(`the switcher lands on the same page in the other language, and is remembered (${mode})`, async () => {
    const { context, page, problems, foreignRequests } = await open(browser, opts());
    await page.goto(url('python/gil.html'));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // The keyboard reaches the switcher and follows it.
    await page.focus('#pb-lang-switch a[lang="zh"]');
    await Promise.all([page.waitForURL(/\/zh\/python\/gil\.html$/), page.keyboard.press('Enter')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh');
    assert.equal(await page.textContent('h1'), '什么是全局解释器锁？');
    assert.equal(await page.getAttribute('#pb-lang-switch a[aria-current]', 'lang'), 'zh');
    // Styles and scripts come from the shared static folder.
    assert.equal(await page.$eval('.site-header', (e) => getComputedStyle(e).position), 'sticky');
    // The choice is kept: the English home page, opened again, leads to the Chinese one.
    await page.goto(url('index.html'));
    await page.waitForURL(/\/zh\/index\.html$/);
    assert.equal(await page.textContent('h1'), '双语测试指南');
    // Choosing English again stays in English.
    await Promise.all([page.waitForURL(/\/index\.html$/), page.click('#pb-lang-switch a[lang="en"]')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto(url('index.html'));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.ok(!page.url().includes('/zh/'));
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });

  test(`an untranslated page is shown in English inside the Chinese site, marked (${mode})`, async () => {
    const { context, page, problems } = await open(browser, opts());
    await page.goto(url('zh/python/decorators.html'));
    assert.equal(await page.getAttribute('html', 'lang'), 'zh');
    assert.ok(await page.isVisible('.fallback-notice'));
    assert.equal(await page.getAttribute('h1', 'lang'), 'en');
    assert.equal(await page.textContent('h1'), 'What is a decorator?');
    // Its switcher leads to the English original.
    const en = await page.getAttribute('#pb-lang-switch a[lang="en"]', 'href');
    assert.equal(new URL(en, page.url()).href, url('python/decorators.html'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`a Chinese query finds the Chinese page and not the English one (${mode})`, async () => {
    const { context, page, problems, foreignRequests } = await open(browser, opts());
    await page.goto(url('zh/index.html'));
    await page.fill('#pb-search-input', '全局解释器锁');
    await page.waitForSelector('#pb-search-results [role=option] .result-title');
    const first = await page.textContent('#pb-search-results [role=option] .result-title');
    assert.equal(first, '什么是全局解释器锁？');
    const targets = await page.$$eval('#pb-search-results [role=option][data-url]', (els) => els.map((e) => e.dataset.url));
    const resolved = targets.map((t) => new URL(t, page.url()).href);
    assert.ok(resolved.includes(url('zh/python/gil.html')), resolved.join(' '));
    assert.ok(!resolved.includes(url('python/gil.html')), resolved.join(' '));
    // The Chinese site loaded its own index only.
    const scripts = await page.$$eval('script[src*="search/"]', (s) => s.map((e) => new URL(e.src, location.href).href));
    assert.ok(scripts.length > 0 && scripts.every((s) => s.includes('/zh/search/')), scripts.join(' '));
    // Enter opens the Chinese page.
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(/\/zh\/python\/gil\.html$/), page.keyboard.press('Enter')]);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });
}

test('a Chinese flashcard shows its Chinese text and the image both languages share (file)', async () => {
  const { context, page, problems } = await open(browser);
  await page.goto(fileUrl(path.join(site, 'zh/study.html')));
  await page.waitForSelector('#pb-start:not([disabled])');
  await page.selectOption('#pb-deck-section', 'python/index.html');
  await page.click('#pb-start');
  await page.waitForFunction(() => {
    const t = document.querySelector('#pb-card-title').textContent;
    return t && t !== 'Loading…';
  });
  assert.equal(await page.textContent('#pb-card-title'), '什么是全局解释器锁？');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => {
    const img = document.querySelector('#pb-card-back img');
    return img && img.complete;
  });
  const img = await page.$eval('#pb-card-back img', (e) => ({ src: e.src, width: e.naturalWidth }));
  assert.equal(img.src, fileUrl(path.join(site, 'python/img/diagram.svg')));
  assert.ok(img.width > 0, 'the image loads');
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core finds no violation on either language\'s pages', async () => {
  const { context, page } = await open(browser, { allowedOrigin: origin() });
  for (const rel of ['index.html', 'python/gil.html', 'zh/index.html', 'zh/python/gil.html', 'zh/python/decorators.html', 'zh/study.html']) {
    await page.goto(server.url + rel);
    const violations = await axe(page);
    assert.deepEqual(violations, [], `${rel}: ${JSON.stringify(violations, null, 1)}`);
  }
  await context.close();
});
