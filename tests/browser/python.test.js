'use strict';
// Python in the page (themes/default/static/python.js and python-ui.js), with every request to
// another host refused: Run over HTTP and from file:// on the bundled guide built with the local
// runtime; Edit, Reset and Stop; a traceback; an exercise that fails on its starter code and
// passes on its solution, whose solved state survives a reload and an export and import of
// progress; keyboard-only use; axe-core with the editor open; the CDN default with the CDN
// unreachable; the time limit where no worker can start; and the single-file export made with
// --with-python.
//
// Each place the guide can be read from is a `where` object (open a context, go to a question's
// page and give the CSS scope of the question in it), so another place is one more object.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SITE, REPO, serve, launch, open, axe, fileUrl, build, exportFile } = require('./lib/harness');

const RUNTIME = path.join(REPO, 'runtime', 'pyodide', 'node_modules', 'pyodide');
const SKIP = fs.existsSync(path.join(RUNTIME, 'pyodide.asm.wasm')) ? false
  : 'the local Python runtime is not installed (cd runtime/pyodide && npm ci)';
/** Loading the runtime takes 4-7 s on an idle machine; a busy one is slower. */
const LOAD = { timeout: 120000 };

const STR_REPR = 'oop/str-vs-repr.html';
const SUMS = 'basics/sums.html';

/**
 * A copy of the guide at `root` whose book.toml carries the local runtime, built into a fresh
 * folder: the site runs Python with no network.
 */
function buildWithLocalRuntime(root) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-python-guide-'));
  fs.cpSync(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
  const toml = fs.readFileSync(path.join(root, 'book.toml'), 'utf8');
  fs.writeFileSync(path.join(copy, 'book.toml'), `${toml}\n[python]\nruntime = ${JSON.stringify(RUNTIME)}\n`);
  return build(copy);
}

/** What the guide says its str-vs-repr example prints: the comment after its last print(). */
function documentedOutput() {
  const md = fs.readFileSync(path.join(REPO, 'content', 'oop', 'str-vs-repr.md'), 'utf8');
  return `${/^print\(price, \[price\]\)\s+# (.+)$/m.exec(md)[1]}\n`;
}

let browser;
let guide;
let fixture;
let server;
let exported;

