// Browser journey for review items, against the REAL backend (COCON_BASE_URL), both people on a
// phone (390×844): the demo client Robin writes the guaranteed review phrase of the safety
// contract to the therapist and gets NO crisis card; the demo moderator Jules finds it quietly
// under "Te bekijken" (no alert) with the reason it was flagged, and dismisses it with a reason.
// Robin writes it again: a new review item, which Jules escalates; now Robin gets the crisis card.
// Jules then claims and resolves the escalation, and looks at the figures.
//
// The phrase must be written exactly (no stamp), so an earlier run's items are found by id, and
// the client's crisis cards are looked for after the LAST message with the phrase.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoProblems, openChatWith, phoneOverflow, requireProtectedApi, screenshot, signInFromStart, stamp } from './lib/journeys.mjs';
import { actionsOf, assertNotReloaded, claim, dismiss, escalate, itemsAbout, MOD_NL, openConsole, resolve } from './lib/moderation.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { pseudonym: 'Dr. Noor Peeters' };
const MODERATOR = { username: 'demo-moderator' };

/** The contract's guaranteed REVIEW phrase (on its own). */
const REVIEW_PHRASE = 'ik wil gewoon weg van alles';
const LIVE_TIMEOUT = 15_000;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' };

/** The client writes `text` and waits until the server acknowledged it (assessed by then). */
async function write(page, text) {
  const own = page.locator('.message--own', { has: page.locator('.message__body', { hasText: new RegExp(`^${text}$`) }) });
  const before = await own.count();
  const composer = page.getByRole('textbox', { name: `Bericht aan ${THERAPIST.pseudonym}` });
  await composer.fill(text);
  await composer.press('Enter');
  await page.waitForFunction(
    ({ wanted, count }) => {
      const mine = [...document.querySelectorAll('.messages__list > li.message--own')].filter((li) => li.querySelector('.message__body')?.textContent === wanted);
      return mine.length > count && ['sent', 'read'].includes(mine[mine.length - 1]?.dataset.status ?? '');
    },
    { wanted: text, count: before },
    { timeout: LIVE_TIMEOUT },
  );
}

/** Whether a crisis card follows the client's last message with `text`. */
function cardAfterLast(page, text) {
  return page.evaluate((wanted) => {
    const items = [...document.querySelectorAll('.messages__list > li')];
    const last = items.findLastIndex((li) => li.classList.contains('message--own') && li.querySelector('.message__body')?.textContent === wanted);
    return last >= 0 && items.slice(last + 1).some((li) => li.classList.contains('safety-notice--crisis'));
  }, text);
}

/** The new review item about the client (not one of `seen`), once it is in the "to review" list. */
async function newReviewItem(page, seen) {
  const reviews = page.getByRole('region', { name: MOD_NL.reviews });
  const fresh = reviews.locator('li[data-escalation]', { hasText: CLIENT.pseudonym }).filter({ hasText: REVIEW_PHRASE });
  await page
    .waitForFunction(
      (known) =>
        [...document.querySelectorAll('.moderation__reviews li[data-escalation]')].some(
          (li) => !known.includes(li.dataset.escalation ?? '') && li.textContent?.includes('Robin'),
        ),
      seen,
      { timeout: LIVE_TIMEOUT },
    )
    .catch(async (error) => {
      const queue = await page.locator('.moderation__lists').innerText().catch(() => '?');
      throw new Error(`no new review item about ${CLIENT.pseudonym} within ${LIVE_TIMEOUT} ms: is "${REVIEW_PHRASE}" assessed REVIEW by the detector? The lists show:\n${queue}\n(${error.message})`);
    });
  const ids = await fresh.evaluateAll((items) => items.map((li) => li.dataset.escalation ?? ''));
  const id = ids.find((candidate) => !seen.includes(candidate));
  assert.ok(id, 'a new review item about the client');
  return { id, item: reviews.locator(`li[data-escalation="${id}"]`) };
}

