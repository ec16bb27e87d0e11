// Browser journeys for mood check-ins, the therapist's dashboard and nudges, against the REAL
// backend (COCON_BASE_URL): the demo client Robin logs two check-ins on a phone and sees them in
// the chart; the demo therapist opens the dashboard, then Robin's page with the mood chart, sends
// a nudge now and schedules one for the next minute in Robin's time zone (read from the page;
// the therapist's browser is deliberately in another zone); Robin, in a browser context of their
// own, sees the first nudge arrive live in the chat and the scheduled one once the server's
// dispatcher has sent it (the e2e server runs it every 2 s: cocon.nudge.dispatch-every=2s).
//
// Other journeys (and earlier runs) may have used the same accounts, so texts carry a stamp and
// nothing is assumed about check-ins or nudges that were already there.
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertAccessible, assertNoProblems, elementShot, phoneOverflow, requireProtectedApi, screenshot, signInFromStart, openChatWith, stamp, URL_TIMEOUT } from './lib/journeys.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };

const NL = {
  checkinLink: 'Naar je check-in',
  checkinTitle: 'Check-in',
  formRegion: 'Hoe gaat het nu?',
  mood: 'Hoe voel je je?',
  stress: 'Hoeveel stress voel je?',
  note: /^Wil je er iets bij schrijven/,
  save: 'Check-in bewaren',
  saved: 'Bedankt! Je check-in is bewaard.',
  trendsRegion: 'Jouw verloop',
  chart: 'Stemming en stress per dag, laatste 30 dagen',
  showTable: 'Toon de cijfers als tabel',
  dashboardLink: 'Open het dashboard',
  dashboardTitle: 'Dashboard',
  caseload: /^Je caseload/,
  clientColumn: /^Cliënt/,
  clientTitle: (name) => `Overzicht van ${name}`,
  moodRegion: 'Stemming en stress',
  nudgeRegion: 'Aanmoedigingen',
  nudgeText: (name) => `Je bericht aan ${name}`,
  send: 'Versturen',
  sent: (name) => `Je aanmoediging is naar ${name} verstuurd.`,
  later: 'Op een gekozen moment',
  date: (name) => `Datum (tijd van ${name})`,
  time: (name) => `Uur (tijd van ${name})`,
  schedule: 'Inplannen',
  scheduled: /^Ingepland voor /,
  nudgeFrom: (name) => `Aanmoediging van ${name}`,
};

const LIVE_TIMEOUT = 15_000;
/** The dispatcher runs every few seconds on the e2e server; a minute boundary plus slack. */
const SCHEDULED_TIMEOUT = 100_000;





/** Answers the form once: a mood, a stress level, tags and a note; waits for the stored answer. */
async function checkIn(page, { mood, stress, tags, note }) {
  const form = page.getByRole('region', { name: NL.formRegion });
  await form.getByRole('group', { name: NL.mood }).getByRole('radio', { name: new RegExp(`^${mood}\\b`) }).check();
  await form.getByRole('group', { name: NL.stress }).getByRole('radio', { name: new RegExp(`^${stress}\\b`) }).check();
  for (const tag of tags) await form.getByRole('checkbox', { name: tag }).check();
  await form.getByRole('textbox', { name: NL.note }).fill(note);
  const stored = page.waitForResponse((response) => response.url().endsWith('/api/checkins') && response.request().method() === 'POST', { timeout: 10_000 });
  await form.getByRole('button', { name: NL.save }).click();
  const response = await stored;
  assert.equal(response.status(), 201, `the check-in was stored (HTTP ${response.status()})`);
  const body = await response.json();
  assert.equal(body.crisis, null, 'no crisis card for an ordinary note');
  await page.getByText(NL.saved).waitFor({ timeout: 10_000 });
  return body.checkIn;
}

/** The wall clock in `timeZone` at `instant`, as the date and time inputs want it. */
function wallClock(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type) => parts.find((p) => p.type === type)?.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** The nudge bubble with this text in the client's chat. */
function nudgeBubble(page, text) {
  return page.locator('.message--nudge', { has: page.locator('.message__body', { hasText: text }) });
}

/** Shared between the journeys of this file (they run in order). */
const shared = { notes: [] };

