// Browser journeys for the live chat, against the REAL backend (COCON_BASE_URL): the demo
// client Robin and the demo therapist Dr. Noor Peeters, each in a browser context of their own,
// write to each other over STOMP/WebSocket.
//
// Other journeys (and earlier runs) may already have written in this conversation, so every
// message text here carries a unique stamp and the checks only count those texts.
//
// Cutting the connection: `context.setOffline(true)` (Playwright's network emulation). In
// Chromium it makes the page go `offline` (navigator.onLine, the `offline` event) and refuses
// new connections, but an already open WebSocket is NOT closed by it. The app reacts to the
// browser's `offline` event by dropping its socket at once (as it would on a real network loss,
// where the OS reports the same event), and every reconnect attempt then fails until
// `setOffline(false)`. The journey proves the cut is real: messages the therapist sends
// meanwhile do not reach the client until it is back online.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoProblems, screenshot, signInFromStart, openChatWith, stamp, URL_TIMEOUT } from './lib/journeys.mjs';

const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };
const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };

const NL = {
  lost: 'Verbinding verbroken — we proberen opnieuw…',
  waitingOne: '1 bericht wacht om verstuurd te worden',
  typing: (name) => `${name} is aan het typen…`,
  composer: (name) => `Bericht aan ${name}`,
  read: 'Gelezen',
};

const LIVE_TIMEOUT = 10_000;

/** Chromium reports refused WebSocket connections on the console; expected only while offline. */
const WEBSOCKET_REFUSED = /WebSocket connection to .*\/ws' failed/;


async function requireBackend(ctx) {
  const url = new URL('/auth/config', ctx.baseUrl);
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) }).catch((error) => {
    throw new Error(`cannot reach ${url}: ${error instanceof Error ? error.message : error}`);
  });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.includes('json')) {
    throw new Error(`${url} answered ${response.status} ${type || '(no content type)'}: the chat journeys need the real backend`);
  }
}

/**
 * From /home into the conversation (in-app, so this also works on a server that does not know
 * the /chat path yet): the client's "Chat met Dr. Noor Peeters", the therapist's caseload row.
 */
async function openChat(page, who) {
  await openChatWith(page, who === 'client' ? THERAPIST.pseudonym : CLIENT.pseudonym);
}

function composer(page, otherName) {
  return page.getByRole('textbox', { name: NL.composer(otherName) });
}

async function sendMessage(page, otherName, text) {
  const box = composer(page, otherName);
  await box.fill(text);
  await box.press('Enter');
  await page.locator('.message', { hasText: text }).first().waitFor({ timeout: LIVE_TIMEOUT });
}

/** Bubble texts in the order shown. */
async function bubbleTexts(page) {
  return page.locator('.message .message__body').allInnerTexts();
}

async function countBubbles(page, text) {
  return page.locator('.message .message__body', { hasText: text }).count();
}

async function waitForBubble(page, text, timeout = LIVE_TIMEOUT) {
  await page.locator('.message .message__body', { hasText: text }).first().waitFor({ timeout });
}

/** The client and the therapist, each signed in and in the conversation with the other. */
async function bothInChat(ctx, clientOptions = {}) {
  await requireBackend(ctx);
  const client = await ctx.openPage({ reducedMotion: 'reduce', ...clientOptions });
  const therapist = await ctx.openPage({ reducedMotion: 'reduce' });
  await Promise.all([signInFromStart(client.page, ctx, CLIENT.username), signInFromStart(therapist.page, ctx, THERAPIST.username)]);
  await Promise.all([openChat(client.page, 'client'), openChat(therapist.page, 'therapist')]);
  return { client, therapist };
}

