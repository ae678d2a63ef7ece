// End-to-end tests of sharing, autosave, import and export in headless
// Chromium against the release build in dist/, with the command line built
// by cargo as the reference for every export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, ensureArtifacts, artifacts, root, parseCsv, text, number, typeInto, cli, download, settle, ready, figure } from './harness.mjs';

let server, url, browser;

before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
  await ensureArtifacts();
});
after(async () => { await browser?.close(); server?.close(); });

const figures = async (page) => ({
  window: await text(page, '.window'),
  personHours: await text(page, '#total-person-hours'),
  cost: await text(page, '#total-cost'),
  minimum: await text(page, '#min-residual'),
  mean: await text(page, '#mean-residual'),
  below: await text(page, '#below-target'),
});

/** A scenario file: the example with `change` applied. */
function scenarioFile(name, change) {
  const s = JSON.parse(cli(['example']));
  change(s);
  const path = join(artifacts, name);
  writeFileSync(path, JSON.stringify(s, null, 2));
  return path;
}

const banner = (page) => text(page, '#banner');

test('a copied link opens the same inputs and numbers in a fresh browser', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
  const { page, errors } = await openPage(browser, url, undefined, context);
  const history = await page.evaluate(() => history.length);
  await typeInto(page, '#f-teams-0-headcount', '40');
  await page.selectOption('#scope', 'provider:Primary AI provider');
  await typeInto(page, '#length-exact', '5');
  await page.waitForFunction(() => document.querySelector('.window').innerText.includes('5 h 00 min'));
  await settle(page);
  await page.click('#copy-link');
  await page.waitForFunction(() => document.querySelector('.copy-status').innerText.includes('Link copied'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#s=1\.[A-Za-z0-9_-]+$/);
  assert.equal(page.url(), link, 'the address bar follows the edits');
  assert.equal(await page.evaluate(() => history.length), history, 'history replaced, not pushed');
  const mine = await figures(page);

  const fresh = await openPage(browser, link);
  assert.deepEqual(await figures(fresh.page), mine);
  assert.equal(await fresh.page.inputValue('#f-teams-0-headcount'), '40');
  assert.equal(await fresh.page.inputValue('#scope'), 'provider:Primary AI provider');
  assert.equal(await fresh.page.locator('#banner').count(), 0, 'a good link needs no banner');
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.context.close();
  await context.close();
});

test('edits are autosaved and a reload keeps them, half-typed values too', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await typeInto(page, '#f-teams-1-headcount', '33');
  await settle(page);
  // The bare address: no link, so the autosave opens.
  const again = await openPage(browser, url, undefined, context);
  assert.equal(await again.page.inputValue('#f-teams-1-headcount'), '33');
  await typeInto(again.page, '#f-teams-1-headcount', '3O');
  await settle(again.page);
  await again.page.reload();
  await ready(again.page);
  assert.equal(await again.page.inputValue('#f-teams-1-headcount'), '3O', 'what was typed survives a reload');
  assert.match(await text(again.page, '.waiting'), /Team “Support desk \(UK\)”, headcount: Headcount is not a number/);
  assert.deepEqual([...errors, ...again.errors], []);
  await context.close();
});

test('Reset to example asks first, then discards', async () => {
  const { context, page } = await openPage(browser, url);
  await typeInto(page, '#f-teams-0-headcount', '77');
  // Typed text fields too: after the reset they show the example, not what was typed.
  const exampleName = await page.inputValue('#f-name');
  await typeInto(page, '#f-name', 'Typed name');
  await typeInto(page, '#f-currency', 'USD');
  await typeInto(page, '#f-target', '70');
  page.removeAllListeners('dialog');
  page.once('dialog', (d) => d.dismiss());
  await page.click('#reset');
  assert.equal(await page.inputValue('#f-teams-0-headcount'), '77', 'declined: nothing discarded');
  page.once('dialog', (d) => { assert.match(d.message(), /Discard your changes/); d.accept(); });
  await page.click('#reset');
  await page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '25');
  assert.equal(await page.inputValue('#f-name'), exampleName);
  assert.equal(await page.inputValue('#f-currency'), 'GBP');
  assert.equal(await page.inputValue('#f-target'), '60');
  await context.close();
});

