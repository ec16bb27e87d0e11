import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, preloadPages } from '../app/App';
import { renderWithI18n } from '../test/render';
import { EXIT_MARKER_KEY } from './backGuard';
import { listenForDoubleEscape } from './quickExit';
import { ESCAPE_WINDOW_MS, NEUTRAL_URL } from './quickExitConfig';

// Every page is a lazy chunk: import them before the tests, as renderApp does.
await preloadPages();

// jsdom cannot navigate, so stand in for window.location and watch what the app asks of it.
let fakeLocation: { replace: ReturnType<typeof vi.fn>; assign: ReturnType<typeof vi.fn>; href: string };

beforeEach(() => {
  fakeLocation = { replace: vi.fn(), assign: vi.fn(), href: 'http://localhost/' };
  vi.stubGlobal('location', fakeLocation);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function pressEscape(options: KeyboardEventInit = {}) {
  fireEvent.keyDown(document.body, { key: 'Escape', code: 'Escape', ...options });
}

describe('quick exit button', () => {
  it('is a neutral, non-mental-health address', () => {
    const url = new URL(NEUTRAL_URL);
    expect(url.protocol).toBe('https:');
    expect(NEUTRAL_URL).not.toMatch(/cocon|therap|mental|suic|zelfmoord|help/i);
  });

  it('clears sessionStorage and replaces the location with the neutral URL', () => {
    window.sessionStorage.setItem('draft', 'something private');
    renderWithI18n(<App />);

    fireEvent.click(screen.getByRole('button', { name: 'Snel weg' }));

    expect(fakeLocation.replace).toHaveBeenCalledTimes(1);
    expect(fakeLocation.replace).toHaveBeenCalledWith(NEUTRAL_URL);
    expect(fakeLocation.assign).not.toHaveBeenCalled();
    expect(window.sessionStorage.length).toBe(0);
    expect(document.documentElement.hasAttribute('data-quick-exit')).toBe(true);
  });

  it('leaves a marker so older Cocon pages reached with Back leave too', () => {
    renderWithI18n(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Snel weg' }));
    expect(window.localStorage.getItem(EXIT_MARKER_KEY)).not.toBeNull();
  });

  it('keeps the language preference (only session data is cleared)', () => {
    window.localStorage.setItem('cocon.lang', 'en');
    renderWithI18n(<App />);

    fireEvent.click(screen.getByRole('button', { name: 'Quick exit' }));

    expect(fakeLocation.replace).toHaveBeenCalledWith(NEUTRAL_URL);
    expect(window.localStorage.getItem('cocon.lang')).toBe('en');
  });

  it('shows a hint that pressing Esc twice also works', () => {
    renderWithI18n(<App />);
    expect(screen.getAllByText(/Esc/).length).toBeGreaterThan(0);
  });
});

describe('Escape twice', () => {
  it('exits when Escape is pressed twice within the window', () => {
    vi.useFakeTimers();
    window.sessionStorage.setItem('draft', 'x');
    renderWithI18n(<App />);

    pressEscape();
    vi.advanceTimersByTime(ESCAPE_WINDOW_MS - 200);
    pressEscape();

    expect(fakeLocation.replace).toHaveBeenCalledTimes(1);
    expect(fakeLocation.replace).toHaveBeenCalledWith(NEUTRAL_URL);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('does not exit on a single Escape', () => {
    vi.useFakeTimers();
    renderWithI18n(<App />);

    pressEscape();
    vi.advanceTimersByTime(5000);

    expect(fakeLocation.replace).not.toHaveBeenCalled();
  });

  it('does not exit when the two presses are too far apart', () => {
    vi.useFakeTimers();
    renderWithI18n(<App />);

    pressEscape();
    vi.advanceTimersByTime(ESCAPE_WINDOW_MS + 500);
    pressEscape();

    expect(fakeLocation.replace).not.toHaveBeenCalled();

    // ...but a quick second press after that slow one does count.
    vi.advanceTimersByTime(300);
    pressEscape();
    expect(fakeLocation.replace).toHaveBeenCalledWith(NEUTRAL_URL);
  });

  it('ignores other keys and auto-repeat of a held Escape key', () => {
    vi.useFakeTimers();
    renderWithI18n(<App />);

    pressEscape();
    fireEvent.keyDown(document.body, { key: 'Escape', repeat: true });
    fireEvent.keyDown(document.body, { key: 'Enter' });

    expect(fakeLocation.replace).not.toHaveBeenCalled();
  });

  it('still works when a widget stops the Escape event from bubbling', () => {
    vi.useFakeTimers();
    renderWithI18n(<App />);
    const widget = document.createElement('div');
    document.body.append(widget);
    widget.addEventListener('keydown', (event) => event.stopPropagation());

    fireEvent.keyDown(widget, { key: 'Escape' });
    fireEvent.keyDown(widget, { key: 'Escape' });

    expect(fakeLocation.replace).toHaveBeenCalledWith(NEUTRAL_URL);
    widget.remove();
  });

  it('stops listening once removed', () => {
    let now = 0;
    const onExit = vi.fn();
    const stop = listenForDoubleEscape(window, onExit, { windowMs: 1000, now: () => now });

    pressEscape();
    now = 500;
    pressEscape();
    expect(onExit).toHaveBeenCalledTimes(1);

    stop();
    now = 600;
    pressEscape();
    now = 700;
    pressEscape();
    expect(onExit).toHaveBeenCalledTimes(1);
  });
});
