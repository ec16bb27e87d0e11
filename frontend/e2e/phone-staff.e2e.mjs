// Phone checks for the staff pages and the client's non-chat pages, against the REAL backend
// (COCON_BASE_URL). The demo therapist, moderator and admin (and the demo client for the
// check-in and "who looked at my file" pages) visit each of their pages on a 390×844 and a
// 360×740 phone, and then on a 1366×850 laptop. On every page and size:
// - nothing scrolls sideways, and no element reaches past the viewport;
// - every link, button and field in <main> can be tapped: the element the browser finds at its
//   centre (once scrolled into view) is the element itself or something inside it;
// - buttons, fields, disclosures and button-like links are at least 44 px high;
// - axe finds no violation at all (not only no serious ones).
// Folded parts (<details>) are opened first on the phones, so what is inside is checked too.
// The client's check-in gets one check-in when it has none, so its chart is drawn and checked.
//
// The moderator's pages include one escalation. When the queue is empty, the demo client Sam
// asks for help with the "I need help now" button; the moderator then claims and resolves it
// at the end, so the queue is left as it was.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { assertNoProblems, requireProtectedApi, screenshot, signInFromStart, URL_TIMEOUT } from './lib/journeys.mjs';
import { claim, resolve, MOD_NL } from './lib/moderation.mjs';

const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
];
const LAPTOP = { width: 1366, height: 850 };

const PHONE_CONTEXT = { viewport: PHONES[0], isMobile: true, hasTouch: true, reducedMotion: 'reduce' };

/**
 * Elements that reach past the viewport's sides (at most 10, described), and how far the page
 * scrolls sideways. Visually hidden texts (1px, clipped) and elements inside something that
 * hides them are left out: they take no room a person can see.
 */
async function overflowReport(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (element) => {
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      return `${element.tagName.toLowerCase()}${classes}`;
    };
    // Inside a visually hidden box (1px, overflow hidden), such as a table's header row that only
    // screen readers use on phones.
    const clippedAway = (element) => {
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        const r = box.getBoundingClientRect();
        if ((r.width <= 1 || r.height <= 1) && getComputedStyle(box).overflow !== 'visible') return true;
      }
      return false;
    };
    const wide = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (!element.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
      if (clippedAway(element)) continue;
      if (rect.right > width + 0.5 || rect.left < -0.5) {
        wide.push(`${describe(element)} (${Math.round(rect.left)}..${Math.round(rect.right)})`);
        if (wide.length >= 10) break;
      }
    }
    return { scroll: document.scrollingElement.scrollWidth - width, wide };
  });
}

/**
 * Links, buttons and fields of <main> that a tap at their centre does not reach (something else
 * lies on top). Each is scrolled to the middle of the screen first, so sticky and fixed bars at
 * the top or bottom only count when they cover content that cannot be scrolled out from under them.
 */
async function untappable(page) {
  const count = await page.locator('main').evaluate((main) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    const targets = [...main.querySelectorAll(selector)];
    targets.forEach((element, index) => element.setAttribute('data-tap-check', String(index)));
    return targets.length;
  });
  const missed = [];
  for (let index = 0; index < count; index += 1) {
    const miss = await page.evaluate((i) => {
      const element = document.querySelector(`[data-tap-check="${i}"]`);
      if (!element) return null;
      element.removeAttribute('data-tap-check');
      const first = element.getBoundingClientRect();
      // Visually hidden (clipped 1px) or not rendered: nothing to tap.
      if (first.width <= 2 || first.height <= 2 || !element.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) return null;
      element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      const rect = element.getBoundingClientRect();
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
        return `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40)}" is off screen`;
      }
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === element || element.contains(hit))) return null;
      // A label's own input counts as the element itself.
      if (hit && element.labels && [...element.labels].some((label) => label === hit || label.contains(hit))) return null;
      const name = (element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().slice(0, 40);
      const covering = hit ? `${hit.tagName.toLowerCase()}${typeof hit.className === 'string' && hit.className ? `.${hit.className.split(/\s+/).join('.')}` : ''}` : 'nothing';
      return `${element.tagName.toLowerCase()} "${name}" is covered by ${covering}`;
    }, index);
    if (miss) missed.push(miss);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return missed;
}

/**
 * Buttons, fields and button-like links of <main> less than 44 px high: too small for a finger
 * (links in running text are left out, as WCAG does).
 */
async function smallTargets(page) {
  return page.locator('main').evaluate((main) => {
    const small = [];
    for (const element of main.querySelectorAll('button, a.button, select, input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), summary')) {
      const rect = element.getBoundingClientRect();
      if (rect.width <= 2 || !element.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
      // A button styled as a link inside a sentence counts as running text.
      if (element.classList.contains('link-button') && element.closest('p')) continue;
      if (rect.height < 43.5) small.push(`${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 30)}" (${Math.round(rect.height)}px)`);
    }
    return small;
  });
}

/** Opens every folded part of <main>, so what is inside is checked too. */
async function openDisclosures(page) {
  await page.locator('main').evaluate((main) => {
    for (const details of main.querySelectorAll('details:not([open])')) details.open = true;
  });
}

/** Every axe violation, whatever its impact, fails. */
async function assertNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.impact}: ${v.id} – ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
  assert.equal(found.length, 0, `axe found violations on ${label}:\n    ${found.join('\n    ')}`);
}

