'use strict';
// Study mode's second edition in a real browser: the flashcard screen built for grading (after
// "Show answer" the short answer shows first and every grade button is in the window, with its
// next interval, on a laptop and on a phone, with no card nested in a card on the phone), the
// desired retention, and progress saved by the SM-2 version migrated on first load.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, REPO, launch, open, axe, fileUrl } = require('./lib/harness');
const Scheduler = require('../../themes/default/static/study-scheduler.js');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser.close();
});

const disk = (rel) => fileUrl(path.join(SITE, rel));
const KEY = 'prepbook-progress:Python Interview Questions';
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const NOW = new Date(2025, 5, 2, 10, 0);
const FIXTURES = path.join(REPO, 'tests/js/fixtures');

/** The study page, once its deck has loaded. */
async function studyPage(page, url = disk('study.html')) {
  await page.goto(url);
  await page.waitForSelector('#pb-start:not([disabled])');
}

async function cardTitle(page) {
  await page.waitForFunction(() => {
    const t = document.querySelector('#pb-card-title').textContent;
    return t && t !== 'Loading…';
  });
  return page.textContent('#pb-card-title');
}

/** Where the grade buttons and the short answer are, in the window's coordinates. */
function layout(page) {
  return page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width }; };
    return {
      width: window.innerWidth,
      height: window.innerHeight,
      scrollWidth: document.documentElement.scrollWidth,
      grades: [...document.querySelectorAll('#pb-grades [data-grade]')].map((b) => ({ ...box(b),
        text: `${b.querySelector('.grade-name').firstChild.nodeValue.trim()} ${b.querySelector('[data-next]').lastChild.nodeValue}` })),
      summary: box(document.querySelector('#pb-card-summary')),
      answer: box(document.querySelector('#pb-card-answer')),
    };
  });
}

for (const [name, viewport] of [['a laptop, 1366x900', LAPTOP], ['a phone, 390x844', PHONE]]) {
  test(`after "Show answer" every grade button is in the window, with its interval (${name})`, async () => {
    const { context, page, problems } = await open(browser, { viewport });
    await page.clock.setFixedTime(NOW);
    await studyPage(page);
    await page.click('#pb-start');
    assert.equal(await cardTitle(page), 'Is Python interpreted or compiled?');
    await page.click('#pb-flip');
    await page.waitForFunction(() => document.querySelector('#pb-card-answer').textContent.length > 0);
    const l = await layout(page);
    assert.ok(l.answer.bottom > l.height * 2, `a long answer, ${Math.round(l.answer.bottom)} px down: the test means something`);
    // The interval of each grade, as the scheduler computes it for a new card now.
    const expected = Scheduler.preview(null, NOW, 0.9).map((due) => Scheduler.span(NOW, due));
    assert.deepEqual(l.grades.map((g) => g.text), ['Again', 'Hard', 'Good', 'Easy'].map((label, i) => `${label} ${expected[i]}`));
    for (const g of l.grades) {
      assert.ok(g.top >= 0 && g.bottom <= l.height && g.left >= 0 && g.right <= l.width,
        `${g.text} is inside the ${l.width}x${l.height} window: ${JSON.stringify(g)}`);
    }
    // The short answer shows first on the back, above the grade bar, and its Markdown renders.
    assert.ok(l.summary.top >= 0 && l.summary.top < l.grades[0].top - 40, `the short answer shows: ${JSON.stringify(l.summary)}`);
    assert.ok(l.summary.bottom <= l.answer.top + 1, 'the short answer comes before the rest of the answer');
    assert.equal(await page.textContent('#pb-card-summary code'), '.pyc', 'a code span in the summary is code');
    assert.equal(l.scrollWidth, l.width, 'nothing is wider than the window');
    if (viewport === PHONE) {
      assert.ok(l.summary.width >= l.width - 40, `the short answer uses the screen's width: ${l.summary.width} of ${l.width} px`);
    }
    // Still in reach further down the answer, and a grade moves on.
    await page.mouse.wheel(0, 1500);
    await page.waitForFunction(() => window.scrollY > 1000);
    const lower = await layout(page);
    assert.ok(lower.grades.every((g) => g.top >= 0 && g.bottom <= lower.height), 'the bar stays at the bottom');
    await page.click('#pb-grades [data-grade="3"]');
    assert.equal(await page.textContent('#pb-position'), `Card 2 of ${await page.$eval('#pb-progress', (p) => p.max)}`);
    assert.equal(await page.isVisible('#pb-grades'), false, 'the next card starts on its front');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing on the back of a card on a phone and on a laptop (${scheme})`, async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      const { context, page } = await open(browser, { viewport, colorScheme: scheme });
      await studyPage(page);
      assert.deepEqual(await axe(page), [], `the deck chooser with the retention field (${viewport.width} px)`);
      await page.click('#pb-start');
      await cardTitle(page);
      await page.click('#pb-flip');
      await page.waitForFunction(() => document.querySelector('#pb-card-answer').textContent.length > 0);
      assert.deepEqual(await axe(page), [], `a card's answer with the grade bar (${viewport.width} px)`);
      await context.close();
    }
  });
}