test('a visit that died opening its scenario is followed by a safe one that offers it back', async () => {
  const { context, page } = await openPage(browser, url);
  await typeInto(page, '#f-teams-0-headcount', '44');
  await page.waitForFunction(() => localStorage.getItem('outage-impact.autosave.v1')?.includes('"headcount":44'));
  // The visit dies while opening its scenario: the mark it set stays.
  await page.evaluate(() => localStorage.setItem('outage-impact.opening.v1', '1'));
  const kept = await page.evaluate(() => localStorage.getItem('outage-impact.autosave.v1'));
  await page.goto(url);
  await ready(page);
  await page.waitForSelector('#open-anyway');
  assert.match(await banner(page), /did not finish opening its scenario/);
  assert.equal(await page.inputValue('#f-teams-0-headcount'), '25', 'the example, not the suspect scenario');
  await settle(page);
  const now = await page.evaluate(() => localStorage.getItem('outage-impact.autosave.v1'));
  assert.equal(now, kept, 'the example on screen does not overwrite the kept scenario');
  await page.click('#open-anyway');
  await page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '44');
  await page.waitForFunction(() => localStorage.getItem('outage-impact.opening.v1') === null);
  await context.close();
});

// How long each takes is a figure for README.md (printed), not an assertion: timings on a
// shared machine are noise; what must hold is that each opens, to its results or its message.
test('absurd and huge links open to a message or their results', async () => {
  const example = JSON.parse(cli(['example']));
  const linkOf = (name, change) => {
    const s = structuredClone(example);
    change(s);
    const path = join(artifacts, name);
    writeFileSync(path, JSON.stringify(s));
    return cli(['link', path, '--base', url]).trim();
  };
  const chain = (n, dense) => (s) => {
    s.components = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `C${i}`,
      depends_on: i === 0 ? [] : dense ? Array.from({ length: i }, (_, j) => `c${j}`) : [`c${i - 1}`] }));
    s.workflows = s.workflows.slice(0, 3).map((w) => ({ ...w, needs: [`c${n - 1}`], fallbacks: [] }));
    s.outage.incidents = [{ component: 'c0', start_minutes: 0, end_minutes: 240, severity: 1 }];
    // Its variants switch fallbacks that are gone: the comparison would name them.
    s.variants = [];
  };
  const cases = [
    ['hourly cost 1e308', linkOf('absurd-cost.json', (s) => { s.teams[0].hourly_cost = 1e308; }), /at most 10000000 an hour; it is 1e308/],
    ['16,000 chained components', linkOf('chain.json', chain(16000, false)), null],
    ['2,000 components, each needing all before', linkOf('dense.json', chain(2000, true)), /the calculator takes at most 1,000,000/],
  ];
  for (const [what, link, message] of cases) {
    const { context, page, errors } = await openPage(browser, link);
    const ms = await page.evaluate(() => document.body.dataset.firstDrawnMs ?? performance.now());
    figure(`open_${what.replace(/[^a-z0-9]+/gi, '_')}_ms`, Math.round(Number(ms)));
    if (message) assert.match(await text(page, '.waiting'), message, what);
    else assert.equal(await page.locator('.waiting').count(), 0, what);
    assert.deepEqual(errors, [], what);
    await context.close();
  }
});

