'use strict';
// The theme's UI strings in the page's language: a guide with `language = "zh"` shows study
// mode, search and the shortcuts dialog in Chinese (text the scripts write, not only the
// templates), from file:// and over HTTP under a sub-path, and axe-core finds nothing on it.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { REPO, serve, launch, open, axe, fileUrl, build } = require('./lib/harness');

let browser;
let server;
let site;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-zh-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'basic'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'book.toml'), '[book]\ntitle = "Fixture Guide"\nlanguage = "zh"\n');
  site = build(dir);
  browser = await launch();
  server = await serve(site, '/zh-guide/');
});

after(async () => {
  await browser.close();
  await server.close();
});

for (const mode of ['file', 'http']) {
  const url = (rel) => (mode === 'http' ? server.url + rel : fileUrl(path.join(site, rel)));
  const origin = () => new URL(server.url).origin;

  test(`study mode on a Chinese page speaks Chinese (${mode})`, async () => {
    const { context, page, problems, foreignRequests } = await open(browser, { allowedOrigin: mode === 'http' ? origin() : null });
    await page.goto(url('study.html'));
    // Written by study-session.js once the deck has loaded: 4 questions in the fixture.
    await page.waitForFunction(() => /张卡片/.test(document.getElementById('pb-deck-match').textContent));
    assert.equal(await page.textContent('#pb-deck-match'), '本卡组共 4 张卡片。');
    assert.equal((await page.textContent('#pb-start')).trim(), '开始');
    await page.click('#pb-start');
    await page.waitForSelector('#pb-session:not([hidden])');
    assert.equal(await page.textContent('#pb-position'), '第 1 张，共 4 张');
    assert.equal((await page.textContent('#pb-session-title')).trim(), '闪卡');
    assert.match(await page.textContent('#pb-flip'), /^显示答案/);
    await page.click('#pb-flip');
    assert.match(await page.textContent('#pb-flip'), /^隐藏答案/);
    await page.click('[data-grade="3"]');
    await page.click('#pb-end');
    await page.waitForSelector('#pb-summary:not([hidden])');
    assert.equal((await page.textContent('#pb-summary-title')).trim(), '本轮学习完成');
    assert.match(await page.textContent('#pb-summary-text'), /^你浏览了 4 张卡片中的 2 张，评分了 1 张。本卡组现已掌握 \d+ \/ 4。$/);
    // axe reads the stylesheets, which file:// forbids a script to fetch: it runs over HTTP.
    if (mode === 'http') { assert.deepEqual(await axe(page), []); }
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });

  test(`search and the shortcuts list on a Chinese page speak Chinese (${mode})`, async () => {
    const { context, page, problems, foreignRequests } = await open(browser, { allowedOrigin: mode === 'http' ? origin() : null });
    await page.goto(url('python/gil.html'));
    assert.equal(await page.getAttribute('#pb-search-input', 'placeholder'), '搜索题目');
    await page.fill('#pb-search-input', 'decorators');
    await page.waitForSelector('#pb-search-results [role=option] .result-title');
    await page.waitForFunction(() => document.getElementById('pb-search-status').textContent !== '');
    assert.match(await page.textContent('#pb-search-status'), /^\d+ 条结果$/);
    assert.match(await page.textContent('#pb-search-results .search-all'), /^查看全部 \d+ 条结果$/);
    await page.fill('#pb-search-input', 'zzzqqq');
    await page.waitForFunction(() => document.getElementById('pb-search-status').textContent === '没有结果');
    await page.press('#pb-search-input', 'Escape');
    await page.click('h1');
    await page.keyboard.press('?');
    await page.waitForSelector('dialog[open]');
    assert.equal(await page.textContent('dialog[open] h2'), '键盘快捷键');
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });
}
