// Browser journeys for the app shell: first visit, language, quick exit, accessibility,
// screenshots. Each test gets fresh pages from ctx.openPage (see run-e2e.mjs).
import assert from 'node:assert/strict';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { describeProblems } from './lib/browser.mjs';

const TEXT = {
  nl: { h1: 'Welkom bij Cocon', exit: 'Snel weg', title: 'Notities' },
  en: { h1: 'Welcome to Cocon', exit: 'Quick exit', title: 'Notes' },
};

async function gotoApp(page, ctx) {
  assert.equal(page.url(), 'about:blank', 'journeys start from a fresh page');
  await page.goto(ctx.baseUrl, { waitUntil: 'load' });
  await page.locator('h1').waitFor({ state: 'visible', timeout: 10_000 });
}

function assertNoProblems(problems, externalRequests) {
  assert.equal(problems.length, 0, `console or page errors:${describeProblems(problems)}`);
  assert.equal(externalRequests.length, 0, `requests to third parties:${describeProblems(externalRequests)}`);
}

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/**
 * After a quick exit: the tab shows the neutral site, Back does not return to Cocon,
 * and nothing is left in sessionStorage.
 */
async function assertLeftForGood(page, ctx) {
  await page.waitForURL((url) => url.href === ctx.neutralUrl, { timeout: 10_000 }).catch(() => {
    throw new Error(`expected to land on ${ctx.neutralUrl}, but the page is at ${page.url()}`);
  });
  assert.equal(page.url(), ctx.neutralUrl);
  assert.match(await page.locator('body').innerText(), /neutral/);

  await page.goBack({ waitUntil: 'load', timeout: 10_000 });
  const appOrigin = new URL(ctx.baseUrl).origin;
  const backUrl = page.url();
  const cocconVisible = await page.getByRole('heading', { level: 1, name: /Cocon/ }).count();
  assert.ok(
    !backUrl.startsWith(appOrigin) && cocconVisible === 0,
    `Back after quick exit must not return to Cocon, but it went to ${backUrl}` +
      (cocconVisible ? ' and shows the Cocon page' : ''),
  );

  // sessionStorage belongs to the tab and origin: come back to the app in the same tab and look.
  await page.goto(ctx.baseUrl, { waitUntil: 'load' });
  const leftOver = await page.evaluate(() => window.sessionStorage.length);
  assert.equal(leftOver, 0, `sessionStorage still holds ${leftOver} item(s) after quick exit`);
}

async function rememberSomethingInSession(page) {
  await page.evaluate(() => window.sessionStorage.setItem('e2e-probe', 'private draft'));
  assert.equal(await page.evaluate(() => window.sessionStorage.length), 1);
}

