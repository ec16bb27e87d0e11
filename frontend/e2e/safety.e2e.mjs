// Browser journeys for safety, against the REAL backend (COCON_BASE_URL): the demo client Robin
// writes a worrying message in the chat with the therapist and at once gets the crisis card; the
// demo moderator Jules, with /moderation open in a browser context of their own, sees the
// escalation arrive live, claims it, joins the conversation, writes to Robin (who sees the
// "Moderator" badge), adds an internal note and resolves it. Then Robin presses "I need help
// now", and the moderator sees that arrive and resolves it too. Last, the therapist escalates Robin
// by hand and follows it on their home page until the moderator resolves it.
//
// Other journeys (and earlier runs) may have used the same accounts, so texts carry a stamp and
// lines are counted before and after; an escalation for Robin that an interrupted earlier run
// left open is resolved first (as a false alarm), since it would take the new signal and its
// crisis card was shown already (one card per conversation per 10 minutes and escalation).
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertAccessible, assertNoProblems, elementShot, phoneOverflow, requireProtectedApi, screenshot, signInFromStart, openChatWith, stamp, URL_TIMEOUT } from './lib/journeys.mjs';
import { addNote, assertNotReloaded, claim, openConsole, resolve } from './lib/moderation.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { pseudonym: 'Dr. Noor Peeters' };
const MODERATOR = { username: 'demo-moderator', pseudonym: 'Moderator Jules' };
const THERAPIST_ACCOUNT = 'demo-therapist';

const NL = {
  composer: (name) => `Bericht aan ${name}`,
  crisisCard: 'Hulp als het nu zwaar is',
  queue: /^Wachtrij/,
  alertAbout: (name) => new RegExp(`(Nieuwe melding|Nieuw signaal) over ${name}`),
  escalationAbout: (name) => `Melding over ${name}`,
  join: 'Deelnemen aan het gesprek',
  openChat: (name) => `Open het gesprek met ${name}`,
  joinedLine: (name) => `${name} van het Cocon-team doet mee in dit gesprek.`,
  leftLine: (name) => `${name} van het Cocon-team heeft het gesprek verlaten. Heb je opnieuw hulp nodig? Druk dan op ‘Ik heb nu hulp nodig’.`,
  badge: 'Moderator',
  helpButton: 'Ik heb nu hulp nodig',
  helpTitle: 'Hulp vragen',
  helpConfirm: 'Ja, vraag hulp',
  helpDoneTitle: 'Je hulpvraag is verstuurd',
  // A new escalation, or (after an interrupted earlier run) one a moderator is already on.
  helpAlerted: /Een teamlid is verwittigd|Iemand van het team is al met je bezig/,
  helpTextLabel: /Wil je er iets bij vertellen/,
  helpSource: 'Hulpknop',
  close: 'Sluiten',
  clientPage: (name) => `Programma’s van ${name}`,
  escalateSection: 'Escaleren naar de moderatoren',
  escalate: 'Escaleren naar moderatoren',
  reason: 'Waarom maak je je zorgen?',
  urgency: 'Hoe dringend is het?',
  medium: 'Verhoogd risico',
  send: 'Verwittig de moderatoren',
  sent: 'De moderatoren zijn verwittigd.',
  clientAlert: (name) => `Open melding over ${name}`,
  caseloadAlert: 'Open meldingen in je caseload',
  therapistSource: 'Therapeut',
};

const LIVE_TIMEOUT = 15_000;

/** The moderator's queue item about the client, once it shows the given text (a live update). */
function queueItem(page, text) {
  return page.getByRole('region', { name: NL.queue }).locator('.escalation-item', { hasText: CLIENT.pseudonym }).filter({ hasText: text });
}

async function waitForBanner(page) {
  const banner = page.locator('.moderation-alert', { hasText: NL.alertAbout(CLIENT.pseudonym) });
  await banner.waitFor({ timeout: LIVE_TIMEOUT });
  return banner;
}

/** From the banner (or the queue item) into the detail; returns the escalation id. */
async function openEscalation(page, banner) {
  await banner.getByRole('link', { name: 'Bekijken' }).click();
  await page.waitForURL((url) => url.pathname === '/moderation' && url.searchParams.has('id'), { timeout: 10_000 });
  const detail = page.getByRole('article', { name: NL.escalationAbout(CLIENT.pseudonym) });
  await detail.waitFor({ timeout: 10_000 });
  return { id: new URL(page.url()).searchParams.get('id'), detail };
}

