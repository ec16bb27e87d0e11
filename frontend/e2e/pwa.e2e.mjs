// Browser journeys for the installable app and a weak connection, against the packaged app
// (Spring Boot serving the build): the manifest and icons, the service worker, Chromium's own
// installability check, what an offline reload shows, the chat outbox across going offline,
// and a first visit on a throttled "slow 4G" phone, whose figures are printed.
//
// Chromium's installability check (CDP Page.getInstallabilityErrors) is the one the browser
// uses before it offers "Install app"; an empty list means it would offer it. Chromium never
// offers it in an incognito window, which is what a normal test context is, so that check runs
// in a browser with a (temporary) profile of its own.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './lib/browser.mjs';
import { CHROMIUM_PATH } from './lib/config.mjs';
import { openChatWith, signInFromStart, stamp, URL_TIMEOUT } from './lib/journeys.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const THERAPIST = 'Dr. Noor Peeters';
const WELCOME = 'Welkom bij Cocon';
const OFFLINE_TITLE = 'Geen verbinding';
const WAITING_ONE = '1 bericht wacht om verstuurd te worden';

/** What the build promises for the JavaScript a phone needs before a page is usable (gzipped). */
const INITIAL_JS_BUDGET = 150_000;

/** Chromium's throttling presets are per second in bytes: 1.6 Mbit/s down, 750 kbit/s up, 150 ms. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

async function serviceWorkerReady(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    // ready resolves while the worker may still be "activating"
    if (worker && worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve(undefined)));
    }
    return { state: worker?.state, script: worker?.scriptURL, scope: registration.scope };
  });
}

/** Waits until the page is controlled by the service worker (clientsClaim on first install). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

/** Sums the gzipped bytes of every JavaScript response; `stop()` freezes the figure. */
function countJavaScript(page) {
  const responses = [];
  let counting = true;
  const onResponse = (response) => {
    if (counting && response.request().resourceType() === 'script') responses.push(response);
  };
  page.on('response', onResponse);
  return {
    async stop() {
      counting = false;
      page.off('response', onResponse);
      let bytes = 0;
      for (const response of responses) {
        await response.finished();
        bytes += (await response.request().sizes()).responseBodySize;
      }
      return { bytes, files: responses.length, names: responses.map((r) => new URL(r.url()).pathname.replace('/assets/', '')).join(' ') };
    },
  };
}

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