async function seriousAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of results.violations) {
    const where = v.nodes.map((node) => node.target.join(' ')).join(', ');
    console.log(`    axe (${label}) ${v.impact}: ${v.id} – ${v.help} [${where}]`);
  }
  return serious.map((v) => `${v.impact}: ${v.id} – ${v.help} (${v.nodes.length} element(s): ${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export const tests = [
  {
    name: 'page loads: h1 with Cocon, neutral tab title, no errors, nothing from third parties',
    async run(ctx) {
      const { page, problems, externalRequests } = await ctx.openPage();
      await gotoApp(page, ctx);

      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1, 'exactly one h1');
      assert.match(await h1.innerText(), /Cocon/);
      assert.equal(await page.title(), TEXT.nl.title, 'tab title must be the neutral one');
      assert.equal(await page.locator('header').count(), 1, 'a header landmark');
      assert.equal(await page.locator('main').count(), 1, 'a main landmark');
      assert.equal(await page.locator('footer').count(), 1, 'a footer landmark');

      await page.waitForLoadState('networkidle');
      assertNoProblems(problems, externalRequests);
    },
  },
  {
    name: 'language: Dutch by default, switch to English, reload keeps English',
    async run(ctx) {
      const { page, problems, externalRequests } = await ctx.openPage();
      await gotoApp(page, ctx);

      await page.getByRole('heading', { level: 1, name: TEXT.nl.h1 }).waitFor();
      assert.equal(await htmlLang(page), 'nl');
      assert.ok(await page.getByRole('button', { name: TEXT.nl.exit }).isVisible(), 'Dutch quick-exit label');

      const languages = page.getByRole('group', { name: 'Kies je taal' });
      assert.equal(await languages.getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed'), 'true');
      await languages.getByRole('button', { name: 'English' }).click();
      const english = page.getByRole('group', { name: 'Choose your language' }).getByRole('button', { name: 'English' });

      await page.getByRole('heading', { level: 1, name: TEXT.en.h1 }).waitFor({ timeout: 5_000 });
      assert.ok(await page.getByRole('button', { name: TEXT.en.exit }).isVisible(), 'English quick-exit label');
      assert.equal(await page.getByText(TEXT.nl.h1).count(), 0, 'no Dutch heading left');
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await english.getAttribute('aria-pressed'), 'true');
      assert.equal(await page.title(), TEXT.en.title, 'tab title stays neutral in English');

      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: TEXT.en.h1 }).waitFor({ timeout: 5_000 });
      assert.equal(await htmlLang(page), 'en', 'English is remembered after reload');

      assertNoProblems(problems, externalRequests);
    },
  },
  {
    name: 'quick exit by clicking: neutral site, Back does not return, session cleared',
    async run(ctx) {
      const { page, problems, externalRequests } = await ctx.openPage();
      await gotoApp(page, ctx);
      await rememberSomethingInSession(page);

      const exit = page.getByRole('button', { name: TEXT.nl.exit });
      assert.ok(await exit.isVisible(), 'quick-exit button is visible');
      await exit.click();

      await assertLeftForGood(page, ctx);
      assertNoProblems(problems, externalRequests);
    },
  },
  {
    name: 'quick exit by Esc twice quickly (not by one Esc, nor two slow ones)',
    async run(ctx) {
      const { page, problems, externalRequests } = await ctx.openPage();
      await gotoApp(page, ctx);
      await rememberSomethingInSession(page);

      // One Escape, then a second one too late (> 1 s): neither may leave.
      const appOrigin = new URL(ctx.baseUrl).origin;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_500);
      assert.ok(page.url().startsWith(appOrigin), `one Escape must not leave (now at ${page.url()})`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_500);
      assert.ok(page.url().startsWith(appOrigin), `two slow Escapes must not leave (now at ${page.url()})`);

      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      await assertLeftForGood(page, ctx);
      assertNoProblems(problems, externalRequests);
    },
  },
  {
    // The sign-in form is a real HTML POST, which always adds a history entry; quick exit can
    // only replace the current one. Older Cocon entries must leave again when reached with Back.
    name: 'quick exit also covers older Cocon entries in Back history',
    async run(ctx) {
      const { page, problems, externalRequests } = await ctx.openPage();
      const appOrigin = new URL(ctx.baseUrl).origin;
      await gotoApp(page, ctx);
      // A second Cocon entry, as a form post would make.
      await page.goto(new URL('/?second-entry', ctx.baseUrl).href, { waitUntil: 'load' });
      await page.locator('h1').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await page.evaluate(() => history.length), 3, 'about:blank + two Cocon entries');

      await page.getByRole('button', { name: TEXT.nl.exit }).click();
      await page.waitForURL((url) => url.href === ctx.neutralUrl, { timeout: 10_000 });

      // Back reaches the first Cocon entry, which must leave again at once.
      await page.goBack({ waitUntil: 'load', timeout: 10_000 }).catch(() => null);
      await page.waitForURL((url) => url.href === ctx.neutralUrl, { timeout: 10_000 }).catch(() => {
        throw new Error(`Back after quick exit showed an older Cocon entry: ${page.url()}`);
      });
      assert.match(await page.locator('body').innerText(), /neutral/);

      // One more Back leaves the tab's Cocon history behind entirely.
      await page.goBack({ waitUntil: 'load', timeout: 10_000 }).catch(() => null);
      await page.waitForTimeout(500);
      assert.ok(!page.url().startsWith(appOrigin), `expected to be out of Cocon, but at ${page.url()}`);

      // Opening Cocon on purpose works normally again.
      await page.goto(ctx.baseUrl, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: TEXT.nl.h1 }).waitFor({ timeout: 10_000 });
      assertNoProblems(problems, externalRequests);
    },
  },
  {
    name: 'accessibility: no serious or critical axe violations (Dutch, English, mobile)',
    async run(ctx) {
      const found = [];

      // Reduced motion: colour transitions are off, so axe measures the settled colours.
      const desktop = await ctx.openPage({ reducedMotion: 'reduce' });
      await gotoApp(desktop.page, ctx);
      found.push(...(await seriousAxeViolations(desktop.page, 'nl desktop')));
      await desktop.page.getByRole('button', { name: 'English' }).click();
      await desktop.page.getByRole('heading', { level: 1, name: TEXT.en.h1 }).waitFor();
      found.push(...(await seriousAxeViolations(desktop.page, 'en desktop')));

      const mobile = await ctx.openPage({
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        reducedMotion: 'reduce',
      });
      await gotoApp(mobile.page, ctx);
      found.push(...(await seriousAxeViolations(mobile.page, 'nl 360px')));

      assert.equal(found.length, 0, `axe found serious/critical violations:${describeProblems(found)}`);
    },
  },
  {
    name: 'screenshots: desktop and 390×844 mobile',
    async run(ctx) {
      const desktop = await ctx.openPage({ viewport: { width: 1280, height: 800 } });
      await gotoApp(desktop.page, ctx);
      const desktopFile = path.join(ctx.artifactsDir, 'app-shell.png');
      await desktop.page.screenshot({ path: desktopFile, fullPage: true });

      const mobile = await ctx.openPage({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      await gotoApp(mobile.page, ctx);
      const mobileFile = path.join(ctx.artifactsDir, 'app-shell-mobile.png');
      await mobile.page.screenshot({ path: mobileFile, fullPage: true });

      // The quick-exit button must be in view without scrolling on a phone.
      const box = await mobile.page.getByRole('button', { name: TEXT.nl.exit }).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 844 && box.x + box.width <= 390, 'quick exit visible on mobile');

      // No horizontal scrolling at phone width.
      const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than a 390px screen`);

      console.log(`    saved ${path.relative(process.cwd(), desktopFile)} and ${path.relative(process.cwd(), mobileFile)}`);
    },
  },
];
