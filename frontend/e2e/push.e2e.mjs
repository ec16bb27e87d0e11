// Web Push end to end, against the REAL backend started with
// `--cocon.push.allow-http-endpoints=true --cocon.push.endpoint-hosts=127.0.0.1` (against-jar.mjs
// does). Headless Chromium cannot subscribe at a real push service, so this journey plays the
// browser's side itself: a local HTTP endpoint stands in for the push service, and a P-256 key
// pair and auth secret made here stand in for the browser's subscription keys.
//
// Robin (demo client) opens the notification settings on a phone, the subscription is registered
// through the app's API with Robin's token, Robin opts in to messages and closes the app; the demo
// therapist writes Robin a message. The endpoint must receive a VAPID-signed request whose
// aes128gcm body decrypts (RFC 8291, Node crypto) to the neutral text, without the message. Last,
// that text is delivered to the app's service worker, which must show it as a notification.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { assertAccessible, assertNoProblems, openChatWith, phoneOverflow, requireProtectedApi, screenshot, signInFromStart, stamp, URL_TIMEOUT } from './lib/journeys.mjs';

const CLIENT = { username: 'demo-client', pseudonym: 'Robin' };
const THERAPIST = { username: 'demo-therapist' };

/** A stand-in push service on 127.0.0.1 that remembers every request. */
async function startPushService() {
  const arrived = [];
  const waiting = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const push = { path: request.url, headers: request.headers, body: Buffer.concat(chunks) };
      arrived.push(push);
      waiting.splice(0).forEach((resolve) => resolve());
      response.writeHead(201).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const next = async (timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (arrived.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await Promise.race([new Promise((resolve) => waiting.push(resolve)), new Promise((resolve) => setTimeout(resolve, left))]);
    }
    return arrived.shift();
  };
  return { port: server.address().port, next, close: () => new Promise((resolve) => server.close(resolve)) };
}

const b64url = (buffer) => Buffer.from(buffer).toString('base64url');

/** Verifies `vapid t=<jwt>, k=<key>`: ES256 over the JWT with the key, for this audience. */
function verifyVapid(authorization, audience) {
  const parts = Object.fromEntries(authorization.replace(/^vapid /, '').split(',').map((part) => part.trim().split(/=(.*)/s).slice(0, 2)));
  const [header, claims, signature] = parts.t.split('.');
  const point = Buffer.from(parts.k, 'base64url');
  const key = crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  const valid = crypto.verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  assert.ok(valid, 'the VAPID JWT is signed with the key it names');
  const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  assert.equal(decoded.aud, audience, 'the VAPID audience is the push service origin');
  assert.ok(decoded.exp * 1000 > Date.now(), 'the VAPID JWT has not expired');
  return { key: parts.k, claims: decoded };
}

