// End-to-end tests of the calculator in headless Chromium against the trunk
// release build in dist/. Figures (load time, update time, long tasks) are
// printed as "FIGURE name value" lines; they are benchmarks, not assertions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serve, launch, openPage, ensureArtifacts, artifacts, dist, inkOf, text, number, typeInto, cli, figure, download } from './harness.mjs';

let server, url, browser;
const require = createRequire(import.meta.url);

before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
  await ensureArtifacts();
});
after(async () => { await browser?.close(); server?.close(); });


test('opens on the March 2 replay with figures and drawn charts, fast', async () => {
  const { context, page, errors } = await openPage(browser, url);
  figure('navigation_to_results_and_charts_ms', await page.evaluate(() => document.body.dataset.firstDrawnMs));
  // The download: the release build's wasm, JS and CSS, each through GNU gzip -9.
  const sizes = readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f))
    .map((f) => spawnSync('gzip', ['-9c', join(dist, f)], { maxBuffer: 1 << 26 }).stdout.length);
  figure('transfer_wasm_js_css_gzip_bytes', sizes.reduce((a, b) => a + b, 0));
  assert.match(await text(page, '.window'), /^Mon 2026-03-02 11:49 to Mon 2026-03-02 21:16 Europe\/London, 9 h 27 min$/);
  assert.match(await text(page, '#total-cost'), /^£[0-9,]+$/);
  for (const id of ['#chart-residual', '#chart-cost', '#chart-teams', '#chart-workflows']) {
    assert.ok(await inkOf(page, id) > 20, `${id} drew`);
  }
  await page.waitForFunction(() => document.querySelectorAll('#chart-length').length && true);
  await page.waitForTimeout(300);
  await page.waitForFunction(() => document.querySelector('#chart-length svg')?.textContent.includes('This outage'));
  assert.ok(await inkOf(page, '#chart-length') > 20, 'loss-by-length drew');
  await page.screenshot({ path: join(artifacts, 'desktop-1280x800.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone width renders and draws', async () => {
  const { context, page, errors } = await openPage(browser, url, { width: 390, height: 844 });
  assert.ok(await inkOf(page, '#chart-residual') > 20);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling of the page (overflow ${overflow}px)`);
  await page.screenshot({ path: join(artifacts, 'phone-390x844.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the opening builds what is in view; links, the keyboard and print build the rest', async () => {
  const built = (page) => page.evaluate(() => [...document.querySelectorAll('.when-seen')].map((e) => e.dataset.built));
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'UTC' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('.summary-bar');
    await page.waitForSelector('.layout .when-seen', { state: 'attached' });
    return { context, page, errors };
  };
  // Below the fold, the results and the editor wait to be scrolled to.
  const a = await open();
  assert.deepEqual(await built(a.page), ['no', 'no']);
  // The summary bar's link goes to the results, built on the way.
  await a.page.click('.summary-bar a');
  await a.page.waitForSelector('#total-cost');
  assert.equal(await a.page.evaluate(() => document.activeElement?.id), 'results-title');
  // The skip link to the editor reaches its heading; its fields follow.
  await a.page.evaluate(() => document.querySelectorAll('.skip')[1].click());
  await a.page.waitForSelector('#f-teams-0-headcount');
  assert.equal(await a.page.evaluate(() => document.activeElement?.id), 'editor-title');
  assert.deepEqual(a.errors, []);
  await a.context.close();
  // A key pressed (Tab, or find in page) builds everything, so Tab reaches every field.
  const b = await open();
  await b.page.keyboard.press('Tab');
  await b.page.waitForSelector('#f-teams-0-headcount', { state: 'attached' });
  await b.page.waitForSelector('.charts[data-drawn]:not([data-drawn="0"])', { state: 'attached' });
  await b.context.close();
  // Print, before any scrolling, prints the results with their charts and tables.
  const c = await open();
  await c.page.evaluate(() => { window.printed = null; window.print = () => { window.printed = document.querySelectorAll('.charts svg, #workflow-table tbody tr').length; }; });
  await c.page.click('#export-menu summary');
  await c.page.click('#print');
  await c.page.waitForFunction(() => window.printed !== null);
  assert.ok(await c.page.evaluate(() => window.printed) > 5, 'charts and table rows were built before printing');
  await c.context.close();
});

test('editing a headcount changes the cost, and the update is timed', async () => {
  const { context, page, errors } = await openPage(browser, url);
  const before = await number(page, '#total-cost');
  await typeInto(page, '#f-teams-0-headcount', '50');
  await page.waitForFunction((b) => Number(document.querySelector('#total-cost').innerText.replace(/[^0-9.]/g, '')) !== b, before);
  const after = await number(page, '#total-cost');
  assert.ok(after > before, `cost rose from ${before} to ${after}`);
  assert.equal(await page.inputValue('#f-teams-0-headcount'), '50');
  // Time from an edit to every number and chart updated, median of 9 edits.
  const times = [];
  for (const v of ['30', '31', '32', '33', '34', '35', '36', '37', '38']) {
    await typeInto(page, '#f-teams-0-headcount', v);
    await page.waitForTimeout(30);
    times.push(Number(await page.evaluate(() => document.body.dataset.updateMs)));
  }
  times.sort((a, b) => a - b);
  figure('edit_to_updated_median_ms', times[4].toFixed(2));
  figure('edit_to_updated_max_ms', times[times.length - 1].toFixed(2));
  assert.deepEqual(errors, []);
  await context.close();
});

test('scope and length are one gesture each', async () => {
  const { context, page, errors } = await openPage(browser, url);
  const replay = await number(page, '#total-person-hours');
  const shown = await text(page, '#total-person-hours');
  await page.selectOption('#scope', 'everything');
  // The window reads "9 h 27 min" before and after: wait for the figure itself.
  await page.waitForFunction((before) => document.querySelector('#total-person-hours').innerText !== before, shown);
  assert.match(await text(page, '.window'), /9 h 27 min/);
  const everything = await number(page, '#total-person-hours');
  assert.ok(everything > replay, `everything down (${everything}) loses more than the replay (${replay})`);
  await typeInto(page, '#length-exact', '2');
  await page.waitForFunction(() => document.querySelector('.window').innerText.includes('2 h 00 min'));
  const short = await number(page, '#total-person-hours');
  assert.ok(short < everything, `2 hours (${short}) loses less than 9 h 27 min (${everything})`);
  await page.selectOption('#scope', 'component:ai-api');
  await page.waitForFunction(() => document.querySelector('#f-outage-incidents-0-component')?.value === 'ai-api');
  assert.equal(await page.locator('#f-outage-incidents-1-component').count(), 0, 'one incident for one component');
  // The slider moves the length too.
  await page.locator('#length-slider').focus();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await text(page, '.length-now'), '2 h 00 min');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new fallback changes nothing until its coverage is set; then it lowers the loss', async () => {
  const { context, page, errors } = await openPage(browser, url);
  const before = await number(page, '#total-person-hours');
  await page.getByRole('button', { name: 'Add fallback to Drafting proposals' }).click();
  // Focus goes to the new fallback, in view.
  await page.waitForFunction(() => document.activeElement?.id === 'f-workflows-5-fallbacks-0-name');
  assert.ok(await page.locator('#f-workflows-5-fallbacks-0-name').isVisible());
  assert.equal(await page.inputValue('#f-workflows-5-fallbacks-0-coverage'), '0');
  await page.waitForTimeout(200);
  assert.equal(await number(page, '#total-person-hours'), before, 'a fallback covering 0% changes nothing');
  await typeInto(page, '#f-workflows-5-fallbacks-0-coverage', '50');
  await page.waitForFunction((b) => parseFloat(document.querySelector('#total-person-hours').innerText) !== b, before);
  const after = await number(page, '#total-person-hours');
  assert.ok(after < before, `loss fell from ${before} to ${after}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad value shows its message, the field keeps it, the results wait', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await typeInto(page, '#f-teams-0-headcount', 'abc');
  await page.waitForSelector('.waiting');
  assert.equal(await page.inputValue('#f-teams-0-headcount'), 'abc');
  assert.equal(await text(page, '#f-teams-0-headcount-error'), 'Headcount is not a number.');
  assert.equal(await page.getAttribute('#f-teams-0-headcount', 'aria-invalid'), 'true');
  assert.match(await text(page, '.waiting'), /The results wait for a fix: 1 problem/);
  assert.match(await text(page, '.waiting'), /Team “Engineering”, headcount: Headcount is not a number\./);
  assert.doesNotMatch(await text(page, 'main'), /teams\[0\]/, 'no developer paths on the page');
  // Another edit elsewhere keeps the typed text.
  await page.getByRole('button', { name: 'Add team' }).click();
  assert.equal(await page.inputValue('#f-teams-0-headcount'), 'abc');
  await typeInto(page, '#f-teams-0-headcount', '-4');
  await page.waitForFunction(() => document.querySelector('#f-teams-0-headcount-error').innerText.includes('cannot be negative'));
  await typeInto(page, '#f-teams-0-headcount', '25');
  await page.waitForSelector('#total-cost');
  assert.equal(await page.locator('.waiting').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard alone reaches the knobs and the editor', async () => {
  const { context, page, errors } = await openPage(browser, url);
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  for (const id of ['reset', 'scope', 'length-slider', 'length-exact', 'f-outage-start', 'f-outage-time_zone']) assert.ok(reached.has(id), `Tab reaches #${id}`);
  // Every form control has a label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent?.trim()))
    .map((el) => el.id || el.outerHTML.slice(0, 60)));
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Content-Security-Policy lets the page run and nothing else', async () => {
  const { context, page, errors } = await openPage(browser, url);
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  // The page ran under it (results and charts are drawn), using every feature, with no violation.
  await page.evaluate(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
  });
  await typeInto(page, '#f-teams-0-headcount', '30');
  await page.click('#export-menu summary');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  // Markup that would run a script, were a name ever put into the page as HTML, does not run.
  await page.evaluate(() => {
    const d = document.createElement('div');
    d.innerHTML = '<img src="x" onerror="window.ran = true">';
    document.body.append(d);
    const s = document.createElement('script');
    s.textContent = 'window.ran = true';
    document.body.append(s);
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.ran), undefined);
  assert.ok((await page.evaluate(() => window.violations)).includes('script-src-elem'), 'the browser reported the refused script');
  // The refusals are the test's own doing; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/Content Security Policy|Refused to/.test(e) && !/\/x\b|404/.test(e)), []);
  await context.close();
});

test('no serious or critical accessibility violations (axe-core)', async () => {
  const { context, page, errors } = await openPage(browser, url);
  // Evaluated by the test runner, as the page's Content-Security-Policy refuses scripts it did not ship.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0]?.target }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  figure('axe_violations_total', result.length);
  assert.deepEqual(bad, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the large generated organisation stays responsive', async () => {
  // 200 teams, 2,000 workflows, 500 components, 200 incidents over 72 hours.
  const file = join(artifacts, 'large-organisation.json');
  writeFileSync(file, cli(['example', '--large']));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  const { page, errors } = await openPage(browser, url, undefined, context);
  await page.evaluate(() => { window.__longTasks = []; delete document.body.dataset.annualMs; });
  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes('Opened large-organisation.json'), null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('.window')?.innerText.includes('72 h 00 min'));
  await page.waitForTimeout(3000);
  const load = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  // Its annual view: 500 components' incidents, a step at a time.
  await page.waitForFunction(() => document.body.dataset.annualMs, null, { timeout: 120000 });
  figure('large_org_annual_figures_after_import_ms', await page.evaluate(() => document.body.dataset.annualMs));
  // Its report was built in slices between tasks; it is the command line's, to the byte.
  await page.click('#export-menu summary');
  const md = (await download(page, '#export-review')).body;
  const withoutClock = (s) => s.replace(/ on \d{4}-\d\d-\d\dT[\d:]+Z(?=\n|<)/, '');
  assert.equal(withoutClock(md), withoutClock(cli(['report', file, '--format', 'md', '--base', url])));
  assert.match(md, /## Blast radius/);
  await page.evaluate(() => { window.__longTasks = []; });
  await typeInto(page, '#f-teams-0-headcount', '12');
  await page.waitForTimeout(3000);
  const edit = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  figure('large_org_longest_task_on_import_ms', load.toFixed(0));
  figure('large_org_longest_task_after_edit_ms', edit.toFixed(0));
  figure('large_org_edit_to_updated_ms', await page.evaluate(() => document.body.dataset.updateMs));
  figure('large_org_validate_ms', await page.evaluate(() => document.body.dataset.validateMs));
  figure('large_org_report_ms', await page.evaluate(() => document.body.dataset.reportMs));
  assert.ok(await page.locator('#link-warning').isVisible(), 'a link this long says so and offers the file');
  assert.deepEqual(errors, []);

  // Opening it from a link (or a reload, from the autosave) in a fresh browser.
  const link = cli(['link', file, '--base', url]).trim();
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await fresh.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  const opened = await openPage(browser, link, undefined, fresh);
  await opened.page.waitForTimeout(3000);
  assert.match(await text(opened.page, '.window'), /72 h 00 min/);
  figure('large_org_longest_task_on_open_ms', (await opened.page.evaluate(() => Math.max(0, ...window.__longTasks))).toFixed(0));
  assert.deepEqual(opened.errors, []);
  await fresh.close();
  await context.close();
});
