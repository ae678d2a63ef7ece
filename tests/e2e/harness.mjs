// Shared set-up for the end-to-end tests: a static server for dist/ on
// 127.0.0.1, Debian's Chromium through playwright-core, and guards that fail
// a test on any page error or console error.
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** The two widths every screenshot is taken at. */
export const DESK = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const dist = join(root, 'dist');
export const artifacts = join(root, 'tests/e2e/artifacts');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.png': 'image/png', '.json': 'application/json',
};

export async function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(dist, path === '' ? 'index.html' : path);
    if (!file.startsWith(dist)) { res.writeHead(403); return res.end(); }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records page errors and console errors, to fail on. */
export async function openPage(browser, url, viewport = { width: 1280, height: 800 }, context = null) {
  // A browser in UTC, where no example team works: the page shows the first team's zone, as the CLI does.
  context ??= await browser.newContext({ viewport, acceptDownloads: true, timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => d.accept());
  await page.goto(url);
  await ready(page);
  return { context, page, errors };
}

/** Waits for the results and their charts, or for the notice that they wait for a fix. */
export async function ready(page) {
  await page.waitForSelector('.layout .when-seen', { state: 'attached' });
  await seeEverything(page);
  await page.waitForSelector('#total-cost, .waiting');
  if (await page.locator('#total-cost').count()) {
    await page.waitForFunction(() => Number(document.querySelector('.charts')?.dataset.drawn ?? 0) > 0);
  }
}

/** Scrolls to each part not yet built (they are built as they come into
 * view, as a reader scrolls), until none is left; then back to the top. */
export async function seeEverything(page) {
  for (let k = 0; k < 200; k++) {
    const waiting = await page.evaluate(() => {
      const next = document.querySelector('.when-seen[data-built="no"]');
      next?.scrollIntoView();
      return next !== null;
    });
    if (!waiting) break;
    await page.waitForTimeout(20);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

export async function ensureArtifacts() {
  await mkdir(artifacts, { recursive: true });
}

/** Number of marks (lines, shapes, labels) a chart drew in its SVG. */
export function inkOf(page, selector) {
  return page.evaluate((sel) => document.querySelectorAll(
    `${sel} svg :is(polyline, path, rect, circle, polygon, text, line)`).length, selector);
}

export const text = (page, sel) => page.locator(sel).innerText();
/** The first number in an element's text (thousands separators dropped). */
export const number = async (page, sel) => Number((await text(page, sel)).replace(/,/g, '').match(/-?[0-9]+(\.[0-9]+)?/)?.[0]);

/** Types into a field the way a person does (select all, type). */
export async function typeInto(page, selector, value) {
  const field = page.locator(selector);
  await field.click();
  await field.press('Control+A');
  await field.pressSequentially(value);
}

/** The command-line binary built by `cargo test` (or `cargo build`). */
export const cliPath = join(root, 'target/debug/outage-impact');

/** Runs the command line; returns its stdout (throws on a non-zero exit). */
export function cli(args, input) {
  const r = spawnSync(cliPath, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`outage-impact ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Clicks `selector` and returns the download's file name and text (or bytes). */
export async function download(page, selector, { binary = false } = {}) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(artifacts, dl.suggestedFilename());
  await dl.saveAs(path);
  const body = await readFile(path);
  return { name: dl.suggestedFilename(), path, body: binary ? body : body.toString('utf8') };
}

/** Waits until the debounced address bar and autosave have caught up. */
export const settle = (page) => page.waitForTimeout(600);

/** Rows of a CSV text (RFC 4180: quoted cells, doubled quotes). */
export function parseCsv(text) {
  const rows = [[]];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; }
    else if (c === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); }
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || rows.at(-1).length) rows.at(-1).push(cell); else rows.pop();
  return rows;
}

/** A measured figure, printed for README.md's tables (`# FIGURE name value` in the output). */
export const figure = (name, value) => console.log(`FIGURE ${name} ${value}`);

/** A test file's app: the release build served and a browser launched
 * before its tests (`app.url`, `app.browser`), both closed after them. */
export function servedApp() {
  const app = {};
  before(async () => {
    Object.assign(app, await serve());
    app.browser = await launch();
    await ensureArtifacts();
  });
  after(async () => { await app.browser?.close(); app.server?.close(); });
  return app;
}
