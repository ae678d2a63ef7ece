// The annual view fitted to an incident history in the browser: the
// hand-written Statuspage fixture imported, its components picked, the fit
// equal to the command line's, taken into the scenario and remembered; broken
// and huge files refused with their sentence, nothing changed. Screenshots at
// both widths, to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, artifacts, cli, ready, root, settle, figure, DESK, PHONE } from './harness.mjs';

const app = servedApp();
const example = join(root, 'src/core/input/presets/example.json');
const fixture = join(root, 'tests/fixtures/history/statuspage.json');
// Sources are listed by name: the incidents naming no component, API, Console, Web app.
const picks = [['#source-1', 'ai-api'], ['#source-2', 'ai-web'], ['#source-3', 'ai-web']];

/** Imports the fixture and picks its components, as a user would. */
async function importAndPick(page) {
  await page.locator('#history-fit summary').click();
  await page.setInputFiles('#history-file', fixture);
  await page.waitForSelector('#fit-sources');
  for (const [select, id] of picks) {
    await page.selectOption(select, id);
  }
  await page.waitForFunction(() => document.querySelectorAll('#fit-table tbody tr').length === 2);
}

const rows = (page, table) => page.evaluate((t) => [...document.querySelectorAll(`${t} tbody tr`)].map((r) => [...r.cells].map((c) => c.innerText.trim())), table);

test('a Statuspage history fits as the command line fits it, and its values can be taken', async () => {
  const fromCli = cli(['fit', fixture, '--scenario', example, '--map', 'API=ai-api', '--map', 'Console=ai-web', '--map', 'Web app=ai-web']);
  for (const [name, viewport] of [['1280x800', DESK], ['390x844', PHONE]]) {
    const { context, page, errors } = await openPage(app.browser, app.url, viewport);
    await importAndPick(page);
    for (const row of await rows(page, '#fit-table')) {
      assert.ok(fromCli.includes(`| ${row.join(' | ')} |`), `the command line has the row ${row.join(' | ')}`);
    }
    const notes = await page.locator('.fit-notes').innerText();
    assert.match(notes, /6 incidents from 2026-06-01 to 2026-12-01 \(183 days, 0\.50 years\)/);
    assert.match(notes, /Not counted, as not resolved yet: incident 1/);
    const cut = await page.evaluate(() => [...document.querySelectorAll('#history-fit *')]
      .filter((e) => !e.closest('table.stack thead')) // read aloud, not shown, on a phone
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + (e.id ? `#${e.id}` : '')));
    assert.deepEqual(cut, [], `nothing of the fit runs past the ${name} screen`);
    await page.locator('#fit-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `history-fit-${name}.png`) });
    await page.locator('#history-fit').screenshot({ path: join(artifacts, `history-fit-panel-${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('taking the fit writes the components, the annual view follows, and the picks are remembered', async () => {
  const { context, page, errors } = await openPage(app.browser, app.url, DESK);
  await page.waitForSelector('#annual-figures');
  const before = await page.locator('#annual-figures').innerText();
  await importAndPick(page);
  await page.locator('#use-fit').click();
  await page.waitForFunction(() => document.querySelector('.taken')?.innerText.includes('now have the fitted values'));
  assert.equal(await page.inputValue('#f-components-1-incidents_per_year'), '3.99');
  assert.equal(await page.inputValue('#f-components-2-duration_hours_p90-0'), '0.48');
  // The scenario's values in brackets now are the fitted ones.
  await page.waitForFunction(() => document.querySelector('#fit-table tbody tr')?.innerText.includes('3.99 (3.99)'));
  await page.waitForFunction((b) => document.querySelector('#annual-figures')?.innerText !== b, before, { timeout: 60000 });
  // Reloaded (the autosave) and imported again: the picks come back by themselves.
  await settle(page); // the autosave catches up
  await page.reload();
  await ready(page); // the reload may restore a scroll far down: build every part first
  await page.locator('#history-fit summary').click();
  await page.setInputFiles('#history-file', fixture);
  await page.waitForSelector('#fit-sources');
  for (const [select, id] of picks) assert.equal(await page.inputValue(select), id, select);
  // A pick by keyboard refits, and the picker keeps the focus.
  await page.focus('#source-0');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelectorAll('#fit-table tbody tr').length === 3);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'source-0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken or huge history is refused in words and changes nothing', async () => {
  const { context, page, errors } = await openPage(app.browser, app.url, DESK);
  await importAndPick(page);
  const shown = await rows(page, '#fit-table');
  const broken = 'component,start,end,severity\nAPI,2026-03-02T12:00:00Z,2026-03-02T11:00:00Z,1\n';
  await page.setInputFiles('#history-file', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
  await page.waitForFunction(() => document.querySelector('.history-problem')?.innerText);
  assert.equal(await page.locator('.history-problem').innerText(),
    'broken.csv was not read: Line 2 of the history file: it ends (2026-03-02 11:00 UTC) before it starts (2026-03-02 12:00 UTC). Nothing was changed.');
  assert.deepEqual(await rows(page, '#fit-table'), shown, 'the fit shown before stays');
  // A history given to the scenario's Import is pointed to its own.
  await page.setInputFiles('#import-file', fixture);
  await page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes("looks like a status page's incident history"));
  await page.setInputFiles('#history-file', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(50_000_000, 32) });
  await page.waitForFunction(() => document.querySelector('.history-problem')?.innerText.startsWith('huge.json'));
  assert.equal(await page.locator('.history-problem').innerText(),
    'huge.json is 50.0 MB; an incident history can be at most 5 MB. Nothing was changed.');
  // The largest CSV taken (10,000 rows): how long from the file to its fit on show, a figure for README.md.
  const rows10k = Array.from({ length: 10_000 }, (_, k) => {
    const t = (s) => new Date((1_700_000_000 + k * 9_000 + s) * 1000).toISOString();
    return `${['API', 'Web app', 'Console', 'Models'][k % 4]},${t(0)},${t(3_600 + (k % 7) * 1_800)},major_outage`;
  });
  const began = Date.now();
  await page.setInputFiles('#history-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`component,start,end,severity\n${rows10k.join('\n')}\n`) });
  await page.waitForFunction(() => document.querySelector('.fit-notes')?.innerText.includes('10,000 rows'));
  figure('history_10000_rows_import_to_fit_ms', Date.now() - began);
  assert.deepEqual(errors, []);
  await context.close();
});
