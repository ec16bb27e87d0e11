// Browser journeys for self-help programmes, against the REAL backend (COCON_BASE_URL):
// the demo client starts "stress-and-relaxation" on /programmes and answers steps of several
// kinds in the guide chat (INFO, SCALE with the slider, TIMER, MULTIPLE_CHOICE, FREE_TEXT,
// SINGLE_CHOICE) while the progress bar moves; the therapist sees the answers on the client's
// page and comments on one; the client sees that feedback in the guide chat.
//
// Other journeys run against the same server first, so nothing is assumed about the state: an
// open enrolment in the programme is stopped ("Stoppen") before starting again.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoProblems, requireProtectedApi, screenshot, signInFromStart, URL_TIMEOUT } from './lib/journeys.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };
const PROGRAMME = { id: 'stress-and-relaxation', title: 'Stress en ontspanning' };

const NL = {
  programmesLink: 'Bekijk de programma’s',
  programmesTitle: 'Programma’s',
  next: 'Verder',
  send: 'Versturen',
  timerStart: 'Start de timer',
  timerPause: 'Pauzeer',
  timerResume: 'Ga verder',
  timerStop: 'Vroeger stoppen',
  leave: 'Stoppen',
  confirmYes: 'Ja, doe maar',
  answerLabel: 'Je antwoord',
  feedbackLabel: 'Feedback van je therapeut',
  commentLabel: 'Jouw feedback op deze stap',
  commentSend: 'Feedback versturen',
  commentOpen: 'Feedback geven',
  commentSent: 'Je feedback is verstuurd.',
  chooseAtLeastOne: 'Kies minstens één antwoord.',
};

const LIVE_TIMEOUT = 15_000;

/** Shared between the journeys of this file (they run in order). */
const shared = { title: PROGRAMME.title, feedback: '', clientId: '' };


async function openProgrammes(page) {
  await page.getByRole('link', { name: NL.programmesLink }).click();
  await page.waitForURL((url) => url.pathname === '/programmes', { timeout: 10_000 });
  await page.getByRole('heading', { level: 1, name: NL.programmesTitle }).waitFor({ timeout: 10_000 });
  // Both lists loaded: the catalogue shows its cards.
  await page.locator('.programme-list--catalogue .programme-card').first().waitFor({ timeout: 10_000 });
}

/** The step that can be answered now, once it is the one with this id. */
async function currentStep(page, stepId) {
  const card = page.locator(`article.step-card--current[data-step="${stepId}"]`);
  await card.waitFor({ timeout: LIVE_TIMEOUT });
  return card;
}

/** The id of the step that can be answered now. */
async function currentStepId(page) {
  const card = page.locator('article.step-card--current');
  await card.waitFor({ timeout: LIVE_TIMEOUT });
  return card.getAttribute('data-step');
}

async function progressValue(page) {
  const bar = page.locator('.guide-progress [role="progressbar"]');
  await bar.waitFor({ timeout: LIVE_TIMEOUT });
  return Number(await bar.getAttribute('aria-valuenow'));
}

async function waitForProgress(page, atLeast) {
  await page.waitForFunction(
    (min) => Number(document.querySelector('.guide-progress [role="progressbar"]')?.getAttribute('aria-valuenow') ?? -1) >= min,
    atLeast,
    { timeout: LIVE_TIMEOUT },
  );
}

