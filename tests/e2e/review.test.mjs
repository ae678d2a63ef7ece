// The reviewer's workflow, end to end: a start in local time, figures in
// view while editing, problems beside their fields, nothing cut at desk and
// phone widths, charts that are complete, the keyboard, and the reviewer's
// pack (Markdown, HTML, CSV). Screenshots of each part are saved for a
// person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, launch, openPage, ensureArtifacts, artifacts, text, typeInto, download, figure, cli } from './harness.mjs';

let server, url, browser;

before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
  await ensureArtifacts();
});
after(async () => { await browser?.close(); server?.close(); });

const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A page in a browser set to `timezoneId`, at `viewport`. */
async function openIn(timezoneId, viewport = DESK, extra = {}) {
  const context = await browser.newContext({ viewport, timezoneId, acceptDownloads: true, ...extra });
  return openPage(browser, url, undefined, context);
}

/** Waits until the figures show `pattern` in the outage window line. */
const windowShows = (page, pattern) =>
  page.waitForFunction((p) => new RegExp(p).test(document.querySelector('.window')?.innerText ?? ''), pattern.source);

test('a 4-hour outage of the coding tool, Tuesday 10:00 London time, checked by hand', async () => {
  const { context, page, errors } = await openIn('Europe/London');
  // The browser's zone, where a team works in it.
  assert.equal(await page.inputValue('#f-outage-time_zone'), 'Europe/London');
  await page.selectOption('#scope', 'component:ai-code');
  await typeInto(page, '#length-exact', '4');
  await typeInto(page, '#f-outage-start', '2026-12-01 10:00');
  assert.match(await text(page, '#start-read-back'), /^Tue 2026-12-01 10:00 Europe\/London · 2026-12-01 10:00 UTC$/);
  await windowShows(page, /^Tue 2026-12-01 10:00 to Tue 2026-12-01 14:00 Europe\/London, 4 h 00 min$/);
  // By hand (tests/cli.rs has the working): 25 engineers × 60% × reliance 50%:
  // 30 minutes uncovered, 3.5 hours with 70% covered, plus 10% recovery:
  // 12.7875 person-hours, £1,150.88; the second provider runs 3.5 h at £60: £210.
  assert.equal(await text(page, '#total-person-hours'), '12.8');
  assert.equal(await text(page, '#total-cost'), '£1,361');
  // The same local time in New York is a different instant; the typed text is re-read in the zone picked.
  await page.focus('#f-outage-time_zone'); // its options render once it is used
  await page.selectOption('#f-outage-time_zone', 'America/New_York');
  assert.match(await text(page, '#start-read-back'), /^Tue 2026-12-01 10:00 America\/New_York · 2026-12-01 15:00 UTC$/);
  // A time the clocks skipped, and nonsense, are refused beside the field; the scenario keeps its start.
  await typeInto(page, '#f-outage-start', '2026-03-08 02:30');
  assert.equal(await text(page, '#f-outage-start-error'), '', 'no message while still typing');
  await page.keyboard.press('Tab');
  assert.match(await text(page, '#f-outage-start-error'), /never showed on clocks in America\/New_York/);
  await typeInto(page, '#f-outage-start', 'next tuesday');
  await page.keyboard.press('Tab');
  assert.match(await text(page, '#f-outage-start-error'), /Type a date and time such as 2026-12-01 10:00\./);
  assert.equal(await page.inputValue('#f-outage-start'), 'next tuesday', 'what was typed stays');
  assert.match(await text(page, '.window'), /^Tue 2026-12-01 10:00 to Tue 2026-12-01 14:00 America\/New_York/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the zone defaults to the browser’s when a team works there, else the first team’s', async () => {
  for (const [browserZone, shown] of [['America/New_York', 'America/New_York'], ['Asia/Tokyo', 'Europe/London']]) {
    const { context, page, errors } = await openIn(browserZone);
    assert.equal(await page.inputValue('#f-outage-time_zone'), shown, `a browser in ${browserZone}`);
    assert.match(await text(page, '.window'), new RegExp(`${shown.replace('/', '\\/')}, 9 h 27 min$`));
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the page and the command line write the same review in the reader’s zone', async () => {
  const { context, page, errors } = await openIn('America/New_York');
  assert.equal(await page.inputValue('#f-outage-time_zone'), 'America/New_York');
  await page.click('#export-menu summary');
  const md = (await download(page, '#export-review')).body;
  const example = join(artifacts, '..', '..', '..', 'src/core/input/presets/example.json');
  const fromCli = cli(['report', example, '--format', 'md', '--zone', 'America/New_York', '--base', url]);
  const withoutClock = (s) => s.replace(/ on \d{4}-\d\d-\d\dT[\d:]+Z(?=\n|<)/, '');
  assert.equal(withoutClock(md), withoutClock(fromCli));
  assert.match(md, /Outage starts: Mon 2026-03-02 06:49 America\/New\\_York/);
  // Typing a start records its zone: from then on the link says which, and the command line follows.
  await typeInto(page, '#f-outage-start', '2026-12-01 10:00');
  await page.waitForFunction(() => document.querySelector('#start-read-back').innerText.includes('15:00 UTC'));
  await page.click('#export-menu summary');
  const scenario = await download(page, '#export-scenario');
  assert.equal(JSON.parse(scenario.body).outage.time_zone, 'America/New_York');
  const report = cli(['report', scenario.path, '--format', 'md']);
  assert.match(report, /Outage starts: Tue 2026-12-01 10:00 America\/New\\_York/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 48-hour outage reads with its dates, never "10:00 to 10:00"', async () => {
  const { context, page, errors } = await openIn('Europe/London');
  await page.selectOption('#scope', 'provider:Primary AI provider');
  await typeInto(page, '#f-outage-start', '2026-12-01 10:00');
  await typeInto(page, '#length-exact', '48');
  await windowShows(page, /^Tue 2026-12-01 10:00 to Thu 2026-12-03 10:00 Europe\/London, 48 h 00 min$/);
  // The time charts read in clock time, with weekdays.
  await page.waitForFunction(() => /Wed \d\d:00/.test(document.querySelector('#chart-residual svg')?.textContent ?? ''));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the key figures stay in view while editing far down the page', async () => {
  const { context, page, errors } = await openPage(browser, url);
  const cost = await text(page, '#total-cost');
  await page.locator('#f-outage-incidents-6-severity').scrollIntoViewIfNeeded();
  const bar = await page.locator('.summary-bar').boundingBox();
  assert.ok(bar && bar.y >= 0 && bar.y < 10, `the bar is at the top of the window (${bar?.y})`);
  assert.match(await text(page, '#summary-line'), new RegExp(`^${cost} · 20\\.7 person-hours · lowest 73\\.2% · 9 h 27 min$`));
  await typeInto(page, '#f-outage-incidents-6-severity', '90');
  await page.waitForFunction((c) => !document.querySelector('#summary-line').innerText.startsWith(c), cost);
  assert.notEqual(await text(page, '#summary-line'), cost);
  await page.screenshot({ path: join(artifacts, 'editor-summary-bar-1280x800.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a problem shows beside the field or row that causes it, in the user’s words', async () => {
  const { context, page, errors } = await openPage(browser, url);
  // Engineering's workflows take 60% and 15%; the second at 90% makes 150%.
  await typeInto(page, '#f-workflows-1-share', '90');
  const card = page.locator('.card.team').first();
  await page.waitForFunction(() => document.querySelector('.card.team .row-error')?.innerText.length > 0);
  const said = await card.locator('.row-error').innerText();
  assert.match(said, /Engineering/);
  assert.match(said, /150%/);
  // The summary bar says the results wait; the list names places as the page does.
  assert.match(await text(page, '#summary-line'), /The results wait for a fix: 1 problem/);
  assert.match(await text(page, '.waiting'), /Team “Engineering”: /);
  assert.doesNotMatch(await text(page, 'main'), /(teams|workflows)\[\d+\]/, 'no developer paths on the page');
  // Its link goes to the row.
  await page.locator('.waiting a').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-teams-0');
  await page.screenshot({ path: join(artifacts, 'problem-beside-its-row-1280x800.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

/** Elements cut off: outside the window sideways, or clipped by a box that does not scroll. */
async function cutOff(page) {
  return page.evaluate(() => {
    const bad = [];
    const vw = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('main input, main select, main button, main summary, main label, main th, main td, main .figure, main .drawing, main h2, main h3, .menu-items')) {
      if (el.closest('.visually-hidden')) continue; // for screen readers only, by design
      const head = el.closest('thead');
      if (head && getComputedStyle(head).position === 'absolute') continue; // a phone's stacked table: its header, for screen readers
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown (a closed section)
      if (r.left < -1 || r.right > vw + 1) bad.push(`${el.tagName}#${el.id || el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
      // Text cut inside its own box (a label or cell narrower than its words).
      if (['LABEL', 'TH', 'TD', 'BUTTON', 'H2', 'H3'].includes(el.tagName) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
        bad.push(`${el.tagName} text cut: ${el.innerText.slice(0, 40)}`);
      }
    }
    for (const input of document.querySelectorAll('main input[type="text"]')) {
      // A name field shows its whole name (the example's longest fit).
      if (input.id.endsWith('-name') && input.scrollWidth > input.clientWidth + 2) bad.push(`input ${input.id} cuts "${input.value}"`);
    }
    return bad;
  });
}

for (const [name, viewport] of [['1280x800', DESK], ['390x844', PHONE]]) {
  test(`nothing is cut or hidden at ${name}`, async () => {
    const { context, page, errors } = await openPage(browser, url, viewport);
    // Open every closed section, and the export menu.
    await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
    await page.click('#export-menu summary');
    await page.waitForTimeout(300);
    assert.deepEqual(await cutOff(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling of the page (overflow ${overflow}px)`);
    await page.screenshot({ path: join(artifacts, `export-menu-${name}.png`) });
    await page.evaluate(() => { document.querySelector('#export-menu').open = false; });
    // The top of the page, the editor, and each chart.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(artifacts, `top-${name}.png`) });
    await page.locator('#editor-title').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    // Sections off screen are laid out once scrolled to (content-visibility): let them paint.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(artifacts, `editor-${name}.png`) });
    await page.locator('.card.workflow').nth(2).scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(artifacts, `workflows-${name}.png`) });
    for (const chart of ['residual', 'cost', 'teams', 'workflows', 'length']) {
      await page.locator(`#chart-${chart}`).screenshot({ path: join(artifacts, `chart-${chart}-${name}.png`) });
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('charts are drawn for their box (vector, crisp at any pixel ratio) and complete', async () => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 3 });
  const { page, errors } = await openPage(browser, url, undefined, context);
  for (const chart of ['residual', 'cost', 'teams', 'workflows']) {
    const fit = await page.evaluate((c) => {
      const box = document.querySelector(`#chart-${c}`).getBoundingClientRect();
      const svg = document.querySelector(`#chart-${c} svg`);
      const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
      return { box: [Math.round(box.width), Math.round(box.height)], drawn: [w, h], canvases: document.querySelectorAll(`#chart-${c} canvas`).length };
    }, chart);
    assert.deepEqual(fit.drawn, fit.box, `${chart} is drawn at its box's size, in vectors`);
    assert.equal(fit.canvases, 0, `${chart} has no bitmap to blur`);
  }
  const residual = await page.evaluate(() => document.querySelector('#chart-residual svg').textContent);
  for (const key of ['Organisation', 'Target 60%', 'A component down', 'Someone at work', 'Time in Europe/London']) {
    assert.ok(residual.includes(key), `the residual chart names "${key}"`);
  }
  // Names that share a start stay apart; money labels are whole.
  const bars = await page.$$eval('#chart-workflows svg text', (ts) => ts.map((t) => t.textContent.trim()));
  const uk = bars.find((b) => b.includes('(UK)'));
  const us = bars.find((b) => b.includes('(US)'));
  assert.ok(uk && us && uk !== us, `both support bots named apart: ${bars.join(' | ')}`);
  const labelsInside = await page.evaluate(() => [...document.querySelectorAll('.drawing svg text')].every((t) => {
    const r = t.getBoundingClientRect();
    const box = t.closest('.drawing').getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1;
  }));
  assert.ok(labelsInside, 'no label runs off its chart');
  await page.locator('#chart-residual').screenshot({ path: join(artifacts, 'chart-residual-phone-dpr3.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the compared workflow is the hardest hit; the loss curve follows the chosen length and marks it', async () => {
  const { context, page, errors } = await openPage(browser, url);
  // The help desk down: the support bots lose most, not the first workflow.
  await page.selectOption('#scope', 'component:helpdesk');
  await page.waitForFunction(() => document.querySelector('#picked-workflow option:checked')?.innerText.includes('Support bot'));
  await typeInto(page, '#length-exact', '7d');
  await windowShows(page, /168 h 00 min$/);
  await page.waitForFunction(() => (document.querySelector('#chart-length svg')?.textContent ?? '').includes('This outage: 168 h 00 min'), null, { timeout: 20000 });
  const ticks = await page.$$eval('#chart-length svg text', (ts) => ts.map((t) => t.textContent.trim()));
  assert.ok(ticks.some((t) => Number(t) >= 168), `the length axis reaches past 7 days: ${ticks.join(' ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('adding moves focus to what was added; skip links reach the results and the editor', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the results');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the scenario editor');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor-title');
  await page.getByRole('button', { name: 'Add workflow' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-workflows-6-name');
  assert.ok(await page.locator('#f-workflows-6-name').isVisible());
  const box = await page.locator('#f-workflows-6-name').boundingBox();
  assert.ok(box.y > 0 && box.y < 800, `the new workflow is in view (${box.y})`);
  await page.getByRole('button', { name: 'Add team' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-teams-4-name');
  // Labels follow a rename.
  await typeInto(page, '#f-teams-0-name', 'Platform');
  assert.equal(await page.getByRole('button', { name: 'Remove: Platform' }).count(), 1);

  // From the scope picker to the first "Add fallback", by Tab alone.
  await page.focus('#scope');
  let presses = 0;
  while (presses < 400 && !(await page.evaluate(() => document.activeElement?.innerText === 'Add fallback'))) {
    await page.keyboard.press('Tab');
    presses++;
  }
  figure('tab_presses_scope_to_first_add_fallback', presses);
  assert.ok(presses < 400, 'Tab reaches "Add fallback"');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the reviewer pack: Markdown and HTML with summary, inputs and charts; CSVs with names', async () => {
  const { context, page, errors } = await openIn('Europe/London');
  await page.selectOption('#scope', 'provider:Primary AI provider');
  await typeInto(page, '#f-outage-start', '2026-12-01 10:00');
  await typeInto(page, '#length-exact', '48');
  await windowShows(page, /48 h 00 min$/);
  await page.click('#export-menu summary');
  const md = (await download(page, '#export-review')).body;
  const summary = md.split('\n')[2];
  assert.match(summary, /^A 48-hour outage of the whole of Primary AI provider from Tue 2026-12-01 10:00 Europe\/London costs about £[\d,]+: [\d.]+ person-hours of lost work/);
  const cost = await text(page, '#total-cost');
  assert.ok(md.includes(`- Cost: ${cost} (`), 'the report and the page agree');
  for (const table of ['## Inputs: teams', '## Inputs: components', '## Inputs: workflows', '## Inputs: fallbacks', '## Inputs: incidents']) {
    assert.ok(md.includes(table), `missing ${table}`);
  }
  assert.doesNotMatch(md, /\| \d\d-\d\d \d\d:\d\d/, 'no day-month-less dates like 12-01 11:00');
  assert.match(md, /Tue 2026-12-01 \d\d:\d\d to /);

  await page.click('#export-menu summary');
  const html = await download(page, '#export-review-html');
  assert.equal(html.body.match(/<svg/g)?.length, 5, 'five charts inside');
  assert.doesNotMatch(html.body, /<script|<link|src=|url\(/, 'nothing loaded from elsewhere');
  // The HTML report as a reader sees it, on screen and printed.
  const reader = await context.newPage();
  await reader.goto(`file://${html.path}`);
  await reader.screenshot({ path: join(artifacts, 'html-report-1280x800.png') });
  await reader.setViewportSize(PHONE);
  await reader.screenshot({ path: join(artifacts, 'html-report-390x844.png') });
  const pdf = await reader.pdf({ format: 'A4', path: join(artifacts, 'html-report.pdf') });
  assert.ok(pdf.length > 20000, `the report prints (${pdf.length} bytes)`);

  await page.click('#export-menu summary');
  const residual = (await download(page, '#export-csv-residual')).body.split('\n');
  assert.match(residual[0], /^from_utc,to_utc,from \(Europe\/London\),to \(Europe\/London\),minutes_from_start,organisation_residual,Coding with an AI assistant \[eng-coding\],/);
  assert.match(residual[1], /^2026-12-01T10:00:00Z,2026-12-01T[\d:]+Z,Tue 2026-12-01 10:00,/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('print carries the scenario name and what goes down', async () => {
  const { context, page, errors } = await openPage(browser, url);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.scenario-line').isVisible());
  assert.match(await text(page, '.scenario-line'), /^Example organisation through the March 2, 2026 outage · March 2, 2026 replay$/);
  assert.equal(await page.locator('.summary-bar').isVisible(), false);
  assert.deepEqual(errors, []);
  await context.close();
});
