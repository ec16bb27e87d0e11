// Browser journeys for the phone-first shell, as the demo client (Robin), against the REAL backend
// (COCON_BASE_URL). On a 360×740 and a 390×844 phone: home, the chat with the therapist (a message
// sent with the keyboard), a guide chat with a step card (answered with the keyboard up to the
// timer, whose "stop early" must be in reach), the check-in and the help dialog. On every page:
// nothing wider than the screen, the quick-exit button clear of every heading and link, no serious
// axe violations. On a laptop (1366×850) the chat fits the window with its list beside it. And
// the /login bookmark starts a real sign-in.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoProblems, DEMO_PASSWORD, requireProtectedApi, screenshot, signInFromStart, SIGN_IN_NL, URL_TIMEOUT } from './lib/journeys.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = 'Dr. Noor Peeters';
const PROGRAMME = 'Stress en ontspanning';
const LIVE_TIMEOUT = 15_000;

const NL = {
  places: 'Jouw plekken',
  chat: 'Chat',
  programmes: 'Programma’s',
  checkin: 'Check-in',
  help: 'Ik heb nu hulp nodig',
  helpTitle: 'Hulp vragen',
  cancel: 'Annuleren',
  quickExit: 'Snel weg',
  menu: 'Menu',
  signOut: 'Afmelden',
  next: 'Verder',
  send: 'Versturen',
  answer: 'Je antwoord',
  timerStart: 'Start de timer',
  timerStop: 'Vroeger stoppen',
  leave: 'Stoppen',
  confirmYes: 'Ja, doe maar',
  keyboardHint: 'Enter verstuurt',
};

const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];

function phone(size) {
  return { viewport: size, isMobile: true, hasTouch: true, reducedMotion: 'reduce' };
}

/** Nothing is wider than the screen: the page never scrolls sideways. */
async function assertNoSidewaysScroll(page, where) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

/** The quick-exit button is in sight and overlaps no heading, link or other button. */
async function assertQuickExitClear(page, where) {
  const found = await page.evaluate((label) => {
    const exit = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
    if (!exit) return { missing: true };
    const box = exit.getBoundingClientRect();
    const inView = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    const overlaps = [];
    // What of an element can be seen: its box, cut by every scrolling ancestor (a message
    // scrolled out of the list is not under the bar, whatever its box says).
    const visibleBox = (element) => {
      const rect = element.getBoundingClientRect();
      let box = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        box = { left: Math.max(box.left, clip.left), top: Math.max(box.top, clip.top), right: Math.min(box.right, clip.right), bottom: Math.min(box.bottom, clip.bottom) };
      }
      return { ...box, width: box.right - box.left, height: box.bottom - box.top };
    };
    for (const element of document.querySelectorAll('h1, h2, h3, a[href], button, [role="button"], input, textarea, select')) {
      if (element === exit || exit.contains(element)) continue;
      const other = visibleBox(element);
      if (other.width <= 0 || other.height <= 0) continue;
      const width = Math.min(box.right, other.right) - Math.max(box.left, other.left);
      const height = Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top);
      if (width > 0.5 && height > 0.5) overlaps.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return { inView, overlaps };
  }, NL.quickExit);
  assert.ok(!found.missing, `${where}: no quick-exit button`);
  assert.ok(found.inView, `${where}: the quick-exit button is not in sight`);
  assert.deepEqual(found.overlaps, [], `${where}: the quick-exit button covers ${found.overlaps.join(', ')}`);
}

/** The checks every page gets. */
async function assertPhonePage(page, where) {
  await assertNoSidewaysScroll(page, where);
  await assertQuickExitClear(page, where);
  await assertAccessible(page, where);
}

