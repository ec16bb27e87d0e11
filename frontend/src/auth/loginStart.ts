/** Where oidc-client-ts keeps its sign-in state (see auth.ts: `WebStorageStateStore`, prefix "oidc."). */
const STATE_PREFIX = 'oidc.';
const USER_PREFIX = 'oidc.user:';

/**
 * Whether this tab is in the middle of a sign-in the app started: the OpenID client keeps a
 * state entry in sessionStorage from the redirect until the callback. Without one, `/login` was
 * opened on its own (a bookmark, a typed address), and the server would not know where to go
 * after the form; the page then starts a sign-in first.
 */
export function signInUnderway(storage: Pick<Storage, 'length' | 'key'>): boolean {
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key && key.startsWith(STATE_PREFIX) && !key.startsWith(USER_PREFIX)) return true;
  }
  return false;
}

/** Whether `/login?<search>` must start a sign-in instead of showing the form. */
export function mustStartSignIn(search: string, storage: Pick<Storage, 'length' | 'key'>): boolean {
  const params = new URLSearchParams(search);
  // With an error or after signing out, the server sent the browser here: show what happened.
  if (params.has('error') || params.has('logout')) return false;
  return !signInUnderway(storage);
}
