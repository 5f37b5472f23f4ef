'use strict';
// Shared by the browser tests: the built sites, a static HTTP server, Debian's headless
// Chromium (driven by playwright-core), and axe-core. tests/browser.rs runs these tests from
// `cargo test`, with PREPBOOK_SITE (the bundled guide, built) and PREPBOOK_BIN set.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

const SITE = process.env.PREPBOOK_SITE;
const BIN = process.env.PREPBOOK_BIN;
const REPO = path.resolve(__dirname, '..', '..', '..');

if (!SITE || !BIN) {
  throw new Error('run the browser tests through `cargo test` (tests/browser.rs sets PREPBOOK_SITE and PREPBOOK_BIN)');
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain',
};

/** Serves `root` on 127.0.0.1 under `prefix` (a sub-path, as on a real host). */
function serve(root, prefix = '/guide/') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) { res.writeHead(404); res.end('outside the site'); return; }
    rel = rel.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root)) { res.writeHead(404); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A fresh browser context (its own storage) and page. Collects page errors and console errors,
 * and every request that is not to `allowedOrigin` (or file://, for pages opened from disk).
 */
async function open(browser, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, allowedOrigin = null } = {}) {
  const context = await browser.newContext({ colorScheme, viewport });
  const page = await context.newPage();
  const problems = [];
  const foreignRequests = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    const ok = u.startsWith('file:') || u.startsWith('data:') || (allowedOrigin && u.startsWith(allowedOrigin));
    if (ok) return route.continue();
    foreignRequests.push(u);
    return route.abort();
  });
  return { context, page, problems, foreignRequests };
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the current page (WCAG 2.x A and AA, and best practices). */
async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

function fileUrl(p) {
  return pathToFileURL(p).href;
}

/** Builds a guide with the binary under test into a fresh temp folder; returns the folder. */
function build(root, args = []) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-e2e-'));
  const site = path.join(out, 'site');
  execFileSync(BIN, ['build', '--no-cache', '--root', root, '--output', site, ...args], { stdio: 'pipe' });
  return site;
}

/** Exports a guide to one HTML file with the binary under test; returns the file. */
function exportFile(root, args = []) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'prepbook-export-'));
  const file = path.join(out, 'guide.html');
  execFileSync(BIN, ['export', '--root', root, '--output', file, ...args], { stdio: 'pipe' });
  return file;
}

module.exports = { SITE, BIN, REPO, serve, launch, open, axe, fileUrl, build, exportFile };
