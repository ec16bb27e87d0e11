// Browser journeys for self-help programmes, against the REAL backend (COCON_BASE_URL), as the
// issue asks: the demo client completes "stress-and-relaxation" in the guide chat, answering
// every step until the completion notice, through a branch (a high stress level leads to the
// short grounding timer) and a timer step (run to the end and marked done; the two long
// exercises are started and then stopped early, as the timer lets a client do); the summary
// card appears. With the client's guide chat still OPEN, the therapist (a second browser
// context) sees the answers on the client's page and comments on one, and the feedback appears
// live in the client's chat. Then the completed programme on /programmes and the guide chat at
// phone width.
//
// Other journeys run against the same server first, so nothing is assumed about the state: an
// open enrolment in the programme is stopped ("Stoppen") before starting again; each run makes
// a new enrolment and finds it by id on the therapist's page.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoProblems, requireProtectedApi, screenshot, signInFromStart, URL_TIMEOUT } from './lib/journeys.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };
const PROGRAMME = { id: 'stress-and-relaxation', title: 'Stress en ontspanning', steps: 15 };

const NL = {
  programmesLink: 'Bekijk de programma’s',
  programmesTitle: 'Programma’s',
  next: 'Verder',
  send: 'Versturen',
  timerStart: 'Start de timer',
  timerPause: 'Pauzeer',
  timerResume: 'Ga verder',
  timerDone: 'Klaar',
  timerStop: 'Vroeger stoppen',
  timerFinished: 'De tijd is om.',
  leave: 'Stoppen',
  confirmYes: 'Ja, doe maar',
  answerLabel: 'Je antwoord',
  feedbackLabel: 'Feedback van je therapeut',
  commentLabel: 'Jouw feedback op deze stap',
  commentSend: 'Feedback versturen',
  commentOpen: 'Feedback geven',
  commentSent: 'Je feedback is verstuurd.',
  chooseAtLeastOne: 'Kies minstens één antwoord.',
  answers: 'Antwoorden',
  summaryTitle: `Afgerond: ${PROGRAMME.title}`,
  stepsDone: 'Stappen gedaan',
  completed: 'Afgerond',
};

const TRIGGERS = 'Toetsen en drukte op school.';
const LIVE_TIMEOUT = 15_000;

/** Shared between the journeys of this file (they run in order). */
const shared = { feedback: '', conversationId: '', answered: 0 };

async function openProgrammes(page) {
  await page.getByRole('link', { name: NL.programmesLink }).click();
  await page.waitForURL((url) => url.pathname === '/programmes', { timeout: 10_000 });
  await page.getByRole('heading', { level: 1, name: NL.programmesTitle }).waitFor({ timeout: 10_000 });
  // Both lists loaded: the catalogue shows its cards.
  await page.locator('.programme-list--catalogue .programme-card').first().waitFor({ timeout: 10_000 });
}

async function progressValue(page) {
  const bar = page.locator('.guide-progress [role="progressbar"]');
  await bar.waitFor({ timeout: LIVE_TIMEOUT });
  return Number(await bar.getAttribute('aria-valuenow'));
}

/** The step that can be answered now, or null once the summary card of the finished programme shows. */
async function nextStepOrSummary(page) {
  const current = page.locator('article.step-card--current');
  const summary = page.getByRole('region', { name: NL.summaryTitle });
  await current.or(summary).first().waitFor({ timeout: LIVE_TIMEOUT });
  if (await summary.isVisible()) return null;
  return { card: current, stepId: await current.getAttribute('data-step'), kind: await current.getAttribute('data-kind') };
}

/** A slider answer by keyboard: End = the highest value, then `back` steps down. */
async function slide(card, back) {
  const slider = card.getByRole('slider', { name: NL.answerLabel });
  await slider.focus();
  await slider.press('End');
  for (let i = 0; i < back; i += 1) await slider.press('ArrowLeft');
  return slider.inputValue();
}

