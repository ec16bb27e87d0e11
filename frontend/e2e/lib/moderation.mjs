// The moderator's side of the safety journeys: the console, its queue and review list, and the
// actions of an escalation (claim, note, resolve) or a review item (dismiss, escalate). Every
// action is in the detail's action panel; forms open from a button there.
import assert from 'node:assert/strict';

/** Dutch texts of the moderation console (Dutch is the default language). */
export const MOD_NL = {
  consoleLink: 'Open de meldingen',
  consoleTitle: 'Meldingen',
  queue: /^Wachtrij/,
  reviews: /^Te bekijken/,
  actions: 'Wat je kunt doen',
  escalationAbout: (name) => `Melding over ${name}`,
  reviewAbout: (name) => `Te bekijken: ${name}`,
  back: 'Terug naar de wachtrij',
  statsLink: 'Cijfers over meldingen',
  claim: 'Opnemen',
  claimed: 'Je hebt deze melding opgenomen.',
  join: 'Deelnemen aan het gesprek',
  openChat: (name) => `Open het gesprek met ${name}`,
  noteOpen: 'Notitie schrijven',
  noteLabel: 'Nieuwe notitie',
  noteAdd: 'Notitie toevoegen',
  noteAdded: 'Je notitie is bewaard.',
  resolveOpen: 'Afhandelen',
  outcome: 'Uitkomst',
  outcomeContacted: 'Contact opgenomen',
  outcomeFalseAlarm: 'Vals alarm',
  resolveNote: 'Notitie (mag leeg blijven)',
  resolve: 'Melding afhandelen',
  resolved: 'De melding is afgehandeld.',
  dismissOpen: 'Niet zorgwekkend',
  dismissReasons: 'Waarom is het niet zorgwekkend?',
  dismissConfirm: 'Bevestig: niet zorgwekkend',
  dismissed: 'Gemarkeerd als niet zorgwekkend.',
  escalateOpen: 'Escaleren',
  urgency: 'Hoe dringend is het?',
  escalateConfirm: 'Bevestig de escalatie',
  escalated: 'Geëscaleerd: het is nu een gewone melding.',
};

/** The console's list of escalations and review items that are about `name` (exactly). */
export function itemsAbout(page, name) {
  return page
    .locator('.moderation__lists .escalation-item')
    .filter({ has: page.locator('.escalation-item__name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The moderator from /home into the console, with the queue loaded and `name`'s leftovers cleared. */
export async function openConsole(page, ctx, name) {
  await page.getByRole('link', { name: MOD_NL.consoleLink }).click();
  await page.waitForURL((url) => url.pathname === '/moderation', { timeout: 10_000 });
  await page.getByRole('heading', { level: 1, name: MOD_NL.consoleTitle }).waitFor({ timeout: 10_000 });
  await waitForQueue(page);
  await resolveLeftovers(page, ctx, name);
  // Marks this page load: a reload would drop it.
  await page.evaluate(() => {
    window.__coconConsoleLoad = 'still the same page';
  });
}

async function waitForQueue(page) {
  await page.getByRole('region', { name: MOD_NL.queue }).locator('.escalation-list, .empty').first().waitFor({ state: 'attached', timeout: 10_000 });
}

export async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__coconConsoleLoad), 'still the same page', 'the console was not reloaded');
}

/**
 * Clears what an interrupted earlier run against this server left open for `name`: an open
 * escalation or review item would take the new signal (and its crisis card was shown already).
 * Escalations are resolved as a false alarm, review items dismissed.
 */
async function resolveLeftovers(page, ctx, name) {
  for (let round = 0; round < 4; round += 1) {
    const leftover = itemsAbout(page, name);
    if ((await leftover.count()) === 0) return;
    await page.goto(new URL(`/moderation?id=${encodeURIComponent(await leftover.first().evaluate((a) => a.closest('li')?.dataset.escalation ?? ''))}`, ctx.baseUrl).href);
    const detail = page.locator('article.escalation-detail');
    await detail.waitFor({ timeout: 10_000 });
    if ((await detail.getByRole('button', { name: MOD_NL.dismissOpen, exact: true }).count()) > 0) {
      await dismiss(detail, 'Geen risico', 'Opgeruimd: overgebleven van een eerdere testrun.');
    } else {
      await claim(detail);
      await resolve(detail, 'Opgeruimd: overgebleven van een eerdere testrun.', MOD_NL.outcomeFalseAlarm);
    }
    await page.goto(new URL('/moderation', ctx.baseUrl).href, { waitUntil: 'load' });
    await waitForQueue(page);
  }
  throw new Error(`could not clear the open escalations of ${name}`);
}

/** The detail's action panel (the same element on phones, on top, and on laptops, beside). */
export function actionsOf(detail) {
  return detail.getByRole('region', { name: MOD_NL.actions });
}

/** Claims the escalation (unless an earlier, interrupted run against this server already did). */
export async function claim(detail) {
  const button = actionsOf(detail).getByRole('button', { name: MOD_NL.claim, exact: true });
  if ((await button.count()) === 0) {
    assert.match(await detail.locator('.escalation-facts').innerText(), /Opgenomen door jou/, 'the escalation is claimed by someone else');
    return;
  }
  await button.click();
  await actionsOf(detail).getByText(MOD_NL.claimed).waitFor({ timeout: 10_000 });
}

/** Opens a form of the action panel (unless it is open already). */
async function openForm(detail, label) {
  const toggle = actionsOf(detail).getByRole('button', { name: label, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

export async function addNote(detail, text) {
  await openForm(detail, MOD_NL.noteOpen);
  await detail.getByRole('textbox', { name: MOD_NL.noteLabel }).fill(text);
  await detail.getByRole('button', { name: MOD_NL.noteAdd }).click();
  await detail.locator('.note__text', { hasText: text }).waitFor({ timeout: 10_000 });
}

export async function resolve(detail, note, outcome = MOD_NL.outcomeContacted) {
  await openForm(detail, MOD_NL.resolveOpen);
  await detail.getByRole('combobox', { name: MOD_NL.outcome }).selectOption({ label: outcome });
  await detail.getByRole('textbox', { name: MOD_NL.resolveNote }).fill(note);
  await detail.getByRole('button', { name: MOD_NL.resolve }).click();
  await detail.getByText(MOD_NL.resolved).waitFor({ timeout: 10_000 });
}

/** "Not worrying" with a reason (the label of one of the radios) and a note. */
export async function dismiss(detail, reason, note) {
  await openForm(detail, MOD_NL.dismissOpen);
  await detail.getByRole('radiogroup', { name: MOD_NL.dismissReasons }).getByRole('radio', { name: reason, exact: true }).check();
  if (note) await detail.getByRole('textbox', { name: /^Toelichting/ }).fill(note);
  await detail.getByRole('button', { name: MOD_NL.dismissConfirm }).click();
  await detail.getByText(MOD_NL.dismissed).waitFor({ timeout: 10_000 });
}

/** Raises a review item to an escalation of the given severity (its label, e.g. "Hoog risico"). */
export async function escalate(detail, severity) {
  await openForm(detail, MOD_NL.escalateOpen);
  await detail.getByRole('radiogroup', { name: MOD_NL.urgency }).getByRole('radio', { name: severity, exact: true }).check();
  await detail.getByRole('button', { name: MOD_NL.escalateConfirm }).click();
  await detail.getByText(MOD_NL.escalated).waitFor({ timeout: 10_000 });
}