/** Decrypts an aes128gcm Web Push body with the subscription's keys (RFC 8188, RFC 8291). */
function decrypt(body, ecdh, authSecret) {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(crypto.hkdfSync('sha256', shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  assert.equal(padded[end], 2, 'the single record ends with the last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** Calls the API from the signed-in page with the page's own access token. */
function callApi(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user'));
      const token = JSON.parse(sessionStorage.getItem(key)).access_token;
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/**
 * Opens the app on a phone with notifications allowed, waits for its service worker, delivers
 * `payload` to it as a push message and returns the notifications it then shows.
 */
async function showInServiceWorker(ctx, payload) {
  const { page, context } = await ctx.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const origin = new URL(ctx.baseUrl).origin;
  await context.grantPermissions(['notifications'], { origin });
  const cdp = await context.newCDPSession(page);
  const registrations = new Map();
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
    for (const registration of updated) {
      if (registration.isDeleted) registrations.delete(registration.registrationId);
      else registrations.set(registration.registrationId, registration.scopeURL);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await page.goto(new URL('/', ctx.baseUrl).href);
  // ready resolves while the worker may still be activating; the listener is added before the
  // state is read again, so the change cannot slip between the two
  await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active;
    await new Promise((resolve) => {
      worker.addEventListener('statechange', () => worker.state === 'activated' && resolve(undefined));
      if (worker.state === 'activated') resolve(undefined);
    });
  });
  const registrationId = [...registrations].find(([, scope]) => scope.startsWith(origin))?.[0];
  assert.ok(registrationId, 'the app registered its service worker');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: payload });
  // the worker shows it asynchronously: ask the registration until it lists one (up to 10 s)
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    for (let tries = 0; tries < 50; tries++) {
      const shown = await registration.getNotifications();
      if (shown.length > 0) return shown.map(({ title, body, tag }) => ({ title, body, tag }));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return [];
  });
}

export const tests = [
  {
    name: 'a message to Robin while the app is closed arrives as an encrypted, neutral push',
    timeoutMs: 150_000,
    async run(ctx) {
      await requireProtectedApi(ctx, '/api/push/preferences', 'Web Push');
      const pushService = await startPushService();
      try {
        const client = await ctx.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
        const therapist = await ctx.openPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
        await Promise.all([signInFromStart(client.page, ctx, CLIENT.username), signInFromStart(therapist.page, ctx, THERAPIST.username)]);

        // Robin finds the settings from their page; on this headless browser the panel explains
        // that notifications are not available, and the page stays usable on a phone.
        const c = client.page;
        await c.getByRole('link', { name: 'Meldingen instellen' }).click();
        await c.waitForURL((url) => url.pathname === '/settings/notifications', { timeout: URL_TIMEOUT });
        await c.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor({ timeout: 10_000 });
        await c.getByText(/Je ziet nooit de inhoud/).waitFor({ timeout: 10_000 });
        assert.equal(await phoneOverflow(c), 0, 'no horizontal overflow on the phone');
        await assertAccessible(c, 'notification settings (phone)');
        await screenshot(c, ctx, 'push-settings-phone.png');

        // The browser's side of a subscription, made here.
        const ecdh = crypto.createECDH('prime256v1');
        ecdh.generateKeys();
        const authSecret = crypto.randomBytes(16);
        const path = `/robin-${stamp()}`;
        const endpoint = `http://127.0.0.1:${pushService.port}${path}`;
        const registered = await callApi(c, 'PUT', '/api/push/subscriptions', { endpoint, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(authSecret) } });
        assert.equal(registered.status, 200, `subscription registered: ${JSON.stringify(registered.body)}`);
        const optedIn = await callApi(c, 'PUT', '/api/push/preferences', { messages: true });
        assert.equal(optedIn.body.messages, true);
        const me = await callApi(c, 'GET', '/api/me');
        const publicKey = (await callApi(c, 'GET', '/api/push/vapid-public-key')).body.publicKey;

        // Quiet hours would hold the push back at night: the therapist sets none for this run.
        const settingsPath = `/api/clients/${me.body.id}/nudge-settings`;
        const current = (await callApi(therapist.page, 'GET', settingsPath)).body;
        const quiet = await callApi(therapist.page, 'PUT', settingsPath, { ...current, quietStart: '00:00', quietEnd: '00:00' });
        assert.equal(quiet.status, 200, `quiet hours set: ${JSON.stringify(quiet.body)}`);

        // Robin closes the app: no live session, so a new message is pushed.
        assertNoProblems(client, 'Robin’s notification settings');
        await client.context.close();

        const secret = `Geheim bericht ${stamp()} over je examens`;
        const t = therapist.page;
        await openChatWith(t, CLIENT.pseudonym);
        const composer = t.getByRole('textbox', { name: `Bericht aan ${CLIENT.pseudonym}` });
        await composer.fill(secret);
        await composer.press('Enter');

        const push = await pushService.next(20_000);
        assert.ok(push, 'the push service received a request within 20 s');
        assert.equal(push.path, path);
        assert.equal(push.headers['content-encoding'], 'aes128gcm');
        const vapid = verifyVapid(push.headers.authorization, `http://127.0.0.1:${pushService.port}`);
        assert.equal(vapid.key, publicKey, 'signed with the key the app gives browsers');
        const payload = decrypt(push.body, ecdh, authSecret);
        console.log(`    push arrived: ${push.body.length} encrypted bytes, TTL ${push.headers.ttl}, Topic ${push.headers.topic}, VAPID sub ${vapid.claims.sub}`);
        console.log(`    decrypted: ${payload}`);
        const notification = JSON.parse(payload);
        assert.equal(notification.title, 'Cocon');
        assert.equal(notification.body, 'Je hebt een nieuw bericht');
        assert.equal(notification.url, '/chat');
        assert.ok(!payload.includes('Geheim') && !payload.includes('examens'), 'the message text is not in the notification');
        assertNoProblems(therapist, 'the therapist’s chat');

        // The last leg: what the push service would hand the browser, given to the app's service
        // worker (Chromium's DevTools protocol delivers it as a push service would), which shows it.
        const shown = await showInServiceWorker(ctx, payload);
        console.log(`    shown by the service worker: ${JSON.stringify(shown)}`);
        assert.deepEqual(shown, [{ title: 'Cocon', body: 'Je hebt een nieuw bericht', tag: 'messages' }]);
      } finally {
        await pushService.close();
      }
    },
  },
];