test('a damaged, cut or foreign link gets a banner and opens the autosave or the example', async () => {
  const good = cli(['link', join(root, 'src/core/input/presets/example.json'), '--base', url]).trim();
  const fragment = good.slice(good.indexOf('#'));
  const k = Math.floor(fragment.length / 2);
  const cases = [
    ['changed', fragment.slice(0, k) + (fragment[k] === 'A' ? 'B' : 'A') + fragment.slice(k + 1), /damaged/],
    ['cut', fragment.slice(0, fragment.length - 40), /incomplete: it was cut off/],
    ['foreign', '#token=abc123', /not made by Outage Impact/],
    ['newer', '#s=9.' + fragment.slice(5), /newer version of Outage Impact/],
  ];
  const example = await openPage(browser, url);
  const expected = await figures(example.page);
  for (const [what, bad, message] of cases) {
    const { context, page, errors } = await openPage(browser, url + bad);
    assert.match(await banner(page), message, what);
    assert.match(await banner(page), /opened the example instead/, what);
    assert.deepEqual(await figures(page), expected, `${what}: the example`);
    await settle(page);
    assert.notEqual(page.url(), url + bad, `${what}: the bad link leaves the address bar`);
    assert.deepEqual(errors, [], what);
    await context.close();
  }
  // With an autosave, that opens instead.
  await typeInto(example.page, '#f-teams-0-headcount', '44');
  await settle(example.page);
  const withSave = await openPage(browser, url + cases[0][1], undefined, example.context);
  assert.match(await banner(withSave.page), /opened your last autosaved scenario instead/);
  assert.equal(await withSave.page.inputValue('#f-teams-0-headcount'), '44');
  await example.context.close();
});

test("opening a colleague's link keeps one's own work, to restore", async () => {
  const { context, page, errors } = await openPage(browser, url);
  await typeInto(page, '#f-teams-0-headcount', '44');
  await settle(page);
  const theirs = cli(['link', scenarioFile('theirs.json', (s) => { s.teams[0].headcount = 7; }), '--base', url]).trim();
  const opened = await openPage(browser, theirs, undefined, context);
  assert.equal(await opened.page.inputValue('#f-teams-0-headcount'), '7');
  assert.match(await banner(opened.page), /You opened a shared link\. The scenario you were working on before is kept/);
  await opened.page.click('#restore-set-aside');
  await opened.page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '44');
  assert.match(await banner(opened.page), /Your earlier scenario is back/);
  assert.deepEqual([...errors, ...opened.errors], []);
  await context.close();
});

test('two tabs and two links: no edit is dropped without the user being told and offered it back', async () => {
  const { context, page } = await openPage(browser, url);
  // A second tab on the bare address, opened before the first one's edit.
  const other = await openPage(browser, url, undefined, context);
  await typeInto(page, '#f-teams-0-headcount', '11');
  await page.waitForFunction(() => localStorage.getItem('outage-impact.autosave.v1')?.includes('"headcount":11'));
  await typeInto(other.page, '#f-teams-0-headcount', '22');
  await other.page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes('Another tab had saved different work'));
  await other.page.click('#restore-set-aside');
  await other.page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '11');
  // What the restore replaced (22) is kept in turn.
  assert.ok((await other.page.evaluate(() => localStorage.getItem('outage-impact.kept.v1'))).includes('"headcount":22'));

  // Own work → link A → edits to A → link B: both the own work and the edits to A are kept.
  const linkA = cli(['link', scenarioFile('link-a.json', (s) => { s.teams[0].headcount = 3; }), '--base', url]).trim();
  const linkB = cli(['link', scenarioFile('link-b.json', (s) => { s.teams[0].headcount = 4; }), '--base', url]).trim();
  const a = await openPage(browser, linkA, undefined, context);
  await typeInto(a.page, '#f-teams-0-headcount', '33');
  await a.page.waitForFunction(() => localStorage.getItem('outage-impact.autosave.v1')?.includes('"headcount":33'));
  const b = await openPage(browser, linkB, undefined, context);
  assert.match(await banner(b.page), /The scenario you were working on before is kept/);
  const kept = await b.page.evaluate(() => localStorage.getItem('outage-impact.kept.v1'));
  assert.ok(kept.includes('"headcount":33'), 'the edits to link A');
  assert.ok(kept.includes('"headcount":22') || kept.includes('"headcount":11'), 'the earlier own work');
  // Every kept scenario is offered, not only the newest.
  assert.ok(await b.page.locator('#banner button[id^="restore-"]').count() >= 2);
  // Kept work is offered on a bare opening too.
  const bare = await openPage(browser, url);
  await bare.page.evaluate((k) => localStorage.setItem('outage-impact.kept.v1', k), kept);
  await bare.page.reload();
  await bare.page.waitForSelector('#restore-set-aside');
  await bare.context.close();
  await context.close();
});