export const tests = [
  {
    name: 'client starts stress-and-relaxation and answers steps of several kinds in the guide chat',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/programmes', 'programme');
      const client = await ctx.openPage({ reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } });
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);
      await openProgrammes(page);

      // Already doing this programme (an earlier run against the same server)? Stop it first.
      const mine = page.locator('section[aria-labelledby="mine-title"] article', { hasText: PROGRAMME.title });
      if ((await mine.count()) > 0 && (await mine.getByRole('button', { name: NL.leave, exact: true }).count()) > 0) {
        await mine.getByRole('button', { name: NL.leave, exact: true }).click();
        await mine.getByRole('button', { name: NL.confirmYes }).click();
        await page.getByRole('button', { name: `Start ${PROGRAMME.title}` }).waitFor({ timeout: 10_000 });
      }

      await assertAccessible(page, '/programmes (before starting)');

      await page.getByRole('button', { name: `Start ${PROGRAMME.title}` }).click();
      await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('c'), { timeout: URL_TIMEOUT });

      // INFO ×2 with "Verder"; the progress bar moves.
      let card = await currentStep(page, 'welcome');
      assert.match(await card.innerText(), /Stap 1 van 15/);
      assert.equal(await progressValue(page), 0);
      await card.getByRole('button', { name: NL.next }).click();
      await waitForProgress(page, 1);
      card = await currentStep(page, 'stress-in-body');
      await card.getByRole('button', { name: NL.next }).click();
      await waitForProgress(page, 2);

      // SCALE with the slider, by keyboard: End = the highest value, then two steps back (8).
      card = await currentStep(page, 'stress-level');
      const slider = card.getByRole('slider', { name: NL.answerLabel });
      await slider.focus();
      await slider.press('End');
      await slider.press('ArrowLeft');
      await slider.press('ArrowLeft');
      assert.equal(await slider.inputValue(), '8');
      assert.match(await card.innerText(), /Gekozen: 8/);
      await card.getByRole('button', { name: NL.send }).click();
      await waitForProgress(page, 3);

      // A high stress level leads to the short grounding TIMER: start, pause, resume, stop early.
      card = await currentStep(page, 'quick-calm');
      const clock = card.getByRole('timer');
      assert.equal(await clock.innerText(), '1:00');
      await card.getByRole('button', { name: NL.timerStart }).click();
      await page.waitForFunction(() => document.querySelector('.step-card--current [role="timer"]')?.textContent !== '1:00', null, {
        timeout: 5000,
      });
      await card.getByRole('button', { name: NL.timerPause }).click();
      await card.getByRole('button', { name: NL.timerResume }).click();
      await card.getByRole('button', { name: NL.timerStop }).click();
      await waitForProgress(page, 4);

      // MULTIPLE_CHOICE: sending nothing is refused in the browser, then one option.
      card = await currentStep(page, 'stress-signals');
      await card.getByRole('button', { name: NL.send }).click();
      await card.getByRole('alert').filter({ hasText: NL.chooseAtLeastOne }).waitFor({ timeout: 5000 });
      await card.getByRole('checkbox').first().check();
      await card.getByRole('button', { name: NL.send }).click();
      await waitForProgress(page, 5);

      // FREE_TEXT.
      card = await currentStep(page, 'stress-triggers');
      await card.getByRole('textbox', { name: NL.answerLabel }).fill('Toetsen en drukte op school.');
      await card.getByRole('button', { name: NL.send }).click();
      await waitForProgress(page, 6);

      // SINGLE_CHOICE: a quick reply (the first option).
      card = await currentStep(page, 'breathing-place');
      await card.getByRole('group').getByRole('button').first().click();
      await waitForProgress(page, 7);
      const next = await currentStepId(page);
      assert.ok(next === 'breathing-timer' || next === 'no-quiet-tip', `after the choice comes the breathing step, not ${next}`);

      // Answers show as the client's own bubbles; older steps are read-only.
      await page.locator('.message--own .message__body', { hasText: 'Toetsen en drukte op school.' }).waitFor({ timeout: LIVE_TIMEOUT });
      assert.equal(await page.locator('article.step-card--current').count(), 1, 'only the newest step can be answered');
      assert.equal(await page.locator('article.step-card--done button').count(), 0, 'answered steps have no controls');

      await assertAccessible(page, 'guide chat');
      await screenshot(page, ctx, 'guide-chat.png');
      assertNoProblems(client, 'client');
    },
  },
  {
    name: 'therapist sees the answers on the client page and comments on one',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/programmes', 'programme');
      const therapist = await ctx.openPage({ reducedMotion: 'reduce' });
      const { page } = therapist;
      await signInFromStart(page, ctx, THERAPIST.username);
      await page.getByRole('link', { name: `Programma’s van ${CLIENT.pseudonym}` }).click();
      await page.waitForURL((url) => url.pathname === '/therapist/client' && url.searchParams.has('id'), { timeout: 10_000 });
      await page.getByRole('heading', { level: 1, name: `Overzicht van ${CLIENT.pseudonym}` }).waitFor({ timeout: 10_000 });

      const section = page.locator('section.card', { has: page.getByRole('heading', { level: 2, name: PROGRAMME.title }) }).filter({
        hasText: 'Bezig',
      });
      await section.first().waitFor({ timeout: 10_000 });
      const answer = section.first().locator('li.answer-item[data-step="stress-triggers"]');
      await answer.waitFor({ timeout: 10_000 });
      assert.match(await answer.innerText(), /Toetsen en drukte op school\./);
      assert.match(await section.first().locator('li.answer-item[data-step="stress-level"]').innerText(), /\b8\b/);

      shared.feedback = `Goed dat je dit opschrijft, Robin. (${Date.now().toString(36)})`;
      await answer.getByText(NL.commentOpen, { exact: true }).click();
      await answer.getByLabel(NL.commentLabel).fill(shared.feedback);
      await answer.getByRole('button', { name: NL.commentSend }).click();
      await page.getByRole('status').filter({ hasText: NL.commentSent }).waitFor({ timeout: 10_000 });
      await answer.getByText(shared.feedback).waitFor({ timeout: 10_000 });

      await assertAccessible(page, '/therapist/client');
      await screenshot(page, ctx, 'therapist-client.png');
      assertNoProblems(therapist, 'therapist');
    },
  },
  {
    name: 'client sees the therapist feedback in the guide chat',
    async run(ctx) {
      assert.ok(shared.feedback, 'needs the comment of the previous journey');
      const client = await ctx.openPage({ reducedMotion: 'reduce' });
      const { page } = client;
      await signInFromStart(page, ctx, CLIENT.username);
      await openProgrammes(page);
      const mine = page.locator('section[aria-labelledby="mine-title"] article', { hasText: PROGRAMME.title });
      const bar = mine.getByRole('progressbar');
      assert.ok(Number(await bar.getAttribute('aria-valuenow')) >= 7, 'the programme card shows the steps done');
      await assertAccessible(page, '/programmes');
      await screenshot(page, ctx, 'programmes.png');
      await mine.getByRole('link', { name: `Verder met ${PROGRAMME.title}` }).click();
      await page.waitForURL((url) => url.pathname === '/chat' && url.searchParams.has('c'), { timeout: URL_TIMEOUT });
      const bubble = page.locator('.feedback-bubble', { hasText: shared.feedback });
      await bubble.waitFor({ timeout: LIVE_TIMEOUT });
      assert.match(await bubble.innerText(), new RegExp(NL.feedbackLabel));

      // Phone width: the guide chat on its own, the step still usable.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('article.step-card--current').waitFor({ timeout: LIVE_TIMEOUT });
      await assertAccessible(page, 'guide chat (phone)');
      await screenshot(page, ctx, 'guide-chat-mobile.png');
      assertNoProblems(client, 'client');
    },
  },
];