test('the desired retention: chosen on the study page, kept, and it changes the intervals', async () => {
  const { context, page, problems } = await open(browser);
  await page.clock.setFixedTime(NOW);
  await studyPage(page);
  assert.equal(await page.inputValue('#pb-retention'), '90');
  await page.fill('#pb-retention', '99');
  await page.dispatchEvent('#pb-retention', 'change');
  assert.match(await page.textContent('#pb-retention-status'), /^Choose a whole number from 70 to 97; the schedule still aims at 90%\.$/);
  await page.fill('#pb-retention', '80');
  await page.dispatchEvent('#pb-retention', 'change');
  assert.equal(await page.textContent('#pb-retention-status'), 'From now on, cards are scheduled for 80% recall.');
  await page.reload();
  await page.waitForSelector('#pb-start:not([disabled])');
  assert.equal(await page.inputValue('#pb-retention'), '80', 'kept in this browser');
  await page.click('#pb-start');
  await cardTitle(page);
  await page.keyboard.press('Space');
  const shown = await page.$$eval('#pb-grades [data-next]', (els) => els.map((e) => e.textContent.replace(/^, next in /, '')));
  const at80 = Scheduler.preview(null, NOW, 0.8).map((due) => Scheduler.span(NOW, due));
  const at90 = Scheduler.preview(null, NOW, 0.9).map((due) => Scheduler.span(NOW, due));
  assert.deepEqual(shown, at80);
  assert.notEqual(shown[3], at90[3], 'easy comes back later at 80% than at 90%');
  await page.keyboard.press('4');
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  assert.equal(stored.retention, 0.8);
  const card = Object.values(stored.cards)[0];
  assert.equal(Scheduler.dueDay(card), Scheduler.dueDay(Scheduler.review(null, 4, NOW, 0.8)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('progress saved by the SM-2 version is migrated on first load: counts, due days, log', async () => {
  const { context, page, problems } = await open(browser);
  const old = fs.readFileSync(path.join(FIXTURES, 'localstorage-v1-sm2.json'), 'utf8').trim();
  await page.clock.setFixedTime(new Date(2025, 5, 9, 12, 0));
  // The stored value as the SM-2 version left it, set from a page that had nothing to migrate.
  await page.goto(disk('tags/index.html'));
  await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [KEY, old]);
  await studyPage(page);
  // Counts as the reader saw them before: 2 known, 3 learning, 1 only looked at (new); due on
  // 2025-06-09: the card due the day before and the one missed that day.
  await page.waitForFunction(() => /of \d+ known/.test(document.querySelector('main .study-progress').textContent));
  assert.match(await page.textContent('main .study-progress'), /^2 of \d+ known · 3 learning · 2 due today$/);
  assert.equal(await page.textContent('[data-count="due"]'), '2');
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  assert.equal(stored.version, 2);
  assert.equal(stored.log.length, 14, 'every SM-2 grade is in the review log');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ':sm2'), KEY), old, 'the old text is kept aside');
  await page.goto(disk('concurrency/what-is-the-gil.html'));
  await page.waitForFunction(() => document.querySelector('#pb-study-status').textContent !== '');
  assert.equal(await page.textContent('#pb-study-status'), 'Known · last seen yesterday · due in 14 days (2025-06-23).',
    'the due day SM-2 gave it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a progress file exported by the SM-2 version imports through the study page', async () => {
  const { context, page, problems } = await open(browser);
  await page.clock.setFixedTime(new Date(2025, 5, 9, 12, 0));
  await studyPage(page);
  await page.setInputFiles('#pb-import', path.join(FIXTURES, 'progress-v1-sm2.json'));
  await page.waitForFunction(() => document.querySelector('#pb-data-status').textContent !== '');
  assert.equal(await page.textContent('#pb-data-status'),
    'Imported progress-v1-sm2.json: 6 questions added, 0 updated with newer progress, 14 grades added to the review log.');
  assert.match(await page.textContent('main .study-progress'), /^2 of \d+ known · 3 learning · 2 due today$/);
  assert.deepEqual(problems, []);
  await context.close();
});