/** Waits until the clock of the running timer shows something else than `shown`. */
async function clockMoves(page, shown) {
  await page.waitForFunction((text) => document.querySelector('.step-card--current [role="timer"]')?.textContent !== text, shown, {
    timeout: 5000,
  });
}

/**
 * Answers the current step as a client would, by kind. The first timer runs to the end (with a
 * pause on the way) and is marked done; longer timers are started and stopped early.
 */
async function answer(page, { card, stepId, kind }, seen) {
  switch (kind) {
    case 'INFO':
      await card.getByRole('button', { name: NL.next }).click();
      return;
    case 'SCALE': {
      // 8 on the 0–10 stress scale: high enough for the grounding-timer branch.
      assert.equal(await slide(card, 2), '8');
      assert.match(await card.innerText(), /Gekozen: 8/);
      await card.getByRole('button', { name: NL.send }).click();
      return;
    }
    case 'MOOD':
      assert.equal(await slide(card, 3), '7');
      await card.getByRole('button', { name: NL.send }).click();
      return;
    case 'TIMER': {
      const clock = card.getByRole('timer');
      const start = await clock.innerText();
      await card.getByRole('button', { name: NL.timerStart }).click();
      await clockMoves(page, start);
      if (seen.timersDone === 0) {
        await card.getByRole('button', { name: NL.timerPause }).click();
        const paused = await clock.innerText();
        await page.waitForTimeout(1500);
        assert.equal(await clock.innerText(), paused, 'a paused timer stands still');
        await card.getByRole('button', { name: NL.timerResume }).click();
        await card.locator('.timer__finished', { hasText: NL.timerFinished }).waitFor({ timeout: 90_000 });
        assert.equal(await clock.innerText(), '0:00');
        await card.getByRole('button', { name: NL.timerDone }).click();
      } else {
        await card.getByRole('button', { name: NL.timerStop }).click();
      }
      seen.timersDone += 1;
      return;
    }
    case 'MULTIPLE_CHOICE':
      if (!seen.refusedEmpty) {
        // Sending nothing is refused in the browser.
        await card.getByRole('button', { name: NL.send }).click();
        await card.getByRole('alert').filter({ hasText: NL.chooseAtLeastOne }).waitFor({ timeout: 5000 });
        seen.refusedEmpty = true;
      }
      await card.getByRole('checkbox').first().check();
      await card.getByRole('button', { name: NL.send }).click();
      return;
    case 'FREE_TEXT':
    case 'JOURNAL':
      await card.getByRole('textbox', { name: NL.answerLabel }).fill(stepId === 'stress-triggers' ? TRIGGERS : 'Tien minuten muziek na school.');
      await card.getByRole('button', { name: NL.send }).click();
      return;
    case 'SINGLE_CHOICE':
      // A quick reply: the first option.
      await card.getByRole('group').getByRole('button').first().click();
      return;
    default:
      throw new Error(`no answer for step ${stepId} of kind ${kind}`);
  }
}

