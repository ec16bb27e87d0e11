import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../auth/problem';
import { renderWithI18n } from '../test/render';
import { StepCard } from './StepCard';
import { parseStepData, type StepAnswer, type StepData } from './types';
import { currentStepKey } from './GuideMessages';

function step(overrides: Partial<StepData>): StepData {
  return {
    enrolmentId: 'e-1',
    programmeId: 'stress-and-relaxation',
    stepId: 's-1',
    kind: 'INFO',
    module: 'Stress in je lijf',
    position: 3,
    total: 15,
    ...overrides,
  };
}

function renderStep(data: StepData, { interactive = true, onAnswer = vi.fn(async (_answer: StepAnswer) => undefined) } = {}) {
  renderWithI18n(<StepCard step={data} body="De tekst van de stap." interactive={interactive} onAnswer={onAnswer} />, 'nl');
  return { onAnswer };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('StepCard', () => {
  it('INFO: module, "step x of y", text and "Verder" sends {}', async () => {
    const { onAnswer } = renderStep(step({ kind: 'INFO' }));
    expect(screen.getByText('Stress in je lijf')).toBeTruthy();
    expect(screen.getByText('Stap 3 van 15')).toBeTruthy();
    expect(screen.getByText('De tekst van de stap.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
    expect(onAnswer).toHaveBeenCalledWith({});
  });

  it('FREE_TEXT: a text box; empty text is refused, the text is sent trimmed', async () => {
    const { onAnswer } = renderStep(step({ kind: 'FREE_TEXT' }));
    const box = screen.getByRole('textbox', { name: 'Je antwoord' });
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(screen.getByRole('alert').textContent).toBe('Schrijf eerst iets.');
    expect(onAnswer).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: '  Toetsen op school  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).toHaveBeenCalledWith({ text: 'Toetsen op school' });
  });

  it('FREE_TEXT: more than 2000 characters is refused, with a counter', () => {
    const { onAnswer } = renderStep(step({ kind: 'FREE_TEXT' }));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'a'.repeat(2001) } });
    expect(screen.getByText('Je tekst is te lang.', { selector: '.step-card__count' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('JOURNAL: a larger text area that takes up to 4000 characters', () => {
    const { onAnswer } = renderStep(step({ kind: 'JOURNAL' }));
    const box = screen.getByRole('textbox', { name: 'Je antwoord' }) as HTMLTextAreaElement;
    expect(box.rows).toBe(8);
    fireEvent.change(box, { target: { value: 'b'.repeat(3500) } });
    expect(screen.getByText('Nog 500 tekens')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).toHaveBeenCalledWith({ text: 'b'.repeat(3500) });
  });

  it('SINGLE_CHOICE: quick replies; a click sends the option id', () => {
    const { onAnswer } = renderStep(
      step({ kind: 'SINGLE_CHOICE', options: [{ id: 'home', label: 'Thuis' }, { id: 'no-quiet', label: 'Geen rustige plek' }] }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Geen rustige plek' }));
    expect(onAnswer).toHaveBeenCalledWith({ option: 'no-quiet' });
  });

  it('MULTIPLE_CHOICE: checkboxes; at least one, sent in the order shown', () => {
    const { onAnswer } = renderStep(
      step({
        kind: 'MULTIPLE_CHOICE',
        options: [
          { id: 'headache', label: 'Hoofdpijn' },
          { id: 'sleep', label: 'Slecht slapen' },
          { id: 'heart', label: 'Snelle hartslag' },
        ],
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(screen.getByRole('alert').textContent).toBe('Kies minstens één antwoord.');
    expect(onAnswer).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Snelle hartslag' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hoofdpijn' }));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).toHaveBeenCalledWith({ options: ['headache', 'heart'] });
  });

  it('SCALE: a labelled slider with the value and the end labels', () => {
    const { onAnswer } = renderStep(step({ kind: 'SCALE', scale: { min: 0, max: 10, minLabel: 'Helemaal rustig', maxLabel: 'Heel gestrest' } }));
    const slider = screen.getByRole('slider', { name: 'Je antwoord' }) as HTMLInputElement;
    expect(slider.min).toBe('0');
    expect(slider.max).toBe('10');
    expect(slider.value).toBe('5');
    expect(screen.getByText(/Helemaal rustig/)).toBeTruthy();
    expect(screen.getByText(/Heel gestrest/)).toBeTruthy();
    fireEvent.change(slider, { target: { value: '8' } });
    expect(screen.getByText('Gekozen: 8')).toBeTruthy();
    expect(slider.getAttribute('aria-valuetext')).toBe('8');
    fireEvent.change(slider, { target: { value: '10' } });
    expect(slider.getAttribute('aria-valuetext')).toBe('10, Heel gestrest');
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).toHaveBeenCalledWith({ value: 10 });
  });

  it('MOOD: the 1–10 slider sends {value}', () => {
    const { onAnswer } = renderStep(step({ kind: 'MOOD', scale: { min: 1, max: 10, minLabel: '😞', maxLabel: '😊' } }));
    fireEvent.change(screen.getByRole('slider'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).toHaveBeenCalledWith({ value: 3 });
  });

  it('TIMER: instructions, start, pause, resume, and "Klaar" when the time is up', () => {
    vi.useFakeTimers();
    const { onAnswer } = renderStep(step({ kind: 'TIMER', timer: { seconds: 5, instructions: 'Adem rustig in en uit.' } }));
    expect(screen.getByText('Adem rustig in en uit.')).toBeTruthy();
    const clock = screen.getByRole('timer');
    expect(clock.textContent).toBe('0:05');

    fireEvent.click(screen.getByRole('button', { name: 'Start de timer' }));
    act(() => vi.advanceTimersByTime(2000));
    expect(clock.textContent).toBe('0:03');

    fireEvent.click(screen.getByRole('button', { name: 'Pauzeer' }));
    act(() => vi.advanceTimersByTime(10_000));
    expect(clock.textContent).toBe('0:03');

    fireEvent.click(screen.getByRole('button', { name: 'Ga verder' }));
    act(() => vi.advanceTimersByTime(3000));
    expect(clock.textContent).toBe('0:00');
    expect(screen.getAllByText('De tijd is om. Klik op Klaar als je zover bent.').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Vroeger stoppen' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Klaar' }));
    expect(onAnswer).toHaveBeenCalledWith({ completed: true, secondsSpent: 5 });
  });

  it('TIMER: "Vroeger stoppen" sends completed: false with the time spent', () => {
    vi.useFakeTimers();
    const { onAnswer } = renderStep(step({ kind: 'TIMER', timer: { seconds: 60, instructions: 'Voel je voeten.' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Start de timer' }));
    act(() => vi.advanceTimersByTime(12_000));
    fireEvent.click(screen.getByRole('button', { name: 'Vroeger stoppen' }));
    expect(onAnswer).toHaveBeenCalledWith({ completed: false, secondsSpent: 12 });
  });

  it('QUESTIONNAIRE: every item with radio options; sent only when all are answered', () => {
    const { onAnswer } = renderStep(
      step({
        kind: 'QUESTIONNAIRE',
        questionnaire: {
          id: 'gad-7',
          name: 'GAD-7',
          instructions: 'Hoe vaak had u last van…',
          items: [
            { id: 'gad7-1', text: 'Nerveus of gespannen' },
            { id: 'gad7-2', text: 'Niet kunnen stoppen met piekeren' },
          ],
          options: [
            { value: 0, label: 'Helemaal niet' },
            { value: 1, label: 'Meerdere dagen' },
            { value: 2, label: 'Meer dan de helft van de dagen' },
            { value: 3, label: 'Bijna elke dag' },
          ],
        },
      }),
    );
    expect(screen.getByText('Hoe vaak had u last van…')).toBeTruthy();
    const first = screen.getByRole('group', { name: '1. Nerveus of gespannen' });
    fireEvent.click(first.querySelector('input[value="2"]') as HTMLInputElement);
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(screen.getByRole('alert').textContent).toBe('Beantwoord eerst alle vragen (1 open).');
    expect(onAnswer).not.toHaveBeenCalled();
    const second = screen.getByRole('group', { name: '2. Niet kunnen stoppen met piekeren' });
    fireEvent.click(second.querySelector('input[value="0"]') as HTMLInputElement);
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(onAnswer).toHaveBeenCalledWith({ items: [2, 0] });
  });

  it('a refused answer shows the translated code and keeps the input', async () => {
    const onAnswer = vi.fn(async () => {
      throw new ApiError('problem', 409, { code: 'enrolment.paused' });
    });
    renderStep(step({ kind: 'FREE_TEXT' }), { onAnswer });
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Mijn antwoord' } });
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Dit programma staat op pauze. Hervat het eerst.');
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('Mijn antwoord');
  });

  it('an ErrorEvent-like rejection with an unknown code shows a general error', async () => {
    renderStep(step({ kind: 'INFO' }), { onAnswer: vi.fn(async () => Promise.reject({ code: 'something.else' })) });
    fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Dat lukte niet. Probeer het nog eens.');
  });

  it('read-only: no controls, the answer that followed', () => {
    renderWithI18n(
      <StepCard step={step({ kind: 'SINGLE_CHOICE', options: [{ id: 'a', label: 'A' }] })} body="Vraag" interactive={false} answerText="A" onAnswer={vi.fn()} />,
      'nl',
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('A')).toBeTruthy();
    expect(screen.getByText(/Jouw antwoord/)).toBeTruthy();
  });

  it('English texts', () => {
    renderWithI18n(<StepCard step={step({ kind: 'INFO' })} body="Text" interactive onAnswer={vi.fn()} />, 'en');
    expect(screen.getByText('Step 3 of 15')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' })).toBeTruthy();
  });
});

describe('step data and the current step', () => {
  it('reads the STEP data defensively', () => {
    expect(parseStepData({ kind: 'NOPE', stepId: 'x', enrolmentId: 'e' })).toBeNull();
    expect(parseStepData(null)).toBeNull();
    const parsed = parseStepData({
      enrolmentId: 'e-1',
      stepId: 'mood',
      kind: 'MOOD',
      module: 'Afsluiten',
      position: 13,
      total: 15,
      scale: { min: 1, max: 10, minLabel: '😞', maxLabel: '😊' },
    });
    expect(parsed?.scale).toEqual({ min: 1, max: 10, minLabel: '😞', maxLabel: '😊' });
  });

  it('only the newest STEP without an ANSWER after it can be answered', () => {
    const m = (key: string, kind: string, stepId?: string) => ({ key, seq: 1, senderId: 'guide', body: '', kind, data: stepId ? { stepId } : null });
    expect(currentStepKey([m('1', 'STEP', 'a'), m('2', 'ANSWER', 'a'), m('3', 'STEP', 'b')])).toBe('3');
    expect(currentStepKey([m('1', 'STEP', 'a'), m('2', 'ANSWER', 'a')])).toBeNull();
    expect(currentStepKey([m('1', 'STEP', 'a'), m('2', 'ANSWER', 'a'), m('3', 'STEP', 'b'), m('4', 'FEEDBACK', 'a')])).toBe('3');
    expect(currentStepKey([])).toBeNull();
  });
});
