import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// findBy*/waitFor wait up to 10 s instead of 1 s: on a busy two-core CI machine a render after
// a few fake requests can take longer than a second, which is slowness, not a failure.
configure({ asyncUtilTimeout: 10_000 });

// No test talks to a real server: unless a test passes its own fetch, every request gets a
// 404 (the app then shows its "sign-in unavailable" state).
beforeEach(() => {
  vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
});

// Each test starts from a clean page: no rendered tree, no stored state, default <html>, at "/".
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
  window.sessionStorage.clear();
  document.cookie.split(';').forEach((cookie) => {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  window.history.replaceState(null, '', '/');
  document.documentElement.removeAttribute('data-quick-exit');
  document.documentElement.lang = '';
  document.title = '';
});
