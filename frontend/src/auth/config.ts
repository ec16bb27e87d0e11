import { isRecord } from '../app/json';
import { DEFAULT_PASSWORD_MIN_LENGTH } from './fieldErrors';
import { errorFromResponse, networkError } from './problem';

/** What `GET /auth/config` tells the app at startup. */
export interface AuthConfig {
  /** The OpenID provider (the Cocon server itself, or an external one such as Keycloak). */
  authority: string;
  clientId: string;
  scope: string;
  /** False when accounts come from an external provider: then there is no sign-up page. */
  signupEnabled: boolean;
  minimumAge: number;
  houseRulesVersion: string;
  /** The server's minimum password length. */
  passwordMinLength: number;
  /** After how long without activity the app signs a person out, and when it warns first. */
  idleSignOut: IdleSignOutConfig;
}

export interface IdleSignOutConfig {
  clientSeconds: number;
  /** Therapists, moderators and admins. */
  staffSeconds: number;
  warningSeconds: number;
}

/** Used when the server does not say (an older server): the server's own defaults. */
export const DEFAULT_IDLE_SIGN_OUT: IdleSignOutConfig = { clientSeconds: 15 * 60, staffSeconds: 30 * 60, warningSeconds: 60 };

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function parseIdleSignOut(value: unknown): IdleSignOutConfig {
  if (!isRecord(value)) return DEFAULT_IDLE_SIGN_OUT;
  const clientSeconds = positive(value.clientSeconds, DEFAULT_IDLE_SIGN_OUT.clientSeconds);
  const staffSeconds = positive(value.staffSeconds, DEFAULT_IDLE_SIGN_OUT.staffSeconds);
  const warningSeconds = Math.min(positive(value.warningSeconds, DEFAULT_IDLE_SIGN_OUT.warningSeconds), clientSeconds - 1, staffSeconds - 1);
  return { clientSeconds, staffSeconds, warningSeconds: Math.max(0, warningSeconds) };
}

function parseConfig(body: unknown): AuthConfig | null {
  if (!isRecord(body)) return null;
  const { authority, clientId, scope, signupEnabled, minimumAge, houseRulesVersion, passwordMinLength, idleSignOut } = body;
  if (typeof authority !== 'string' || typeof clientId !== 'string') return null;
  return {
    authority,
    clientId,
    scope: typeof scope === 'string' && scope ? scope : 'openid profile',
    signupEnabled: signupEnabled === true,
    minimumAge: typeof minimumAge === 'number' ? minimumAge : 12,
    houseRulesVersion: typeof houseRulesVersion === 'string' ? houseRulesVersion : '',
    passwordMinLength: typeof passwordMinLength === 'number' ? passwordMinLength : DEFAULT_PASSWORD_MIN_LENGTH,
    idleSignOut: parseIdleSignOut(idleSignOut),
  };
}

/**
 * Loads the sign-in configuration. Resolves to null when the answer is not a configuration,
 * e.g. a static server without the backend answers with index.html: sign-in is then simply
 * not offered. Rejects with an ApiError when the server answers with an error.
 */
export async function fetchAuthConfig(fetchFn: typeof fetch): Promise<AuthConfig | null> {
  let response: Response;
  try {
    response = await fetchFn('/auth/config', { credentials: 'same-origin' });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    return parseConfig(await response.json());
  } catch {
    return null;
  }
}
