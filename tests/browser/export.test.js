'use strict';
// The offline export, opened from disk with every network request refused: it renders the whole
// guide, searches, navigates, filters, prints, and passes axe.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { REPO, launch, open, axe, fileUrl, exportFile } = require('./lib/harness');

let browser;
let file;

before(async () => {
  browser = await launch();
  file = exportFile(REPO);
});

after(async () => {
  await browser.close();
});

async function opened(options = {}) {
  const o = await open(browser, options);
  await o.page.goto(fileUrl(file) + (options.query || ''));
  await o.page.waitForSelector('html[data-ready="true"]');
  return o;
}

test('the export renders every question from disk without a single request', async () => {
  const { context, page, problems, foreignRequests } = await opened();
  const total = await page.$eval('#pb-index', (s) => JSON.parse(s.textContent).q.length);
  assert.ok(total > 150);
  await page.waitForFunction(() => !document.querySelector('.export-chunk:not([data-built])'));
  assert.equal(await page.$$eval('article.export-question', (a) => a.length), total, 'every question is on the page');
  assert.equal(await page.$$eval('#pb-contents .toc-question', (a) => a.length), total, 'and in the contents');
  assert.ok((await page.$$eval('article.export-question pre.hl-code .hl-keyword', (k) => k.length)) > 100, 'code is highlighted');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, [], 'no request of any kind');
  await context.close();
});

test('search in the export finds a question and jumps to it', async () => {
  const { context, page, foreignRequests } = await opened();
  await page.fill('#pb-search-input', 'decortor');
  await page.waitForSelector('#pb-search-results [role=option] .result-title');
  const title = await page.textContent('#pb-search-results [role=option] .result-title');
  assert.match(title, /decorator/i);
  assert.equal(await page.$$eval('#pb-search-results .search-all', (a) => a.length), 0, 'no search page to send to');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^#q-\d+$/.test(location.hash));
  const id = await page.evaluate(() => location.hash.slice(1));
  assert.equal(await page.textContent(`#${id} .question-title`), title);
  const box = await page.$eval(`#${id}`, (e) => e.getBoundingClientRect().top);
  assert.ok(box >= 0 && box < 900, `the question is on screen (top ${box})`);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('search snippets in the export quote the answer', async () => {
  // "monkeypatch" is in some answers but in no title or summary: only the answer's text can
  // give a result's snippet a marked match.
  const { context, page } = await opened();
  await page.fill('#pb-search-input', 'monkeypatch');
  await page.waitForSelector('#pb-search-results .result-snippet mark');
  const marked = await page.textContent('#pb-search-results .result-snippet mark');
  assert.match(marked, /monkeypatch/i);
  await context.close();
});

test('contents and links between questions lead to places in the document', async () => {
  const { context, page } = await opened();
  await page.click('#pb-contents a >> text=What is the Global Interpreter Lock?');
  const gil = await page.evaluate(() => location.hash.slice(1));
  assert.equal(await page.textContent(`#${gil} .question-title`), 'What is the Global Interpreter Lock?');
  // A link written in the GIL answer to another question's file.
  const link = await page.$eval(`#${gil} .prose a[href^="#q-"]`, (a) => a.getAttribute('href'));
  await page.click(`#${gil} .prose a[href="${link}"]`);
  await page.waitForFunction((h) => location.hash === h, link);
  assert.ok(await page.$(link.split('-').length > 2 ? link : `${link} .question-title`), `${link} exists`);
  await context.close();
});

test('filters show only the questions that match', async () => {
  const { context, page } = await opened();
  await page.check('input[name="difficulty"][value="hard"]');
  const status = await page.textContent('#pb-filter-status');
  const [, shown, total] = status.match(/Showing (\d+) of (\d+)/).map(Number);
  assert.ok(shown > 0 && shown < total, status);
  const visible = await page.$$eval('article.export-question:not([hidden])', (a) => a.map((x) => x.dataset.difficulty));
  assert.equal(visible.length, shown);
  assert.ok(visible.every((d) => d === 'hard'));
  await page.selectOption('#pb-filter-tag', 'asyncio');
  const both = await page.$$eval('article.export-question:not([hidden])', (a) => a.map((x) => x.dataset.tags));
  assert.ok(both.length > 0 && both.every((t) => t.split(' ').includes('asyncio')));
  await context.close();
});

test('?print=questions hides the answers, and print hides the chrome', async () => {
  const { context, page } = await opened({ query: '?print=questions' });
  assert.equal(await page.isVisible('article.export-question .question-answer'), false);
  assert.equal(await page.isVisible('article.export-question .question-prompt'), true);
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.site-header', '#pb-contents', '#pb-filters']) {
    assert.equal(await page.isVisible(sel), false, `${sel} is not printed`);
  }
  assert.equal(await page.$eval('pre.hl-code', (p) => getComputedStyle(p).whiteSpace), 'pre-wrap', 'code wraps on paper');
  await context.close();
});

test('study mode works in the export, and its progress carries to the website', async () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const { SITE } = require('./lib/harness');
  const first = await opened({ query: '#study' });
  const { page } = first;
  assert.equal(await page.isVisible('#study'), true, 'the study view is open');
  assert.equal(await page.isVisible('#pb-top'), false, 'in place of the guide');
  await page.waitForSelector('#pb-start:not([disabled])');
  await page.selectOption('#pb-deck-section', 'concurrency/index.html');
  const concurrency = fs.readdirSync(path.join(REPO, 'content/concurrency')).filter((f) => f.endsWith('.md') && f !== '_index.md').length;
  assert.equal(await page.textContent('#pb-deck-match'), `${concurrency} cards in this deck.`);
  await page.click('#pb-start');
  for (const grade of ['4', '4', '1']) {
    await page.waitForFunction(() => !/^Loading/.test(document.querySelector('#pb-card-title').textContent));
    await page.keyboard.press('Space');
    assert.equal(await page.isVisible('#pb-card-back'), true, 'Space shows the answer');
    assert.ok((await page.textContent('#pb-card-answer')).length > 100, 'the answer is there');
    await page.keyboard.press(grade);
  }
  await page.click('#pb-end');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pb-export')]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-progress-')), download.suggestedFilename());
  await download.saveAs(file);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).guide, 'Python Interview Questions');
  assert.deepEqual(first.problems, []);
  assert.deepEqual(first.foreignRequests, [], 'no request of any kind');
  // Back to the guide.
  await page.click('#study .lead a[href="#pb-top"]');
  // The view follows the hash, which changes in a task after the click: wait for it.
  await page.waitForSelector('#pb-top', { state: 'visible', timeout: 5000 });
  assert.equal(await page.isVisible('#study'), false, 'the study view is closed');
  await first.context.close();

  // The website, in a fresh profile, takes the progress.
  const second = await open(browser);
  await second.page.goto(fileUrl(path.join(SITE, 'study.html')));
  await second.page.waitForSelector('#pb-start:not([disabled])');
  const [chooser] = await Promise.all([second.page.waitForEvent('filechooser'), second.page.click('#pb-import-button')]);
  await chooser.setFiles(file);
  await second.page.waitForFunction(() => document.querySelector('#pb-data-status').textContent !== '');
  assert.match(await second.page.textContent('#pb-data-status'), /: 3 questions added, 0 updated with newer progress, 3 grades added to the review log\.$/);
  await second.context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations in the export (${scheme})`, async () => {
    const { context, page } = await opened({ colorScheme: scheme });
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}
