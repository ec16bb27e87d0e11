import { errorFromResponse, networkError } from './problem';

/** What `GET /auth/csrf` returns (it also sets the XSRF-TOKEN cookie). */
export interface CsrfToken {
  token: string;
  headerName: string;
  parameterName: string;
}

export const CSRF_COOKIE = 'XSRF-TOKEN';

export async function fetchCsrf(fetchFn: typeof fetch): Promise<CsrfToken> {
  let response: Response;
  try {
    response = await fetchFn('/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) throw await errorFromResponse(response);
  const body = (await response.json()) as Partial<CsrfToken>;
  if (typeof body.token !== 'string') throw new Error('CSRF answer without token');
  return {
    token: body.token,
    headerName: typeof body.headerName === 'string' ? body.headerName : 'X-XSRF-TOKEN',
    parameterName: typeof body.parameterName === 'string' ? body.parameterName : '_csrf',
  };
}

/** Reads one cookie by name (null when absent). */
export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * Headers for a JSON POST protected by CSRF: asks for a fresh token first (which makes sure
 * the cookie exists), then sends the cookie's value in the header the server named. When the
 * cookie cannot be read, the token from the answer is sent instead.
 */
export async function csrfHeaders(fetchFn: typeof fetch): Promise<Record<string, string>> {
  const csrf = await fetchCsrf(fetchFn);
  return { [csrf.headerName]: readCookie(CSRF_COOKIE) ?? csrf.token };
}
