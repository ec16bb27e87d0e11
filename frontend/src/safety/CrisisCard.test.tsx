import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CRISIS_CARD } from '../moderation/fixtures';
import { renderWithI18n } from '../test/render';
import { CrisisCard } from './CrisisCard';
import { parseCrisisCard } from './types';

function card() {
  const parsed = parseCrisisCard(CRISIS_CARD);
  if (!parsed) throw new Error('fixture unreadable');
  return parsed;
}

describe('the crisis card', () => {
  it('is a labelled region with the intro and every line, each with a tap-to-call link', () => {
    renderWithI18n(<CrisisCard card={card()} />, 'nl');

    const region = screen.getByRole('region', { name: 'Hulp als het nu zwaar is' });
    expect(within(region).getByText(CRISIS_CARD.intro)).toBeTruthy();
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(3);

    const call = within(items[0]!).getByRole('link', { name: 'Bel 1813 (Zelfmoordlijn 1813)' });
    expect(call.getAttribute('href')).toBe('tel:1813');
    expect(within(items[0]!).getByText('Bereikbaar: 24/7')).toBeTruthy();
    expect(within(items[0]!).getByRole('link', { name: /^Chatten met Zelfmoordlijn 1813/ }).getAttribute('href')).toBe('https://www.zelfmoord1813.be/chat');
    expect(within(items[0]!).getByRole('link', { name: /^Website van Zelfmoordlijn 1813/ }).getAttribute('target')).toBe('_blank');

    // Hours and audience together.
    expect(within(items[1]!).getByText('Bereikbaar: elke dag 16:00–22:00 · voor jongeren')).toBeTruthy();
    expect(within(items[1]!).getByRole('link', { name: /^Bel 102/ }).getAttribute('href')).toBe('tel:102');
  });

  it('marks 112 as the emergency number', () => {
    renderWithI18n(<CrisisCard card={card()} />, 'nl');
    const emergency = screen.getByText('Noodnummer', { selector: '.crisis-resource__flag' }).closest('li');
    expect(emergency?.classList.contains('crisis-resource--emergency')).toBe(true);
    expect(within(emergency!).getByRole('link', { name: /^Bel 112/ }).getAttribute('href')).toBe('tel:112');
    // Only 112 is marked.
    expect(document.querySelectorAll('.crisis-resource--emergency')).toHaveLength(1);
  });

  it('dials the dialable number but shows the readable one', () => {
    const parsed = parseCrisisCard({
      ...CRISIS_CARD,
      resources: [{ ...CRISIS_CARD.resources[0], name: '113 Zelfmoordpreventie', phone: '08000113', phoneLabel: '0800-0113' }],
    });
    renderWithI18n(<CrisisCard card={parsed!} />, 'en');
    const call = screen.getByRole('link', { name: /^Call 0800-0113/ });
    expect(call.getAttribute('href')).toBe('tel:08000113');
    expect(screen.getByRole('region', { name: 'Help if things are hard right now' })).toBeTruthy();
  });

  it('carries when it was shown in its name, so several cards in a conversation are told apart', () => {
    renderWithI18n(
      <>
        <CrisisCard card={card()} when="Gisteren 21:04" />
        <CrisisCard card={card()} when="Vandaag 08:15" />
      </>,
      'nl',
    );
    expect(screen.getByRole('region', { name: 'Hulp als het nu zwaar is, Gisteren 21:04' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Hulp als het nu zwaar is, Vandaag 08:15' })).toBeTruthy();
  });

  it('skips unreadable lines and refuses a card without any', () => {
    const parsed = parseCrisisCard({ ...CRISIS_CARD, resources: [{ nonsense: true }, CRISIS_CARD.resources[2]] });
    expect(parsed?.resources.map((r) => r.id)).toEqual(['emergency']);
    expect(parseCrisisCard({ ...CRISIS_CARD, resources: [] })).toBeNull();
    expect(parseCrisisCard('crisis')).toBeNull();
  });
});
