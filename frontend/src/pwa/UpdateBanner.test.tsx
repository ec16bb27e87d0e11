import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../test/render';
import { isAppPath } from './appRoutes';
import { UpdateBanner } from './UpdateBanner';
import { announceUpdate } from './updates';

afterEach(() => act(() => announceUpdate(null)));

describe('update banner', () => {
  it('is an empty status line until a new version waits', () => {
    renderWithI18n(<UpdateBanner />, 'nl');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('offers to reload when a new version waits, and activates it on request', () => {
    const activate = vi.fn();
    renderWithI18n(<UpdateBanner />, 'nl');
    act(() => announceUpdate(activate));

    expect(screen.getByRole('status').textContent).toContain('Nieuwe versie');
    fireEvent.click(screen.getByRole('button', { name: 'Herladen' }));
    expect(activate).toHaveBeenCalledOnce();
  });

  it('speaks English too', () => {
    renderWithI18n(<UpdateBanner />, 'en');
    act(() => announceUpdate(() => undefined));
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});

describe('pages the service worker answers from its cache', () => {
  it('are the app pages, with or without a trailing slash', () => {
    expect(['/', '/home', '/chat', '/chat/', '/login', '/auth/callback'].every(isAppPath)).toBe(true);
  });

  it('are never the server endpoints', () => {
    expect(['/api/conversations', '/auth/config', '/oauth2/authorize', '/ws', '/logout', '/sw.js'].some(isAppPath)).toBe(false);
  });
});