test('import: a valid file replaces the scenario; an invalid one changes nothing and says why', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await page.setInputFiles('#import-file', scenarioFile('imported.json', (s) => { s.name = 'Imported org'; s.teams[0].headcount = 12; }));
  await page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes('Opened imported.json.'));
  await page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '12');
  assert.equal(await page.inputValue('#f-name'), 'Imported org');
  const before = await figures(page);

  await page.setInputFiles('#import-file', scenarioFile('bad.json', (s) => { s.workflows[0].fallbacks[0].coverage = 1.5; s.teams[1].headcount = -2; }));
  await page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes('bad.json has 2 problems'));
  const said = await banner(page);
  assert.match(said, /nothing was changed/);
  assert.match(said, /Workflow “Coding with an AI assistant”, fallback 1 \(“Second provider's assistant”\), coverage \(workflows\[0\]\.fallbacks\[0\]\.coverage in the file\): Coverage must be between 0 and 1 \(0% to 100%\); it is 1\.5 \(150%\)\./);
  assert.match(said, /Team “Support desk \(UK\)”, headcount \(teams\[1\]\.headcount in the file\): Headcount cannot be negative; it is -2\./);
  assert.equal(await page.inputValue('#f-teams-0-headcount'), '12');
  assert.deepEqual(await figures(page), before);

  const notJson = join(artifacts, 'notes.json');
  writeFileSync(notJson, 'these are my notes, not JSON');
  await page.setInputFiles('#import-file', notJson);
  await page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes('notes.json is not a scenario'));
  assert.match(await banner(page), /line 1, column 2: expected ident/);
  assert.deepEqual(await figures(page), before);

  // A results file opens as the scenario inside it.
  const results = join(artifacts, 'results-in.json');
  writeFileSync(results, cli(['report', scenarioFile('for-results.json', (s) => { s.teams[0].headcount = 21; }), '--format', 'json']));
  await page.setInputFiles('#import-file', results);
  await page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '21');

  // Dropped on the page.
  const dropped = JSON.parse(cli(['example']));
  dropped.teams[0].headcount = 9;
  await page.evaluate((json) => {
    const data = new DataTransfer();
    data.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
    const app = document.querySelector('.app');
    app.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    app.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, JSON.stringify(dropped));
  await page.waitForFunction(() => document.querySelector('#banner')?.innerText.includes('Opened dropped.json.'));
  await page.waitForFunction(() => document.querySelector('#f-teams-0-headcount')?.value === '9');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every export of the default scenario equals what the command line writes', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await settle(page);
  const exportFile = async (id) => {
    await page.click('#export-menu summary');
    return download(page, `#${id}`);
  };
  const withoutClock = (s) => s.replace(/\n  "generated_at": "[^"]+",/, '').replace(/ on \d{4}-\d\d-\d\dT[\d:]+Z(?=\n|<)/, '');
  // The command line is given the embedded example itself, not the page's file.
  const example = join(root, 'src/core/input/presets/example.json');

  const results = await exportFile('export-results');
  const cliResults = cli(['report', example, '--format', 'json', '--base', url]);
  assert.equal(withoutClock(results.body), withoutClock(cliResults));
  const r = JSON.parse(results.body);

  const scenario = await exportFile('export-scenario');
  assert.match(scenario.name, /^outage-impact-example-organisation-[a-z0-9-]+-[0-9a-f]{8}-scenario\.json$/);
  assert.deepEqual(JSON.parse(scenario.body), JSON.parse(cliResults).scenario);
  assert.equal(r.app, 'Outage Impact');
  assert.match(r.input_hash, /^[0-9a-f]{64}$/);
  assert.equal(r.link, page.url());

  for (const table of ['workflows', 'teams', 'residual']) {
    const csv = await exportFile(`export-csv-${table}`);
    assert.equal(csv.body, cli(['report', example, '--format', 'csv', '--table', table]), table);
  }
  const workflows = parseCsv((await exportFile('export-csv-workflows')).body);
  assert.deepEqual(workflows[0], ['workflow_id', 'workflow', 'team_id', 'team', 'person_hours_lost', 'labour_cost_GBP', 'fallback_cost_GBP', 'cost_GBP', 'minimum_residual', 'mean_residual']);
  // The CSV's numbers are the page's.
  const cells = workflows.slice(1).map((row) => row.slice(-6).map(Number));
  const total = cells.reduce((sum, c) => sum + c[3], 0);
  assert.equal(Math.round(total), await number(page, '#total-cost'));
  const hoursLost = cells.reduce((sum, c) => sum + c[0], 0);
  assert.ok(Math.abs(hoursLost - await number(page, '#total-person-hours')) < 0.1);
  const teams = parseCsv((await exportFile('export-csv-teams')).body).slice(1);
  const pageTeams = await page.$$eval('#team-table tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  for (const [k, row] of teams.entries()) {
    assert.equal(row[1], pageTeams[k][0]);
    assert.equal(Number(row[2]).toFixed(1), pageTeams[k][1], `${row[1]} person-hours`);
    assert.equal(`£${Math.round(Number(row[3])).toLocaleString('en-GB')}`, pageTeams[k][2], `${row[1]} cost`);
  }

  const review = await exportFile('export-review');
  assert.equal(withoutClock(review.body), withoutClock(cli(['report', example, '--format', 'md', '--base', url])));
  assert.ok(review.body.includes(`Input hash (SHA-256 of the scenario): ${r.input_hash}`));
  assert.ok(review.body.includes(`<${page.url()}>`), 'the review links to these inputs');
  assert.match(review.body, /- What goes down: March 2, 2026 replay/);
  assert.match(review.body, /- Outage starts: Mon 2026-03-02 11:49 Europe\/London\n- Outage length: 9 h 27 min/);
  const html = await exportFile('export-review-html');
  assert.match(html.name, /-review\.html$/);
  assert.equal(withoutClock(html.body), withoutClock(cli(['report', example, '--format', 'html', '--base', url])));

  assert.deepEqual(errors, []);
  await context.close();
});