/** Goes to `path` in the app and waits for the page's heading and for its data. */
async function visit(page, ctx, path, heading) {
  await page.goto(new URL(path, ctx.baseUrl).href, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
  await page.waitForLoadState('networkidle');
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Visits every page on both phones and then the laptop, checking each one. `pages` are
 * `{ name, path, heading, ready? }`; `ready(page)` waits for something the page must show.
 */
async function checkPages(page, ctx, who, pages) {
  const failures = [];
  for (const size of [...PHONES, LAPTOP]) {
    await page.setViewportSize(size);
    const phone = size.width < 600;
    for (const entry of pages) {
      const label = `${entry.name} (${size.width}×${size.height})`;
      await visit(page, ctx, entry.path, entry.heading);
      if (entry.ready) await entry.ready(page);
      if (phone) {
        await openDisclosures(page);
        const { scroll, wide } = await overflowReport(page);
        if (scroll > 0) failures.push(`${label}: the page scrolls sideways by ${scroll}px`);
        if (wide.length > 0) failures.push(`${label}: wider than the screen: ${wide.join(', ')}`);
        const missed = await untappable(page);
        if (missed.length > 0) failures.push(`${label}: cannot be tapped: ${missed.join('; ')}`);
        const small = await smallTargets(page);
        if (small.length > 0) failures.push(`${label}: smaller than 44px: ${small.join('; ')}`);
        if (size.width === 360) await screenshot(page, ctx, `phone-${who}-${entry.shot}.png`);
      }
      try {
        await assertNoAxeViolations(page, label);
      } catch (error) {
        failures.push(error.message);
      }
    }
  }
  assert.equal(failures.length, 0, `phone checks failed:\n  ${failures.join('\n  ')}`);
}

const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };
const MODERATOR = { username: 'demo-moderator' };
const ADMIN = { username: 'demo-admin' };
const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const HELPER_CLIENT = { username: 'demo-client-2', pseudonym: 'Sam' };

/** Robin's id, from the dashboard's link to their overview. */
async function robinsOverviewPath(page, ctx) {
  await visit(page, ctx, '/therapist/dashboard', 'Dashboard');
  const href = await page.locator('main a[href^="/therapist/client?id="]', { hasText: CLIENT.pseudonym }).first().getAttribute('href');
  assert.ok(href, 'the dashboard links to Robin');
  return href;
}

/** Sam asks for help (a new escalation) unless the queue already has an open one. */
async function ensureEscalation(ctx, moderatorPage) {
  await visit(moderatorPage, ctx, '/moderation', MOD_NL.consoleTitle);
  const queue = moderatorPage.getByRole('region', { name: MOD_NL.queue });
  await queue.locator('.escalation-list, .empty').first().waitFor({ state: 'attached', timeout: 10_000 });
  const existing = queue.locator('.escalation-item');
  if ((await existing.count()) > 0) {
    return { id: await existing.first().evaluate((a) => a.closest('li')?.dataset.escalation ?? ''), created: false };
  }
  const sam = await ctx.openPage(PHONE_CONTEXT);
  await signInFromStart(sam.page, ctx, HELPER_CLIENT.username);
  await sam.page.getByRole('button', { name: 'Ik heb nu hulp nodig' }).first().click();
  await sam.page.getByRole('button', { name: 'Ja, vraag hulp' }).click();
  await sam.page.getByRole('heading', { name: 'Je hulpvraag is verstuurd' }).waitFor({ timeout: 10_000 });
  const item = queue.locator('.escalation-item', { hasText: HELPER_CLIENT.pseudonym }).first();
  await item.waitFor({ timeout: 15_000 });
  return { id: await item.evaluate((a) => a.closest('li')?.dataset.escalation ?? ''), created: true };
}

/**
 * With no check-in yet the trends are an empty card: check in once, so the mood chart is drawn
 * and its width is checked too. One day of check-ins is too few to compare weekdays: then the
 * weekday part says so and draws no chart.
 */
async function checkInOnceSoChartsShow(page, ctx) {
  await visit(page, ctx, '/checkin', 'Check-in');
  const trends = page.getByRole('region', { name: 'Jouw verloop' });
  if ((await trends.getByText('Nog geen check-ins in de laatste 30 dagen.').count()) > 0) {
    const form = page.getByRole('region', { name: 'Hoe gaat het nu?' });
    await form.getByRole('group', { name: 'Hoe voel je je?' }).getByRole('radio', { name: /^6\b/ }).check();
    await form.getByRole('group', { name: 'Hoeveel stress voel je?' }).getByRole('radio', { name: /^4\b/ }).check();
    await form.getByRole('button', { name: 'Check-in bewaren' }).click();
    await page.getByText('Bedankt! Je check-in is bewaard.').waitFor({ timeout: 10_000 });
  }
  await trends.getByRole('img', { name: 'Stemming en stress per dag, laatste 30 dagen' }).waitFor({ timeout: 10_000 });
  const weekdays = trends.getByRole('region', { name: 'Per weekdag' });
  if ((await weekdays.getByText('Nog te weinig check-ins om weekdagen te vergelijken.').count()) > 0) {
    assert.equal(await weekdays.getByRole('img').count(), 0, 'no weekday chart with too few check-ins');
  }
}

export const tests = [
  {
    name: 'therapist pages fit a phone: home, dashboard and a client’s overview',
    timeoutMs: 240_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/caseload', 'caseload');
      const therapist = await ctx.openPage(PHONE_CONTEXT);
      const { page } = therapist;
      await signInFromStart(page, ctx, THERAPIST.username);
      const overview = await robinsOverviewPath(page, ctx);
      await checkPages(page, ctx, 'therapist', [
        { name: 'therapist home', shot: 'home', path: '/home', heading: /^Hallo/ },
        { name: 'dashboard', shot: 'dashboard', path: '/therapist/dashboard', heading: 'Dashboard' },
        {
          name: 'Robin’s overview',
          shot: 'client',
          path: overview,
          heading: `Overzicht van ${CLIENT.pseudonym}`,
          ready: (p) => p.getByRole('region', { name: 'Stemming en stress' }).waitFor({ timeout: 10_000 }),
        },
      ]);
      assertNoProblems(therapist, 'therapist pages');
    },
  },
  {
    name: 'moderator pages fit a phone: queue, an escalation and the figures',
    timeoutMs: 300_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/escalations', 'escalations');
      const moderator = await ctx.openPage(PHONE_CONTEXT);
      const { page } = moderator;
      await signInFromStart(page, ctx, MODERATOR.username);
      const escalation = await ensureEscalation(ctx, page);
      await checkPages(page, ctx, 'moderator', [
        { name: 'moderator home', shot: 'home', path: '/home', heading: /^Hallo/ },
        { name: 'moderation queue', shot: 'queue', path: '/moderation', heading: MOD_NL.consoleTitle },
        {
          name: 'an escalation',
          shot: 'escalation',
          path: `/moderation?id=${encodeURIComponent(escalation.id)}`,
          heading: MOD_NL.consoleTitle,
          ready: (p) => p.locator('article.escalation-detail').waitFor({ timeout: 10_000 }),
        },
        { name: 'moderation figures', shot: 'stats', path: '/moderation/stats', heading: 'Cijfers over meldingen' },
      ]);
      if (escalation.created) {
        await page.setViewportSize(LAPTOP);
        await visit(page, ctx, `/moderation?id=${encodeURIComponent(escalation.id)}`, MOD_NL.consoleTitle);
        const detail = page.locator('article.escalation-detail');
        await claim(detail);
        await resolve(detail, 'Opgeruimd na de telefooncontrole.', MOD_NL.outcomeFalseAlarm);
      }
      assertNoProblems(moderator, 'moderator pages');
    },
  },
  {
    name: 'admin pages fit a phone: accounts, caseloads and the figures',
    timeoutMs: 240_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/admin/accounts', 'admin');
      const admin = await ctx.openPage(PHONE_CONTEXT);
      const { page } = admin;
      await signInFromStart(page, ctx, ADMIN.username);
      await checkPages(page, ctx, 'admin', [
        { name: 'admin home', shot: 'home', path: '/home', heading: /^Hallo/ },
        { name: 'accounts', shot: 'accounts', path: '/admin/accounts', heading: 'Accounts', ready: (p) => p.locator('main table, main .account-list').first().waitFor({ timeout: 10_000 }) },
        { name: 'caseloads', shot: 'caseloads', path: '/admin/caseloads', heading: 'Caseloads', ready: (p) => p.locator('.caseload-list').waitFor({ timeout: 10_000 }) },
        { name: 'figures', shot: 'stats', path: '/moderation/stats', heading: 'Cijfers over meldingen' },
      ]);
      assertNoProblems(admin, 'admin pages');
    },
  },
  {
    name: 'the client’s check-in and “who looked at my file” fit a phone',
    timeoutMs: 240_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/me/audit', 'audit');
      const client = await ctx.openPage(PHONE_CONTEXT);
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);
      await page.waitForURL((url) => url.pathname === '/home', { timeout: URL_TIMEOUT });
      await checkInOnceSoChartsShow(page, ctx);
      await checkPages(page, ctx, 'client', [
        { name: 'check-in', shot: 'checkin', path: '/checkin', heading: 'Check-in' },
        { name: 'who looked at my file', shot: 'audit', path: '/privacy/audit', heading: 'Wie keek in mijn dossier' },
      ]);
      assertNoProblems(client, 'client pages');
    },
  },
];