export const tests = [
  {
    name: 'manifest: neutral name, start page, standalone, icons reachable; sw.js and manifest revalidated',
    async run(ctx) {
      const { page } = await ctx.openPage(PHONE);
      await page.goto(ctx.baseUrl, { waitUntil: 'load' });
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      assert.equal(href, '/manifest.webmanifest');

      const response = await page.request.get(new URL(href, ctx.baseUrl).href);
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-type'] ?? '', /^application\/manifest\+json/);
      assert.equal(response.headers()['cache-control'], 'no-cache');
      const manifest = await response.json();
      assert.equal(manifest.short_name, 'Cocon');
      assert.equal(manifest.start_url, '/home');
      assert.equal(manifest.display, 'standalone');
      assert.ok(manifest.theme_color && manifest.background_color, 'theme and background colour');
      for (const text of [manifest.name, manifest.short_name, manifest.description ?? '']) {
        assert.doesNotMatch(text, /therap|psych|crisis|suïcid|suicid|hulp|help/i, `a neutral name: ${text}`);
      }
      const sizes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
      for (const wanted of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(sizes.includes(wanted), `icon ${wanted} in ${sizes}`);
      for (const icon of manifest.icons) {
        const image = await page.request.get(new URL(icon.src, ctx.baseUrl).href);
        assert.equal(image.status(), 200, `${icon.src} reachable`);
        assert.equal(image.headers()['content-type'], icon.type, `${icon.src} type`);
      }

      const sw = await page.request.get(new URL('/sw.js', ctx.baseUrl).href);
      assert.equal(sw.status(), 200);
      assert.match(sw.headers()['content-type'] ?? '', /javascript/);
      assert.equal(sw.headers()['cache-control'], 'no-cache');
    },
  },
  {
    name: 'service worker activated; hashed chunks gzipped and cached a year',
    async run(ctx) {
      const { page } = await ctx.openPage(PHONE);
      const chunks = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/assets/')) chunks.push(response);
      });
      await page.goto(ctx.baseUrl, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: WELCOME }).waitFor({ timeout: 10_000 });

      const registration = await serviceWorkerReady(page);
      assert.equal(registration.state, 'activated');
      assert.equal(registration.script, new URL('/sw.js', ctx.baseUrl).href);
      assert.equal(registration.scope, new URL('/', ctx.baseUrl).href);

      assert.ok(chunks.length > 0, 'the page loaded hashed chunks');
      for (const response of chunks.filter((r) => r.status() === 200 && !r.fromServiceWorker())) {
        assert.equal(response.headers()['cache-control'], 'max-age=31536000, public, immutable', response.url());
      }
      const script = chunks.find((r) => r.url().endsWith('.js') && !r.fromServiceWorker());
      assert.equal(script?.headers()['content-encoding'], 'gzip', 'JavaScript is sent gzipped');
    },
  },
  {
    name: 'Chromium with a profile of its own finds the app installable',
    async run(ctx) {
      const profile = await mkdtemp(path.join(tmpdir(), 'cocon-pwa-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...PHONE });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(ctx.baseUrl, { waitUntil: 'load' });
        await serviceWorkerReady(page);
        const cdp = await context.newCDPSession(page);
        const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
        assert.deepEqual(installabilityErrors, [], `installability errors: ${JSON.stringify(installabilityErrors)}`);
        const { url, errors } = await cdp.send('Page.getAppManifest');
        assert.equal(url, new URL('/manifest.webmanifest', ctx.baseUrl).href);
        assert.deepEqual(errors, [], `manifest errors: ${JSON.stringify(errors)}`);
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'offline: a reload shows the app from the service worker, an unknown page the offline page',
    async run(ctx) {
      const { page, context } = await ctx.openPage(PHONE);
      await page.goto(ctx.baseUrl, { waitUntil: 'load' });
      await serviceWorkerReady(page);
      await controlled(page);

      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: WELCOME }).waitFor({ timeout: 10_000 });
      assert.ok(await page.getByRole('button', { name: 'Snel weg' }).isVisible(), 'quick exit is there offline too');

      await page.goto(new URL('/somewhere-not-cached', ctx.baseUrl).href, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: OFFLINE_TITLE }).waitFor({ timeout: 10_000 });
      assert.equal(await page.title(), 'Notities', 'the offline page is as discreet as the app');
      await context.setOffline(false);
    },
  },
  {
    name: 'outbox: written offline, kept through an offline reload, sent once back online',
    async run(ctx) {
      const { page, context } = await ctx.openPage(PHONE);
      await signInFromStart(page, ctx, 'demo-client');
      await openChatWith(page, THERAPIST);
      await serviceWorkerReady(page);
      await controlled(page);
      const chatUrl = page.url();
      const text = `offline ${stamp()}`;

      await context.setOffline(true);
      const box = page.getByRole('textbox', { name: `Bericht aan ${THERAPIST}` });
      await box.fill(text);
      await box.press('Enter');
      await page.getByText(WAITING_ONE).waitFor({ timeout: 10_000 });

      // Still offline: the page comes back from the service worker, the message still waits.
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('button', { name: 'Snel weg' }).waitFor({ timeout: 10_000 });
      const stored = await page.evaluate(() => sessionStorage.getItem('cocon.outbox') ?? '');
      assert.ok(stored.includes(text), 'the outbox survives the offline reload');

      await context.setOffline(false);
      await page.goto(chatUrl, { waitUntil: 'load' });
      await page.getByRole('textbox', { name: `Bericht aan ${THERAPIST}` }).waitFor({ timeout: URL_TIMEOUT });
      await page.waitForFunction(() => !(sessionStorage.getItem('cocon.outbox') ?? '').length, undefined, { timeout: 20_000 });
      await page.getByText(WAITING_ONE).waitFor({ state: 'hidden', timeout: 10_000 });

      // From the server: a fresh load of the conversation lists it exactly once.
      await page.reload({ waitUntil: 'load' });
      await page.locator('.message .message__body', { hasText: text }).first().waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('.message .message__body', { hasText: text }).count(), 1, 'sent exactly once');
    },
    timeoutMs: 120_000,
  },
  {
    name: 'slow 4G first visit: landing and chat JavaScript within budget; times printed',
    async run(ctx) {
      // A first visit: no service worker, no HTTP cache.
      const { page } = await ctx.openPage({ ...PHONE, serviceWorkers: 'block' });

      await throttle(page);
      let js = countJavaScript(page);
      let started = Date.now();
      await page.goto(ctx.baseUrl, { waitUntil: 'commit' });
      await page.getByRole('button', { name: 'Aanmelden', exact: true }).waitFor({ timeout: 60_000 });
      const landingMs = Date.now() - started;
      const landing = await js.stop();

      // Sign in at full speed, then open the chat again as a first visit on the slow line.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await signInFromStart(page, ctx, 'demo-client');
      await openChatWith(page, THERAPIST);
      const chatUrl = page.url();

      await throttle(page);
      js = countJavaScript(page);
      started = Date.now();
      await page.goto(chatUrl, { waitUntil: 'commit' });
      await page.getByRole('textbox', { name: `Bericht aan ${THERAPIST}` }).waitFor({ timeout: 60_000 });
      await page.locator('.messages__start, .messages__older').first().waitFor({ timeout: 60_000 });
      const chatMs = Date.now() - started;
      const chat = await js.stop();

      console.log(`    slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower), first visit:`);
      console.log(`    landing usable after ${landingMs} ms; JavaScript ${kB(landing.bytes)} gzipped in ${landing.files} files (${landing.names})`);
      console.log(`    chat usable after ${chatMs} ms; JavaScript ${kB(chat.bytes)} gzipped in ${chat.files} files (${chat.names})`);
      assert.ok(landing.bytes <= INITIAL_JS_BUDGET, `landing JavaScript ${kB(landing.bytes)} > ${kB(INITIAL_JS_BUDGET)}`);
      assert.ok(chat.bytes <= INITIAL_JS_BUDGET, `chat JavaScript ${kB(chat.bytes)} > ${kB(INITIAL_JS_BUDGET)}`);
    },
    timeoutMs: 180_000,
  },
];
