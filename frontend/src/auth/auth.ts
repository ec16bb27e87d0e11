import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AuthConfig } from './config';

/** The parts of a signed-in oidc-client-ts `User` the app uses. */
export interface SessionUser {
  access_token: string;
  id_token?: string | undefined;
  readonly expired?: boolean | undefined;
}

/**
 * The parts of oidc-client-ts' `UserManager` the app uses. Tests pass a fake with the same
 * shape (see src/test/fakes.ts); the app itself gets a real UserManager from
 * `createUserManager`.
 */
export interface AuthClient {
  getUser(): Promise<SessionUser | null>;
  signinRedirect(): Promise<void>;
  signinRedirectCallback(url?: string): Promise<SessionUser>;
  signinSilent(): Promise<SessionUser | null>;
  signoutRedirect(args?: { id_token_hint?: string; state?: unknown }): Promise<void>;
  signoutRedirectCallback(url?: string): Promise<unknown>;
  removeUser(): Promise<void>;
  events: {
    addUserLoaded(callback: (user: SessionUser) => void): () => void;
    addUserUnloaded(callback: () => void): () => void;
  };
}

export type CreateAuthClient = (config: AuthConfig, origin: string) => AuthClient;

/** Where the OpenID provider sends the browser back to after sign-in. */
export const CALLBACK_PATH = '/auth/callback';

/**
 * The real client: authorization code + PKCE for the public client `config.clientId`.
 *
 * - Tokens AND the short-lived sign-in state live in sessionStorage only, so quick exit
 *   (which clears sessionStorage) leaves nothing behind in the tab.
 * - Redirects use `location.replace`, so the trip to the sign-in page does not add an entry
 *   to the tab's history (quick exit can only remove the current one).
 * - Access tokens are renewed in the background with the (rotating) refresh token.
 */
export const createUserManager: CreateAuthClient = (config, origin) =>
  new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    loadUserInfo: false,
    monitorSession: false,
    redirectMethod: 'replace',
  });
