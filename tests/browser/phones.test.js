'use strict';
// The site on a phone, over HTTP under a sub-path and from file://: a one-row header no taller
// than 64 px, search one tap away with its results inside the screen at 320, 390 and 430 px,
// the search page's results before its filters (behind a button counting the active ones),
// no key hints on touch screens, no page wider than a 320 px screen, no layout shift
// (CLS < 0.05) and no console error while pages load, and axe-core with the filters open.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, open, axe, fileUrl } = require('./lib/harness');

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

const PHONE = { width: 390, height: 844 };

/** One page of each kind the site has (but 404.html, whose links start at the host's root). */
const KINDS = {
  home: 'index.html',
  question: 'concurrency/what-is-the-gil.html',
  article: 'how-to-use-this-guide.html',
  section: 'concurrency/index.html',
  tag: 'tags/asyncio.html',
  tags: 'tags/index.html',
  difficulty: 'difficulty/easy.html',
  search: 'search.html?q=decorator',
  study: 'study.html',
};

function urlFor(mode, rel) {
  if (mode === 'http') { return server.url + rel; }
  const [file, query] = rel.split('?');
  return fileUrl(path.join(SITE, file)) + (query ? `?${query}` : '');
}

/** Opens `rel` and waits until its scripts have drawn what they draw (results, the deck). */
async function visit(page, mode, rel) {
  await page.goto(urlFor(mode, rel));
  await page.waitForLoadState('load');
  if (rel.startsWith('search.html?')) { await page.waitForSelector('#pb-search-page-results[aria-busy=false]', { state: 'attached' }); }
  if (rel === 'study.html') { await page.waitForSelector('#pb-study:not([hidden])'); }
  // Two frames: whatever the last script changed is laid out.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Widths wider than the screen, outside the code blocks and tables that scroll on their own. */
function overflow(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('pre, .table-wrap, table'))
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
}

