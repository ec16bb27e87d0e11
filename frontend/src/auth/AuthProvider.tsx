import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';
import { isLanguage, readStoredLanguage, type Language } from '../i18n/languages';
import { createApiClient, type ApiClient } from './api';
import { CALLBACK_PATH, createUserManager, type AuthClient, type CreateAuthClient, type SessionUser } from './auth';
import { fetchAuthConfig, type AuthConfig } from './config';
import type { Me } from './me';
import { ApiError } from './problem';

/** Everything the auth layer needs from the outside world; tests replace these. */
export interface AuthServices {
  fetch: typeof fetch;
  createAuthClient: CreateAuthClient;
  /** The app's own origin, e.g. `https://cocon.example` (used for the redirect URIs). */
  origin: string;
}

export function defaultAuthServices(): AuthServices {
  return {
    // Bound, because some browsers refuse a detached `fetch`.
    fetch: (input, init) => window.fetch(input, init),
    createAuthClient: createUserManager,
    origin: window.location.origin,
  };
}

export type AuthStatus = 'loading' | 'ready' | 'unavailable';

export interface AuthContextValue {
  /** `loading` until the configuration and any stored session are read; `unavailable` when sign-in cannot work. */
  status: AuthStatus;
  config: AuthConfig | null;
  /** The signed-in session (tokens), or null. */
  user: SessionUser | null;
  /** `GET /api/me` for the signed-in user. */
  me: Me | null;
  meLoading: boolean;
  meError: ApiError | null;
  /** True after the server rejected the session and it could not be renewed. */
  sessionLost: boolean;
  /** Error from the last attempt to save the language to the account, if it failed. */
  localeError: ApiError | null;
  /** True from "sign out" until the browser has left for the server's sign-out. */
  signingOut: boolean;
  /** Plain fetch for the public `/auth/*` endpoints. */
  fetch: typeof fetch;
  /** Fetch for `/api/**` with the access token. */
  api: ApiClient;
  /**
   * The current access token (renewed first when it has run out, or when `renew` is set), or
   * null without a session. For the live chat, which sends it when it (re)connects.
   */
  accessToken(options?: { renew?: boolean }): Promise<string | null>;
  /** Starts the sign-in at the OpenID provider (leaves the page). */
  signIn(): Promise<void>;
  /**
   * Ends the session here and at the server (leaves the page). With reason `idle` (signed
   * out for doing nothing a while) the app comes back to the neutral `/?reason=idle`.
   */
  signOut(options?: { reason?: SignOutReason }): Promise<void>;
  /** Handles `/auth/callback?code=...&state=...`. Safe to call twice with the same URL. */
  completeSignIn(url: string): Promise<void>;
  reloadMe(): void;
  /** Saves the interface language to the account (`PATCH /api/me`) when signed in. */
  saveLocale(language: Language): Promise<void>;
  /**
   * After the server erased the account: forgets the session in this tab (its tokens no longer
   * work) and goes to the start page, which says the account is gone.
   */
  forgetErasedAccount(): Promise<void>;
}

export type SignOutReason = 'idle';

/** Where the app lands after signing out. */
function signedOutPath(reason: unknown): string {
  return reason === 'idle' ? '/?reason=idle' : '/?reason=signedout';
}

const AuthContext = createContext<AuthContextValue | null>(null);

type Setup =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'ready'; config: AuthConfig; client: AuthClient };

function clearSessionStorage(): void {
  try {
    window.sessionStorage.clear();
  } catch {
    // Nothing to clear when storage is blocked.
  }
}

