import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n/languages';
import { renderWithI18n } from '../test/render';
import { CompletionSummary, parseCompletionSummary } from './CompletionSummary';

const NOTICE = {
  enrolmentId: 'e-1',
  notice: 'completed',
  title: 'Beter slapen',
  summary: {
    stepsDone: 13,
    exerciseSeconds: 95,
    startedAt: '2026-11-20T10:00:00Z',
    completedAt: '2026-11-21T18:30:00Z',
    scores: [{ questionnaire: 'phq-9', name: 'PHQ-9', score: 9, maxScore: 27, band: 'mild', bandLabel: 'Mild' }],
  },
};

function renderSummary(data: unknown = NOTICE, language: Language = 'nl') {
  const summary = parseCompletionSummary(data);
  if (!summary) throw new Error('no summary');
  renderWithI18n(
    <ol>
      <CompletionSummary summary={summary} body="Goed gedaan: je hebt “Beter slapen” afgerond." />
    </ol>,
    language,
  );
}

describe('completion summary', () => {
  it('reads only completion notices that carry a summary', () => {
    expect(parseCompletionSummary({ notice: 'resumed' })).toBeNull();
    expect(parseCompletionSummary({ notice: 'completed' })).toBeNull();
    expect(parseCompletionSummary(null)).toBeNull();
    expect(parseCompletionSummary(NOTICE)?.scores[0]).toEqual({ questionnaire: 'phq-9', name: 'PHQ-9', score: 9, maxScore: 27, band: 'mild' });
  });

  it('shows steps done, exercise time, dates and each score with its band, in Dutch', () => {
    renderSummary();
    const card = screen.getByRole('region', { name: 'Afgerond: Beter slapen' });
    const facts = within(card);
    expect(facts.getByText('Stappen gedaan').nextElementSibling?.textContent).toBe('13');
    expect(facts.getByText('Tijd met oefeningen').nextElementSibling?.textContent).toBe('1:35');
    expect(facts.getByText('Begonnen op').nextElementSibling?.textContent).toMatch(/20 november 2026/);
    expect(facts.getByText('Afgerond op').nextElementSibling?.textContent).toMatch(/21 november 2026/);
    expect(facts.getByRole('heading', { name: 'Je vragenlijsten' })).toBeTruthy();
    expect(facts.getByText('PHQ-9').closest('li')?.textContent).toBe('PHQ-9 9 van 27 punten: Licht');
  });

  it('is translated to English', () => {
    renderSummary({ ...NOTICE, title: 'Sleeping better' }, 'en');
    const card = screen.getByRole('region', { name: 'Finished: Sleeping better' });
    expect(within(card).getByText('Steps done')).toBeTruthy();
    expect(within(card).getByText('PHQ-9').closest('li')?.textContent).toBe('PHQ-9 9 of 27 points: Mild');
  });

  it('leaves out exercise time and scores when there are none', () => {
    renderSummary({ ...NOTICE, summary: { ...NOTICE.summary, exerciseSeconds: 0, scores: [] } });
    expect(screen.queryByText('Tijd met oefeningen')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Je vragenlijsten' })).toBeNull();
  });
});