/** The quick-exit button and the action panel do not overlap. */
async function assertQuickExitFree(page, detail) {
  const exit = await page.locator('.quick-exit__button').boundingBox();
  const panel = await actionsOf(detail).boundingBox();
  assert.ok(exit && panel, 'quick exit and action panel are on screen');
  const overlap = exit.x < panel.x + panel.width && panel.x < exit.x + exit.width && exit.y < panel.y + panel.height && panel.y < exit.y + exit.height;
  assert.equal(overlap, false, `the action panel (${JSON.stringify(panel)}) leaves the quick exit (${JSON.stringify(exit)}) free`);
}

export const tests = [
  {
    name: 'a review item: no crisis card, quiet under "Te bekijken"; dismissed with a reason; the next one escalated brings the card',
    timeoutMs: 150_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/escalations', 'safety');
      const id = stamp();
      const client = await ctx.openPage(PHONE);
      const moderator = await ctx.openPage(PHONE);
      await Promise.all([signInFromStart(client.page, ctx, CLIENT.username), signInFromStart(moderator.page, ctx, MODERATOR.username)]);
      await openConsole(moderator.page, ctx, CLIENT.pseudonym);
      await openChatWith(client.page, THERAPIST.pseudonym);
      const mod = moderator.page;

      // 1. Robin writes the review phrase: no crisis card.
      await write(client.page, REVIEW_PHRASE);

      // Jules sees it under "Te bekijken", without an alert, with why it was flagged.
      const first = await newReviewItem(mod, []);
      await assertNotReloaded(mod);
      assert.equal(await mod.locator('.moderation-alert').count(), 0, 'a review item raises no alert');
      assert.equal(await first.item.locator('.escalation-item--flash').count(), 0, 'a review item does not flash');
      // Why it was flagged, in words (the detector's codes are translated; it may mark no words for an uncertain case).
      const why = await first.item.locator('.escalation-item__why').innerText();
      assert.match(why, /^Herkend: \S/, 'the item says why it was flagged');
      assert.doesNotMatch(why, /uncertain|passive-wish/, `the reasons are in words: ${why}`);
      assert.equal(await cardAfterLast(client.page, REVIEW_PHRASE), false, 'no crisis card for a review item');
      assert.equal(await itemsAbout(mod, CLIENT.pseudonym).count(), 1, 'only the review item is open for the client');

      // Jules opens it: on a phone the detail comes first, with the actions in reach.
      await first.item.getByRole('link').click();
      await mod.waitForURL((url) => url.searchParams.get('id') === first.id, { timeout: 10_000 });
      // The detail's name changes with what it is ("Te bekijken: …", after escalating "Melding over …").
      const detail = mod.locator('article.escalation-detail');
      await mod.getByRole('article', { name: MOD_NL.reviewAbout(CLIENT.pseudonym) }).waitFor({ timeout: 10_000 });
      await detail.locator('.signal__text', { hasText: REVIEW_PHRASE }).first().waitFor({ timeout: 10_000 });
      assert.ok((await detail.locator('.signal__why').count()) >= 1, 'the detail says why it was flagged');
      await actionsOf(detail).getByRole('button', { name: MOD_NL.claim, exact: true }).waitFor({ state: 'detached', timeout: 5_000 });
      assert.ok((await phoneOverflow(mod)) <= 0, 'the review detail fits a 390px screen');
      await assertQuickExitFree(mod, detail);
      await mod.evaluate(() => window.scrollTo(0, 0));
      await screenshot(mod, ctx, 'moderation-review-detail-phone.png');
      await assertAccessible(mod, 'review item detail, 390px');

      // The actions stay in reach while reading further down, and never cover the quick exit.
      await detail.locator('.escalation-section').last().scrollIntoViewIfNeeded();
      const button = await actionsOf(detail).getByRole('button', { name: MOD_NL.dismissOpen, exact: true }).boundingBox();
      assert.ok(button && button.y >= 0 && button.y + button.height <= PHONE.viewport.height, `the actions stay on screen while scrolling (${JSON.stringify(button)})`);
      await assertQuickExitFree(mod, detail);

      // 2. Not worrying: a reason is required.
      await dismiss(detail, 'Overdreven uitgedrukt', `Zo praat Robin vaker over school. (${id})`);
      assert.equal(await mod.locator(`.moderation__lists [data-escalation="${first.id}"]`).count(), 0, 'a dismissed item leaves the list');
      assert.equal(await cardAfterLast(client.page, REVIEW_PHRASE), false, 'still no crisis card');

      // 3. Robin writes it again: a new review item, which Jules escalates.
      await mod.getByRole('link', { name: MOD_NL.back }).click();
      await mod.waitForURL((url) => !url.searchParams.has('id'), { timeout: 10_000 });
      await write(client.page, REVIEW_PHRASE);
      const second = await newReviewItem(mod, [first.id]);
      assert.equal(await cardAfterLast(client.page, REVIEW_PHRASE), false, 'no crisis card for the second review item either');
      await second.item.getByRole('link').click();
      await mod.waitForURL((url) => url.searchParams.get('id') === second.id, { timeout: 10_000 });
      await mod.getByRole('article', { name: MOD_NL.reviewAbout(CLIENT.pseudonym) }).waitFor({ timeout: 10_000 });
      await escalate(detail, 'Hoog risico');

      // Now Robin gets the crisis card, after the message.
      await client.page.waitForFunction(
        (wanted) => {
          const items = [...document.querySelectorAll('.messages__list > li')];
          const last = items.findLastIndex((li) => li.classList.contains('message--own') && li.querySelector('.message__body')?.textContent === wanted);
          return last >= 0 && items.slice(last + 1).some((li) => li.classList.contains('safety-notice--crisis'));
        },
        REVIEW_PHRASE,
        { timeout: LIVE_TIMEOUT },
      );
      await client.page.locator('.safety-notice--crisis').last().scrollIntoViewIfNeeded();
      assert.ok((await phoneOverflow(client.page)) <= 0, 'the chat with the crisis card fits a 390px screen');

      // It is an ordinary escalation now: Jules claims and resolves it.
      await mod.getByRole('article', { name: MOD_NL.escalationAbout(CLIENT.pseudonym) }).waitFor({ timeout: 10_000 });
      assert.match(await detail.locator('.escalation-detail__badges').innerText(), /Hoog risico/);
      await claim(detail);
      // A full-page picture from the top: scrolled, the sticky panel would be drawn where it stuck.
      await mod.evaluate(() => window.scrollTo(0, 0));
      await screenshot(mod, ctx, 'moderation-escalated-detail-phone.png');
      await resolve(detail, `Robin gesproken in de chat. (${id})`);

      // 4. The figures: both review items are counted.
      await mod.getByRole('link', { name: MOD_NL.back }).click();
      await mod.getByRole('link', { name: MOD_NL.statsLink }).click();
      await mod.waitForURL((url) => url.pathname === '/moderation/stats', { timeout: 10_000 });
      const overview = mod.getByRole('region', { name: 'Overzicht', exact: true });
      await overview.waitFor({ timeout: 10_000 });
      const reviews = mod.getByRole('region', { name: 'Twijfelgevallen', exact: true });
      const count = async (label) => Number((await reviews.getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell').innerText()).replace(/\D/g, ''));
      assert.ok((await count('Binnengekomen')) >= 2, 'both review items are counted');
      assert.ok((await count('Niet zorgwekkend')) >= 1, 'the dismissal is counted');
      assert.ok((await count('Geëscaleerd')) >= 1, 'the escalation is counted');
      assert.equal(await mod.locator('.stats-chart canvas').count(), 2, 'a daily chart and a chart per category');
      await mod.getByRole('group', { name: 'Periode' }).getByRole('button', { name: '7 dagen' }).click();
      await mod.waitForURL((url) => url.searchParams.get('days') === '7', { timeout: 10_000 });
      await overview.waitFor({ timeout: 10_000 });
      assert.ok((await phoneOverflow(mod)) <= 0, 'the figures fit a 390px screen');
      await screenshot(mod, ctx, 'moderation-stats-phone.png');
      await assertAccessible(mod, 'figures, 390px');

      assertNoProblems(client, 'client');
      assertNoProblems(moderator, 'moderator');
    },
  },
];