export const tests = [
  {
    name: 'client completes stress-and-relaxation in the guide chat; the therapist comments; the client sees it live',
    // The first timer runs its full minute.
    timeoutMs: 300_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/programmes', 'programme');
      const client = await ctx.openPage({ reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } });
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);
      await openProgrammes(page);

      // Already doing this programme (an earlier run against the same server)? Stop it first.
      const mine = page.locator('section[aria-labelledby="mine-title"] article', { hasText: PROGRAMME.title });
      const open = mine.filter({ has: page.getByRole('button', { name: NL.leave, exact: true }) });
      if ((await open.count()) > 0) {
        await open.getByRole('button', { name: NL.leave, exact: true }).click();
        await mine.getByRole('group', { name: NL.leave }).getByRole('button', { name: NL.confirmYes }).click();
        await page.getByRole('button', { name: new RegExp(`^(Start ${PROGRAMME.title}|${PROGRAMME.title} opnieuw doen)$`) }).waitFor({ timeout: 10_000 });
      }
      await assertAccessible(page, '/programmes (before starting)');

      // Completed in an earlier run against the same server: the catalogue offers it again (its next run).
      await page.getByRole('button', { name: new RegExp(`^(Start ${PROGRAMME.title}|${PROGRAMME.title} opnieuw doen)$`) }).click();
      await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('c'), { timeout: URL_TIMEOUT });
      shared.conversationId = new URL(page.url()).searchParams.get('c');
      const enrolmentId = shared.conversationId.replace(/^guide-/, '');

      // Every step in turn until the completion notice; the progress bar moves with each answer.
      const path = [];
      const seen = { timersDone: 0, refusedEmpty: false };
      for (let step = await nextStepOrSummary(page); step !== null; step = await nextStepOrSummary(page)) {
        assert.ok(path.length < PROGRAMME.steps, `more steps than the programme has: ${path.join(' → ')}`);
        if (path.length === 0) {
          assert.equal(step.stepId, 'welcome');
          assert.match(await step.card.innerText(), new RegExp(`Stap 1 van ${PROGRAMME.steps}`));
          assert.equal(await progressValue(page), 0);
        }
        assert.match(await step.card.locator('.step-card__position').innerText(), new RegExp(`^Stap ${path.length + 1} van \\d+$`));
        await answer(page, step, seen);
        path.push(step.stepId);
        await page.locator(`article.step-card--current[data-step="${step.stepId}"]`).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
        if (path.length === 1) {
          await page.waitForFunction(
            () => Number(document.querySelector('.guide-progress [role="progressbar"]')?.getAttribute('aria-valuenow') ?? -1) >= 1,
            null,
            { timeout: LIVE_TIMEOUT },
          );
        }
        if (step.stepId === 'stress-triggers') await assertAccessible(page, 'guide chat');
      }
      shared.answered = path.length;
      console.log(`    answered ${path.length} steps: ${path.join(' → ')}`);

      // The branch: a stress level of 8 leads to the grounding timer, which the other path skips.
      assert.deepEqual(path.slice(2, 5), ['stress-level', 'quick-calm', 'stress-signals']);
      assert.ok(seen.timersDone >= 1 && path.includes('breathing-timer'), 'went through the timer steps');
      assert.ok(path.length >= 11, `a whole programme, not ${path.length} steps`);

      // Done: the completion notice as a summary card; the progress bar is full; nothing to answer.
      const summary = page.getByRole('region', { name: NL.summaryTitle });
      assert.match(await summary.innerText(), /Goed gedaan/);
      assert.equal(await summary.getByText(NL.stepsDone).locator('xpath=following-sibling::dd').innerText(), String(path.length));
      // The full minute of the grounding timer and a few seconds of each exercise stopped early.
      assert.match(await summary.getByText('Tijd met oefeningen').locator('xpath=following-sibling::dd').innerText(), /^1:\d\d$/);
      // Full: the steps done out of the steps on the way the client took.
      await page.waitForFunction(
        (done) => {
          const bar = document.querySelector('.guide-progress [role="progressbar"]');
          return Number(bar?.getAttribute('aria-valuenow')) === done && Number(bar?.getAttribute('aria-valuemax')) === done;
        },
        path.length,
        { timeout: LIVE_TIMEOUT },
      );
      assert.equal(await page.locator('article.step-card--current').count(), 0, 'no step left to answer');
      assert.equal(await page.locator('article.step-card--done button').count(), 0, 'answered steps have no controls');
      await page.locator('.message--own .message__body', { hasText: TRIGGERS }).waitFor({ timeout: LIVE_TIMEOUT });
      await assertAccessible(page, 'guide chat (completed)');
      await screenshot(page, ctx, 'guide-chat-completed.png');

      // The therapist, in a second browser context, while the client's chat stays open.
      const therapist = await ctx.openPage({ reducedMotion: 'reduce' });
      const tPage = therapist.page;
      await signInFromStart(tPage, ctx, THERAPIST.username);
      await tPage.getByRole('link', { name: `Programma’s van ${CLIENT.pseudonym}` }).click();
      await tPage.waitForURL((url) => url.pathname === '/therapist/client' && url.searchParams.has('id'), { timeout: 10_000 });
      await tPage.getByRole('heading', { level: 1, name: `Overzicht van ${CLIENT.pseudonym}` }).waitFor({ timeout: 10_000 });

      const section = tPage.locator(`.card[data-enrolment="${enrolmentId}"]`);
      await section.waitFor({ timeout: 10_000 });
      assert.match(await section.innerText(), new RegExp(NL.completed));
      // A completed programme's answers are folded: open them.
      await section.locator('summary', { hasText: NL.answers }).click();
      assert.match(await section.locator('summary', { hasText: NL.answers }).innerText(), new RegExp(`\\(${path.length}\\)`));
      const triggers = section.locator('li.answer-item[data-step="stress-triggers"]');
      await triggers.waitFor({ timeout: 10_000 });
      assert.match(await triggers.innerText(), /Toetsen en drukte op school\./);
      assert.match(await section.locator('li.answer-item[data-step="stress-level"]').innerText(), /\b8\b/);
      assert.match(await section.locator('li.answer-item[data-step="quick-calm"]').innerText(), /Oefening gedaan \(1:00\)/);
      assert.match(await section.locator('li.answer-item[data-step="body-scan"]').innerText(), /Vroeger gestopt na/);

      shared.feedback = `Goed dat je dit opschrijft, Robin. (${Date.now().toString(36)})`;
      await triggers.getByText(NL.commentOpen, { exact: true }).click();
      await triggers.getByLabel(NL.commentLabel).fill(shared.feedback);
      await triggers.getByRole('button', { name: NL.commentSend }).click();
      await tPage.getByRole('status').filter({ hasText: NL.commentSent }).waitFor({ timeout: 10_000 });
      await triggers.getByText(shared.feedback).waitFor({ timeout: 10_000 });
      await assertAccessible(tPage, '/therapist/client');
      await screenshot(tPage, ctx, 'therapist-client.png');

      // Live: the feedback bubble appears in the client's open guide chat, without a reload.
      const bubble = page.locator('.feedback-bubble', { hasText: shared.feedback });
      await bubble.waitFor({ timeout: LIVE_TIMEOUT });
      assert.match(await bubble.innerText(), new RegExp(NL.feedbackLabel));
      await screenshot(page, ctx, 'guide-chat-feedback-live.png');
      assertNoProblems(client, 'client');
      assertNoProblems(therapist, 'therapist');
    },
  },
  {
    name: 'client sees the completed programme on /programmes and the guide chat at phone width',
    async run(ctx) {
      assert.ok(shared.feedback && shared.conversationId, 'needs the previous journey');
      const client = await ctx.openPage({ reducedMotion: 'reduce' });
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);
      await openProgrammes(page);
      const done = page.locator('section[aria-labelledby="mine-title"] article', { hasText: PROGRAMME.title }).filter({ hasText: NL.completed });
      await done.first().waitFor({ timeout: 10_000 });
      const bar = done.first().getByRole('progressbar');
      assert.equal(Number(await bar.getAttribute('aria-valuenow')), shared.answered);
      assert.equal(Number(await bar.getAttribute('aria-valuemax')), shared.answered);
      await assertAccessible(page, '/programmes');
      await screenshot(page, ctx, 'programmes.png');

      // Phone width: the finished guide chat on its own, with the summary and the feedback.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(new URL(`/chat?c=${encodeURIComponent(shared.conversationId)}`, ctx.baseUrl).href, { waitUntil: 'load' });
      await page.getByRole('region', { name: NL.summaryTitle }).waitFor({ timeout: LIVE_TIMEOUT });
      await page.locator('.feedback-bubble', { hasText: shared.feedback }).waitFor({ timeout: LIVE_TIMEOUT });
      await assertAccessible(page, 'guide chat (phone)');
      await screenshot(page, ctx, 'guide-chat-mobile.png');
      assertNoProblems(client, 'client');
    },
  },
];
