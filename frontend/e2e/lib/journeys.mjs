// Helpers shared by the browser journeys that sign in: demo accounts, problem and axe checks,
// screenshots, and signing in through the real sign-in page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { describeProblems } from './browser.mjs';

export const DEMO_PASSWORD = process.env.COCON_DEMO_PASSWORD || 'cocon-demo-2026';

export const URL_TIMEOUT = 20_000;

/** Dutch texts of the start and sign-in pages (Dutch is the default language). */
export const SIGN_IN_NL = {
  welcome: 'Welkom bij Cocon',
  signIn: 'Aanmelden',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
};

/** No console or page errors (except those matching `allow`) and nothing fetched from third parties. */
export function assertNoProblems({ problems, externalRequests }, where, { allow = null } = {}) {
  const left = allow ? problems.filter((problem) => !allow.test(problem)) : problems;
  assert.equal(left.length, 0, `console or page errors (${where}):${describeProblems(left)}`);
  assert.equal(externalRequests.length, 0, `requests to third parties (${where}):${describeProblems(externalRequests)}`);
}

/** Logs every axe violation and fails on serious or critical ones. */
export async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const targets = (v) => v.nodes.map((n) => n.target.join(' ')).join(', ');
  for (const v of results.violations) {
    console.log(`    axe (${label}) ${v.impact}: ${v.id} – ${v.help} [${targets(v)}]`);
  }
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} – ${v.help} (${targets(v)})`);
  assert.equal(serious.length, 0, `axe found serious/critical violations on ${label}:${describeProblems(serious)}`);
}

export async function screenshot(page, ctx, name) {
  const file = path.join(ctx.artifactsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`    saved ${path.relative(process.cwd(), file)}`);
}

/** Signs in from the start page through the real sign-in page and waits for /home. */
export async function signInFromStart(page, ctx, username, password = DEMO_PASSWORD) {
  await page.goto(ctx.baseUrl, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: SIGN_IN_NL.welcome }).waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: SIGN_IN_NL.signIn, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/login', { timeout: URL_TIMEOUT });
  await page.locator('form input[type="hidden"][name="_csrf"]').waitFor({ state: 'attached', timeout: 10_000 });
  await page.getByLabel(SIGN_IN_NL.username, { exact: true }).fill(username);
  await page.getByLabel(SIGN_IN_NL.password, { exact: true }).fill(password);
  await page.locator('form').getByRole('button', { name: SIGN_IN_NL.signIn, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/home', { timeout: URL_TIMEOUT });
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 10_000 });
}

/** A short unique mark for texts a journey writes, so reruns on one server do not mix. */
export function stamp() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Fails early with a clear message unless `apiPath` answers 401 without a token, i.e. the
 * real backend with that API is running.
 */
export async function requireProtectedApi(ctx, apiPath, what) {
  const url = new URL(apiPath, ctx.baseUrl);
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) }).catch((error) => {
    throw new Error(`cannot reach ${url}: ${error instanceof Error ? error.message : error}`);
  });
  if (response.status !== 401) {
    throw new Error(`${url} answered ${response.status}: these journeys need the real backend with the ${what} API`);
  }
}

/** A picture of one element on its own. */
export async function elementShot(locator, ctx, name) {
  const file = path.join(ctx.artifactsDir, name);
  await locator.screenshot({ path: file });
  console.log(`    saved ${path.relative(process.cwd(), file)}`);
}

/** How many pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
export async function phoneOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * From /home into the conversation with `otherName` (in-app, by the link "Chat met <name>" of
 * the client's home or the therapist's caseload), connected and with its history loaded.
 */
export async function openChatWith(page, otherName) {
  const linkText = `Chat met ${otherName}`;
  // The link points at the conversation once the conversation list has loaded.
  await page.waitForFunction(
    (text) => [...document.querySelectorAll('a')].some((a) => a.textContent?.startsWith(text) && a.getAttribute('href')?.includes('?c=')),
    linkText,
    { timeout: 10_000 },
  );
  await page.getByRole('link', { name: new RegExp(`^${linkText.replace('.', '\\.')}`) }).first().click();
  await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('c'), { timeout: 10_000 });
  await page.getByRole('heading', { level: 1, name: linkText }).waitFor({ timeout: 10_000 });
  await page.getByRole('textbox', { name: `Bericht aan ${otherName}` }).waitFor({ timeout: 10_000 });
  // Connected: the reconnect banner is not shown and the history is there.
  await page.locator('.messages__start, .messages__older').first().waitFor({ timeout: 10_000 });
}
