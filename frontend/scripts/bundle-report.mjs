#!/usr/bin/env node
// Prints how much JavaScript a phone downloads before a page is usable (run by `npm run build`,
// after `vite build`). For each page: the entry chunk, the chunks it imports statically, the
// texts of the default language (main.tsx loads them before the first render) and the page's
// own lazy chunk with its static imports. Sizes are those of the .gz files the server sends
// (scripts/precompress.mjs).
//
// Usage: node scripts/bundle-report.mjs [outDir]   (default: target/classes/static)
// Exit code 0 always: the budget is asserted by the browser test (e2e/pwa.e2e.mjs), which
// measures what a browser really fetches; this is the figure to watch while building.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(frontend, process.argv[2] ?? 'target/classes/static');
const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'));

export const BUDGET_BYTES = 150_000;

const PAGES = {
  landing: ['src/app/WelcomePage.tsx', 'src/i18n/locales/nl.json?texts=start'],
  chat: ['src/chat/ChatPage.tsx'],
};
const ALWAYS = ['index.html', 'src/i18n/locales/nl.json?texts=core'];

/** The chunk of `key` and every chunk it imports statically, as output file names. */
function withStaticImports(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in .vite/manifest.json (renamed?)`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) withStaticImports(imported, files);
  return files;
}

const gzipped = (file) => readFileSync(path.join(outDir, `${file}.gz`)).length;
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

for (const [page, keys] of Object.entries(PAGES)) {
  const files = new Set();
  for (const key of [...ALWAYS, ...keys]) withStaticImports(key, files);
  const js = [...files].filter((file) => file.endsWith('.js'));
  const total = js.reduce((sum, file) => sum + gzipped(file), 0);
  const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`Initial JS for ${page}: ${kB(total)} gzipped in ${js.length} files (${verdict} the ${kB(BUDGET_BYTES)} budget)`);
}