test('a cell that a spreadsheet would run as a formula is neutralised', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await typeInto(page, '#f-workflows-0-name', '=HYPERLINK("http://example.com")');
  await settle(page);
  await page.click('#export-menu summary');
  const workflows = (await download(page, '#export-csv-workflows')).body.trim().split('\n');
  assert.ok(workflows[1].includes(`"'=HYPERLINK(""http://example.com"")"`), `a formula is neutralised: ${workflows[1]}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each chart saves as a PNG picture', async () => {
  const { context, page, errors } = await openPage(browser, url);
  for (const chart of ['residual', 'cost', 'teams', 'workflows', 'length']) {
    const png = await download(page, `#png-${chart}`, { binary: true });
    assert.match(png.name, new RegExp(`chart-${chart}\\.png$`));
    assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${chart} is a PNG`);
    assert.ok(png.body.length > 5000, `${chart} PNG has a picture (${png.body.length} bytes)`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('printing shows the results and charts without the editing controls', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.editor', '.knobs', '.share', '#reset']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
  }
  for (const shown of ['#total-cost', '#chart-residual', '#workflow-table']) {
    assert.ok(await page.locator(shown).isVisible(), `${shown} is printed`);
  }
  await page.screenshot({ path: join(artifacts, 'print-preview.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', path: join(artifacts, 'print.pdf') });
  assert.ok(pdf.length > 20000, `a PDF with the charts (${pdf.length} bytes)`);
  assert.deepEqual(errors, []);
  await context.close();
});