/** The conversation fits the window: the page itself does not scroll and the composer is in sight. */
async function assertChatFitsWindow(page, where) {
  const fit = await page.evaluate(() => {
    const field = document.querySelector('.composer__input, .guide-hint');
    const box = field?.getBoundingClientRect();
    return {
      pageHeight: document.scrollingElement.scrollHeight,
      innerHeight: window.innerHeight,
      composer: box ? { top: box.top, bottom: box.bottom } : null,
    };
  });
  assert.ok(fit.pageHeight <= fit.innerHeight + 1, `${where}: the page scrolls (${fit.pageHeight}px in a ${fit.innerHeight}px window)`);
  assert.ok(fit.composer, `${where}: no composer`);
  assert.ok(fit.composer.top >= 0 && fit.composer.bottom <= fit.innerHeight, `${where}: the composer is outside the window (${JSON.stringify(fit.composer)})`);
}

function places(page) {
  return page.getByRole('navigation', { name: NL.places });
}

async function goTo(page, name, pathname) {
  await places(page).getByRole('link', { name, exact: true }).click();
  await page.waitForURL((url) => url.pathname === pathname, { timeout: 10_000 });
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 10_000 });
  assert.equal(await places(page).getByRole('link', { name, exact: true }).getAttribute('aria-current'), 'page', `${name} is marked as the current place`);
}

/** The therapist's chat, a message sent with the keyboard only, and who wrote what as a screen reader reads it. */
async function chatWithTherapist(page, where) {
  await goTo(page, NL.chat, '/chat');
  const item = page.locator('.conversation-item', { hasText: THERAPIST });
  if (!new URL(page.url()).searchParams.has('c')) {
    await item.first().waitFor({ timeout: 10_000 });
    await item.first().click();
  }
  const field = page.getByRole('textbox', { name: `Bericht aan ${THERAPIST}` });
  await field.waitFor({ timeout: 10_000 });
  await page.locator('.messages__start, .messages__older').first().waitFor({ timeout: 10_000 });
  await assertChatFitsWindow(page, `${where} chat`);
  // Phones have no Enter key tip (that is for physical keyboards).
  assert.equal(await page.getByText(NL.keyboardHint).count(), 0, `${where}: keyboard tip shown on a phone`);

  const text = `Telefoon-test ${Date.now().toString(36)}`;
  await field.focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  const own = page.locator('li.message--own', { hasText: text });
  await own.waitFor({ timeout: LIVE_TIMEOUT });
  await page.locator('li.message--own[data-status="sent"], li.message--own[data-status="read"]', { hasText: text }).waitFor({ timeout: LIVE_TIMEOUT });
  // Who wrote it, as a screen reader reads the bubble.
  assert.match(await own.textContent(), /^Jij: /);
  const theirs = page.locator('li.message--other:not(.message--step)').filter({ hasNot: page.locator('.message__nudge-label') });
  for (const bubble of (await theirs.all()).slice(-3)) {
    assert.match(await bubble.textContent(), new RegExp(`^${THERAPIST.replace('.', '\\.')}: `), 'a therapist message names the therapist');
  }
  await assertChatFitsWindow(page, `${where} chat after sending`);
  await page.locator('.messages').focus();
  await assertPhonePage(page, `${where} chat`);
}

/** A fresh run of the programme: stop an open one (earlier journeys on the same server), then start. */
async function startProgramme(page) {
  await goTo(page, NL.programmes, '/programmes');
  await page.locator('.programme-list--catalogue .programme-card').first().waitFor({ timeout: 10_000 });
  const mine = page.locator('section[aria-labelledby="mine-title"] article', { hasText: PROGRAMME });
  const open = mine.filter({ has: page.getByRole('button', { name: NL.leave, exact: true }) });
  const start = page.getByRole('button', { name: new RegExp(`^(Start ${PROGRAMME}|${PROGRAMME} opnieuw doen)$`) });
  // Both lists loaded: either the programme can be started, or it is open and can be stopped.
  await start.or(open).first().waitFor({ timeout: 10_000 });
  if ((await open.count()) > 0) {
    await open.getByRole('button', { name: NL.leave, exact: true }).click();
    await mine.getByRole('group', { name: NL.leave }).getByRole('button', { name: NL.confirmYes }).click();
  }
  await start.waitFor({ timeout: 10_000 });
  return start;
}