export const tests = [
  {
    name: 'live exchange both ways, typing indicator, and "read" once the therapist has seen it',
    async run(ctx) {
      const { client, therapist } = await bothInChat(ctx);
      const id = stamp();

      // Client → therapist, without a reload.
      const fromClient = `Hoi, hoe gaat het? (${id} a)`;
      await sendMessage(client.page, THERAPIST.pseudonym, fromClient);
      await waitForBubble(therapist.page, fromClient);

      // The therapist has the conversation open, so the client's message becomes "read".
      const own = client.page.locator('.message--own', { hasText: fromClient });
      await client.page.locator('.message--own[data-status="read"]', { hasText: fromClient }).waitFor({ timeout: LIVE_TIMEOUT });
      assert.match(await own.innerText(), new RegExp(NL.read));

      // Typing shows on the other side.
      await composer(therapist.page, CLIENT.pseudonym).fill('Ik ben aan het');
      await client.page.getByText(NL.typing(THERAPIST.pseudonym)).waitFor({ timeout: LIVE_TIMEOUT });

      // Therapist → client.
      const fromTherapist = `Goed dat je schrijft. (${id} b)`;
      await composer(therapist.page, CLIENT.pseudonym).fill(fromTherapist);
      await composer(therapist.page, CLIENT.pseudonym).press('Enter');
      await waitForBubble(client.page, fromTherapist);
      // Sending ends "typing" on the other side.
      await client.page.getByText(NL.typing(THERAPIST.pseudonym)).waitFor({ state: 'hidden', timeout: LIVE_TIMEOUT });

      for (const page of [client.page, therapist.page]) {
        assert.equal(await countBubbles(page, fromClient), 1);
        assert.equal(await countBubbles(page, fromTherapist), 1);
        const texts = await bubbleTexts(page);
        assert.ok(texts.indexOf(fromClient) < texts.indexOf(fromTherapist), 'in the order they were sent');
      }
      assertNoProblems(client, 'client');
      assertNoProblems(therapist, 'therapist');
    },
  },
  {
    name: 'connection cut and restored: banner, outbox sent once, missed messages once, in order',
    async run(ctx) {
      const { client, therapist } = await bothInChat(ctx);
      const id = stamp();
      const before = `Voor de onderbreking (${id} 0)`;
      await sendMessage(client.page, THERAPIST.pseudonym, before);
      await waitForBubble(therapist.page, before);

      await client.context.setOffline(true);
      await client.page.getByText(NL.lost).waitFor({ timeout: LIVE_TIMEOUT });

      // Written while offline: shown at once as "sending", kept in the outbox.
      const offlineText = `Geschreven zonder verbinding (${id} 1)`;
      await sendMessage(client.page, THERAPIST.pseudonym, offlineText);
      await client.page.locator('.message--own[data-status="sending"]', { hasText: offlineText }).waitFor();
      await client.page.getByText(NL.waitingOne).waitFor();
      const outbox = await client.page.evaluate(() => JSON.parse(sessionStorage.getItem('cocon.outbox') ?? '[]'));
      assert.equal(outbox.length, 1, 'one message in the outbox');
      assert.equal(outbox[0].body, offlineText);

      // Meanwhile the therapist writes twice.
      const missed = [`Eerste bericht terwijl je weg was (${id} 2)`, `Tweede bericht terwijl je weg was (${id} 3)`];
      for (const text of missed) await sendMessage(therapist.page, CLIENT.pseudonym, text);
      await therapist.page.locator('.message--own[data-status="sent"], .message--own[data-status="read"]', { hasText: missed[1] }).waitFor();

      // The cut is real: nothing reaches the client while it is offline.
      await client.page.waitForTimeout(2500);
      assert.equal(await countBubbles(client.page, missed[0]), 0, 'no message arrives while offline');
      assert.ok(await client.page.getByText(NL.lost).isVisible(), 'the banner stays while offline');
      assert.equal(await countBubbles(therapist.page, offlineText), 0, 'the outbox message did not leave while offline');

      await client.context.setOffline(false);
      await client.page.getByText(NL.lost).waitFor({ state: 'hidden', timeout: 20_000 });
      for (const text of missed) await waitForBubble(client.page, text);
      await waitForBubble(therapist.page, offlineText);
      await client.page.locator('.message--own[data-status="sent"], .message--own[data-status="read"]', { hasText: offlineText }).waitFor({ timeout: LIVE_TIMEOUT });
      const outboxAfter = await client.page.evaluate(() => sessionStorage.getItem('cocon.outbox'));
      assert.equal(outboxAfter, null, 'the outbox is empty again');

      // Let any late duplicates arrive before counting.
      await client.page.waitForTimeout(1500);
      const all = [before, offlineText, ...missed];
      const orders = {};
      for (const [who, page] of [
        ['client', client.page],
        ['therapist', therapist.page],
      ]) {
        for (const text of all) assert.equal(await countBubbles(page, text), 1, `${who} shows "${text}" exactly once`);
        // Every text in this conversation is unique (all journeys stamp them): no bubble twice at all.
        const everything = await bubbleTexts(page);
        assert.equal(new Set(everything).size, everything.length, `${who}: no message is shown twice`);
        orders[who] = (await bubbleTexts(page)).filter((text) => text.includes(id));
        assert.equal(orders[who].length, 4, `${who}: four messages of this journey`);
        assert.equal(orders[who][0], before, `${who}: the message from before the cut comes first`);
        assert.ok(orders[who].indexOf(missed[0]) < orders[who].indexOf(missed[1]), `${who}: missed messages in order`);
      }
      // Both sides show the same order: the server's seq order.
      assert.deepEqual(orders.client, orders.therapist, 'client and therapist show the same order');

      // After the cut, the live channel works again both ways.
      const after = `Weer verbonden (${id} 4)`;
      await sendMessage(client.page, THERAPIST.pseudonym, after);
      await waitForBubble(therapist.page, after);
      assert.equal(await countBubbles(therapist.page, after), 1);

      // Chromium logs the refused reconnect attempts while offline; nothing else may show up.
      assertNoProblems(client, 'client', { allow: WEBSOCKET_REFUSED });
      assertNoProblems(therapist, 'therapist');
    },
  },
  {
    name: 'accessibility (axe) of the chat for client and therapist, phone width, screenshots',
    async run(ctx) {
      const { client, therapist } = await bothInChat(ctx, { viewport: { width: 1280, height: 860 } });
      const id = stamp();
      await sendMessage(client.page, THERAPIST.pseudonym, `Vandaag ging het al iets beter dan gisteren. (${id})`);
      await sendMessage(therapist.page, CLIENT.pseudonym, `Fijn om te horen, Robin. Wat hielp er vandaag? (${id})`);
      await waitForBubble(client.page, `Wat hielp er vandaag? (${id})`);

      // Screenshots first: axe scrolls elements into view while it checks contrast.
      await screenshot(client.page, ctx, 'chat-client.png');
      await screenshot(therapist.page, ctx, 'chat-therapist.png');
      await assertAccessible(client.page, 'client chat');
      await assertAccessible(therapist.page, 'therapist chat');

      // Keyboard: the message list can be focused (to scroll it) and the composer sends with Enter.
      await client.page.getByRole('region', { name: `Berichten met ${THERAPIST.pseudonym}` }).focus();
      assert.equal(await client.page.evaluate(() => document.activeElement?.classList.contains('messages')), true);

      const mobile = await ctx.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
      await signInFromStart(mobile.page, ctx, CLIENT.username);
      await openChat(mobile.page, 'client');
      await waitForBubble(mobile.page, `Wat hielp er vandaag? (${id})`);
      await screenshot(mobile.page, ctx, 'chat-client-mobile.png');
      await assertAccessible(mobile.page, 'client chat, 390px');
      const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the chat is ${overflow}px wider than a 390px screen`);

      // Back to the list on a phone, and into the conversation again.
      await mobile.page.getByRole('link', { name: 'Alle gesprekken' }).click();
      await mobile.page.getByRole('heading', { level: 2, name: 'Gesprekken' }).waitFor();

      assertNoProblems(client, 'client');
      assertNoProblems(therapist, 'therapist');
      assertNoProblems(mobile, 'client on a phone');
    },
  },
];
