import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../i18n/languages';
import { renderWithI18n } from '../test/render';
import { App, preloadPages } from './App';

// Every page is a lazy chunk: import them before the tests, as renderApp does.
await preloadPages();

function languageButton(name: 'Nederlands' | 'English') {
  const group = screen.getByRole('group', { name: /taal|language/i });
  return within(group).getByRole('button', { name });
}

describe('app shell', () => {
  it('is in Dutch by default', () => {
    renderWithI18n(<App />);

    expect(screen.getByRole('heading', { level: 1 })).toHaveProperty('textContent', 'Welkom bij Cocon');
    expect(screen.getByRole('button', { name: 'Snel weg' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('nl');
    expect(document.title).toBe('Notities');
    expect(languageButton('Nederlands').getAttribute('aria-pressed')).toBe('true');
    expect(languageButton('English').getAttribute('aria-pressed')).toBe('false');
    // Nothing is stored until the visitor actually chooses.
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
  });

  it('has the landmarks, one h1 and a skip link to main', () => {
    renderWithI18n(<App />);

    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    const main = screen.getByRole('main');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const skip = screen.getByRole('link', { name: 'Ga meteen naar de inhoud' });
    expect(skip.getAttribute('href')).toBe(`#${main.id}`);
  });

  it('switches to English: texts, <html lang>, neutral title, and remembers it', async () => {
    renderWithI18n(<App />);

    fireEvent.click(languageButton('English'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Cocon' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Quick exit' })).toBeTruthy();
    expect(screen.queryByText('Welkom bij Cocon')).toBeNull();
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Notes');
    expect(languageButton('English').getAttribute('aria-pressed')).toBe('true');
    expect(languageButton('Nederlands').getAttribute('aria-pressed')).toBe('false');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('starts in the remembered language on the next visit', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');

    renderWithI18n(<App />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Cocon');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Notes');
  });

  it('ignores an unknown stored language and falls back to Dutch', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');

    renderWithI18n(<App />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welkom bij Cocon');
    expect(document.documentElement.lang).toBe('nl');
  });

  it('can switch back to Dutch', async () => {
    renderWithI18n(<App />, 'en');

    fireEvent.click(languageButton('Nederlands'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welkom bij Cocon' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('nl');
    expect(document.title).toBe('Notities');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('nl');
  });

  it('tells people that 112 is the number for emergencies', () => {
    renderWithI18n(<App />);

    const call = screen.getByRole('link', { name: 'Bel 112' });
    expect(call.getAttribute('href')).toBe('tel:112');
  });
});
