// Browser journeys for accounts and sign-in, against the REAL backend (COCON_BASE_URL):
// sign-up, the sign-in form, sign-out, role homes, and an admin linking a client to a
// therapist. Every person gets a fresh browser context (their own cookies and storage).
//
// Needs the demo accounts the backend seeds: demo-client ("Robin", linked to demo-therapist),
// demo-client-2 ("Sam"), demo-therapist ("Dr. Noor Peeters") and demo-admin, all with the
// password in COCON_DEMO_PASSWORD (default cocon-demo-2026).
import assert from 'node:assert/strict';
import {
  DEMO_PASSWORD,
  URL_TIMEOUT,
  assertAccessible,
  assertNoProblems,
  screenshot,
} from './lib/journeys.mjs';

const THERAPIST = { username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters' };
const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const CLIENT_2 = { username: 'demo-client-2', pseudonym: 'Sam' };
const ADMIN = { username: 'demo-admin' };

/** Dutch is the default language, so the journeys read the Dutch texts. */
const NL = {
  welcome: 'Welkom bij Cocon',
  signIn: 'Aanmelden',
  signOut: 'Afmelden',
  createAccount: 'Account aanmaken',
  signupTitle: 'Maak je account',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  pseudonym: 'Naam die anderen zien',
  age: /^Ik ben \d+ jaar of ouder$/,
  rules: 'Ik heb de huisregels gelezen en ga ermee akkoord',
  wrongCredentials: /horen niet bij elkaar/,
  caseloadTitle: 'Mijn caseload',
  therapistCard: 'Je therapeut',
};


function onPath(pathname) {
  return (url) => url.pathname === pathname;
}

/** The journeys need the backend: say so clearly instead of failing somewhere deep inside. */
async function requireBackend(ctx) {
  const url = new URL('/auth/config', ctx.baseUrl);
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`cannot reach ${url}: ${error instanceof Error ? error.message : error}`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.includes('json')) {
    throw new Error(`${url} answered ${response.status} ${type || '(no content type)'}: these journeys need the real backend`);
  }
  return response.json();
}

async function openStartPage(page, ctx) {
  await page.goto(ctx.baseUrl, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: NL.welcome }).waitFor({ timeout: 10_000 });
}

/** From the start page, "Sign in" leads (through the OpenID provider) to the sign-in form. */
async function goToLoginPage(page, ctx) {
  await openStartPage(page, ctx);
  await page.getByRole('button', { name: NL.signIn, exact: true }).click();
  await page.waitForURL(onPath('/login'), { timeout: URL_TIMEOUT });
  await page.getByRole('heading', { level: 1, name: NL.signIn }).waitFor();
  // The submit button is enabled once the CSRF token is in the form.
  await page.locator('form input[type="hidden"][name="_csrf"]').waitFor({ state: 'attached', timeout: 10_000 });
}

async function submitLogin(page, username, password) {
  await page.getByLabel(NL.username, { exact: true }).fill(username);
  await page.getByLabel(NL.password, { exact: true }).fill(password);
  await page.locator('form').getByRole('button', { name: NL.signIn, exact: true }).click();
}

/** Signs in through the real form and waits for /home with its heading. */
async function signIn(page, ctx, username, password = DEMO_PASSWORD) {
  await goToLoginPage(page, ctx);
  await submitLogin(page, username, password);
  await page.waitForURL(onPath('/home'), { timeout: URL_TIMEOUT });
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 10_000 });
}

async function caseloadTable(page) {
  await page.getByRole('heading', { level: 2, name: NL.caseloadTitle }).waitFor({ timeout: 10_000 });
  const table = page.getByRole('table');
  await table.waitFor({ timeout: 10_000 });
  return table;
}

