#!/usr/bin/env node
// Runs every e2e/*.e2e.mjs journey file against a running Cocon (COCON_BASE_URL) in
// headless Chromium and prints "N passed, M failed". Exit code 1 when anything failed.
//
// A journey file exports `tests`: an array of { name, run(ctx) }. `ctx` offers:
//   ctx.browser                  the shared Browser
//   ctx.openPage(contextOptions) a fresh context + page with error collection (see lib/browser.mjs);
//                                contexts are closed automatically after the test
//   ctx.baseUrl, ctx.neutralUrl, ctx.artifactsDir
// A test passes when `run` resolves and fails when it throws (use node:assert).
// A test may set `timeoutMs` when it has to wait for something slow (a scheduled delivery);
// otherwise COCON_E2E_TIMEOUT_MS applies.
//
// Filter: `node e2e/run-e2e.mjs shell` runs only the checks whose full name ("<file> › <test>")
// contains "shell" (so a file name selects that file); several words select checks matching
// any of them. Without words (`npm run e2e`) every *.e2e.mjs file runs.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumAvailable, launchBrowser, openPage } from './lib/browser.mjs';
import { ARTIFACTS_DIR, BASE_URL, CHROMIUM_PATH, NEUTRAL_URL, TEST_TIMEOUT_MS } from './lib/config.mjs';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter(Boolean); // optional: run only tests whose name contains one of these

function summary(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function appReachable() {
  try {
    const response = await fetch(BASE_URL, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? (error.cause?.message ?? error.message) : String(error);
  }
}

async function loadTests() {
  const files = (await readdir(e2eDir)).filter((name) => name.endsWith('.e2e.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const module = await import(pathToFileURL(path.join(e2eDir, file)).href);
    if (!Array.isArray(module.tests)) throw new Error(`${file} must export an array named "tests"`);
    for (const test of module.tests) tests.push({ ...test, name: `${file.replace('.e2e.mjs', '')} › ${test.name}` });
  }
  return filters.length > 0 ? tests.filter((test) => filters.some((filter) => test.name.includes(filter))) : tests;
}

async function main() {
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true') {
      console.error(`ERROR: no Chromium at ${CHROMIUM_PATH}. Install Debian's "chromium" package or set CHROMIUM_PATH.`);
      process.exit(1);
    }
    console.log(`SKIPPED: no Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package or set CHROMIUM_PATH).`);
    process.exit(0);
  }

  const unreachable = await appReachable();
  if (unreachable) {
    console.error(`ERROR: Cocon is not reachable at ${BASE_URL} (${unreachable}). Start the app or set COCON_BASE_URL.`);
    summary(0, 1);
    process.exit(1);
  }

  const tests = await loadTests();
  if (tests.length === 0) {
    console.error('ERROR: no e2e tests found.');
    summary(0, 1);
    process.exit(1);
  }

  await mkdir(ARTIFACTS_DIR, { recursive: true });
  console.log(`Running ${tests.length} browser checks against ${BASE_URL} with ${CHROMIUM_PATH}`);

  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    for (const test of tests) {
      const contexts = [];
      const ctx = {
        browser,
        baseUrl: BASE_URL,
        neutralUrl: NEUTRAL_URL,
        artifactsDir: ARTIFACTS_DIR,
        async openPage(contextOptions) {
          const opened = await openPage(browser, contextOptions);
          contexts.push(opened.context);
          return opened;
        },
      };
      const started = Date.now();
      try {
        await withTimeout(test.run(ctx), Math.max(TEST_TIMEOUT_MS, test.timeoutMs ?? 0), test.name);
        passed += 1;
        console.log(`  ✓ ${test.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        console.log(`  ✗ ${test.name} (${Date.now() - started} ms)`);
        console.log(`    ${(error instanceof Error ? error.message : String(error)).split('\n').join('\n    ')}`);
      } finally {
        await Promise.allSettled(contexts.map((context) => context.close()));
      }
    }
  } finally {
    await browser.close();
  }

  summary(passed, failed);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error('ERROR: the e2e runner crashed:', error);
  summary(0, 1);
  process.exit(1);
});
