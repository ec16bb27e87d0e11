import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { BOTH_LANGUAGES } from '../test/translations';
import { SIGNAL_SOURCES } from '../safety/types';
import { reviewSignal, signal } from './fixtures';
import { categoryText, outcomeText, questionnaireText, reasonText, signalText, sourceText } from './labels';

const nl = createI18n('nl', BOTH_LANGUAGES).t;
const en = createI18n('en', BOTH_LANGUAGES).t;

describe('words for the codes of a signal', () => {
  it('names every source in both languages, and shows an unknown one as it is', () => {
    expect(SIGNAL_SOURCES.map((source) => sourceText(nl, source))).toEqual([
      'Chatbericht',
      'Antwoord in oefenprogramma',
      'Vragenlijst',
      'Notitie bij een check-in',
      'Hulpknop',
      'Door de therapeut gemeld',
    ]);
    expect(SIGNAL_SOURCES.map((source) => sourceText(en, source))).toEqual([
      'Chat message',
      'Answer in a practice programme',
      'Questionnaire',
      'Check-in note',
      'Help button',
      'Raised by the therapist',
    ]);
    expect(sourceText(nl, 'CARRIER_PIGEON')).toBe('CARRIER_PIGEON');
  });

  it('says what is known when there is no category: a request for help, a therapist concern, not clear yet', () => {
    expect(categoryText(nl, 'SELF_HARM')).toBe('Zelfverwonding');
    expect(categoryText(nl, null, { source: 'HELP_BUTTON', severity: 'HIGH' })).toBe('Hulpvraag');
    expect(categoryText(en, null, { source: 'HELP_BUTTON' })).toBe('Request for help');
    expect(categoryText(nl, null, { source: 'THERAPIST' })).toBe('Zorg van de therapeut');
    expect(categoryText(nl, null, { source: 'CHAT_MESSAGE', severity: 'REVIEW' })).toBe('Nog onduidelijk');
    for (const t of [nl, en]) {
      for (const source of SIGNAL_SOURCES) expect(categoryText(t, null, { source })).not.toMatch(/onbekend|unknown/i);
    }
  });

  it('reads a questionnaire answer in words instead of its raw text', () => {
    const phq = signal({ source: 'QUESTIONNAIRE', text: 'phq-9:phq9-9 = 2', questionnaire: { name: 'PHQ-9', item: 9, value: 2, max: 3 } });
    expect(signalText(nl, phq)).toBe('PHQ-9, vraag 9: 2 van 3');
    expect(signalText(en, phq)).toBe('PHQ-9, item 9: 2 of 3');
    expect(questionnaireText(nl, { name: 'PHQ-9', item: 9, value: 1, max: 3 })).toBe('PHQ-9, vraag 9: 1 van 3');
    expect(signalText(nl, signal())).toBe('ik wil dood, ik heb pillen verzameld');
  });

  it('joins the reasons with "+", once each, and says when earlier messages were needed', () => {
    expect(reasonText(nl, ['plan', 'timing'], false)).toBe('plan + tijdstip');
    expect(reasonText(en, ['plan', 'timing'], false)).toBe('plan + timing');
    expect(reasonText(nl, ['plan', 'timing', 'plan'], true)).toBe('plan + tijdstip, met eerdere berichten');
    expect(reasonText(en, [], true)).toBe('with earlier messages');
    expect(reasonText(nl, [], false)).toBeNull();
    expect(reasonText(nl, ['passive-wish', 'brand-new-code'], false)).toBe('passieve doodswens + brand-new-code');
    expect(reasonText(nl, reviewSignal().reasons, false)).toBe('twijfel + passieve doodswens');
  });

  it('names an outcome, and for a dismissed review item also why', () => {
    expect(outcomeText(nl, { outcome: 'FALSE_POSITIVE', dismissReason: null })).toBe('Vals alarm');
    expect(outcomeText(nl, { outcome: 'DISMISSED', dismissReason: 'HYPERBOLE' })).toBe('Niet zorgwekkend: Overdreven uitgedrukt');
    expect(outcomeText(en, { outcome: 'DISMISSED', dismissReason: 'ABOUT_SOMEONE_ELSE' })).toBe('Not worrying: About someone else');
    expect(outcomeText(nl, { outcome: null, dismissReason: null })).toBe('');
  });
});