export const tests = [
  {
    name: 'sign-up: a new client creates an account, lands on the client home, and signs out',
    async run(ctx) {
      const config = await requireBackend(ctx);
      assert.equal(config.signupEnabled, true, 'sign-up must be enabled on the backend under test');

      const { page, problems, externalRequests } = await ctx.openPage({ reducedMotion: 'reduce' });
      const stamp = Date.now().toString(36);
      const username = `e2e-${stamp}`;
      const pseudonym = `Kim ${stamp.slice(-4)}`;

      await openStartPage(page, ctx);
      await page.getByRole('link', { name: NL.createAccount }).click();
      await page.waitForURL(onPath('/signup'));
      await page.getByRole('heading', { level: 1, name: NL.signupTitle }).waitFor();
      await assertAccessible(page, 'sign-up');

      await page.getByLabel(NL.username, { exact: true }).fill(username);
      await page.getByLabel(NL.pseudonym, { exact: true }).fill(pseudonym);
      await page.getByLabel(NL.password, { exact: true }).fill(`rustige avond ${stamp} met thee`);
      await page.getByLabel(NL.age).check();
      await page.getByLabel(NL.rules).check();
      await screenshot(page, ctx, 'signup.png');

      await page.getByRole('button', { name: NL.createAccount }).click();
      await page.waitForURL(onPath('/home'), { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: `Hoi ${pseudonym}` }).waitFor({ timeout: 10_000 });
      await page.getByRole('heading', { level: 2, name: NL.therapistCard }).waitFor();
      assert.ok(await page.getByRole('banner').getByText(pseudonym, { exact: true }).isVisible(), 'the header shows the pseudonym');

      // Sign-up and sign-in replaced the app's one history entry instead of adding entries
      // (about:blank + Cocon), so quick exit can take it away.
      assert.equal(await page.evaluate(() => history.length), 2, 'the app stays one history entry');

      await assertAccessible(page, 'client home');
      await screenshot(page, ctx, 'client-home.png');

      await page.getByRole('banner').getByRole('button', { name: NL.signOut }).click();
      await page.waitForURL(onPath('/'), { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: NL.welcome }).waitFor();
      await page.getByRole('button', { name: NL.signIn, exact: true }).waitFor();
      const tokensLeft = await page.evaluate(() => Object.keys(window.sessionStorage).filter((key) => key.startsWith('oidc.user')));
      assert.deepEqual(tokensLeft, [], 'no tokens left in sessionStorage after signing out');

      // The server session ended too: signing in again asks for the password.
      await page.getByRole('button', { name: NL.signIn, exact: true }).click();
      await page.waitForURL(onPath('/login'), { timeout: URL_TIMEOUT });

      assertNoProblems({ problems, externalRequests }, 'sign-up journey');
    },
  },
  {
    name: 'sign-in form: wrong password gives a clear message; the demo therapist sees Robin in the caseload',
    async run(ctx) {
      await requireBackend(ctx);
      const { page, problems, externalRequests } = await ctx.openPage({ reducedMotion: 'reduce' });

      await goToLoginPage(page, ctx);
      await assertAccessible(page, 'login');
      await screenshot(page, ctx, 'login.png');

      // An unknown account (so no demo account gets closer to being locked).
      await submitLogin(page, `e2e-nobody-${Date.now().toString(36)}`, 'not-the-password-123');
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('error') === 'credentials', { timeout: URL_TIMEOUT });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), NL.wrongCredentials);
      await assertAccessible(page, 'login with error');

      await page.locator('form input[type="hidden"][name="_csrf"]').waitFor({ state: 'attached', timeout: 10_000 });
      await submitLogin(page, THERAPIST.username, DEMO_PASSWORD);
      await page.waitForURL(onPath('/home'), { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: `Hallo ${THERAPIST.pseudonym}` }).waitFor({ timeout: 10_000 });

      const table = await caseloadTable(page);
      const robin = table.getByRole('row', { name: new RegExp(CLIENT.pseudonym) });
      await robin.waitFor();
      assert.match(await robin.innerText(), new RegExp(CLIENT.username));

      await assertAccessible(page, 'therapist home');
      await screenshot(page, ctx, 'therapist-home.png');
      assertNoProblems({ problems, externalRequests }, 'therapist journey');
    },
  },
  {
    name: 'caseloads: the demo admin links Sam to Dr. Noor Peeters, and the therapist then sees Sam',
    async run(ctx) {
      await requireBackend(ctx);
      const admin = await ctx.openPage({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
      const { page } = admin;

      await signIn(page, ctx, ADMIN.username);
      await page.getByRole('link', { name: 'Caseloads' }).click();
      await page.waitForURL(onPath('/admin/caseloads'));
      await page.getByRole('heading', { level: 1, name: 'Caseloads' }).waitFor();
      // Clients come a page at a time; the admin finds Sam with the search field.
      await page.getByLabel('Zoek een cliënt op gebruikersnaam of naam').fill(CLIENT_2.username);
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();

      const sam = page.getByRole('listitem', { name: CLIENT_2.pseudonym, exact: true });
      await sam.waitFor({ timeout: 10_000 });
      assert.match(await sam.innerText(), new RegExp(CLIENT_2.username));
      const current = sam.locator('.caseload__therapist');

      // Run twice against the same data: first unlink, so the link below is a real change.
      if ((await current.innerText()).trim() === THERAPIST.pseudonym) {
        await sam.getByRole('button', { name: /^Ontkoppelen/ }).click();
        await page.getByText(`${CLIENT_2.pseudonym} is niet meer gekoppeld aan een therapeut.`).waitFor({ timeout: 10_000 });
      }

      await sam.getByLabel(/Koppel aan/).selectOption({ label: `${THERAPIST.pseudonym} (${THERAPIST.username})` });
      await sam.getByRole('button', { name: /^Koppelen/ }).click();
      const success = page.getByRole('status').getByText(`${CLIENT_2.pseudonym} is nu gekoppeld aan ${THERAPIST.pseudonym}.`);
      await success.waitFor({ timeout: 10_000 });
      assert.equal((await current.innerText()).trim(), THERAPIST.pseudonym, 'the row shows the new therapist');

      await assertAccessible(page, 'admin caseloads');
      await screenshot(page, ctx, 'admin-caseloads.png');
      assertNoProblems(admin, 'admin journey');

      // The therapist, in a browser of their own.
      const therapist = await ctx.openPage({ reducedMotion: 'reduce' });
      await signIn(therapist.page, ctx, THERAPIST.username);
      const table = await caseloadTable(therapist.page);
      await table.getByRole('row', { name: new RegExp(CLIENT_2.pseudonym) }).waitFor({ timeout: 10_000 });
      assert.ok(await table.getByRole('row', { name: new RegExp(CLIENT.pseudonym) }).isVisible(), 'Robin is still there');
      assertNoProblems(therapist, 'therapist after assignment');
    },
  },
  {
    // The sign-in form is a real HTML POST, so the browser keeps the sign-in page (and each
    // failed attempt) as history entries. After a quick exit none of them may show again.
    name: 'quick exit after signing in: Back never shows a Cocon page again',
    async run(ctx) {
      await requireBackend(ctx);
      const { page, problems, externalRequests } = await ctx.openPage();
      const appOrigin = new URL(ctx.baseUrl).origin;

      await goToLoginPage(page, ctx);
      await submitLogin(page, CLIENT.username, 'not-the-password-123');
      await page.waitForURL((url) => url.searchParams.get('error') === 'credentials', { timeout: URL_TIMEOUT });
      await page.locator('form input[type="hidden"][name="_csrf"]').waitFor({ state: 'attached', timeout: 10_000 });
      await submitLogin(page, CLIENT.username, DEMO_PASSWORD);
      await page.waitForURL(onPath('/home'), { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: `Hoi ${CLIENT.pseudonym}` }).waitFor({ timeout: 10_000 });

      await page.getByRole('button', { name: 'Snel weg' }).click();
      await page.waitForURL((url) => url.href === ctx.neutralUrl, { timeout: 10_000 });

      // Walk back through the whole tab history: each older Cocon entry may load for a moment
      // but must leave again at once, until the page before Cocon (about:blank) is reached.
      for (let step = 1; step <= 5 && page.url() !== 'about:blank'; step += 1) {
        await page.goBack({ waitUntil: 'load', timeout: 10_000 }).catch(() => null);
        await page.waitForURL((url) => !url.href.startsWith(appOrigin), { timeout: 5_000 }).catch(() => {
          throw new Error(`Back #${step} after quick exit stayed on a Cocon page: ${page.url()}`);
        });
      }
      assert.equal(page.url(), 'about:blank', 'Back leads out of Cocon to where the tab was before');
      assertNoProblems({ problems, externalRequests }, 'quick exit after sign-in');
    },
  },
  {
    name: 'accessibility: sign-in and sign-up forms in English and at phone width',
    async run(ctx) {
      await requireBackend(ctx);
      const { page, problems, externalRequests } = await ctx.openPage({
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        reducedMotion: 'reduce',
      });
      await openStartPage(page, ctx);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome to Cocon' }).waitFor();

      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
      // Errors shown by the form itself are part of what must be accessible.
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('alert').first().waitFor();
      await assertAccessible(page, 'sign-up, English, 360px, with errors');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `sign-up page is ${overflow}px wider than a 360px screen`);

      await page.getByRole('button', { name: 'Sign in' }).first().click();
      await page.waitForURL(onPath('/login'), { timeout: URL_TIMEOUT });
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await assertAccessible(page, 'login, English, 360px');
      assertNoProblems({ problems, externalRequests }, 'accessibility pages');
    },
  },
];
