/// <reference lib="webworker" />
// Cocon's service worker (built by vite-plugin-pwa's injectManifest into /sw.js).
//
// What it does:
// - precaches the app shell (index.html, every hashed JS/CSS chunk, icons, offline.html), so
//   the app opens at once on a weak connection and without any network at all;
// - answers navigations to the app's own pages with the precached index.html;
// - shows offline.html when another page is asked for while the network is gone.
// What it never does: cache or even look at the API, the sign-in endpoints (/auth/config,
// /auth/csrf, /oauth2, the POST to /login), the WebSocket (/ws) or anything carrying a token:
// only navigations (a page the browser opens) are routed here, and the only things cached
// are the files of the build itself.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { isAppPath } from './pwa/appRoutes';
import { installPushHandlers } from './push/swPush';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const sameOrigin = (url: URL) => url.origin === self.location.origin;

// The app's own pages: the precached index.html (the server would answer the same file).
registerRoute(({ request, url }) => request.mode === 'navigate' && sameOrigin(url) && isAppPath(url.pathname), createHandlerBoundToURL('/index.html'));

// Any other page (the sign-in steps under /oauth2, an unknown path): straight to the server,
// never stored; only when that fails does the catch handler below step in.
registerRoute(({ request, url }) => request.mode === 'navigate' && sameOrigin(url), new NetworkOnly());

// A page that could not be fetched (no network): the neutral offline page instead of the
// browser's error screen. Other requests simply fail as they would without this worker.
setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate') return (await matchPrecache('/offline.html')) ?? Response.error();
  return Response.error();
});

// A new version waits until the person chooses "reload" in the app (src/pwa/UpdateBanner).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes over the open page at once, so it works offline from then on.
clientsClaim();

// Web Push: a neutral notification ("Cocon", "Je hebt een nieuw bericht"), never the content;
// a tap opens or focuses the app (src/push/swPush.ts).
installPushHandlers(self);