for (const mode of ['http', 'file']) {
  const allowedOrigin = () => (mode === 'http' ? origin() : null);

  for (const width of [320, 390, 430]) {
    test(`at ${width} px the header search is one tap away and its results fit the screen (${mode})`, async () => {
      const { context, page, problems } = await open(browser, { viewport: { width, height: 800 }, allowedOrigin: allowedOrigin() });
      await visit(page, mode, KINDS.question);
      assert.equal(await page.isVisible('#pb-search-input'), false, 'the box waits behind its button');
      await page.click('#pb-search-toggle');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-search-input', 'one tap: the box is open and focused');
      assert.equal(await page.getAttribute('#pb-search-toggle', 'aria-expanded'), 'true');
      await page.keyboard.type('closure');
      await page.waitForSelector('#pb-search-results [role=option]');
      const boxes = await page.$$eval('#pb-search-popup, #pb-search-input, #pb-search-results [role=option]', (els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { what: e.id || e.textContent.slice(0, 30), left: r.left, right: r.right };
      }));
      assert.ok(boxes.length >= 4, `results shown: ${boxes.length}`);
      for (const b of boxes) {
        assert.ok(b.left >= 0 && b.right <= width, `${b.what} spans ${b.left}..${b.right} of a ${width} px screen`);
      }
      // Escape closes the results, a second Escape (box empty) the box, and focus returns.
      await page.keyboard.press('Escape');
      await page.fill('#pb-search-input', '');
      await page.keyboard.press('Escape');
      assert.equal(await page.isVisible('#pb-search-input'), false);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-search-toggle');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test(`at 390 px the header is one row no taller than 64 px on every kind of page (${mode})`, async () => {
    const { context, page, problems } = await open(browser, { viewport: PHONE, allowedOrigin: allowedOrigin() });
    for (const [kind, rel] of Object.entries(KINDS)) {
      await visit(page, mode, rel);
      const height = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
      assert.ok(height <= 64, `${kind}: the header is ${height} px tall`);
    }
    // The site's links are one tap away too, and Escape gives focus back to the button.
    await visit(page, mode, KINDS.home);
    assert.equal(await page.isVisible('#pb-site-nav a[href$="study.html"]'), false);
    await page.click('#pb-site-nav-toggle');
    assert.equal(await page.isVisible('#pb-site-nav a[href$="study.html"]'), true);
    assert.equal(await page.evaluate(() => document.activeElement.closest('#pb-site-nav') !== null), true);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#pb-site-nav a[href$="study.html"]'), false);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-site-nav-toggle');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`at 320 px no page scrolls sideways, outside code blocks and tables (${mode})`, async () => {
    const { context, page, problems } = await open(browser, { viewport: { width: 320, height: 700 }, allowedOrigin: allowedOrigin() });
    // The question page with the longest code word in its title, beside one of each kind.
    for (const rel of [...Object.values(KINDS), 'testing/pytest-parametrize.html', 'testing/index.html']) {
      await visit(page, mode, rel);
      const o = await overflow(page);
      assert.equal(o.scrollWidth, o.width, `${rel} is ${o.scrollWidth} px wide: ${o.wide.join(', ')}`);
    }
    await visit(page, mode, 'search.html?q=decorator&difficulty=hard');
    await page.click('#pb-filters-toggle');
    const o = await overflow(page);
    assert.equal(o.scrollWidth, o.width, `the search page with its filters open is ${o.scrollWidth} px wide: ${o.wide.join(', ')}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('on the search page at 390 px the results come first and the filters wait behind a counting button', async () => {
  const { context, page, problems } = await open(browser, { viewport: PHONE, allowedOrigin: origin() });
  await visit(page, 'http', 'search.html?q=decorator&difficulty=hard');
  const first = await page.$eval('#pb-search-page-results li', (li) => li.getBoundingClientRect().top);
  assert.ok(first < PHONE.height, `the first result starts at y=${first}, on the first screen`);
  assert.equal(await page.isVisible('#pb-facets'), false, 'the filters are closed');
  assert.equal(await page.getAttribute('#pb-filters-toggle', 'aria-expanded'), 'false');
  assert.equal((await page.textContent('#pb-filters-toggle')).replace(/\s+/g, ' ').trim(), 'Filters 1 active');
  await page.click('#pb-filters-toggle');
  assert.equal(await page.getAttribute('#pb-filters-toggle', 'aria-expanded'), 'true');
  assert.equal(await page.isVisible('#pb-facets'), true);
  assert.equal(await page.isChecked('#pb-facet-difficulty-hard'), true);
  await page.check('#pb-facet-level-senior');
  await page.waitForFunction(() => location.search.includes('level=senior'));
  await page.waitForFunction(() => document.querySelector('#pb-filters-toggle').textContent.includes('2 active'));
  assert.equal(await page.isVisible('#pb-facets'), true, 'choosing a filter keeps the panel open');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the section filter lists sections by title in reading order, and hides values nothing matches', async () => {
  const { context, page } = await open(browser, { viewport: { width: 1280, height: 900 }, allowedOrigin: origin() });
  // The home page lists the sections in reading order.
  await visit(page, 'http', 'index.html');
  const reading = await page.$$eval('.section-grid .section-title', (t) => t.map((x) => x.textContent));
  await visit(page, 'http', 'search.html?q=python');
  const listed = await page.$$eval('.facet-section label', (ls) => ls.map((l) => l.firstChild.textContent.trim()));
  assert.ok(listed.length > 3, `sections listed: ${listed.join(' | ')}`);
  assert.deepEqual(listed, reading.filter((t) => listed.includes(t)), 'sections in reading order');
  assert.notDeepEqual(listed, listed.slice().sort(), 'reading order here is not alphabetical, so the check means something');
  // A narrow query: every value shown has a match, except one chosen by the reader.
  await visit(page, 'http', 'search.html?q=decorator&section=behavioral');
  const counts = await page.$$eval('.facet-value', (rows) => rows.map((r) => ({
    id: r.querySelector('input').id, checked: r.querySelector('input').checked,
    n: Number(r.querySelector('.count').textContent.replace(/\D/g, '')),
  })));
  assert.ok(counts.length > 0);
  for (const c of counts) { assert.ok(c.n > 0 || c.checked, `${c.id} has no match and is not chosen, yet shown`); }
  const behavioral = counts.find((c) => c.id === 'pb-facet-section-behavioral');
  assert.ok(behavioral && behavioral.checked, 'a chosen value stays, even with no match');
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing on a phone with the filters, the site menu and the search box open (${scheme})`, async () => {
    const { context, page } = await open(browser, { viewport: PHONE, colorScheme: scheme, allowedOrigin: origin() });
    await visit(page, 'http', 'search.html?q=closure&level=mid');
    await page.click('#pb-filters-toggle');
    await page.waitForSelector('#pb-facets.open .facet-value');
    assert.deepEqual(await axe(page), []);
    await visit(page, 'http', KINDS.question);
    await page.click('#pb-site-nav-toggle');
    assert.deepEqual(await axe(page), []);
    await page.keyboard.press('Escape');
    await page.click('#pb-search-toggle');
    await page.keyboard.type('generator');
    await page.waitForSelector('#pb-search-results [role=option]');
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

test('touch screens show no keyboard hints; screens with a mouse do', async () => {
  const touch = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const phone = await touch.newPage();
  await phone.goto(fileUrl(path.join(SITE, KINDS.question)));
  assert.equal(await phone.evaluate(() => matchMedia('(hover: none) and (pointer: coarse)').matches), true, 'emulated a touch screen');
  await phone.tap('#pb-search-toggle');
  assert.equal(await phone.isVisible('#pb-search-input'), true);
  assert.equal(await phone.isVisible('.search-kbd'), false);
  await phone.goto(fileUrl(path.join(SITE, KINDS.study)));
  assert.equal(await phone.isVisible('.keys-help'), false);
  assert.equal(await phone.$$eval('#pb-flip kbd', (k) => k.map((e) => getComputedStyle(e).display)).then((d) => d.join()), 'none');
  await touch.close();
  const { context, page } = await open(browser);
  await page.goto(fileUrl(path.join(SITE, KINDS.question)));
  assert.equal(await page.isVisible('.search-kbd'), true);
  await context.close();
});

for (const [viewport, label] of [[PHONE, 'a phone'], [{ width: 1280, height: 900 }, 'a desktop']]) {
  test(`on ${label} the five scored pages load without layout shift (CLS < 0.05) or console error`, async () => {
    for (const kind of ['home', 'question', 'search', 'study', 'section']) {
      const { context, page, problems } = await open(browser, { viewport, allowedOrigin: origin() });
      await page.addInitScript(() => {
        window.__shift = 0;
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) { continue; }
            window.__shift += e.value;
            window.__shifts.push(e.sources.map((s) => (s.node ? `${s.node.nodeName}.${s.node.className}` : '?')).join(' '));
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await visit(page, 'http', KINDS[kind]);
      await page.waitForLoadState('networkidle');
      const { shift, shifts } = await page.evaluate(() => ({ shift: window.__shift, shifts: window.__shifts }));
      assert.ok(shift < 0.05, `${kind}: layout shift ${shift.toFixed(3)} (${shifts.join('; ')})`);
      // The favicon is there, so no request for one fails.
      const icon = await page.$eval('link[rel=icon]', (l) => l.href);
      assert.equal((await page.request.get(icon)).status(), 200, icon);
      assert.deepEqual(problems, [], kind);
      await context.close();
    }
  });
}
