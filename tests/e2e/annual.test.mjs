// The annual view in the browser: its figures and chart, edits that move
// them, the seed in the link, and its files equal to the command line's.
// Screenshots at desk and phone widths are saved to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, artifacts, typeInto, download, cli, inkOf, settle, root, figure, DESK, PHONE } from './harness.mjs';

const app = servedApp();
const example = join(root, 'src/core/input/presets/example.json');

/** Waits for the annual view, simulation and all. */
async function annualDone(page) {
  await page.waitForSelector('#annual-figures');
  await page.waitForFunction(() => !document.querySelector('.annual-progress')?.innerText, null, { timeout: 60000 });
}

/** The figure in the annual table's row `label`, column `col` (1: with fallbacks). */
const cell = (page, label, col = 1) => page.evaluate(([label, col]) => {
  const row = [...document.querySelectorAll('#annual-figures tbody tr')].find((r) => r.cells[0].innerText === label);
  return row?.cells[col].innerText;
}, [label, col]);
const money = (s) => Number(s.replace(/[£,]/g, '').split(' ')[0]);

test('the example shows a year of outages, its chart and its tables, at both widths', async () => {
  for (const [name, viewport] of [['1280x800', DESK], ['390x844', PHONE]]) {
    const { context, page, errors } = await openPage(app.browser, app.url, viewport);
    await annualDone(page);
    const expected = money(await cell(page, 'Expected annual loss'));
    const fromCli = JSON.parse(cli(['annual', example]));
    assert.equal(expected, Math.round(fromCli.annual.with_fallbacks.expected_cost), 'the page and the command line agree');
    assert.ok(await inkOf(page, '.annual-chart') > 20, 'the exceedance chart is drawn');
    assert.match(await page.locator('#annual-tolerance-verdict').innerText(), /tolerance/);
    const ms = Number(await page.evaluate(() => document.body.dataset.annualMs));
    console.log(`annual figures on show ${ms.toFixed(1)} ms after the opening's results (${name})`);
    await page.locator('#annual-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `annual-${name}.png`) });
    await page.locator('.annual-chart').screenshot({ path: join(artifacts, `annual-chart-${name}.png`) });
    await page.locator('#annual-fallbacks').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `annual-fallbacks-${name}.png`) });
    await page.locator('fieldset.tolerance').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `annual-tolerance-${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('more incidents a year raise the expected loss; a bad seed is named beside its field', async () => {
  const context = await app.browser.newContext({ viewport: DESK });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  const { page, errors } = await openPage(app.browser, app.url, undefined, context);
  await annualDone(page);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  // Five edits, each raising the rate: the figures rise, and each edit's
  // time to them and longest task while they (and the simulation) compute are kept.
  const [shown, longest] = [[], []];
  for (const rate of [12, 13, 14, 15, 16]) {
    const before = money(await cell(page, 'Expected annual loss'));
    await page.evaluate(() => { window.__longTasks = []; });
    await typeInto(page, '#f-components-3-incidents_per_year', String(rate));
    await page.waitForFunction((b) => {
      const row = [...document.querySelectorAll('#annual-figures tbody tr')].find((r) => r.cells[0].innerText === 'Expected annual loss');
      return row && Number(row.cells[1].innerText.replace(/[£,]/g, '')) > b;
    }, before);
    shown.push(Number(await page.evaluate(() => document.body.dataset.annualMs)));
    await annualDone(page);
    longest.push(await page.evaluate(() => Math.max(0, ...window.__longTasks)));
  }
  figure('annual_figures_after_edit_ms_median_of_5', median(shown).toFixed(1));
  figure('annual_longest_task_while_computing_ms_median_of_5', median(longest).toFixed(0));
  figure('annual_longest_task_while_computing_ms_max_of_5', Math.max(...longest).toFixed(0));
  await typeInto(page, '#f-annual-seed', '1.5');
  await page.waitForSelector('text=The seed must be a whole number; it is 1.5.');
  assert.equal(await page.inputValue('#f-annual-seed'), '1.5', 'what was typed stays');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the seed travels in the link, and the exports are the command line\'s', async () => {
  const { context, page, errors } = await openPage(app.browser, app.url, DESK);
  await annualDone(page);
  await typeInto(page, '#f-annual-seed', '42');
  await typeInto(page, '#f-annual-years', '300');
  await settle(page);
  await annualDone(page);
  const link = page.url();
  await page.click('#export-menu summary');
  const scenario = await download(page, '#export-scenario');
  await page.click('#export-menu summary');
  const exceedance = (await download(page, '#export-annual-exceedance')).body;
  assert.equal(exceedance, cli(['annual', scenario.path, '--format', 'csv', '--table', 'exceedance']));
  await page.click('#export-menu summary');
  const figures = (await download(page, '#export-annual-figures')).body;
  assert.equal(figures, cli(['annual', scenario.path, '--format', 'csv']));
  assert.match(figures, /simulation/);
  const again = await openPage(app.browser, link, DESK);
  assert.equal(await again.page.inputValue('#f-annual-seed'), '42');
  await again.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});
