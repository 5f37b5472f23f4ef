'use strict';
// Study mode in a real browser: a flashcard session with grading, progress on the section,
// tag and home pages after a reload, due times from the FSRS scheduler, export and import
// between fresh profiles (from the served site into the copy opened from disk), bad imports,
// reset, the mock interview's timer, hidden answers on question pages, keyboard-only use, and
// axe-core. The flashcard screen's layout, the desired retention and the migration of SM-2
// progress are in study-fsrs.test.js.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SITE, REPO, serve, launch, open, axe, fileUrl, build } = require('./lib/harness');
const Scheduler = require('../../themes/default/static/study-scheduler.js');

let browser;
let server;
let origin;

before(async () => {
  browser = await launch();
  server = await serve(SITE, '/deep/path/guide/');
  origin = server.url.replace(/\/deep.*/, '');
});

after(async () => {
  await browser.close();
  await server.close();
});

const disk = (rel) => fileUrl(path.join(SITE, rel));
const CONCURRENCY = 'concurrency/index.html';
const GIL = 'concurrency/what-is-the-gil.html';

/** The study page, once its deck has loaded (Start is enabled then). */
async function studyPage(page, url = disk('study.html')) {
  await page.goto(url);
  await page.waitForSelector('#pb-start:not([disabled])');
}

/** The shown card's title, once its content has loaded. */
async function cardTitle(page) {
  await page.waitForFunction(() => {
    const t = document.querySelector('#pb-card-title').textContent;
    return t && t !== 'Loading…';
  });
  return page.textContent('#pb-card-title');
}

const PROGRESS = 'main .study-progress';
/** The bundled guide's deck, and how many of its cards are in the Concurrency section. */
const DECK = JSON.parse(fs.readFileSync(path.join(SITE, 'study/deck.js'), 'utf8')
  .replace(/^PrepbookData\.register\("study-deck","",/, '').replace(/\);\s*$/, ''));
const CONC = DECK.cards.filter((c) => DECK.sections[c[1]] && DECK.sections[c[1]].url === CONCURRENCY).length;
/** The number of questions in the bundled guide, from its deck. */
const TOTAL = JSON.parse(fs.readFileSync(path.join(SITE, 'study/deck.js'), 'utf8')
  .replace(/^PrepbookData\.register\("study-deck","",/, '').replace(/\);\s*$/, '')).cards.length;

/** The text of the first progress line on the page, once it has been filled in. */
async function progressText(page, selector = PROGRESS) {
  await page.waitForFunction((sel) => /of \d+ known/.test(document.querySelector(sel).textContent), selector);
  return (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
}

/**
 * Asserts that `selector` comes to read `expected`. Pages fill these lines in from storage, and
 * a page opened right after another one saved may see the saved progress a moment later (it
 * then updates on the storage event), so this waits for the text before comparing.
 */
async function shows(page, selector, expected) {
  const text = () => page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? el.textContent.replace(/\s+/g, ' ').trim() : null;
  }, selector);
  await page.waitForFunction(([sel, want]) => {
    const el = document.querySelector(sel);
    return el && el.textContent.replace(/\s+/g, ' ').trim() === want;
  }, [selector, expected], { timeout: 10000 }).catch(() => {});
  assert.equal(await text(), expected, selector);
}

/** Starts a flashcard session on the Concurrency section, in order. */
async function startConcurrency(page) {
  await page.selectOption('#pb-deck-section', CONCURRENCY);
  assert.equal(await page.textContent('#pb-deck-match'), `${CONC} cards in this deck.`);
  await page.click('#pb-start');
}

/** Grades the next cards with `grades` (keys 1-4), flipping each card with Space first. */
async function gradeCards(page, grades) {
  const titles = [];
  for (const g of grades) {
    titles.push(await cardTitle(page));
    assert.equal(await page.isVisible('#pb-card-back'), false, 'the answer starts hidden');
    await page.keyboard.press('Space');
    assert.equal(await page.isVisible('#pb-card-back'), true, 'Space shows the answer');
    await page.keyboard.press(String(g));
  }
  return titles;
}

