import type { SessionUser } from './auth';
import { ApiError, errorFromResponse, networkError } from './problem';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** `blob`: the answer's body as a Blob whatever its type (for downloads). Default: JSON. */
  responseType?: 'json' | 'blob';
}

export interface ApiClient {
  /** Calls `/api/...` with the access token and returns the JSON answer (undefined for 204). */
  request<T>(path: string, init?: ApiRequest): Promise<T>;
}

export interface ApiClientOptions {
  fetch: typeof fetch;
  /** The currently stored user (read fresh for each call, so a renewed token is used). */
  getUser: () => Promise<SessionUser | null>;
  /** Tries to get a new access token without showing anything; null when that is not possible. */
  renew: () => Promise<SessionUser | null>;
  /** Told when the session cannot be recovered (401 after one renewal attempt). */
  onSessionLost: () => void;
}

/**
 * Creates the client for the protected API. Every call carries `Authorization: Bearer`.
 * Answers are read as JSON, or as a Blob with `responseType: 'blob'`.
 * A 401 means the token expired or was revoked: the client renews silently ONCE and repeats
 * the call; if that does not help, the session is lost and the call fails as
 * `unauthenticated`. A 403 fails as `forbidden`.
 */
export function createApiClient({ fetch: fetchFn, getUser, renew, onSessionLost }: ApiClientOptions): ApiClient {
  const send = async (path: string, init: ApiRequest, user: SessionUser): Promise<Response> => {
    const headers: Record<string, string> = {
      Accept: init.responseType === 'blob' ? '*/*' : 'application/json',
      Authorization: `Bearer ${user.access_token}`,
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetchFn(path, {
        method: init.method ?? 'GET',
        headers,
        credentials: 'same-origin',
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw networkError(error);
    }
  };

  const renewQuietly = async (): Promise<SessionUser | null> => {
    try {
      return await renew();
    } catch {
      return null;
    }
  };

  return {
    async request<T>(path: string, init: ApiRequest = {}): Promise<T> {
      let renewedAlready = false;
      let user = await getUser();
      if (!user || user.expired) {
        // The stored token has run out (e.g. the tab slept): renew before calling.
        user = await renewQuietly();
        renewedAlready = true;
      }
      if (!user) {
        onSessionLost();
        throw new ApiError('unauthenticated', 401);
      }

      let response = await send(path, init, user);
      if (response.status === 401) {
        const renewed = renewedAlready ? null : await renewQuietly();
        if (renewed) response = await send(path, init, renewed);
        if (!renewed || response.status === 401) {
          onSessionLost();
          throw await errorFromResponse(response);
        }
      }
      if (!response.ok) throw await errorFromResponse(response);
      if (response.status === 204) return undefined as T;
      if (init.responseType === 'blob') return (await response.blob()) as T;
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) return undefined as T;
      return (await response.json()) as T;
    },
  };
}
