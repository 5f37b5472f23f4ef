'use strict';
// The built site, read in a real browser: navigation over HTTP under a sub-path and from disk,
// the light/dark toggle, copy buttons, and axe-core on every kind of page.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, open, axe, fileUrl } = require('./lib/harness');

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(SITE, '/deep/path/guide/');
});

after(async () => {
  await browser.close();
  await server.close();
});

async function readerWalk(start, allowedOrigin) {
  const { context, page, problems, foreignRequests } = await open(browser, { allowedOrigin });
  await page.goto(start);
  assert.equal(await page.title(), 'Python Interview Questions');
  // Stylesheets loaded: the header is sticky only if prepbook.css applied.
  assert.equal(await page.$eval('.site-header', (e) => getComputedStyle(e).position), 'sticky');
  await page.click('#pb-sections .section-card a >> text=Concurrency and Parallelism');
  await page.waitForURL(/concurrency\/index\.html$/);
  await page.click('.question-list a >> text=What is the Global Interpreter Lock?');
  await page.waitForURL(/concurrency\/what-is-the-gil\.html$/);
  assert.equal(await page.textContent('h1'), 'What is the Global Interpreter Lock?');
  // Highlighted code, coloured by the highlight stylesheet.
  const color = await page.$eval('pre.hl-code .hl-keyword', (e) => getComputedStyle(e).color);
  assert.notEqual(color, await page.$eval('pre.hl-code', (e) => getComputedStyle(e).color));
  // Tags and breadcrumbs lead on.
  await page.click('.question-header .tag >> nth=0');
  await page.waitForURL(/tags\/[a-z-]+\.html$/);
  assert.ok((await page.$$('.question-list li')).length > 0);
  await page.click('.breadcrumbs a >> text=Home');
  await page.waitForURL(/index\.html$/);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, [], 'no request leaves the site');
  await context.close();
}

test('a reader navigates the site served under a sub-path', async () => {
  await readerWalk(server.url + 'index.html', server.url.replace(/\/deep.*/, ''));
});

test('a reader navigates the site opened from disk (file://)', async () => {
  await readerWalk(fileUrl(path.join(SITE, 'index.html')), null);
});

test('the theme follows the system and the toggle is remembered', async () => {
  const { context, page } = await open(browser, { colorScheme: 'dark' });
  await page.goto(fileUrl(path.join(SITE, 'index.html')));
  const bg = () => page.$eval('body', (e) => getComputedStyle(e).backgroundColor);
  assert.equal(await bg(), 'rgb(15, 20, 25)', 'dark by system preference');
  assert.equal(await page.getAttribute('#pb-theme-toggle', 'aria-pressed'), 'true');
  await page.click('#pb-theme-toggle');
  assert.equal(await bg(), 'rgb(255, 255, 255)');
  await page.goto(fileUrl(path.join(SITE, 'concurrency', 'index.html')));
  assert.equal(await bg(), 'rgb(255, 255, 255)', 'the choice is remembered across pages');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await context.close();
});

test('the copy button copies a code block', async () => {
  const { context, page } = await open(browser, { allowedOrigin: server.url.replace(/\/deep.*/, '') });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(server.url + 'concurrency/what-is-the-gil.html');
  const button = page.locator('.code-block .copy-code').first();
  assert.equal(await button.isVisible(), true, 'shown once the script runs');
  await button.click();
  // The clipboard answers asynchronously: wait for the button to say so.
  await page.waitForSelector('.code-block .copy-code[data-copied]');
  assert.equal(await button.textContent(), 'Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const code = await page.locator('.code-block code').first().textContent();
  assert.equal(copied, code);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations on each kind of page (${scheme})`, async () => {
    const { context, page } = await open(browser, { colorScheme: scheme });
    for (const rel of ['index.html', 'concurrency/index.html', 'concurrency/what-is-the-gil.html', 'tags/index.html',
      'tags/asyncio.html', 'difficulty/hard.html', 'how-to-use-this-guide.html']) {
      await page.goto(fileUrl(path.join(SITE, rel)));
      assert.deepEqual(await axe(page), [], `${rel} (${scheme})`);
    }
    await context.close();
  });
}
