// Mitigation options side by side in the browser: the example's variants,
// their table equal to the command line's, the chart drawn, a change to the
// scenario reaching every variant, at both widths (screenshots to look at).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { servedApp, openPage, artifacts, cli, inkOf, typeInto, root, figure, DESK, PHONE } from './harness.mjs';

const app = servedApp();
const example = join(root, 'src/core/input/presets/example.json');

/** The comparison table's rows as text, once the variants are worked out. */
async function comparison(page) {
  await page.waitForSelector('#comparison-table', { timeout: 60000 });
  return page.evaluate(() => [...document.querySelectorAll('#comparison-table tr')].map((r) => [...r.cells].map((c) => c.innerText.trim())));
}

test('the example compares its variants with "As is", as the command line does, at both widths', async () => {
  const fromCli = cli(['report', example, '--format', 'md']);
  for (const [name, viewport] of [['1280x800', DESK], ['390x844', PHONE]]) {
    const { context, page, errors } = await openPage(app.browser, app.url, viewport);
    const rows = await comparison(page);
    // A figure for README.md, not an assertion: since navigation, the comparison on show.
    figure(`comparison_on_show_ms_${name}`, Math.round(await page.evaluate(() => performance.now())));
    assert.deepEqual(rows[0], ['Measure', 'As is', 'Manual modes only', 'Second provider only', 'Nothing prepared', 'Faster switch to the second provider']);
    // Every row the page shows is the Markdown report's row, cell for cell.
    for (const row of rows.slice(1)) {
      assert.ok(fromCli.includes(`| ${row.join(' | ')} |`), `the command line has the row ${row.join(' | ')}`);
    }
    assert.equal(rows.length, 11, 'ten measures');
    assert.ok(await inkOf(page, '.comparison-chart') > 20, 'the chart is drawn');
    const cut = await page.evaluate(() => [...document.querySelectorAll('.comparison *')]
      .filter((e) => !e.closest('table.stack thead')) // read aloud, not shown, on a phone
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + (e.id ? `#${e.id}` : '')));
    assert.deepEqual(cut, [], `nothing of the comparison or its editor runs past the ${name} screen`);
    await page.locator('#comparison-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `comparison-${name}.png`) });
    await page.locator('#comparison-table').screenshot({ path: join(artifacts, `comparison-table-${name}.png`) });
    await page.locator('.comparison-chart').screenshot({ path: join(artifacts, `comparison-chart-${name}.png`) });
    await page.locator('.variants-editor').screenshot({ path: join(artifacts, `variants-editor-${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a variant naming a fallback the scenario lacks is named in the comparison, and the rest still works', async () => {
  const { context, page, errors } = await openPage(app.browser, app.url, DESK);
  await comparison(page);
  // Renaming the fallback in the editor leaves "Manual modes only" naming a fallback that is gone.
  const name = '#f-workflows-4-fallbacks-0-name';
  assert.equal(await page.inputValue(name), "Second provider's chat");
  await typeInto(page, name, 'Other chat');
  await page.waitForFunction(() => document.querySelector('.comparison .waiting')?.innerText.includes('no workflow has a fallback named'), null, { timeout: 20000 });
  const text = await page.locator('.comparison .waiting').innerText();
  assert.match(text, /Variant "Manual modes only": no workflow has a fallback named "Second provider's chat"\./);
  assert.ok(await page.locator('#summary-line').innerText(), 'the results still show');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a variant added, named and switched in the page is compared as the command line compares it', async () => {
  const { context, page, errors } = await openPage(app.browser, app.url, DESK);
  await comparison(page);
  await page.click('#add-variant');
  await page.waitForFunction(() => document.activeElement?.id === 'f-variants-4-name');
  await typeInto(page, '#f-variants-4-name', 'Bot off');
  // The mitigations in the order the scenario first has them: the bot is the fourth.
  assert.equal(await page.locator('label[for="variant-4-mitigation-3"]').innerText(), 'Bot on the second provider');
  await page.uncheck('#variant-4-mitigation-3');
  await page.waitForFunction(() => document.querySelector('#comparison-table tr')?.cells.length === 7, null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('#comparison-table tr')?.innerText.includes('Bot off'));
  // A finer change: the coding assistant's fallback switched in 5 minutes, in that workflow only.
  const before = await page.locator('#comparison-table').innerText();
  await page.click('#variant-4-add-change');
  await page.waitForFunction(() => document.activeElement?.id === 'f-variants-4-changes-1-fallback');
  await page.selectOption('#f-variants-4-changes-1-fallback', "Second provider's assistant");
  await page.selectOption('#f-variants-4-changes-1-workflow', 'eng-coding');
  await typeInto(page, '#f-variants-4-changes-1-activation_delay_minutes', '5');
  await page.waitForFunction((b) => document.querySelector('#comparison-table')?.innerText !== b, before, { timeout: 60000 });
  const s = JSON.parse(cli(['example']));
  s.variants.push({ name: 'Bot off', changes: [{ fallback: 'Bot on the second provider', on: false },
    { workflow: 'eng-coding', fallback: "Second provider's assistant", activation_delay_minutes: 5 }] });
  const path = join(artifacts, 'bot-off.json');
  writeFileSync(path, JSON.stringify(s));
  const fromCli = cli(['report', path, '--format', 'md']);
  for (const row of (await comparison(page)).slice(1)) {
    assert.ok(fromCli.includes(`| ${row.join(' | ')} |`), `the command line has the row ${row.join(' | ')}`);
  }
  // A name the comparison cannot take is named beside the field; the scenario's own results stand.
  await typeInto(page, '#f-variants-4-name', 'As is');
  await page.waitForFunction(() => document.querySelector('#f-variants-4-name-error')?.innerText.includes('is the scenario itself'));
  assert.equal(await page.locator('text=The results wait').count(), 0, 'a variant never holds up the results');
  assert.ok(await page.locator('#annual-figures').isVisible());
  // A value out of range is named beside the change's field, in the field's own unit.
  await typeInto(page, '#f-variants-4-changes-1-coverage', '150');
  await page.waitForFunction(() => document.querySelector('#f-variants-4-changes-1-coverage-error')?.innerText.includes('150%'));
  await typeInto(page, '#f-variants-4-changes-1-coverage', 'abc');
  await page.waitForFunction(() => document.querySelector('#f-variants-4-changes-1-coverage-error')?.innerText.includes('“abc” is not a number, so this counts as empty.'));
  await page.click('text=Remove variant 5');
  await page.waitForFunction(() => document.querySelector('#comparison-table tr')?.cells.length === 6, null, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await context.close();
});