before(async () => {
  if (SKIP) return;
  browser = await launch();
  guide = buildWithLocalRuntime(REPO);
  fixture = buildWithLocalRuntime(path.join(REPO, 'tests', 'fixtures', 'code'));
  exported = exportFile(REPO, ['--with-python', RUNTIME]);
  server = await serve(guide, '/guide/');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const overHttp = {
  name: 'over HTTP',
  open: () => open(browser, { allowedOrigin: server.url.replace(/\/guide\/$/, '') }),
  url: (rel) => server.url + rel,
  goto: async (page) => { await page.goto(overHttp.url(STR_REPR)); return ''; },
};
const fromDisk = {
  name: 'from file://',
  open: () => open(browser),
  url: (rel) => fileUrl(path.join(guide, rel)),
  goto: async (page) => { await page.goto(fromDisk.url(STR_REPR)); return ''; },
};
const fromExport = {
  name: 'from the single-file export made --with-python',
  open: () => open(browser),
  /** The export renders questions from compressed chunks: go to the question's anchor. */
  goto: async (page) => {
    await page.goto(fileUrl(exported));
    await page.waitForSelector('html[data-ready="true"]');
    const i = await page.$eval('#pb-index', (s) => JSON.parse(s.textContent).q
      .findIndex((q) => q[0].includes('__str__') && q[0].includes('__repr__')));
    assert.ok(i >= 0, 'the export holds the str-vs-repr question');
    await page.goto(`${fileUrl(exported)}#q-${i}`);
    await page.locator(`#q-${i} .code-run`).waitFor();
    return `#q-${i}`;
  },
};

/** The runnable example (the pages used here have one each). */
const EXAMPLE = '.code-block[data-run="browser"][data-role="example"]';
const block = () => EXAMPLE;

/** The example's output, once its run has ended (Run is back in place of Stop). */
async function ranOutput(page, scope = '') {
  await page.locator(`${scope} ${EXAMPLE} .run-code`).waitFor({ state: 'visible', ...LOAD });
  return page.locator(`${scope} ${EXAMPLE} .code-output`).textContent();
}

/** Waits until the example's output contains `text` (the run may still be going). */
async function outputShows(page, text) {
  await page.waitForFunction(([sel, want]) => {
    const pre = document.querySelector(`${sel} .code-output`);
    return pre && pre.textContent.includes(want);
  }, [EXAMPLE, text], LOAD);
}

for (const where of [overHttp, fromDisk, fromExport]) {
  test(`Run prints the block's output ${where.name}, with no other host asked`, { skip: SKIP }, async () => {
    const { context, page, problems, foreignRequests } = await where.open();
    const scope = await where.goto(page);
    const run = page.locator(`${scope} ${EXAMPLE} .run-code`);
    assert.equal(await run.textContent(), 'Run');
    await run.click();
    // The first run loads the runtime, and says so.
    assert.match(await page.locator(`${scope} ${EXAMPLE} .code-output`).textContent(), /Loading Python…/);
    assert.equal(await ranOutput(page, scope), documentedOutput());
    // A second run is answered by the runtime already loaded.
    await run.click();
    assert.equal(await ranOutput(page, scope), documentedOutput());
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });
}

test('Edit, Stop on a loop that never ends, then Reset: the original runs again', { skip: SKIP }, async () => {
  const { context, page, problems, foreignRequests } = await overHttp.open();
  await page.goto(overHttp.url(STR_REPR));
  const original = await page.locator(`${block()} pre.hl-code`).textContent();
  assert.equal(await page.locator(`${block()} .reset-code`).isVisible(), false, 'Reset only once edited');
  await page.click(`${block()} .edit-code`);
  const editor = page.locator(`${block()} textarea.code-editor`);
  assert.equal(await editor.evaluate((e) => e === document.activeElement), true, 'the editor has the focus');
  assert.equal(await editor.inputValue(), original, 'the editor holds the code');
  assert.equal(await page.locator(`${block()} pre.hl-code`).isVisible(), false);
  await editor.fill('print("looping")\nwhile True:\n    pass\n');
  await page.click(`${block()} .run-code`);
  const stop = page.locator(`${block()} .stop-code`);
  assert.equal(await stop.isVisible(), true, 'Stop while it runs');
  assert.equal(await stop.evaluate((b) => b === document.activeElement), true, 'the focus moved from Run to Stop');
  await outputShows(page, 'looping');
  assert.equal(await page.evaluate((sel) => document.querySelector(`${sel} .code-output`).textContent, EXAMPLE), 'looping\n',
    'the page answers while the loop runs');
  await stop.click();
  assert.equal(await ranOutput(page), 'looping\nStopped.\n');

  await page.click(`${block()} .reset-code`);
  assert.equal(await page.locator(`${block()} textarea`).count(), 0, 'Reset closes the editor');
  assert.equal(await page.locator(`${block()} pre.hl-code`).textContent(), original);
  assert.equal(await page.locator(`${block()} .reset-code`).isVisible(), false);
  await page.click(`${block()} .run-code`);
  assert.equal(await ranOutput(page), documentedOutput(), 'a fresh runtime runs after Stop');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('Stop while the runtime is still loading leaves no Python worker behind', { skip: SKIP }, async () => {
  const { context, page, problems } = await overHttp.open();
  // The runtime's files arrive a second late, so Stop lands while they load.
  await page.route('**/static/python/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Unrouting below lets Playwright answer the requests still held here itself.
    await route.continue().catch(() => {});
  });
  await page.goto(overHttp.url(STR_REPR));
  await page.click(`${block()} .run-code`);
  await page.click(`${block()} .stop-code`);
  assert.equal(await ranOutput(page), 'Stopped.\n');
  await page.unroute('**/static/python/**');
  await page.click(`${block()} .run-code`);
  assert.equal(await ranOutput(page), documentedOutput(), 'the next Run starts Python');
  // Give a worker made by the stopped load time to appear.
  await page.waitForTimeout(3000);
  assert.equal(page.workers().length, 1, 'one worker: the stopped load made none');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an exception shows its traceback, set apart as standard error', { skip: SKIP }, async () => {
  const { context, page, problems } = await fromDisk.open();
  await page.goto(fromDisk.url(STR_REPR));
  await page.click(`${block()} .edit-code`);
  await page.fill(`${block()} textarea`, 'print("before")\n\ndef check(x):\n    raise ValueError(f"bad value: {x}")\n\ncheck(42)\n');
  await page.click(`${block()} .run-code`);
  const text = await ranOutput(page);
  assert.match(text, /^before\nTraceback \(most recent call last\):\n/);
  assert.match(text, /line 6, in <module>\n {4}check\(42\)/);
  assert.match(text, /line 4, in check\n {4}raise ValueError/);
  assert.match(text, /ValueError: bad value: 42\n$/);
  const stderr = await page.locator(`${block()} .code-output .out-err`).allTextContents();
  assert.match(stderr.join(''), /^Traceback/);
  const colour = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).color);
  assert.notEqual(await colour(`${block()} .code-output .out-err`), await colour(`${block()} .code-output .out`));
  assert.deepEqual(problems, []);
  await context.close();
});

const fixtureUrl = (rel) => fileUrl(path.join(fixture, rel));

/** Runs the exercise's tests and returns the summary and each test's line. */
async function runTests(page) {
  await page.click('.run-tests');
  await page.locator('.exercise-results .tests-summary').waitFor(LOAD);
  return {
    summary: await page.textContent('.exercise-results .tests-summary'),
    tests: (await page.locator('.exercise-results li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
  };
}

test('an exercise fails on its starter code and passes on its solution; solved stays after a reload and an export and import', { skip: SKIP }, async () => {
  const first = await open(browser);
  const { page } = first;
  await page.goto(fixtureUrl(SUMS));
  const editor = page.locator('section.exercise textarea.code-editor');
  const starter = await page.getAttribute('.code-block[data-role="exercise"]', 'data-source');
  const solution = await page.getAttribute('.code-block[data-role="solution"]', 'data-source');
  assert.equal(await editor.inputValue(), starter, 'the starter code is in an editor');
  assert.equal(await page.locator('details.exercise-solution').isVisible(), false, 'the solution is hidden');
  assert.equal(await page.locator('.exercise-solved').isVisible(), false);

  // Before any run, Show solution asks first; "Keep trying" keeps it hidden.
  await page.click('.show-solution');
  assert.equal(await page.locator('.exercise-confirm').isVisible(), true);
  await page.click('.exercise-confirm >> text=Keep trying');
  assert.equal(await page.locator('details.exercise-solution').isVisible(), false);

  const failed = await runTests(page);
  assert.equal(failed.summary, '0 of 2 tests passed.');
  assert.deepEqual(failed.tests, [
    '✗ test_evens_only failed: AssertionError: assert even_total([1, 2, 3, 4]) == 6 (line 2)',
    '✗ test_empty failed: AssertionError: assert even_total([]) == 0 (line 6)',
  ]);
  // After a run, Show solution shows it at once.
  await page.click('.show-solution');
  assert.equal(await page.locator('.exercise-confirm').isVisible(), false);
  assert.equal(await page.locator('details.exercise-solution[open]').isVisible(), true);

  await editor.fill(solution);
  assert.equal(await page.locator('section.exercise .reset-code').isVisible(), true, 'Reset once edited');
  const passed = await runTests(page);
  assert.equal(passed.summary, 'All 2 tests passed: solved!');
  assert.deepEqual(passed.tests, ['✓ test_evens_only passed', '✓ test_empty passed']);
  assert.match(await page.textContent('.exercise-solved'), /^Solved on .*\d{4}\.$/);

  await page.reload();
  await page.locator('.exercise-solved').waitFor();
  assert.match(await page.textContent('.exercise-solved'), /^Solved on /, 'solved after a reload');
  await page.goto(fixtureUrl('study.html'));
  await page.locator('#pb-solved').waitFor();
  assert.equal(await page.textContent('#pb-solved p'), 'Exercises solved: 1.');
  assert.equal(await page.textContent('#pb-solved li a'), 'How do you add up a list?');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pb-export')]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-progress-')), download.suggestedFilename());
  await download.saveAs(file);
  assert.match(JSON.parse(fs.readFileSync(file, 'utf8')).exercises[SUMS].solved, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(first.problems, []);
  assert.deepEqual(first.foreignRequests, []);
  await first.context.close();

  const second = await open(browser);
  await second.page.goto(fixtureUrl(SUMS));
  assert.equal(await second.page.locator('.exercise-solved').isVisible(), false, 'a fresh browser has solved nothing');
  await second.page.goto(fixtureUrl('study.html'));
  const [chooser] = await Promise.all([second.page.waitForEvent('filechooser'), second.page.click('#pb-import-button')]);
  await chooser.setFiles(file);
  await second.page.waitForFunction(() => document.querySelector('#pb-data-status').textContent !== '');
  assert.match(await second.page.textContent('#pb-data-status'), /, 1 solved exercise added\.$/);
  await second.page.goto(fixtureUrl(SUMS));
  await second.page.locator('.exercise-solved').waitFor();
  assert.match(await second.page.textContent('.exercise-solved'), /^Solved on /, 'solved after the import');
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test('keyboard only: Tab to Run, Enter, then the editor: Tab, Shift+Tab, Ctrl+Enter, Esc', { skip: SKIP }, async () => {
  const { context, page, problems } = await fromDisk.open();
  await page.goto(fixtureUrl(SUMS));
  const focused = (sel) => page.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel);
  let tabs = 0;
  while (!(await focused('.run-code')) && tabs++ < 60) await page.keyboard.press('Tab');
  assert.equal(await focused(`${block()} .run-code`), true, 'Tab reaches Run');
  await page.keyboard.press('Enter');
  await outputShows(page, '12');
  assert.equal(await ranOutput(page), '12\n');
  assert.equal(await focused(`${block()} .run-code`), true, 'the focus comes back to Run');

  await page.keyboard.press('Tab');
  assert.equal(await focused(`${block()} .edit-code`), true, 'then Edit');
  await page.keyboard.press('Enter');
  assert.equal(await focused(`${block()} textarea`), true, 'Edit puts the focus in the editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('for n in prices:\n');
  await page.keyboard.press('Tab');
  await page.keyboard.type('print(n * 2)');
  const value = await page.inputValue(`${block()} textarea`);
  assert.match(value, /\nfor n in prices:\n {4}print\(n \* 2\)$/, 'Tab indents by four spaces');
  await page.keyboard.press('Shift+Tab');
  assert.match(await page.inputValue(`${block()} textarea`), /\nprint\(n \* 2\)$/, 'Shift+Tab dedents');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.match(await page.inputValue(`${block()} textarea`), /\nfor n in prices:\n {4}print\(n \* 2\)$/, 'and Tab indents it again');
  assert.equal(await focused(`${block()} textarea`), true, 'Tab stays in the editor');
  await page.keyboard.press('Control+Enter');
  await outputShows(page, '10');
  assert.equal(await ranOutput(page), '12\n6\n8\n10\n');
  await page.keyboard.press('Escape');
  assert.equal(await focused(`${block()} .run-code`), true, 'Esc leaves the editor for Run');
  await page.keyboard.press('Tab');
  assert.equal(await focused(`${block()} .reset-code`), true, 'Reset is next');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`${block()} textarea`).count(), 0);

  // The exercise: Ctrl+Enter in its editor runs the tests.
  await page.focus('section.exercise textarea');
  await page.keyboard.press('Control+Enter');
  await page.locator('.exercise-results .tests-summary').waitFor(LOAD);
  assert.equal(await page.textContent('.exercise-results .tests-summary'), '0 of 2 tests passed.');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing with the editor open, output and test results shown (${scheme})`, { skip: SKIP }, async () => {
    const { context, page } = await open(browser, { colorScheme: scheme });
    await page.goto(fixtureUrl(SUMS));
    await page.click(`${block()} .edit-code`);
    await page.click(`${block()} .run-code`);
    await ranOutput(page);
    await runTests(page);
    await page.click('.show-solution');
    assert.deepEqual(await axe(page), [], `basics/sums.html, running (${scheme})`);
    await page.goto(fixtureUrl(SUMS));
    await page.click('.show-solution');
    assert.deepEqual(await axe(page), [], `basics/sums.html, the confirmation (${scheme})`);
    await context.close();
  });
}

test('with the default CDN unreachable, Run says Python could not be downloaded', { skip: SKIP }, async () => {
  const { context, page, foreignRequests } = await open(browser);
  await page.goto(fileUrl(path.join(SITE, STR_REPR)));
  await page.click(`${block()} .run-code`);
  const text = await ranOutput(page);
  assert.match(text, /^Python could not be downloaded: .+\. Running code on this site needs the network/);
  assert.ok(foreignRequests.some((u) => u.startsWith('https://cdn.jsdelivr.net/pyodide/')), 'the CDN was asked, and refused');
  assert.deepEqual(foreignRequests.filter((u) => !u.startsWith('https://cdn.jsdelivr.net/')), []);
  await context.close();
});

test('where no worker can start, Python runs in the page and a loop stops at the time limit', { skip: SKIP }, async () => {
  const { context, page, problems } = await fromDisk.open();
  await page.addInitScript(() => { window.Worker = function () { throw new Error('workers are turned off'); }; });
  await page.goto(fixtureUrl(SUMS));
  await page.click(`${block()} .run-code`);
  assert.equal(await ranOutput(page), '12\n');
  await page.click(`${block()} .edit-code`);
  await page.fill(`${block()} textarea`, 'while True:\n    pass\n');
  await page.click(`${block()} .run-code`);
  const text = await ranOutput(page);
  assert.match(text, /^Traceback \(most recent call last\):\n/);
  assert.match(text, /\nTimeLimit: stopped after 10 s: this browser could not start a web worker/);
  assert.deepEqual(problems, []);
  await context.close();
});
