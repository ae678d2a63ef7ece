// Lighthouse 12 on the release build served with gzip, as a static host
// serves it: its default mobile preset (slow 4G, a 4× slower CPU), three
// runs, median figures printed. A benchmark, not a test: it asserts nothing.
//
//   node scripts/lighthouse.mjs        (after `trunk build --release`;
//   RUNS=5 for more runs, KEEP=1 to keep each run's report in .lighthouse/)
//
// Lighthouse is installed on first use into .lighthouse/ (12.2.3 exactly:
// later versions need a newer Node), driving Debian's Chromium.
import { createServer } from 'node:http';
import { readFile, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const tools = join(root, '.lighthouse');
const runs = Number(process.env.RUNS ?? 3);

if (!existsSync(join(tools, 'node_modules/lighthouse'))) {
  await mkdir(tools, { recursive: true });
  execFileSync('npm', ['i', '-E', 'lighthouse@12.2.3', '--prefix', tools, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
  const file = join(dist, path === '' ? 'index.html' : path);
  try {
    const body = await readFile(file);
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gzipSync(body, { level: 9 }) : body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const cli = join(tools, 'node_modules/lighthouse/cli/index.js');
const results = [];
for (let k = 0; k < runs; k++) {
  const report = join(tools, `run-${k + 1}.json`);
  // Asynchronously: the server above runs in this process's event loop.
  await promisify(execFile)(process.execPath, [cli, url, '--quiet', '--output=json', `--output-path=${report}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    '--only-categories=performance,accessibility,best-practices'],
  { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' } });
  const lhr = JSON.parse(await readFile(report, 'utf8'));
  if (!process.env.KEEP) await rm(report);
  const audit = (id) => lhr.audits[id]?.numericValue;
  results.push({
    performance: lhr.categories.performance.score * 100,
    accessibility: lhr.categories.accessibility.score * 100,
    best_practices: lhr.categories['best-practices'].score * 100,
    lcp_ms: audit('largest-contentful-paint'),
    tbt_ms: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    fcp_ms: audit('first-contentful-paint'),
    transfer_bytes: audit('total-byte-weight'),
  });
  const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
  console.log(`run ${k + 1}: ${JSON.stringify(results.at(-1))}${failing.length ? ` failing: ${failing.join(', ')}` : ''}`);
}
server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const key of Object.keys(results[0])) {
  console.log(`FIGURE lighthouse_${key} ${+median(results.map((r) => r[key])).toFixed(3)} (runs: ${results.map((r) => +r[key].toFixed(3)).join(', ')})`);
}