/** The current step card, once its id is `stepId`. */
async function currentStep(page, stepId) {
  const card = page.locator(`article.step-card--current[data-step="${stepId}"]`);
  await card.waitFor({ timeout: LIVE_TIMEOUT });
  return card;
}

/** The guide chat answered with the keyboard up to the timer; its controls fit the screen. */
async function guideChatToTimer(page, ctx, where) {
  const start = await startProgramme(page);
  await assertPhonePage(page, `${where} programmes`);
  await start.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('c'), { timeout: URL_TIMEOUT });

  for (const stepId of ['welcome', 'stress-in-body']) {
    const card = await currentStep(page, stepId);
    await card.getByRole('button', { name: NL.next }).focus();
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
  }
  // "Verder" is a way on, not a message the client wrote.
  assert.equal(await page.locator('li.message--own', { hasText: NL.next }).count(), 0, `${where}: "Verder" shown as the client's bubble`);
  // The guide is nobody to be online.
  assert.equal(await page.getByText(/is online|is offline/).count(), 0, `${where}: a presence line in the guide chat`);

  const scale = await currentStep(page, 'stress-level');
  await scale.getByRole('slider', { name: NL.answer }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, NL.send, 'Tab from the slider reaches the send button');
  await page.keyboard.press('Enter');

  const timer = await currentStep(page, 'quick-calm');
  await timer.getByRole('button', { name: NL.timerStart }).focus();
  await page.keyboard.press('Enter');
  const stop = timer.getByRole('button', { name: NL.timerStop });
  await stop.waitFor({ timeout: 5_000 });
  await stop.scrollIntoViewIfNeeded();
  const fits = await timer.evaluate((card) => {
    const button = [...card.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Vroeger stoppen');
    const box = button.getBoundingClientRect();
    const composer = document.querySelector('.guide-hint')?.getBoundingClientRect();
    return {
      cardOverflow: card.scrollWidth - card.clientWidth,
      button: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
      limit: { width: window.innerWidth, bottom: Math.min(window.innerHeight, composer?.top ?? window.innerHeight) },
    };
  });
  assert.ok(fits.cardOverflow <= 0, `${where}: the step card scrolls sideways by ${fits.cardOverflow}px`);
  assert.ok(fits.button.left >= 0 && fits.button.right <= fits.limit.width, `${where}: "stop early" is cut off sideways (${JSON.stringify(fits)})`);
  assert.ok(fits.button.top >= 0 && fits.button.bottom <= fits.limit.bottom, `${where}: "stop early" is hidden (${JSON.stringify(fits)})`);
  await assertChatFitsWindow(page, `${where} guide chat`);
  await assertPhonePage(page, `${where} guide chat with the timer`);
  await screenshot(page, ctx, `phone-${where}-guide-timer.png`);

  await stop.focus();
  await page.keyboard.press('Enter');
  await timer.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
}

/** The help dialog opens below the bar: quick exit stays usable above it. */
async function helpDialog(page, where) {
  await places(page).getByRole('button', { name: NL.help }).click();
  const dialog = page.getByRole('dialog', { name: NL.helpTitle });
  await dialog.waitFor({ timeout: 5_000 });
  const onTop = await page.evaluate((label) => {
    const exit = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
    const box = exit.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === exit;
  }, NL.quickExit);
  assert.ok(onTop, `${where}: the help dialog covers the quick-exit button`);
  await assertAccessible(page, `${where} help dialog`);
  await dialog.getByRole('button', { name: NL.cancel }).click();
  await dialog.waitFor({ state: 'detached', timeout: 5_000 });
}

