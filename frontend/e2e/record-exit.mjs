// Runs the browser tests and records their exit code in a file instead of failing, so that
// Maven still stops the app it started for them (post-integration-test); check-recorded.mjs
// then fails the build in the verify phase. Usage: node e2e/record-exit.mjs <file> [filter...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [file, ...filters] = process.argv.slice(2);
if (!file) {
  console.error('usage: node e2e/record-exit.mjs <file> [filter...]');
  process.exit(2);
}
rmSync(file, { force: true });
const run = spawnSync(process.execPath, ['e2e/run-e2e.mjs', ...filters], { stdio: 'inherit' });
const code = run.status ?? 1;
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, String(code));
process.exit(0);
