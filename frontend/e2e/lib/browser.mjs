// Browser helpers for the end-to-end journeys: launching Debian's Chromium through
// playwright-core, and opening pages that record console errors, page errors and
// requests that leave the app.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { BASE_URL, CHROMIUM_PATH, NEUTRAL_URL } from './config.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable() {
  return existsSync(CHROMIUM_PATH);
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The tiny page served instead of the real neutral site (the machine has no internet). */
export const NEUTRAL_PAGE_HTML =
  '<!doctype html><html lang="en"><head><title>neutral</title></head><body><p>neutral</p></body></html>';

const appOrigin = new URL(BASE_URL).origin;
const neutralHost = new URL(NEUTRAL_URL).host;

/**
 * Opens a fresh, isolated browser context and page (starting at about:blank).
 *
 * The returned `problems` collects console errors and uncaught page errors;
 * `externalRequests` lists requests to anywhere but the app itself (the app must not
 * load anything from third parties). Requests to the neutral quick-exit host are
 * answered locally with NEUTRAL_PAGE_HTML; any other external request is aborted.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const problems = [];
  const externalRequests = [];

  await context.route(
    (url) => url.origin !== appOrigin,
    async (route) => {
      const url = new URL(route.request().url());
      if (url.host === neutralHost) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_PAGE_HTML });
      } else {
        externalRequests.push(url.href);
        await route.abort();
      }
    },
  );

  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  return { context, page, problems, externalRequests };
}

/** Problems that happened on the app's own pages (ignores the neutral stand-in page). */
export function describeProblems(problems) {
  return problems.length === 0 ? '' : `\n    ${problems.join('\n    ')}`;
}
