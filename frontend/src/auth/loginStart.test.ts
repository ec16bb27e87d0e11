import { describe, expect, it } from 'vitest';
import { mustStartSignIn, signInUnderway } from './loginStart';

function storage(keys: string[]) {
  return { length: keys.length, key: (index: number) => keys[index] ?? null };
}

describe('starting a sign-in from /login', () => {
  it('a state entry of the OpenID client means a sign-in is under way; the stored user does not', () => {
    expect(signInUnderway(storage(['oidc.ab12']))).toBe(true);
    expect(signInUnderway(storage(['oidc.user:http://localhost:cocon-web']))).toBe(false);
    expect(signInUnderway(storage(['cocon.language', 'e2e-probe']))).toBe(false);
    expect(signInUnderway(storage([]))).toBe(false);
  });

  it('a bookmark starts one; an error or a sign-out from the server shows the page', () => {
    expect(mustStartSignIn('', storage([]))).toBe(true);
    expect(mustStartSignIn('', storage(['oidc.ab12']))).toBe(false);
    expect(mustStartSignIn('?error=credentials', storage([]))).toBe(false);
    expect(mustStartSignIn('?logout', storage([]))).toBe(false);
  });
});