export const tests = [
  {
    name: 'the client logs two check-ins on a phone and sees them in the chart',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/checkins/tags', 'check-in');
      const id = stamp();
      const client = await ctx.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);

      await page.getByRole('link', { name: NL.checkinLink }).click();
      await page.waitForURL((url) => url.pathname === '/checkin', { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: NL.checkinTitle }).waitFor({ timeout: 10_000 });
      // The tags come from the server's vocabulary.
      await page.getByRole('region', { name: NL.formRegion }).getByRole('checkbox', { name: 'School' }).waitFor({ timeout: 10_000 });
      await assertAccessible(page, '/checkin (empty form, 390px)');

      // Sending without a mood says what is missing, and stores nothing.
      await page.getByRole('button', { name: NL.save }).click();
      await page.getByText('Kijk nog even naar 2 velden hieronder.').waitFor({ timeout: 5000 });

      const first = await checkIn(page, { mood: 7, stress: 3, tags: ['School', 'Vrienden'], note: `Toets ging goed (${id})` });
      const second = await checkIn(page, { mood: 4, stress: 7, tags: ['Slaap'], note: `Slecht geslapen (${id})` });
      assert.notEqual(first.id, second.id, 'each check-in has its own id');
      shared.notes.push(second.note);

      // The trends are loaded again and show today.
      const trends = page.getByRole('region', { name: NL.trendsRegion });
      const chart = trends.getByRole('img', { name: NL.chart });
      await chart.waitFor({ timeout: 10_000 });
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 150, `the chart is drawn at a readable size (${JSON.stringify(box)})`);
      await trends.getByText(NL.showTable).first().click();
      const table = trends.getByRole('table', { name: NL.chart });
      await table.waitFor({ timeout: 5000 });
      const rows = await table.locator('tbody tr').count();
      assert.ok(rows >= 1, 'the table lists at least today');
      const today = await table.locator('tbody tr').last().innerText();
      assert.match(today, /\d/, `today's row has numbers (${today})`);
      assert.ok((await phoneOverflow(page)) <= 0, 'the check-in page fits a 390px screen');
      await screenshot(page, ctx, 'mood-checkin-phone.png');
      await elementShot(trends.locator('figure').first(), ctx, 'mood-chart-phone.png');
      await assertAccessible(page, '/checkin with trends (390px)');

      assertNoProblems(client, 'client');
    },
  },
  {
    name: 'the therapist sees the dashboard and Robin’s mood, nudges now and at the next minute; Robin gets both in the chat',
    timeoutMs: 240_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/checkins/tags', 'check-in');
      const id = stamp();
      // The therapist's browser is in another time zone than Robin: planning follows Robin's.
      const therapist = await ctx.openPage({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce', timezoneId: 'America/New_York' });
      const client = await ctx.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
      await Promise.all([signInFromStart(therapist.page, ctx, THERAPIST.username), signInFromStart(client.page, ctx, CLIENT.username)]);
      await openChatWith(client.page, THERAPIST.pseudonym);
      const t = therapist.page;

      // The dashboard: every client, sortable.
      await t.getByRole('link', { name: NL.dashboardLink }).click();
      await t.waitForURL((url) => url.pathname === '/therapist/dashboard', { timeout: URL_TIMEOUT });
      await t.getByRole('heading', { level: 1, name: NL.dashboardTitle }).waitFor({ timeout: 10_000 });
      const table = t.getByRole('table', { name: NL.caseload });
      await table.waitFor({ timeout: 10_000 });
      const robin = table.getByRole('row').filter({ has: t.getByRole('link', { name: CLIENT.pseudonym, exact: true }) });
      await robin.waitFor({ timeout: 10_000 });
      const robinText = await robin.innerText();
      assert.match(robinText, /Stijgend|Stabiel|Dalend|Nog onbekend/, `the mood trend is in words (${robinText})`);
      assert.match(robinText, /Gemiddeld \d/, `Robin's 7-day mood is shown after the check-ins (${robinText})`);
      const clientHeader = table.getByRole('columnheader', { name: NL.clientColumn });
      assert.equal(await clientHeader.getAttribute('aria-sort'), null);
      await clientHeader.getByRole('button').click();
      assert.equal(await clientHeader.getAttribute('aria-sort'), 'ascending', 'sorting by client is announced with aria-sort');
      await screenshot(t, ctx, 'mood-dashboard.png');
      await assertAccessible(t, '/therapist/dashboard');

      // Robin's page: the mood chart with the check-ins of the first journey.
      await robin.getByRole('link', { name: CLIENT.pseudonym, exact: true }).click();
      await t.waitForURL((url) => url.pathname === '/therapist/client' && url.searchParams.has('id'), { timeout: URL_TIMEOUT });
      await t.getByRole('heading', { level: 1, name: NL.clientTitle(CLIENT.pseudonym) }).waitFor({ timeout: 10_000 });
      const mood = t.getByRole('region', { name: NL.moodRegion });
      await mood.getByRole('img', { name: NL.chart }).waitFor({ timeout: 10_000 });
      for (const note of shared.notes) await mood.getByText(note).first().waitFor({ timeout: 10_000 });
      await mood.scrollIntoViewIfNeeded();
      await elementShot(mood, ctx, 'mood-therapist-chart.png');

      // At phone width the charts shrink with their cards (a chart's canvas once held the page wide).
      await t.setViewportSize({ width: 360, height: 780 });
      const fits = await t.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, { timeout: 5000 }).then(
        () => true,
        () => false,
      );
      assert.ok(fits, `Robin's page fits a 360px screen (${await phoneOverflow(t)}px too wide)`);
      await t.setViewportSize({ width: 1280, height: 1000 });

      // A nudge now: Robin sees it arrive live, marked as a nudge from the therapist.
      const nudges = t.getByRole('region', { name: NL.nudgeRegion });
      const now = `Goed bezig met je check-ins, Robin! (${id})`;
      await nudges.getByRole('textbox', { name: NL.nudgeText(CLIENT.pseudonym) }).fill(now);
      await nudges.getByRole('button', { name: NL.send, exact: true }).click();
      await nudges.getByText(NL.sent(CLIENT.pseudonym)).waitFor({ timeout: 10_000 });
      const live = nudgeBubble(client.page, now);
      await live.waitFor({ timeout: LIVE_TIMEOUT });
      assert.match(await live.locator('.message__nudge-label').innerText(), new RegExp(NL.nudgeFrom(THERAPIST.pseudonym).replace('.', '\\.')));

      // A nudge for the next minute in Robin's time zone (the server refuses a minute that has passed).
      const scheduled = `Vergeet je ademhalingsoefening niet. (${id})`;
      await nudges.getByRole('textbox', { name: NL.nudgeText(CLIENT.pseudonym) }).fill(scheduled);
      await nudges.getByRole('radio', { name: NL.later }).check();
      const zoneLine = nudges.locator('.nudge-when__zone');
      await zoneLine.waitFor({ timeout: 5000 });
      const zoneText = await zoneLine.innerText();
      const zone = await zoneLine.getAttribute('data-timezone');
      assert.ok(zone && zoneText.includes(`tijdzone ${zone}`), `the page names Robin's time zone (${zoneText})`);
      if (new Date().getSeconds() >= 50) await t.waitForTimeout((61 - new Date().getSeconds()) * 1000);
      const at = wallClock(new Date(Date.now() + 60_000), zone);
      await nudges.getByLabel(NL.date(CLIENT.pseudonym)).fill(at.date);
      await nudges.getByLabel(NL.time(CLIENT.pseudonym)).fill(at.time);
      await assertAccessible(t, '/therapist/client with the nudge composer (scheduling)');
      const created = t.waitForResponse((r) => /\/api\/clients\/[^/]+\/nudges$/.test(r.url()) && r.request().method() === 'POST', { timeout: 10_000 });
      await nudges.getByRole('button', { name: NL.schedule }).click();
      const answer = await created;
      assert.equal(answer.status(), 201, `the nudge was scheduled (HTTP ${answer.status()}: ${await answer.text()})`);
      const nudge = await answer.json();
      assert.equal(nudge.status, 'SCHEDULED');
      assert.equal(nudge.localSendAt, `${at.date}T${at.time}`, 'planned in Robin’s local time');
      assert.equal(nudge.timezone, zone);
      await nudges.getByText(NL.scheduled).waitFor({ timeout: 10_000 });
      await nudges.locator(`[data-nudge="${nudge.id}"][data-status="SCHEDULED"]`).waitFor({ timeout: 10_000 });
      await screenshot(t, ctx, 'mood-therapist-client.png');
      await assertAccessible(t, '/therapist/client after scheduling');

      // Robin gets it once the dispatcher has sent it, without reloading.
      await nudgeBubble(client.page, scheduled).waitFor({ timeout: SCHEDULED_TIMEOUT });
      assert.ok(Date.now() >= Date.parse(nudge.sendAt), 'not delivered before its time');
      // The therapist's list follows without a reload.
      await nudges.locator(`[data-nudge="${nudge.id}"][data-status="SENT"]`).waitFor({ timeout: 20_000 });
      await nudgeBubble(client.page, scheduled).scrollIntoViewIfNeeded();
      assert.ok((await phoneOverflow(client.page)) <= 0, 'the chat with nudges fits a 390px screen');
      await screenshot(client.page, ctx, 'mood-nudges-phone.png');
      await assertAccessible(client.page, 'client chat with nudges (390px)');

      assertNoProblems(therapist, 'therapist');
      assertNoProblems(client, 'client');
    },
  },
];