export function AuthProvider({ services, children }: { services?: Partial<AuthServices>; children: ReactNode }) {
  const { i18n } = useTranslation();
  const [resolved] = useState<AuthServices>(() => ({ ...defaultAuthServices(), ...services }));
  const [setup, setSetup] = useState<Setup>({ status: 'loading' });
  const [userChecked, setUserChecked] = useState(false);
  const [user, setUser] = useState<SessionUser | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [meLoading, setMeLoading] = useState(false);
  const [meError, setMeError] = useState<ApiError | null>(null);
  const [meVersion, setMeVersion] = useState(0);
  const [sessionLost, setSessionLost] = useState(false);
  const [localeError, setLocaleError] = useState<ApiError | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const callback = useRef<{ url: string; promise: Promise<void> } | null>(null);

  const client = setup.status === 'ready' ? setup.client : null;

  // 1. Configuration, the OpenID client, and any session already stored in this tab. Done once
  //    per provider, even when React runs the effect twice: two clients would both renew
  //    with the same (rotating, single-use) refresh token.
  const startup = useRef<Promise<{ config: AuthConfig; client: AuthClient; stored: SessionUser | null } | null> | null>(null);
  useEffect(() => {
    let cancelled = false;
    startup.current ??= (async () => {
      const config = await fetchAuthConfig(resolved.fetch).catch(() => null);
      if (!config) return null;
      const authClient = resolved.createAuthClient(config, resolved.origin);
      let stored: SessionUser | null = null;
      try {
        stored = await authClient.getUser();
        if (stored?.expired) stored = await authClient.signinSilent().catch(() => null);
      } catch {
        stored = null;
      }
      return { config, client: authClient, stored };
    })();
    void startup.current.then((result) => {
      if (cancelled) return;
      if (!result) {
        setSetup({ status: 'unavailable' });
      } else {
        setSetup({ status: 'ready', config: result.config, client: result.client });
        setUser(result.stored);
      }
      setUserChecked(true);
    });
    return () => {
      cancelled = true;
    };
  }, [resolved]);

  // 2. Follow renewals and removals done by oidc-client-ts itself.
  useEffect(() => {
    if (!client) return undefined;
    const offLoaded = client.events.addUserLoaded((loaded) => setUser(loaded));
    const offUnloaded = client.events.addUserUnloaded(() => setUser(null));
    return () => {
      offLoaded();
      offUnloaded();
    };
  }, [client]);

  // 3. Back from the server's sign-out (`/?state=...`): tidy up and say so.
  useEffect(() => {
    if (!client) return;
    const url = new URL(window.location.href);
    if (url.pathname !== '/' || !url.searchParams.has('state')) return;
    client
      .signoutRedirectCallback(url.href)
      .then((response) => navigate(signedOutPath((response as { userState?: unknown } | null | undefined)?.userState)))
      .catch(() => navigate(signedOutPath(null)));
  }, [client]);

  const sessionLostHandler = useCallback(() => {
    setSessionLost(true);
    setUser(null);
    setMe(null);
    void client?.removeUser().catch(() => undefined);
  }, [client]);

  const api = useMemo(
    () =>
      createApiClient({
        fetch: resolved.fetch,
        getUser: () => (client ? client.getUser() : Promise.resolve(null)),
        renew: () => (client ? client.signinSilent() : Promise.resolve(null)),
        onSessionLost: sessionLostHandler,
      }),
    [client, resolved, sessionLostHandler],
  );

  // 4. Who is signed in: load /api/me whenever a session starts (not on every token renewal).
  const signedIn = user !== null;
  useEffect(() => {
    if (!signedIn) {
      setMe(null);
      setMeError(null);
      setMeLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    setMeLoading(true);
    setMeError(null);
    api
      .request<Me>('/api/me', { signal: controller.signal })
      .then((loaded) => {
        setMe(loaded);
        setMeLoading(false);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setMeError(error instanceof ApiError ? error : new ApiError('network', 0));
        setMeLoading(false);
      });
    return () => controller.abort();
  }, [signedIn, api, meVersion]);

  // 5. The account's language applies unless this device has an explicit choice.
  useEffect(() => {
    if (!me || readStoredLanguage() !== null) return;
    if (isLanguage(me.locale) && me.locale !== i18n.resolvedLanguage) void i18n.changeLanguage(me.locale);
  }, [me, i18n]);

  const signIn = useCallback(async () => {
    if (!client) throw new Error('Sign-in is not available');
    setSessionLost(false);
    await client.signinRedirect();
  }, [client]);

  const signOut = useCallback(async (options: { reason?: SignOutReason } = {}) => {
    if (!client) return;
    // From here the session disappears while the browser is still on this page: pages must
    // not send the person to "please sign in" in the meantime.
    setSigningOut(true);
    const current = await client.getUser().catch(() => null);
    const idToken = current?.id_token;
    await client.removeUser().catch(() => undefined);
    clearSessionStorage();
    try {
      await client.signoutRedirect({ ...(idToken ? { id_token_hint: idToken } : {}), ...(options.reason ? { state: options.reason } : {}) });
    } catch {
      // The server could not be reached: at least this tab is signed out.
      setUser(null);
      setSigningOut(false);
      navigate(signedOutPath(options.reason));
    }
  }, [client]);

  const completeSignIn = useCallback(
    (url: string) => {
      if (!client) return Promise.reject(new Error('Sign-in is not available'));
      // React may run effects twice; the code in the URL can be exchanged only once.
      if (callback.current?.url !== url) {
        const promise = client.signinRedirectCallback(url).then((signedInUser) => {
          setSessionLost(false);
          setUser(signedInUser);
        });
        callback.current = { url, promise };
      }
      return callback.current.promise;
    },
    [client],
  );

  const reloadMe = useCallback(() => setMeVersion((version) => version + 1), []);

  const accessToken = useCallback(
    async (options: { renew?: boolean } = {}): Promise<string | null> => {
      if (!client) return null;
      let current = await client.getUser().catch(() => null);
      if (!current || current.expired || options.renew) {
        const renewed = await client.signinSilent().catch(() => null);
        current = renewed ?? (options.renew && current && !current.expired ? current : null);
      }
      return current?.access_token ?? null;
    },
    [client],
  );

  const saveLocale = useCallback(
    async (language: Language) => {
      if (!user || !me || me.locale === language) return;
      try {
        const updated = await api.request<Me>('/api/me', { method: 'PATCH', body: { locale: language } });
        setLocaleError(null);
        if (updated) setMe(updated);
      } catch (error) {
        setLocaleError(error instanceof ApiError ? error : new ApiError('network', 0));
      }
    },
    [api, me, user],
  );

  const forgetErasedAccount = useCallback(async () => {
    setSigningOut(true);
    await client?.removeUser().catch(() => undefined);
    clearSessionStorage();
    // The sign-in session at the server names an account that no longer exists.
    await resolved.fetch('/auth/session/end', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    setUser(null);
    setMe(null);
    setSigningOut(false);
    navigate('/?reason=erased');
  }, [client, resolved]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status: setup.status === 'loading' || !userChecked ? 'loading' : setup.status,
      config: setup.status === 'ready' ? setup.config : null,
      user,
      me,
      meLoading: meLoading || (user !== null && me === null && meError === null),
      meError,
      sessionLost,
      localeError,
      signingOut,
      fetch: resolved.fetch,
      api,
      accessToken,
      signIn,
      signOut,
      completeSignIn,
      reloadMe,
      saveLocale,
      forgetErasedAccount,
    }),
    [
      setup,
      userChecked,
      user,
      me,
      meLoading,
      meError,
      sessionLost,
      localeError,
      signingOut,
      resolved,
      api,
      accessToken,
      signIn,
      signOut,
      completeSignIn,
      reloadMe,
      saveLocale,
      forgetErasedAccount,
    ],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthProvider>');
  return value;
}

export { CALLBACK_PATH };