async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement && document.activeElement.matches(sel), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element shows a focus ring. */
async function focusRingVisible(page) {
  return page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
}

test('a flashcard session: flip, grade every card, see the summary, then the progress after a reload', async () => {
  const { context, page, problems, foreignRequests } = await open(browser);
  await studyPage(page);
  await shows(page, PROGRESS, `0 of ${TOTAL} known`);
  await startConcurrency(page);
  assert.equal(await page.textContent('#pb-position'), `Card 1 of ${CONC}`);
  assert.equal(await cardTitle(page), 'What is the Global Interpreter Lock?');
  assert.match(await page.textContent('#pb-card-prompt'), /The interviewer asks what the GIL is/);
  // The back is the short answer, then the answer.
  await page.keyboard.press('Space');
  assert.match(await page.textContent('#pb-card-summary'), /^Short answer: The GIL is a lock in CPython/);
  assert.match(await page.textContent('#pb-card-answer'), /Why interviewers ask this/);
  await page.keyboard.press('Space');
  assert.equal(await page.isVisible('#pb-card-back'), false, 'Space flips back');

  // Every grade, over however many cards the section has: Easy makes a card known.
  const grades = Array.from({ length: CONC }, (_, i) => [4, 3, 1, 4, 2][i % 5]);
  const count = (g) => grades.filter((x) => x === g).length;
  const known = count(4);
  const titles = await gradeCards(page, grades);
  assert.equal(new Set(titles).size, CONC, 'every card a different question');
  assert.equal(await page.isVisible('#pb-summary'), true);
  assert.equal(await page.textContent('#pb-summary-title'), 'Session complete');
  assert.equal(await page.textContent('#pb-summary-text'),
    `You went through ${CONC} cards and graded ${CONC}. Known now: ${known} of ${CONC} in this deck.`);
  const counts = await page.$$eval('#pb-summary-grades dt, #pb-summary-grades dd', (els) => els.map((e) => e.textContent));
  assert.deepEqual(counts, ['Again', String(count(1)), 'Hard', String(count(2)), 'Good', String(count(3)), 'Easy', String(known)]);
  const missed = await page.$$eval('#pb-summary-list li a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(missed, titles.filter((_, i) => grades[i] === 1));
  assert.equal(await page.textContent('#pb-again-missed'), `Study the ${count(1)} missed cards again`);
  assert.equal(await page.getAttribute('#pb-progress', 'value'), String(CONC));

  // The section page, the home page and a tag page count what the reader knows, after a reload.
  await page.goto(disk(CONCURRENCY));
  await page.reload();
  await shows(page, PROGRESS, `${known} of ${CONC} known`);
  const badges = await page.$$eval('.question-card .study-state', (bs) => bs.map((b) => b.textContent));
  assert.equal(badges.filter((b) => b === 'Known').length, known);
  assert.equal(badges.filter((b) => b === 'Learning').length, CONC - known);
  await page.goto(disk('index.html'));
  await shows(page, '.hero .study-progress', `${known} of ${TOTAL} known`);
  await shows(page, `.study-progress[data-scope-url="${CONCURRENCY}"]`, `${known} of ${CONC} known`);
  assert.equal(await page.locator('.section-card .study-progress:visible').count(), 1,
    'sections the reader has not studied stay quiet');
  await page.goto(disk('tags/threading.html'));
  const tagged = await page.$$eval('.question-card .card-title', (as) => as.map((a) => a.textContent));
  const knownTagged = titles.filter((t, i) => grades[i] === 4 && tagged.includes(t)).length;
  await shows(page, PROGRESS, `${knownTagged} of ${tagged.length} known`);

  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, [], 'no request leaves the site');
  await context.close();
});

