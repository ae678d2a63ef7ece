// Trunk post-build hook: minifies the wasm-bindgen JS glue of release builds
// with terser (trunk minifies only its own JS, CSS and HTML). The JS is part
// of the page's download budget. index.html turns off trunk's integrity
// hashes for this file, which minifying after trunk would invalidate.
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
