'use strict';
// `prepbook serve` in a real browser: an open page reloads by itself after an edit, shows a
// broken edit's error over the page (file:line:col, message, hint), and clears it once fixed.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { BIN, REPO, launch, open, axe } = require('./lib/harness');

let browser;
let guide;
let server;

/** Starts `prepbook serve --port 0` on `root`; resolves with its URL once it serves. */
function startServer(root) {
  const child = spawn(BIN, ['serve', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^serving (http:\/\/\S+)/.exec(line);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`prepbook serve exited with ${code}`)));
  });
}

/** Rewrites a content file the way editors save: a new file renamed over the old one. */
function edit(rel, from, to) {
  const file = path.join(guide, 'content', rel);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${rel} has no "${from}"`);
  const tmp = path.join(path.dirname(file), '.editor-save.tmp');
  fs.writeFileSync(tmp, text.replace(from, to));
  fs.renameSync(tmp, file);
}

before(async () => {
  guide = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-serve-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'basic'), guide, { recursive: true });
  browser = await launch();
  server = await startServer(guide);
});

after(async () => {
  await browser.close();
  // Ctrl+C, and the guide goes once the server has stopped writing to it.
  const stopped = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGINT');
  await stopped;
  fs.rmSync(guide, { recursive: true, force: true });
});

test('an open page reloads after an edit and shows a broken edit\'s error until it is fixed', async () => {
  const origin = server.url.replace(/\/$/, '');
  const { context, page, problems, foreignRequests } = await open(browser, { allowedOrigin: origin });
  await page.goto(server.url + 'python/gil.html');
  assert.equal(await page.textContent('h1'), 'What is the GIL?');
  assert.equal(await page.$('#prepbook-errors'), null);

  edit('python/gil.md', 'Reference counting is not thread-safe on its own.',
    'Reference counting is not thread-safe on its own, as the browser now shows.');
  await page.waitForFunction(() => document.body.textContent.includes('as the browser now shows'),
    null, { timeout: 30000 });

  edit('python/gil.md', 'difficulty: Medium', 'difficulty: meduim');
  const overlay = await page.waitForSelector('#prepbook-errors', { timeout: 30000 });
  const shown = await overlay.textContent();
  assert.match(shown, /content\/python\/gil\.md:4:13: error: unknown difficulty `meduim`/);
  assert.match(shown, /difficulty: meduim/, 'the source line');
  assert.match(shown, /\^\^\^\^\^\^/, 'the caret');
  assert.match(shown, /hint: did you mean `medium`\?/);
  assert.match(await page.textContent('main'), /as the browser now shows/, 'the last good page stays under it');
  const box = await overlay.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, 'the overlay is visible');
  assert.deepEqual(await axe(page), [], 'the overlay is readable by everyone');

  edit('python/gil.md', 'difficulty: meduim', 'difficulty: hard');
  await page.waitForSelector('#prepbook-errors', { state: 'detached', timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('.meta .difficulty-hard') !== null,
    null, { timeout: 30000 });

  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});
