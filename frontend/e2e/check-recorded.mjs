// Fails when the browser tests recorded by record-exit.mjs failed (or never ran).
// Usage: node e2e/check-recorded.mjs <file>
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(`The browser tests left no result in ${file}: they did not run.`);
  process.exit(1);
}
const code = Number(readFileSync(file, 'utf8').trim());
if (code !== 0) {
  console.error(`The browser tests failed (exit code ${code}); see their output above.`);
  process.exit(1);
}
console.log('Browser tests passed.');
