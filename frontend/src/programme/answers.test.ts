import { describe, expect, it } from 'vitest';
import { describeAnswer } from './answers';
import type { ProgrammeT } from './useProgrammeText';

const p = ((key: string) => key) as unknown as ProgrammeT;

describe('describeAnswer', () => {
  it('shows the option labels of a choice answer in the current language', () => {
    const step = {
      kind: 'MULTIPLE_CHOICE',
      answer: { options: ['headache', 'tired-eyes'] },
      optionLabels: {
        headache: { nl: 'Hoofdpijn', en: 'Headache' },
        'tired-eyes': { nl: 'Vermoeide ogen', en: 'Tired eyes' },
      },
    };

    expect(describeAnswer(step, p, 'nl')).toBe('Hoofdpijn, Vermoeide ogen');
    expect(describeAnswer(step, p, 'en')).toBe('Headache, Tired eyes');
  });

  it('falls back to the id as words when a label is missing', () => {
    expect(describeAnswer({ kind: 'SINGLE_CHOICE', answer: { option: 'no-quiet' } }, p, 'nl')).toBe('No quiet');
  });
});
