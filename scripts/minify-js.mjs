// Trunk post-build hook: minifies the wasm-bindgen JS glue of release builds
// with terser (trunk minifies only its own JS, CSS and HTML). The JS is part
// of the page's download budget. index.html turns off trunk's integrity
// hashes for this file, which minifying after trunk would invalidate.
//
// Then, for every build, the Content-Security-Policy: the page may load only
// its own files, and run only its own scripts. The one inline script (trunk's
// loader) is allowed by its hash, computed here from the page as built.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js')) continue;
    const path = join(dir, name);
    const result = await minify(await readFile(path, 'utf8'), { module: true, compress: true, mangle: true });
    await writeFile(path, result.code);
  }
}

const page = join(process.env.TRUNK_STAGING_DIR, 'index.html');
const html = await readFile(page, 'utf8');
const hashes = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
  .filter((m) => m[1].trim() !== '')
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
// Minified (release: <meta charset=utf-8>) or as written (<meta charset="utf-8" />).
const charset = /(<meta charset=["']?utf-8["']?\s*\/?>)/i;
if (!charset.test(html)) throw new Error('index.html has no <meta charset> to put the policy after');
await writeFile(page, html.replace(charset, `$1${meta}`));