/** Waits until `text` is shown more often than `before` times (earlier runs leave the same lines in the history). */
async function waitForAnotherText(page, text, before) {
  await page.waitForFunction(
    ({ wanted, count }) => [...document.querySelectorAll('.system-line')].filter((line) => line.textContent === wanted).length > count,
    { wanted: text, count: before },
    { timeout: LIVE_TIMEOUT },
  );
}

function countText(page, text) {
  return page.locator('.system-line', { hasText: text }).count();
}

export const tests = [
  {
    name: 'a risky message: crisis card at once; the moderator sees it live, claims, joins, writes, notes and resolves',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/escalations', 'safety');
      const id = stamp();
      // The client on a phone: the card must be readable there.
      const client = await ctx.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
      const moderator = await ctx.openPage({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
      await Promise.all([signInFromStart(client.page, ctx, CLIENT.username), signInFromStart(moderator.page, ctx, MODERATOR.username)]);
      await openConsole(moderator.page, ctx, CLIENT.pseudonym);
      await openChatWith(client.page, THERAPIST.pseudonym);

      // Robin writes something worrying: the crisis card follows at once, in the conversation.
      const risky = `ik wil dood, ik heb pillen verzameld (${id})`;
      const composer = client.page.getByRole('textbox', { name: NL.composer(THERAPIST.pseudonym) });
      await composer.fill(risky);
      await composer.press('Enter');
      await client.page.locator('.message__body', { hasText: risky }).waitFor({ timeout: LIVE_TIMEOUT });
      // The history may hold cards of earlier runs: wait for one AFTER this message.
      await client.page.waitForFunction(
        (text) => {
          const items = [...document.querySelectorAll('.messages__list > li')];
          const message = items.findIndex((li) => li.textContent?.includes(text));
          return message >= 0 && items.slice(message + 1).some((li) => li.classList.contains('safety-notice--crisis'));
        },
        risky,
        { timeout: LIVE_TIMEOUT },
      );
      const card = client.page.getByRole('region', { name: NL.crisisCard }).last();
      const calls = await card.locator('a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.ok(calls.includes('tel:112'), `the card offers 112 (links: ${calls.join(', ')})`);
      assert.ok(calls.length >= 2, 'the card offers at least one crisis line besides 112');
      assert.equal(await card.locator('.crisis-resource--emergency').count(), 1, '112 is marked as the emergency number');
      await card.scrollIntoViewIfNeeded();
      assert.ok((await phoneOverflow(client.page)) <= 0, 'the chat with the crisis card fits a 390px screen');
      await screenshot(client.page, ctx, 'safety-crisis-card-phone.png');
      await assertAccessible(client.page, 'client chat with the crisis card, 390px');

      // The moderator's console shows it without a reload: banner, the item in the queue, tab title count.
      const banner = await waitForBanner(moderator.page);
      await queueItem(moderator.page, id).waitFor({ timeout: LIVE_TIMEOUT });
      await assertNotReloaded(moderator.page);
      assert.match(await moderator.page.title(), /^\(\d+\) /, 'the tab title counts waiting escalations');
      await screenshot(moderator.page, ctx, 'safety-console-alert.png');
      await assertAccessible(moderator.page, 'moderation console with a live alert');

      // Open, claim, join.
      const { id: escalationId, detail } = await openEscalation(moderator.page, banner);
      assert.ok(escalationId, 'the escalation id is in the address');
      await detail.locator('.signal__text', { hasText: risky }).first().waitFor({ timeout: 10_000 });
      await detail.locator('.context-message--signal', { hasText: risky }).first().waitFor({ timeout: 10_000 });
      await claim(detail);
      const joinedBefore = await countText(client.page, NL.joinedLine(MODERATOR.pseudonym));
      await detail.getByRole('button', { name: NL.join }).click();
      const chatLink = detail.getByRole('link', { name: NL.openChat(CLIENT.pseudonym) });
      await chatLink.waitFor({ timeout: 10_000 });
      assert.match((await chatLink.getAttribute('href')) ?? '', /^\/chat\?c=/);
      await waitForAnotherText(client.page, NL.joinedLine(MODERATOR.pseudonym), joinedBefore);
      // A screen reader hears the notice as a notice, not as a message from the therapist.
      await client.page.waitForFunction(
        (line) => document.querySelector('.messages + [aria-live="polite"]')?.textContent === line,
        NL.joinedLine(MODERATOR.pseudonym),
        { timeout: LIVE_TIMEOUT },
      );

      // An internal note.
      const note = `Robin schrijft over pillen; contact opnemen via de chat. (${id})`;
      await addNote(detail, note);
      await screenshot(moderator.page, ctx, 'safety-console-detail.png');
      await assertAccessible(moderator.page, 'moderation console, escalation detail');

      // The moderator writes to Robin in the conversation; Robin sees the Moderator badge.
      await chatLink.click();
      await moderator.page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('c'), { timeout: 10_000 });
      const moderatorComposer = moderator.page.getByRole('textbox', { name: /^Bericht aan / });
      await moderatorComposer.waitFor({ timeout: 10_000 });
      const fromModerator = `Hoi Robin, ik ben Jules van het Cocon-team. Ik ben er nu voor je. (${id})`;
      await moderatorComposer.fill(fromModerator);
      await moderatorComposer.press('Enter');
      const bubble = client.page.locator('.message', { hasText: fromModerator });
      await bubble.waitFor({ timeout: LIVE_TIMEOUT });
      assert.equal(await bubble.locator('.moderator-badge').innerText(), NL.badge, 'the client sees the Moderator badge');
      assert.match(await bubble.locator('.message__sender').innerText(), new RegExp(MODERATOR.pseudonym));
      await bubble.scrollIntoViewIfNeeded();
      await screenshot(client.page, ctx, 'safety-moderator-in-chat-phone.png');
      await assertAccessible(moderator.page, 'moderator in the chat');

      // Back in the console: resolve. The moderator leaves the conversation.
      await moderator.page.goto(new URL(`/moderation?id=${encodeURIComponent(escalationId)}`, ctx.baseUrl).href, { waitUntil: 'load' });
      const again = moderator.page.getByRole('article', { name: NL.escalationAbout(CLIENT.pseudonym) });
      await again.waitFor({ timeout: URL_TIMEOUT });
      await again.locator('.note__text', { hasText: note }).waitFor({ timeout: 10_000 });
      const leftBefore = await countText(client.page, NL.leftLine(MODERATOR.pseudonym));
      await resolve(again, `Robin in de chat gesproken en 1813 gegeven. (${id})`);
      await waitForAnotherText(client.page, NL.leftLine(MODERATOR.pseudonym), leftBefore);
      assert.equal(
        await moderator.page.getByRole('region', { name: NL.queue }).locator(`[data-escalation="${escalationId}"]`).count(),
        0,
        'a resolved escalation leaves the open queue',
      );

      assertNoProblems(client, 'client');
      assertNoProblems(moderator, 'moderator');
    },
  },
  {
    name: 'the help button: confirm, the team is alerted, crisis card; the moderator sees it live and resolves it',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/escalations', 'safety');
      const id = stamp();
      // Tall enough for the whole dialog with the crisis card in one screenshot.
      const client = await ctx.openPage({ viewport: { width: 1280, height: 1500 }, reducedMotion: 'reduce' });
      const moderator = await ctx.openPage({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
      await Promise.all([signInFromStart(client.page, ctx, CLIENT.username), signInFromStart(moderator.page, ctx, MODERATOR.username)]);
      await openConsole(moderator.page, ctx, CLIENT.pseudonym);

      // In the header, next to (and unlike) the quick exit; by keyboard: opens, Escape closes, focus returns.
      const help = client.page.getByRole('banner').getByRole('button', { name: NL.helpButton });
      await help.focus();
      await client.page.keyboard.press('Enter');
      const dialog = client.page.getByRole('dialog', { name: NL.helpTitle });
      await dialog.waitFor({ timeout: 5000 });
      assert.equal(await dialog.evaluate((element) => element.contains(document.activeElement)), true, 'focus moved into the dialog');
      await client.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: 5000 });
      assert.equal(await help.evaluate((element) => element === document.activeElement), true, 'focus is back on the help button');
      // Past the quick exit's double-Escape window before anything else.
      await client.page.waitForTimeout(1200);
      assert.ok(client.page.url().startsWith(ctx.baseUrl), 'one Escape does not leave Cocon');

      await help.click();
      await dialog.waitFor({ timeout: 5000 });
      await dialog.getByRole('textbox', { name: NL.helpTextLabel }).fill(`Het gaat echt niet goed vandaag. (${id})`);
      await screenshot(client.page, ctx, 'safety-help-confirm.png');
      await assertAccessible(client.page, 'help dialog (confirm)');
      await dialog.getByRole('button', { name: NL.helpConfirm }).click();

      const done = client.page.getByRole('dialog', { name: NL.helpDoneTitle });
      await done.getByRole('status').filter({ hasText: NL.helpAlerted }).waitFor({ timeout: LIVE_TIMEOUT });
      const card = done.getByRole('region', { name: NL.crisisCard });
      await card.waitFor({ timeout: 5000 });
      assert.ok((await card.locator('a[href="tel:112"]').count()) >= 1, 'the card offers 112');
      await screenshot(client.page, ctx, 'safety-help-done.png');
      await elementShot(card, ctx, 'safety-crisis-card.png');
      await assertAccessible(client.page, 'help dialog (sent, with the crisis card)');
      await done.getByRole('button', { name: NL.close }).click();
      await done.waitFor({ state: 'detached', timeout: 5000 });

      // The moderator sees it arrive (from the help button) without a reload, and resolves it.
      const banner = await waitForBanner(moderator.page);
      await queueItem(moderator.page, NL.helpSource).waitFor({ timeout: LIVE_TIMEOUT });
      await assertNotReloaded(moderator.page);
      const { detail } = await openEscalation(moderator.page, banner);
      await detail.locator('.signal__text', { hasText: id }).first().waitFor({ timeout: 10_000 });
      await claim(detail);
      await resolve(detail, `Robin gebeld na de hulpknop. (${id})`);

      assertNoProblems(client, 'client');
      assertNoProblems(moderator, 'moderator');
    },
  },
  {
    name: 'the therapist escalates a client; the moderator sees it live; the therapist home shows it until it is resolved',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/escalations', 'safety');
      const id = stamp();
      const therapist = await ctx.openPage({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
      const moderator = await ctx.openPage({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
      await Promise.all([signInFromStart(therapist.page, ctx, THERAPIST_ACCOUNT), signInFromStart(moderator.page, ctx, MODERATOR.username)]);
      await openConsole(moderator.page, ctx, CLIENT.pseudonym);

      // The therapist's home shows no open escalation of Robin now.
      await therapist.page.getByRole('table').waitFor({ timeout: 10_000 });
      assert.equal(await therapist.page.getByRole('region', { name: NL.caseloadAlert }).count(), 0, 'nothing open on the therapist home yet');

      await therapist.page.getByRole('link', { name: NL.clientPage(CLIENT.pseudonym) }).click();
      await therapist.page.waitForURL((url) => url.pathname === '/therapist/client', { timeout: 10_000 });
      const section = therapist.page.getByRole('region', { name: NL.escalateSection });
      await section.getByRole('button', { name: NL.escalate }).click();
      await section.getByRole('textbox', { name: NL.reason }).fill(`Robin mist al twee sessies en stuurde een afscheidsbericht. (${id})`);
      await section.getByRole('combobox', { name: NL.urgency }).selectOption({ label: NL.medium });
      await assertAccessible(therapist.page, 'therapist client page, escalate form');
      await section.getByRole('button', { name: NL.send }).click();
      await section.getByText(NL.sent).waitFor({ timeout: 10_000 });
      const alert = therapist.page.getByRole('region', { name: NL.clientAlert(CLIENT.pseudonym) });
      await alert.waitFor({ timeout: 10_000 });
      assert.match(await alert.innerText(), /Verhoogd risico/);
      await screenshot(therapist.page, ctx, 'safety-therapist-escalated.png');

      // The moderator sees it arrive live, from the therapist.
      const banner = await waitForBanner(moderator.page);
      await queueItem(moderator.page, NL.therapistSource).waitFor({ timeout: LIVE_TIMEOUT });
      await assertNotReloaded(moderator.page);

      // The therapist's home lists it, and it goes when the moderator resolves it (live).
      await therapist.page.getByRole('link', { name: 'Mijn pagina' }).click();
      const homeAlert = therapist.page.getByRole('region', { name: NL.caseloadAlert });
      await homeAlert.waitFor({ timeout: 10_000 });
      assert.match(await homeAlert.innerText(), new RegExp(CLIENT.pseudonym));
      await assertAccessible(therapist.page, 'therapist home with an open escalation');

      const { detail } = await openEscalation(moderator.page, banner);
      await detail.locator('.signal__text', { hasText: id }).first().waitFor({ timeout: 10_000 });
      await claim(detail);
      await homeAlert.getByText(/Opgenomen door Moderator Jules/).waitFor({ timeout: LIVE_TIMEOUT });
      await resolve(detail, `Met de therapeut overlegd. (${id})`);
      await homeAlert.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });

      assertNoProblems(therapist, 'therapist');
      assertNoProblems(moderator, 'moderator');
    },
  },
];
