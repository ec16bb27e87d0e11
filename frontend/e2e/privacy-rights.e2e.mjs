// Browser journey for a client's rights, against the REAL backend (COCON_BASE_URL), on a
// phone: a fresh client signs up, writes a check-in note, downloads everything Cocon keeps
// about them (the data file and the readable page, both holding the note), deletes the
// account with their password, and cannot sign in with it any more.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  URL_TIMEOUT,
  assertAccessible,
  assertNoProblems,
  phoneOverflow,
  requireProtectedApi,
  screenshot,
  stamp,
} from './lib/journeys.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce', acceptDownloads: true };

const NL = {
  welcome: 'Welkom bij Cocon',
  signIn: 'Aanmelden',
  createAccount: 'Account aanmaken',
  signupTitle: 'Maak je account',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  pseudonym: 'Naam die anderen zien',
  age: /^Ik ben \d+ jaar of ouder$/,
  rules: 'Ik heb de huisregels gelezen en ga ermee akkoord',
  wrongCredentials: /horen niet bij elkaar/,
  checkinLink: 'Naar je check-in',
  checkinForm: 'Hoe gaat het nu?',
  mood: 'Hoe voel je je?',
  stress: 'Hoeveel stress voel je?',
  note: /^Wil je er iets bij schrijven/,
  save: 'Check-in bewaren',
  saved: 'Bedankt! Je check-in is bewaard.',
  yourData: 'Jouw gegevens',
  downloadJson: 'Download als gegevensbestand (JSON)',
  downloadPage: 'Download als leesbare pagina',
  deleteOpen: 'Mijn account verwijderen…',
  deleteTitle: 'Je account verwijderen?',
  deletePassword: 'Je wachtwoord, om te bevestigen dat jij het bent',
  deleteConfirm: 'Mijn account voorgoed verwijderen',
  wrongPassword: 'Dat is niet je wachtwoord. Probeer het opnieuw.',
  erased: 'Je account en je gegevens zijn verwijderd. Zorg goed voor jezelf.',
};

/** The browser logs a refused request (the wrong password's 400, the closed live channel). */
const EXPECTED_ERRORS = /status of 400|WebSocket connection to .*\/ws' failed/;

/** Clicks a download button and returns the saved file's name and text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

export const tests = [
  {
    name: 'a new client downloads their data with their note in it, deletes the account and cannot sign in again',
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/me/export', 'export');
      const { page, problems, externalRequests } = await ctx.openPage(PHONE);
      const id = stamp();
      const username = `e2e-rights-${id}`.slice(0, 32);
      const password = `stille ochtend ${id} met thee`;
      const note = `Vandaag voelde ik me rustig (${id})`;

      await page.goto(ctx.baseUrl, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: NL.welcome }).waitFor({ timeout: 10_000 });
      await page.getByRole('link', { name: NL.createAccount }).click();
      await page.getByRole('heading', { level: 1, name: NL.signupTitle }).waitFor({ timeout: 10_000 });
      await page.getByLabel(NL.username, { exact: true }).fill(username);
      await page.getByLabel(NL.pseudonym, { exact: true }).fill(`Lot ${id.slice(-4)}`);
      await page.getByLabel(NL.password, { exact: true }).fill(password);
      await page.getByLabel(NL.age).check();
      await page.getByLabel(NL.rules).check();
      await page.getByRole('button', { name: NL.createAccount }).click();
      await page.waitForURL((url) => url.pathname === '/home', { timeout: URL_TIMEOUT });

      // Writes something: a check-in with a note.
      await page.getByRole('link', { name: NL.checkinLink }).click();
      await page.waitForURL((url) => url.pathname === '/checkin', { timeout: URL_TIMEOUT });
      const form = page.getByRole('region', { name: NL.checkinForm });
      await form.getByRole('group', { name: NL.mood }).getByRole('radio', { name: /^6\b/ }).check();
      await form.getByRole('group', { name: NL.stress }).getByRole('radio', { name: /^3\b/ }).check();
      await form.getByRole('textbox', { name: NL.note }).fill(note);
      await form.getByRole('button', { name: NL.save }).click();
      await page.getByText(NL.saved).waitFor({ timeout: 10_000 });

      await page.goto(new URL('/home', ctx.baseUrl).href, { waitUntil: 'load' });
      const section = page.getByRole('region', { name: NL.yourData });
      await section.waitFor({ timeout: 10_000 });
      await section.scrollIntoViewIfNeeded();
      assert.equal(await phoneOverflow(page), 0, 'the page does not scroll sideways at 390 px');
      await assertAccessible(page, 'client home with "Your data" (390px)');

      const data = await download(page, NL.downloadJson);
      assert.match(data.name, /^notes-\d{4}-\d{2}-\d{2}\.json$/, 'the file name says nothing about Cocon');
      const exported = JSON.parse(data.text);
      assert.equal(exported.sections.account.profile.username, username);
      assert.ok(exported.sections.checkins.checkins.some((entry) => entry.note === note), 'the data file holds the note');

      const readable = await download(page, NL.downloadPage);
      assert.match(readable.name, /^notes-.*\.html$/);
      assert.ok(readable.text.includes('<html lang="nl">'), 'the readable page is in Dutch');
      assert.ok(readable.text.includes(note), 'the readable page holds the note');
      assert.ok(!readable.text.includes('<script'), 'the readable page runs nothing');

      // Delete the account: a wrong password first, then the right one, by keyboard.
      await page.getByRole('button', { name: NL.deleteOpen }).click();
      const dialog = page.getByRole('dialog', { name: NL.deleteTitle });
      await dialog.waitFor({ timeout: 5_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), NL.deleteTitle, 'focus starts at the title');
      await assertAccessible(page, 'delete-account dialog (390px)');
      await screenshot(page, ctx, 'privacy-delete-dialog-phone.png');
      await dialog.getByLabel(NL.deletePassword).fill('not my password at all');
      await dialog.getByLabel(NL.deletePassword).press('Enter');
      await dialog.getByText(NL.wrongPassword).waitFor({ timeout: 10_000 });
      await dialog.getByLabel(NL.deletePassword).fill(password);
      await dialog.getByRole('button', { name: NL.deleteConfirm }).click();

      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('reason') === 'erased', { timeout: URL_TIMEOUT });
      await page.getByText(NL.erased).waitFor({ timeout: 10_000 });
      const tokensLeft = await page.evaluate(() => Object.keys(window.sessionStorage).filter((key) => key.startsWith('oidc.user')));
      assert.deepEqual(tokensLeft, [], 'no tokens left in this tab');
      await screenshot(page, ctx, 'privacy-erased-phone.png');

      // The account is gone: signing in with it fails like any unknown name.
      await page.getByRole('button', { name: NL.signIn, exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/login', { timeout: URL_TIMEOUT });
      await page.locator('form input[type="hidden"][name="_csrf"]').waitFor({ state: 'attached', timeout: 10_000 });
      await page.getByLabel(NL.username, { exact: true }).fill(username);
      await page.getByLabel(NL.password, { exact: true }).fill(password);
      await page.locator('form').getByRole('button', { name: NL.signIn, exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('error') === 'credentials', { timeout: URL_TIMEOUT });
      assert.match(await page.getByRole('alert').innerText(), NL.wrongCredentials);

      assertNoProblems({ problems, externalRequests }, 'privacy journey', { allow: EXPECTED_ERRORS });
    },
  },
];
