'use strict';
// The navigation tree, "On this page" and the keyboard shortcuts in a real browser: the tree
// from its shared scripts (from file:// and over HTTP under a sub-path), the current page
// marked, study marks that follow progress saved on another page, the sidebar's hidden state
// remembered, the drawer's focus handling, the arrow keys and "?", and axe-core with the
// drawer and the "On this page" block open, light and dark.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, open, axe, fileUrl } = require('./lib/harness');

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const GIL = 'concurrency/what-is-the-gil.html';
const NEXT = 'concurrency/threading-vs-multiprocessing-vs-asyncio.html';

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(SITE, '/sub/path/guide/');
});

after(async () => {
  await browser.close();
  await server.close();
});

const file = (rel) => fileUrl(path.join(SITE, rel));
const origin = () => server.url.replace(/\/sub.*/, '');

/** Waits until nav.js has replaced the page's top-level links with the tree. */
async function treeReady(page) {
  await page.waitForSelector('#pb-nav-tree .nav-fold', { state: 'attached' });
}

async function checkTree(start, allowedOrigin) {
  const { context, page, problems, foreignRequests } = await open(browser, { viewport: WIDE, allowedOrigin });
  await page.goto(start);
  await treeReady(page);
  const current = page.locator('#pb-nav a[aria-current="page"]');
  assert.equal(await current.count(), 1, 'one link marks the current page');
  assert.equal((await current.textContent()).trim(), (await page.textContent('h1')).trim());
  assert.equal(await current.isVisible(), true);
  // The current section is open; the others are closed until the reader opens them.
  const concurrency = page.locator('#pb-nav .nav-section', { has: page.locator('> .nav-row a[href$="concurrency/index.html"]') });
  assert.equal(await concurrency.locator('> .nav-row .nav-fold').getAttribute('aria-expanded'), 'true');
  const algorithms = page.locator('#pb-nav .nav-section', { has: page.locator('> .nav-row a[href$="algorithms/index.html"]') });
  const fold = algorithms.locator('> .nav-row .nav-fold');
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  assert.equal(await algorithms.locator('.nav-question').count(), 0, 'a closed section is not loaded');
  await fold.click();
  await algorithms.locator('.nav-question').first().waitFor();
  const first = algorithms.locator('.nav-question a').first();
  const href = await first.getAttribute('href');
  await first.click();
  await page.waitForURL((u) => u.href.endsWith(href.replace(/^(\.\.\/)+/, '')));
  await treeReady(page);
  assert.match(page.url(), /algorithms\/[^/]+\.html$/);
  assert.equal((await page.locator('#pb-nav a[aria-current="page"]').textContent()).trim(), (await page.textContent('h1')).trim());
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, [], 'no request leaves the site');
  await context.close();
}

test('the tree loads, marks the current page and opens other sections, from file://', async () => {
  await checkTree(file(GIL), null);
});

test('the tree loads, marks the current page and opens other sections, under a sub-path', async () => {
  await checkTree(server.url + GIL, origin());
});

test('the current page is scrolled into view in the sidebar, not the page', async () => {
  const { context, page } = await open(browser, { viewport: { width: 1366, height: 500 } });
  // The last question of the last section sits far below the first screen of the tree.
  await page.goto(file('web/index.html'));
  await treeReady(page);
  const last = await page.$$eval('#pb-nav .nav-question a', (as) => as[as.length - 1].href);
  await page.goto(last);
  await treeReady(page);
  const far = await page.$eval('#pb-nav a[aria-current="page"]', (a) => a.offsetTop);
  assert.ok(far > 500, `the link is ${far} px down the tree`);
  const inView = await page.$eval('#pb-nav a[aria-current="page"]', (a) => {
    const nav = document.getElementById('pb-nav').getBoundingClientRect();
    const r = a.getBoundingClientRect();
    return r.top >= nav.top && r.bottom <= nav.bottom;
  });
  assert.equal(inView, true, 'the current link is inside the sidebar\'s visible part');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page itself did not scroll');
  await context.close();
});