test('card content loads lazily: the deck first, then only the chunks of the cards shown', async () => {
  const { context, page, problems } = await open(browser);
  const loaded = [];
  page.on('request', (r) => { if (r.url().includes('/study/')) loaded.push(r.url().replace(/.*\/study\//, '')); });
  await page.goto(disk(CONCURRENCY));
  await progressText(page);
  assert.deepEqual(loaded, [], 'without any progress, pages load no study data');
  await studyPage(page);
  assert.deepEqual(loaded, ['deck.js']);
  await startConcurrency(page);
  await cardTitle(page);
  const chunks = loaded.filter((f) => f.startsWith('cards-'));
  assert.ok(chunks.length >= 1 && chunks.length <= 2, `the shown card and the next: ${chunks}`);
  const all = fs.readdirSync(path.join(SITE, 'study')).filter((f) => f.startsWith('cards-')).length;
  assert.ok(all > 10, `${all} chunks in all`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('study mode runs from one self-contained page, its scripts and data inlined', async () => {
  // What the single-file export will do: data.js first, then the data files' text as inline
  // scripts, then the study scripts, which find the data registered and load no file.
  const read = (rel) => fs.readFileSync(path.join(SITE, rel), 'utf8');
  const chunks = fs.readdirSync(path.join(SITE, 'study')).filter((f) => f.startsWith('cards-'));
  const data = ['study/deck.js', ...chunks.map((f) => `study/${f}`)].map((rel) => `<script>${read(rel)}</script>`);
  const html = read('study.html')
    .replace(/<link rel="icon"[^>]*>\n?/, '') // the favicon is no part of study mode
    .replace(/<link rel="stylesheet" href="([^"]+)">/g, (_, href) => `<style>${read(href)}</style>`)
    .replace(/<script src="([^"]+)"><\/script>/g, (_, src) =>
      `<script>${read(src)}</script>` + (src === 'static/data.js' ? data.join('\n') : ''));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-single-')), 'guide.html');
  fs.writeFileSync(file, html);

  const { context, page, problems, foreignRequests } = await open(browser);
  const loaded = [];
  page.on('request', (r) => loaded.push(r.url()));
  await studyPage(page, fileUrl(file));
  await startConcurrency(page);
  assert.equal(await cardTitle(page), 'What is the Global Interpreter Lock?');
  await page.keyboard.press('Space');
  assert.match(await page.textContent('#pb-card-answer'), /Why interviewers ask this/);
  await page.keyboard.press('4');
  await page.click('#pb-end');
  await shows(page, PROGRESS, `1 of ${TOTAL} known`);
  assert.deepEqual(loaded, [fileUrl(file)], 'the page itself is the only file it reads');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('links and images in a card lead where they did on the question page', async () => {
  const site = build(path.join(REPO, 'tests/fixtures/basic'));
  const { context, page, problems } = await open(browser);
  await studyPage(page, fileUrl(path.join(site, 'study.html')));
  await page.selectOption('#pb-deck-section', 'python/index.html');
  await page.click('#pb-start');
  await cardTitle(page);
  await page.keyboard.press('ArrowRight');
  assert.equal(await cardTitle(page), 'What is a decorator?');
  await page.keyboard.press('Space');
  const link = page.locator('#pb-card-answer a', { hasText: 'why the GIL exists' });
  assert.equal(await link.getAttribute('href'), 'python/gil.html#why-it-exists');
  await page.waitForFunction(() => document.querySelector('#pb-card-answer img').complete);
  assert.ok(await page.$eval('#pb-card-answer img', (img) => img.naturalWidth > 0), 'the image loads');
  await link.click();
  await page.waitForURL(/python\/gil\.html#why-it-exists$/);
  assert.equal(await page.textContent('h1'), 'What is the GIL?');
  assert.deepEqual(problems, []);
  await context.close();
});

test('grading sets due dates, and cards come due on their day', async () => {
  const { context, page, problems } = await open(browser);
  await page.clock.setFixedTime(new Date(2025, 5, 2, 10, 0));
  await studyPage(page);
  await startConcurrency(page);
  // GIL good (its 10-minute step), the second card again (1 minute), the third easy (days).
  await gradeCards(page, [3, 1, 4]);
  const easyDue = Scheduler.dueDay(Scheduler.review(null, 4, new Date(2025, 5, 2, 10, 0)));
  const easyDays = Scheduler.daysBetween('2025-06-02', easyDue);
  assert.ok(easyDays > 1, `easy on a new card: ${easyDays} days`);
  assert.equal(await page.textContent('#pb-session-status'),
    `Easy (back in ${easyDays}d): Known · last seen today · due in ${easyDays} days (${easyDue}).`);
  await page.click('#pb-end');
  assert.equal(await page.textContent('#pb-summary-text'),
    `You went through 4 of ${CONC} cards and graded 3. Known now: 1 of ${CONC} in this deck.`, 'ended early, on the fourth card');
  await page.click('#pb-new-deck');
  await page.selectOption('#pb-deck-section', '');
  assert.equal(await page.textContent('[data-count="due"]'), '2', 'the cards in their minute steps are due today');

  await page.goto(disk(GIL));
  await shows(page, '#pb-study-status', 'Learning · last seen today · due today.');

  // The next day, the two are due, not the easy one; good on the GIL again graduates it.
  await page.clock.setFixedTime(new Date(2025, 5, 3, 9, 0));
  await studyPage(page);
  assert.equal(await page.textContent('[data-count="due"]'), '2');
  await page.check('input[name="cards"][value="due"]');
  assert.equal(await page.textContent('#pb-deck-match'), '2 cards in this deck.');
  await page.click('#pb-start');
  assert.equal(await cardTitle(page), 'What is the Global Interpreter Lock?');
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  const first = Scheduler.review(null, 3, new Date(2025, 5, 2, 10, 0));
  const second = Scheduler.review(first, 3, new Date(2025, 5, 3, 9, 0));
  const days = Scheduler.daysBetween('2025-06-03', Scheduler.dueDay(second));
  assert.ok(days >= 1, `graduated: ${days} days`);
  const when = days === 1 ? 'due tomorrow' : `due in ${days} days`;
  assert.equal(await page.textContent('#pb-session-status'),
    `Good (back in ${days}d): Known · last seen today · ${when} (${Scheduler.dueDay(second)}).`);
  await page.goto(disk(GIL));
  await shows(page, '#pb-study-status', `Known · last seen today · ${when} (${Scheduler.dueDay(second)}).`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('export from the served site, import into a fresh profile opened from disk', async () => {
  const first = await open(browser, { allowedOrigin: origin });
  await studyPage(first.page, server.url + 'study.html');
  await startConcurrency(first.page);
  await gradeCards(first.page, [4, 4, 1]);
  await first.page.click('#pb-end');
  const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.click('#pb-export')]);
  assert.match(download.suggestedFilename(), /^prepbook-progress-python-interview-questions-\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-export-')), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.guide, 'Python Interview Questions');
  assert.deepEqual(Object.keys(exported.cards).length, 3);
  assert.equal(exported.cards[GIL].state, 'known');
  assert.equal(exported.version, 2);
  assert.deepEqual(exported.log.map((e) => e.grade), ['easy', 'easy', 'again'], 'the review log goes along');
  assert.match(await first.page.textContent('#pb-data-status'), /^Saved the progress of 3 questions to prepbook-progress-/);
  assert.deepEqual(first.problems, []);
  assert.deepEqual(first.foreignRequests, []);
  await first.context.close();

  const second = await open(browser);
  await studyPage(second.page);
  await shows(second.page, PROGRESS, `0 of ${TOTAL} known`);
  const [chooser] = await Promise.all([second.page.waitForEvent('filechooser'), second.page.click('#pb-import-button')]);
  await chooser.setFiles(file);
  await second.page.waitForFunction(() => document.querySelector('#pb-data-status').textContent !== '');
  assert.match(await second.page.textContent('#pb-data-status'),
    /: 3 questions added, 0 updated with newer progress, 3 grades added to the review log\.$/);
  await shows(second.page, PROGRESS, `2 of ${TOTAL} known · 1 learning · 1 due today`);
  await second.page.goto(disk(CONCURRENCY));
  await shows(second.page, PROGRESS, `2 of ${CONC} known`);
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test('a corrupt or foreign import is refused with a message and the progress stays', async () => {
  const { context, page, problems } = await open(browser);
  await studyPage(page);
  await startConcurrency(page);
  await gradeCards(page, [4, 4]);
  await page.click('#pb-end');
  await page.click('#pb-new-deck');
  const stored = () => page.evaluate(() => localStorage.getItem('prepbook-progress:Python Interview Questions'));
  const before = await stored();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-import-'));
  const files = {
    'truncated.json': before.slice(0, before.length / 2),
    'bookmarks.json': JSON.stringify({ bookmarks: ['a', 'b'] }),
    'other-guide.json': before.replace('"guide":"Python Interview Questions"', '"guide":"Go Interview Questions"'),
  };
  const messages = {
    'truncated.json': /This file is not JSON/,
    'bookmarks.json': /not a Prepbook progress file/,
    'other-guide.json': /holds progress for “Go Interview Questions”, not for “Python Interview Questions”/,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
    await page.evaluate(() => { document.querySelector('#pb-data-status').textContent = ''; });
    await page.setInputFiles('#pb-import', path.join(dir, name));
    await page.waitForFunction(() => document.querySelector('#pb-data-status').textContent !== '');
    const message = await page.textContent('#pb-data-status');
    assert.match(message, /^Nothing was imported\. /, name);
    assert.match(message, messages[name], name);
    assert.match(message, /Your progress is unchanged\.$/, name);
    assert.equal(await page.getAttribute('#pb-data-status', 'class'), 'data-status error');
    assert.equal(await stored(), before, `${name} changed nothing`);
    await shows(page, PROGRESS, `2 of ${TOTAL} known`);
  }
  await page.goto(disk(CONCURRENCY));
  await shows(page, PROGRESS, `2 of ${CONC} known`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('reset asks first, and only deletes when confirmed', async () => {
  const { context, page, problems } = await open(browser);
  await studyPage(page);
  await startConcurrency(page);
  await gradeCards(page, [4]);
  await page.click('#pb-end');
  await page.click('#pb-new-deck');
  await shows(page, PROGRESS, `1 of ${TOTAL} known`);
  await page.click('#pb-reset');
  assert.equal(await page.isVisible('#pb-reset-confirm'), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-reset-no', 'the safe choice has focus');
  await page.click('#pb-reset-no');
  assert.equal(await page.isVisible('#pb-reset-confirm'), false);
  await shows(page, PROGRESS, `1 of ${TOTAL} known`);
  await page.click('#pb-reset');
  await page.click('#pb-reset-yes');
  assert.equal(await page.textContent('#pb-data-status'), 'All progress for this guide was deleted.');
  await shows(page, PROGRESS, `0 of ${TOTAL} known`);
  await page.goto(disk(CONCURRENCY));
  await shows(page, PROGRESS, `0 of ${CONC} known`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a mock interview: random questions, answers hidden until asked, a timer per question', async () => {
  const { context, page, problems } = await open(browser);
  // The clock stands still except when the test moves it, so the times below are exact.
  await page.clock.install({ time: new Date(2025, 5, 2, 10, 0) });
  await page.clock.pauseAt(new Date(2025, 5, 2, 10, 0, 1));
  await studyPage(page);
  await page.selectOption('#pb-deck-level', 'senior');
  await page.check('input[name="mode"][value="mock"]');
  await page.fill('#pb-mock-count', '3');
  await page.fill('#pb-mock-minutes', '2');
  assert.match(await page.textContent('#pb-deck-match'), /^3 random questions from a deck of \d+ cards\.$/);
  await page.click('#pb-start');
  assert.equal(await page.textContent('#pb-session-title'), 'Mock interview');
  assert.equal(await page.textContent('#pb-position'), 'Question 1 of 3');
  await cardTitle(page);
  assert.equal(await page.isVisible('#pb-card-back'), false, 'the answer is hidden');
  assert.equal(await page.textContent('#pb-timer-value'), '2:00');
  await page.clock.runFor(30000);
  assert.equal(await page.textContent('#pb-timer-value'), '1:30');
  await page.clock.runFor(91000);
  assert.equal(await page.textContent('#pb-timer-value'), '-0:01');
  assert.equal(await page.textContent('#pb-session-status'), 'Time is up for this question.');
  await page.click('#pb-flip');
  assert.equal(await page.isVisible('#pb-card-back'), true, 'shown when asked');
  await page.click('#pb-next');
  assert.equal(await page.textContent('#pb-position'), 'Question 2 of 3');
  await cardTitle(page);
  assert.equal(await page.textContent('#pb-timer-value'), '2:00', 'each question has its own timer');
  await page.clock.runFor(45000);
  await page.click('#pb-next');
  await cardTitle(page);
  await page.click('#pb-next');
  assert.equal(await page.textContent('#pb-summary-title'), 'Mock interview complete');
  const rows = await page.$$eval('#pb-summary-list li', (lis) => lis.map((li) => li.textContent));
  assert.equal(rows.length, 3);
  assert.match(rows[0], /\(2:01, answer shown\)$/);
  assert.match(rows[1], /\(0:45, answer not shown\)$/);
  // Every question asked is a senior-level one.
  const hrefs = await page.$$eval('#pb-summary-list a', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) {
    const html = fs.readFileSync(path.join(SITE, href), 'utf8');
    assert.match(html, /<span class="badge level">senior<\/span>/, href);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('question pages: hide answers (remembered), show one with A, I know this and Review again', async () => {
  const { context, page, problems } = await open(browser);
  await page.goto(disk(GIL));
  assert.equal(await page.isVisible('#pb-answer'), true, 'a normal visit shows everything');
  assert.equal(await page.isVisible('#pb-show-answer'), false);
  await page.click('#pb-hide-answers');
  assert.equal(await page.getAttribute('#pb-hide-answers', 'aria-pressed'), 'true');
  assert.equal(await page.isVisible('#pb-answer'), false);
  assert.equal(await page.isVisible('.short-answer'), false, 'the short answer is part of the answer');
  assert.equal(await page.isVisible('.toc'), false, 'the contents would give the answer away');
  assert.equal(await page.isVisible('.question-prompt'), true);
  await page.goto(disk('concurrency/deadlocks.html'));
  assert.equal(await page.isVisible('#pb-answer'), false, 'the mode is remembered');
  await page.keyboard.press('a');
  assert.equal(await page.isVisible('#pb-answer'), true);
  assert.equal(await page.getAttribute('#pb-show-answer', 'aria-expanded'), 'true');
  await page.keyboard.press('a');
  assert.equal(await page.isVisible('#pb-answer'), false);

  await page.click('text=I know this');
  assert.match(await page.textContent('#pb-study-status'), /^Marked as known\. Known · last seen today · due in \d+ days/);
  await page.click('text=Review again');
  assert.match(await page.textContent('#pb-study-status'), /^Marked for review\. Learning · last seen today · due today\.$/);
  await page.goto(disk(CONCURRENCY));
  await shows(page, PROGRESS, `0 of ${CONC} known`);
  assert.equal(await page.textContent('.question-card[data-url="concurrency/deadlocks.html"] .study-state'), 'Learning');

  await page.goto(disk(GIL));
  await page.click('#pb-hide-answers');
  assert.equal(await page.isVisible('#pb-answer'), true, 'turned off again');
  await page.reload();
  assert.equal(await page.isVisible('#pb-answer'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the random question button opens a question', async () => {
  const { context, page, problems } = await open(browser, { allowedOrigin: origin });
  await page.goto(server.url + 'index.html');
  await page.click('.hero [data-random-question]');
  await page.waitForURL((u) => u.pathname.endsWith('.html') && !u.pathname.endsWith('/index.html'));
  assert.equal(await page.locator('article.question[data-kind="question"]').count(), 1);
  const first = page.url();
  await page.click('#pb-study-tools [data-random-question]');
  await page.waitForURL((u) => u.href !== first);
  assert.equal(await page.locator('article.question[data-kind="question"]').count(), 1, 'another question');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: choose a deck, flip, grade, move, end, with a visible focus', async () => {
  const { context, page, problems } = await open(browser);
  await studyPage(page);
  await tabTo(page, '#pb-deck-section');
  assert.ok(await focusRingVisible(page));
  // In a closed select, the arrow keys pick the next option: the first section.
  const [first, size] = await page.$eval('#pb-deck-section option:nth-child(2)', (o) => [o.value, o.textContent.match(/\((\d+)\)$/)[1]]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval('#pb-deck-section', (s) => s.value), first);
  await tabTo(page, '#pb-start');
  assert.ok(await focusRingVisible(page));
  await page.keyboard.press('Enter');
  await cardTitle(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-card', 'focus moves to the card');
  assert.ok(await focusRingVisible(page));
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  assert.equal(await page.textContent('#pb-position'), `Card 2 of ${size}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('#pb-position'), `Card 3 of ${size}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('#pb-position'), `Card 1 of ${size}`);
  assert.match(await page.textContent('#pb-session-status'), /You graded this card good/);
  // Grading a card again replaces its grade instead of adding one.
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await tabTo(page, '#pb-end');
  assert.ok(await focusRingVisible(page));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-summary-title');
  const counts = await page.$$eval('#pb-summary-grades dd', (els) => els.map((e) => e.textContent));
  assert.deepEqual(counts, ['0', '0', '0', '1']);
  const record = await page.evaluate(() => JSON.parse(localStorage.getItem('prepbook-progress:Python Interview Questions')));
  const graded = Object.values(record.cards);
  assert.equal(graded.length, 1);
  assert.deepEqual(record.log.map((e) => e.grade), ['easy'], 'the replaced grade left the review log');

  // On a question page: turn hiding on with the keyboard, then show the answer with A.
  await page.goto(disk(GIL));
  await tabTo(page, '#pb-hide-answers');
  assert.ok(await focusRingVisible(page));
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#pb-answer'), false);
  await tabTo(page, '#pb-show-answer');
  assert.ok(await focusRingVisible(page));
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#pb-answer'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations in study mode (${scheme})`, async () => {
    const { context, page } = await open(browser, { colorScheme: scheme });
    await studyPage(page);
    assert.deepEqual(await axe(page), [], `study.html, choosing a deck (${scheme})`);
    await page.check('input[name="mode"][value="mock"]');
    await page.click('#pb-reset');
    assert.deepEqual(await axe(page), [], `study.html, mock options and reset (${scheme})`);
    await page.click('#pb-reset-no');
    await page.check('input[name="mode"][value="flashcards"]');
    await startConcurrency(page);
    await cardTitle(page);
    await page.keyboard.press('Space');
    assert.deepEqual(await axe(page), [], `study.html, a card's answer (${scheme})`);
    await page.keyboard.press('1');
    await page.click('#pb-end');
    assert.deepEqual(await axe(page), [], `study.html, the summary (${scheme})`);
    await page.goto(disk(GIL));
    await page.click('#pb-hide-answers');
    await page.click('text=I know this');
    assert.deepEqual(await axe(page), [], `question page, answer hidden (${scheme})`);
    await page.goto(disk(CONCURRENCY));
    await progressText(page);
    assert.deepEqual(await axe(page), [], `section page with progress (${scheme})`);
    // Not checked here: page errors, because axe itself asks for the stylesheets with
    // XMLHttpRequest, which file:// pages refuse (the other tests check them).
    await context.close();
  });
}