function phoneJourney(size) {
  const where = `${size.width}px`;
  return {
    name: `client on a ${size.width}×${size.height} phone: home, chat, guide chat with a timer, check-in, help`,
    timeoutMs: 240_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/programmes', 'programme');
      const client = await ctx.openPage(phone(size));
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);

      await assertPhonePage(page, `${where} home`);
      assert.equal(await places(page).locator('[aria-current="page"]').count(), 0, 'no place is current on the home page');
      await screenshot(page, ctx, `phone-${where}-home.png`);

      // The account items sit in the menu.
      const menu = page.getByRole('banner').getByRole('button', { name: NL.menu });
      await menu.click();
      assert.equal(await menu.getAttribute('aria-expanded'), 'true');
      await page.getByRole('banner').getByRole('button', { name: NL.signOut }).waitFor({ state: 'visible', timeout: 5_000 });
      await assertNoSidewaysScroll(page, `${where} menu open`);
      await menu.click();

      await chatWithTherapist(page, where);
      await screenshot(page, ctx, `phone-${where}-chat.png`);
      await guideChatToTimer(page, ctx, where);

      await goTo(page, NL.checkin, '/checkin');
      await page.locator('form').first().waitFor({ timeout: 10_000 });
      await assertPhonePage(page, `${where} check-in`);
      await screenshot(page, ctx, `phone-${where}-checkin.png`);

      await helpDialog(page, where);
      assertNoProblems(client, where);
    },
  };
}

export const tests = [
  ...PHONES.map(phoneJourney),
  {
    name: 'client on a 1366×850 laptop: the chat fits the window, list and conversation side by side',
    async run(ctx) {
      const client = await ctx.openPage({ viewport: { width: 1366, height: 850 }, reducedMotion: 'reduce' });
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);
      await assertAccessible(page, 'laptop home');
      await goTo(page, NL.chat, '/chat');
      const item = page.locator('.conversation-item', { hasText: THERAPIST }).first();
      await item.waitFor({ timeout: 10_000 });
      await item.click();
      await page.getByRole('textbox', { name: `Bericht aan ${THERAPIST}` }).waitFor({ timeout: 10_000 });
      await assertChatFitsWindow(page, 'laptop chat');
      const columns = await page.evaluate(() => {
        const list = document.querySelector('.chat__list-pane')?.getBoundingClientRect();
        const conversation = document.querySelector('.chat__conversation-pane')?.getBoundingClientRect();
        return list && conversation ? { listRight: list.right, conversationLeft: conversation.left, listWidth: list.width } : null;
      });
      assert.ok(columns && columns.listWidth > 0 && columns.listRight <= columns.conversationLeft, `two columns: ${JSON.stringify(columns)}`);
      // A laptop has a keyboard: the Enter tip is there.
      await page.getByText(NL.keyboardHint).waitFor({ timeout: 5_000 });
      await assertQuickExitClear(page, 'laptop chat');
      await assertAccessible(page, 'laptop chat');
      await screenshot(page, ctx, 'laptop-chat.png');
      assertNoProblems(client, 'laptop');
    },
  },
  {
    name: '/login opened from a bookmark starts the sign-in and ends signed in on /home',
    async run(ctx) {
      const client = await ctx.openPage(phone(PHONES[1]));
      const { page } = client;
      await page.goto(new URL('/login', ctx.baseUrl).href, { waitUntil: 'load' });
      // Through the provider and back to the form, now with a sign-in to finish.
      await page.waitForFunction(() => sessionStorage.length > 0 && [...Array(sessionStorage.length).keys()].some((i) => sessionStorage.key(i)?.startsWith('oidc.')), null, {
        timeout: URL_TIMEOUT,
      });
      await page.locator('form input[type="hidden"][name="_csrf"]').waitFor({ state: 'attached', timeout: URL_TIMEOUT });
      assert.equal(new URL(page.url()).pathname, '/login');
      await page.getByLabel(SIGN_IN_NL.username, { exact: true }).fill(CLIENT.username);
      await page.getByLabel(SIGN_IN_NL.password, { exact: true }).fill(DEMO_PASSWORD);
      await page.locator('form').getByRole('button', { name: SIGN_IN_NL.signIn, exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/home', { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: `Hoi ${CLIENT.pseudonym}` }).waitFor({ timeout: 10_000 });
      assertNoProblems(client, '/login bookmark');
    },
  },
];