test('study marks follow progress saved on another page', async () => {
  const { context, page, problems } = await open(browser, { viewport: WIDE });
  await page.goto(file(GIL));
  await treeReady(page);
  const gilItem = page.locator(`#pb-nav .nav-question[data-url="${GIL}"]`);
  assert.equal(await gilItem.getAttribute('data-state'), null, 'no mark without progress');
  await page.click('#pb-study-tools button[data-study-grade="4"]');
  await page.waitForFunction((u) => document.querySelector(`#pb-nav .nav-question[data-url="${u}"]`).getAttribute('data-state') === 'known', GIL);
  await page.goto(file(NEXT));
  await treeReady(page);
  assert.equal(await gilItem.getAttribute('data-state'), 'known');
  assert.match(await gilItem.textContent(), /\(known\)/, 'the state is in words for screen readers');
  await page.click('#pb-study-tools button[data-study-grade="1"]');
  await page.goto(file(GIL));
  await treeReady(page);
  assert.equal(await page.locator(`#pb-nav .nav-question[data-url="${NEXT}"]`).getAttribute('data-state'), 'learning');
  // Progress saved in another tab reaches this one.
  const other = await context.newPage();
  await other.goto(file(NEXT));
  await other.click('#pb-study-tools button[data-study-grade="4"]');
  await page.waitForFunction((u) => document.querySelector(`#pb-nav .nav-question[data-url="${u}"]`).getAttribute('data-state') === 'known', NEXT);
  // Articles are not cards: no mark.
  assert.equal(await page.locator('#pb-nav .nav-question:not([data-url])').count() > 0, true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sidebar can be hidden, and stays hidden on the next page', async () => {
  const { context, page } = await open(browser, { viewport: WIDE });
  await page.goto(file(GIL));
  await treeReady(page);
  const toggle = page.locator('#pb-nav-toggle');
  assert.equal(await page.locator('#pb-nav').isVisible(), true);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const before = (await page.locator('#pb-main').boundingBox()).x;
  await toggle.click();
  assert.equal(await page.locator('#pb-nav').isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok((await page.locator('#pb-main').boundingBox()).x < before, 'the text takes the room');
  await page.goto(file(NEXT));
  assert.equal(await page.locator('#pb-nav').isVisible(), false, 'remembered');
  assert.equal(await page.locator('#pb-nav-toggle').getAttribute('aria-expanded'), 'false');
  await page.click('#pb-nav-toggle');
  assert.equal(await page.locator('#pb-nav').isVisible(), true);
  await page.goto(file(GIL));
  assert.equal(await page.locator('#pb-nav').isVisible(), true, 'shown again, remembered too');
  await context.close();
});

test('the sidebar does not move the page as it loads', async () => {
  // On wide screens the sidebar is in the page's flow: the tree that replaces its few links must
  // not push the footer of a short page (a tag with one question) down, nor the text sideways.
  for (const [viewport, pages, footerToo] of [[WIDE, [GIL, 'tags/dataclasses.html'], true], [PHONE, [GIL], false]]) {
    for (const rel of pages) {
      const { context, page } = await open(browser, { viewport });
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            for (const s of e.sources || []) {
              const n = s.node;
              window.__shifts.push({
                inNav: !!(n && n.closest && n.closest('#pb-nav')),
                footer: !!(n && n.closest && n.closest('.site-footer')),
                sideways: s.previousRect.x !== s.currentRect.x,
                what: n && (n.className || n.nodeName),
              });
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(file(rel));
      await treeReady(page);
      await page.waitForTimeout(300);
      const shifts = await page.evaluate(() => window.__shifts);
      assert.deepEqual(shifts.filter((s) => s.inNav || s.sideways || (footerToo && s.footer)), [],
        `${rel} at ${viewport.width} px: nothing in or beside the tree moved`);
      await context.close();
    }
  }
});

test('below the breakpoint the drawer takes the focus, keeps it, and gives it back on Esc', async () => {
  const { context, page, problems } = await open(browser, { viewport: PHONE });
  await page.goto(file(GIL));
  await treeReady(page);
  assert.equal(await page.locator('#pb-nav').isVisible(), false, 'closed at first');
  const toggle = page.locator('#pb-nav-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.locator('#pb-nav').waitFor({ state: 'visible' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const focusIn = () => page.evaluate(() => !!document.activeElement.closest('#pb-nav'));
  assert.equal(await focusIn(), true, 'focus moved into the drawer');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-current')), 'page', 'on the current page\'s link');
  const stops = await page.$$eval('#pb-nav a[href], #pb-nav button', (e) => e.filter((x) => x.getClientRects().length).length);
  for (let i = 0; i < stops + 3; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await focusIn(), true, `Tab ${i + 1} stays in the drawer`);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusIn(), true, `Shift+Tab ${i + 1} stays in the drawer`);
  }
  assert.equal(await page.evaluate(() => document.getElementById('pb-main').inert), true, 'the page behind is inert');
  await page.keyboard.press('Escape');
  await page.locator('#pb-nav').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-nav-toggle', 'focus back on the menu button');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.getElementById('pb-main').inert), false);
  // The close button and the backdrop close it too.
  await toggle.click();
  await page.click('#pb-nav-close');
  await page.locator('#pb-nav').waitFor({ state: 'hidden' });
  await toggle.click();
  await page.mouse.click(380, 400);
  await page.locator('#pb-nav').waitFor({ state: 'hidden' });
  // A link in the drawer leads on.
  await toggle.click();
  await page.click(`#pb-nav a[href$="${path.basename(NEXT)}"]`);
  await page.waitForURL(new RegExp(NEXT.replace(/\./g, '\\.') + '$'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('arrow keys go to the previous and next question, but not while typing', async () => {
  const { context, page } = await open(browser, { viewport: WIDE });
  await page.goto(file(GIL));
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(new RegExp(NEXT.replace(/\./g, '\\.') + '$'));
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(new RegExp(GIL.replace(/\./g, '\\.') + '$'));
  // The first question has no previous one: nothing happens.
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(300);
  assert.match(page.url(), new RegExp(GIL.replace(/\./g, '\\.') + '$'));
  await page.fill('#pb-search input[type="search"], #pb-search input', 'gil');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  assert.match(page.url(), new RegExp(GIL.replace(/\./g, '\\.') + '$'), 'the arrow moved the caret, not the page');
  await context.close();
});

test('"?" lists the keyboard shortcuts in a dialog', async () => {
  const { context, page } = await open(browser, { viewport: WIDE });
  await page.goto(file(GIL));
  await page.locator('h1').click();
  await page.keyboard.press('?');
  const dialog = page.locator('dialog.shortcuts-dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('dialog')), true, 'focus in the dialog');
  const keys = await dialog.locator('dt').allTextContents();
  for (const k of ['/', '\u2190', '\u2192', '?']) assert.ok(keys.includes(k), `lists ${k}: ${keys}`);
  assert.deepEqual(await axe(page), [], 'the dialog is accessible');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  // Typing "?" in the search box types it.
  await page.fill('#pb-search input', '');
  await page.focus('#pb-search input');
  await page.keyboard.press('?');
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await page.inputValue('#pb-search input'), '?');
  await context.close();
});

test('"On this page" follows the heading being read on wide screens', async () => {
  const { context, page } = await open(browser, { viewport: WIDE });
  await page.goto(file(GIL));
  assert.equal(await page.locator('aside.toc').isVisible(), true);
  assert.equal(await page.locator('details.toc-inline').isVisible(), false);
  assert.equal(await page.$eval('aside.toc', (e) => getComputedStyle(e).position), 'sticky');
  const ids = await page.$$eval('aside.toc a', (as) => as.map((a) => a.getAttribute('href').slice(1)));
  assert.ok(ids.length >= 3);
  for (const id of [ids[2], ids[1]]) {
    await page.evaluate((i) => { document.getElementById(i).scrollIntoView(); window.scrollBy(0, -50); }, id);
    await page.waitForFunction((i) => {
      const a = document.querySelector(`aside.toc a[href="#${i}"]`);
      return a.getAttribute('aria-current') === 'true' && document.querySelectorAll('aside.toc a[aria-current]').length === 1;
    }, id);
  }
  assert.equal(await page.locator('aside.toc').isVisible(), true, 'still in view after scrolling');
  await context.close();
});

test('"On this page" is a collapsed block at the top of the answer below the breakpoint', async () => {
  const { context, page } = await open(browser, { viewport: PHONE });
  await page.goto(file(GIL));
  assert.equal(await page.locator('aside.toc').isVisible(), false);
  const block = page.locator('#pb-answer > details.toc-inline');
  assert.equal(await block.isVisible(), true);
  assert.equal(await block.locator('ol').isVisible(), false, 'collapsed');
  const shortAnswer = await page.locator('#pb-answer .short-answer').boundingBox();
  assert.ok((await block.boundingBox()).y < shortAnswer.y, 'before the answer');
  await block.locator('summary').click();
  const link = block.locator('a').nth(1);
  await link.click();
  const id = (await link.getAttribute('href')).slice(1);
  const top = await page.$eval(`#${id}`, (h) => h.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 844 / 2, 'the heading is on screen');
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing with the drawer open and with "On this page" open (${scheme})`, async () => {
    const { context, page } = await open(browser, { viewport: PHONE, colorScheme: scheme });
    for (const rel of [GIL, 'concurrency/index.html', 'tags/asyncio.html', 'how-to-use-this-guide.html']) {
      await page.goto(file(rel));
      await treeReady(page);
      await page.click('#pb-nav-toggle');
      await page.locator('#pb-nav').waitFor({ state: 'visible' });
      assert.deepEqual(await axe(page), [], `${rel}, drawer open (${scheme})`);
    }
    await page.goto(file(GIL));
    await page.locator('details.toc-inline summary').click();
    assert.deepEqual(await axe(page), [], `${GIL}, On this page open (${scheme})`);
    await context.close();
    const wide = await open(browser, { viewport: WIDE, colorScheme: scheme });
    await wide.page.goto(file(GIL));
    await treeReady(wide.page);
    await wide.page.evaluate(() => { const h = document.querySelectorAll('.prose h2')[1]; h.scrollIntoView(); });
    await wide.page.waitForSelector('aside.toc a[aria-current="true"]');
    assert.deepEqual(await axe(wide.page), [], `${GIL}, sidebar and On this page (${scheme})`);
    await wide.context.close();
  });
}
