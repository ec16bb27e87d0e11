#!/usr/bin/env node
// Writes a gzip copy (best compression) next to every built chunk and stylesheet under
// assets/ (run by `npm run build`, after `vite build`). The server sends these as they are
// (platform/web/StaticResources) instead of compressing each response on the fly: smaller
// (gzip -9 in one go, not in flushed pieces) and no work per request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assets = path.resolve(frontend, process.argv[2] ?? 'target/classes/static', 'assets');

let count = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css)$/.test(name)) continue;
  const file = path.join(assets, name);
  writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
  count += 1;
}
console.log(`gzipped ${count} files in ${path.relative(frontend, assets)}`);
