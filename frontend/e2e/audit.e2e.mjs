// Browser journey for "Who looked at my file", against the REAL backend (COCON_BASE_URL): the
// demo therapist opens Robin's overview (mood, messages, programmes, nudges); Robin then opens
// "Wie keek in mijn dossier" from their own page on a phone and finds today's visit listed in
// plain words: who (the therapist's pseudonym), as whom ("je therapeut"), what and when, and
// can load older entries.
//
// Other journeys (and earlier runs) leave entries too, so the journey only looks for what this
// visit must have added, at the top of today's list.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoProblems, phoneOverflow, requireProtectedApi, screenshot, signInFromStart, URL_TIMEOUT } from './lib/journeys.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };

const NL = {
  dashboardLink: 'Open het dashboard',
  caseload: /^Je caseload/,
  clientTitle: (name) => `Overzicht van ${name}`,
  moodRegion: 'Stemming en stress',
  homeLink: 'Wie keek in mijn dossier',
  title: 'Wie keek in mijn dossier',
  list: 'Wie keek in je dossier, nieuwste eerst',
  yourTherapist: 'je therapeut',
  readCheckins: 'bekeek je check-ins',
  readConversation: 'las je gesprek',
  more: 'Oudere tonen',
  back: 'Terug naar mijn pagina',
};

/** The rows of today's list that name the therapist and say this. */
function rowsSaying(list, page, text) {
  return list
    .locator('.audit-row')
    .filter({ has: page.getByText(THERAPIST.pseudonym, { exact: true }) })
    .filter({ has: page.getByText(text, { exact: true }) });
}

export const tests = [
  {
    name: 'the therapist opens Robin’s overview; Robin sees it under “Wie keek in mijn dossier”',
    timeoutMs: 120_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/me/audit', 'audit');
      const therapist = await ctx.openPage({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
      const client = await ctx.openPage({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
      await Promise.all([signInFromStart(therapist.page, ctx, THERAPIST.username), signInFromStart(client.page, ctx, CLIENT.username)]);
      const t = therapist.page;
      const before = Date.now();

      // The therapist opens Robin's overview from the dashboard.
      await t.getByRole('link', { name: NL.dashboardLink }).click();
      await t.waitForURL((url) => url.pathname === '/therapist/dashboard', { timeout: URL_TIMEOUT });
      const table = t.getByRole('table', { name: NL.caseload });
      await table.getByRole('link', { name: CLIENT.pseudonym, exact: true }).click();
      await t.waitForURL((url) => url.pathname === '/therapist/client' && url.searchParams.has('id'), { timeout: URL_TIMEOUT });
      await t.getByRole('heading', { level: 1, name: NL.clientTitle(CLIENT.pseudonym) }).waitFor({ timeout: 10_000 });
      await t.getByRole('region', { name: NL.moodRegion }).waitFor({ timeout: 10_000 });
      // Every part of the overview has asked the server (and so been recorded) once loaded.
      await t.waitForLoadState('networkidle');

      // Robin opens the list from their own page, on a small phone.
      const c = client.page;
      await c.getByRole('link', { name: NL.homeLink }).click();
      await c.waitForURL((url) => url.pathname === '/privacy/audit', { timeout: URL_TIMEOUT });
      await c.getByRole('heading', { level: 1, name: NL.title }).waitFor({ timeout: 10_000 });
      const list = c.getByRole('region', { name: NL.list });
      await list.waitFor({ timeout: 10_000 });

      const checkins = rowsSaying(list, c, NL.readCheckins).first();
      await checkins.waitFor({ timeout: 10_000 });
      assert.ok(await checkins.getByText(NL.yourTherapist, { exact: true }).isVisible(), 'the reason is in plain words');
      const at = Date.parse(await checkins.locator('time').getAttribute('datetime'));
      assert.ok(at >= before - 60_000, `the newest check-in view is from this visit (${new Date(at).toISOString()})`);
      await rowsSaying(list, c, NL.readConversation).first().waitFor({ timeout: 5000 });
      const text = await list.innerText();
      assert.ok(!text.includes(THERAPIST.username), 'no usernames, only pseudonyms');

      assert.ok((await phoneOverflow(c)) <= 0, 'the list fits a 360px screen');
      await screenshot(c, ctx, 'audit-phone.png');
      await assertAccessible(c, '/privacy/audit (360px)');

      // Older entries come on request (the demo accounts have many after the other journeys).
      const more = c.getByRole('button', { name: NL.more });
      if (await more.isVisible()) {
        const older = c.waitForResponse((response) => response.url().includes('/api/me/audit') && response.url().includes('before='), { timeout: 10_000 });
        await more.click();
        assert.equal((await older).status(), 200, 'older entries load');
        await c.locator('.audit__more').getByRole('button', { name: NL.more }).or(c.getByText('Dat is alles.')).first().waitFor({ timeout: 10_000 });
      }

      await c.getByRole('link', { name: NL.back }).click();
      await c.waitForURL((url) => url.pathname === '/home', { timeout: URL_TIMEOUT });
      assertNoProblems(client, 'client');
      assertNoProblems(therapist, 'therapist');
    },
  },
];
