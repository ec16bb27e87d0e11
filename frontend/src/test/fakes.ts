import { vi } from 'vitest';
import type { AuthClient, SessionUser } from '../auth/auth';
import type { AuthConfig } from '../auth/config';
import type { Me } from '../auth/me';

export const TEST_CONFIG: AuthConfig = {
  authority: 'http://localhost:3000',
  clientId: 'cocon-web',
  scope: 'openid profile',
  signupEnabled: true,
  minimumAge: 12,
  houseRulesVersion: '2026-11',
  passwordMinLength: 10,
  idleSignOut: { clientSeconds: 900, staffSeconds: 1800, warningSeconds: 60 },
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Reply = { status?: number; body?: unknown; contentType?: string } | Response;
export type Handler = Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);

function toResponse(reply: Reply): Response {
  if (reply instanceof Response) return reply;
  const status = reply.status ?? 200;
  if (reply.body === undefined) return new Response(null, { status });
  const contentType = reply.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json');
  return new Response(JSON.stringify(reply.body), { status, headers: { 'Content-Type': contentType } });
}

export function problem(status: number, code: string, errors?: { field: string; code: string; message?: string }[]): Reply {
  return {
    status,
    body: { type: 'about:blank', title: 'Problem', status, detail: code, code, requestId: 'req-1', ...(errors ? { errors } : {}) },
  };
}

/**
 * A fetch double. `routes` maps "METHOD /path?query" (query optional: without one, any query
 * matches) to a reply or a function of the request. Every call is recorded in `calls`.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: RecordedRequest[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost:3000');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: RecordedRequest = { method, path: `${url.pathname}${url.search}`, headers, body };
    calls.push(request);
    const handler = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    if (handler === undefined) return toResponse(problem(404, 'not-found'));
    const reply = typeof handler === 'function' ? await handler(request) : handler;
    return toResponse(reply);
  });
  return { fetch: fetchFn as unknown as typeof fetch, calls, mock: fetchFn };
}

/** The usual public endpoints. */
export const PUBLIC_ROUTES: Record<string, Handler> = {
  'GET /auth/config': { body: TEST_CONFIG },
  'GET /auth/csrf': () => {
    document.cookie = 'XSRF-TOKEN=cookie-token; path=/';
    return { body: { token: 'masked-token', headerName: 'X-XSRF-TOKEN', parameterName: '_csrf' } };
  },
};

export function sessionUser(token = 'token-1'): SessionUser {
  return { access_token: token, id_token: 'id-token-1', expired: false };
}

/** A stand-in for oidc-client-ts' UserManager. */
export class FakeAuthClient implements AuthClient {
  user: SessionUser | null;
  private loaded = new Set<(user: SessionUser) => void>();
  private unloaded = new Set<() => void>();

  constructor(user: SessionUser | null = null) {
    this.user = user;
  }

  getUser = vi.fn(async () => this.user);
  signinRedirect = vi.fn(async () => undefined);
  signinRedirectCallback = vi.fn(async () => {
    this.user = sessionUser('from-callback');
    return this.user;
  });
  /** Default: renewal is not possible. */
  signinSilent = vi.fn(async (): Promise<SessionUser | null> => {
    throw new Error('login_required');
  });
  signoutRedirect = vi.fn(async () => undefined);
  signoutRedirectCallback = vi.fn(async () => ({}));
  removeUser = vi.fn(async () => {
    this.user = null;
  });

  events = {
    addUserLoaded: (callback: (user: SessionUser) => void) => {
      this.loaded.add(callback);
      return () => this.loaded.delete(callback);
    },
    addUserUnloaded: (callback: () => void) => {
      this.unloaded.add(callback);
      return () => this.unloaded.delete(callback);
    },
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u-1',
    username: 'robin',
    pseudonym: 'Robin',
    roles: ['CLIENT'],
    locale: 'nl',
    timezone: 'Europe/Brussels',
    createdAt: '2026-11-02T10:00:00Z',
    therapist: null,
    ...overrides,
  };
}
