import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { codePoints, errorCode, maxTextLength, textProblem } from './answers';
import { formatSeconds, type StepAnswer, type StepData } from './types';
import { errorKey, useProgrammeText } from './useProgrammeText';
import './programme.css';

export interface StepCardProps {
  step: StepData;
  /** The step text (the message body). */
  body: string;
  /** Only the newest unanswered step can be answered; the others are read-only. */
  interactive: boolean;
  /** For a read-only step: the answer that followed, as text. */
  answerText?: string | null | undefined;
  /** Sends the answer; a rejection (problem detail or ErrorEvent with a code) keeps the input. */
  onAnswer: (answer: StepAnswer) => Promise<unknown>;
}

/** Show how many characters are left from this share of the limit on. */
const COUNTER_SHARE = 0.8;

/** One step of a programme in the guide conversation, drawn by its kind. */
export function StepCard({ step, body, interactive, answerText, onAnswer }: StepCardProps) {
  const p = useProgrammeText();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (answer: StepAnswer) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onAnswer(answer);
    } catch (failure) {
      const key = errorKey(errorCode(failure));
      setError(p(key ?? 'errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  const controls = interactive ? <Controls step={step} busy={busy} submit={submit} onInvalid={setError} /> : null;

  return (
    <article className={`step-card${interactive ? ' step-card--current' : ' step-card--done'}`} aria-labelledby={headingId} data-step={step.stepId} data-kind={step.kind}>
      <p className="step-card__meta" id={headingId}>
        {step.module && <span className="step-card__module">{step.module}</span>}
        <span className="step-card__position">{p('step.position', { position: step.position, total: step.total })}</span>
      </p>
      <div className="step-card__body">
        {body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      {step.kind === 'TIMER' && step.timer?.instructions && <p className="step-card__instructions">{step.timer.instructions}</p>}
      {step.kind === 'QUESTIONNAIRE' && step.questionnaire?.instructions && !interactive && (
        <p className="step-card__instructions">{step.questionnaire.instructions}</p>
      )}
      {controls}
      {!interactive && answerText && (
        <p className="step-card__answer">
          <span className="step-card__answer-label">{p('step.yourAnswer')}: </span>
          {answerText}
        </p>
      )}
      {busy && (
        <p className="step-card__busy" role="status">
          {p('step.sending')}
        </p>
      )}
      {error && (
        <p className="step-card__error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

interface ControlsProps {
  step: StepData;
  busy: boolean;
  submit: (answer: StepAnswer) => Promise<void>;
  onInvalid: (message: string | null) => void;
}

function Controls(props: ControlsProps) {
  switch (props.step.kind) {
    case 'INFO':
      return <InfoControls {...props} />;
    case 'FREE_TEXT':
    case 'JOURNAL':
      return <TextControls {...props} />;
    case 'SINGLE_CHOICE':
      return <SingleChoice {...props} />;
    case 'MULTIPLE_CHOICE':
      return <MultipleChoice {...props} />;
    case 'SCALE':
    case 'MOOD':
      return <ScaleControls {...props} />;
    case 'TIMER':
      return <TimerControls {...props} />;
    case 'QUESTIONNAIRE':
      return <QuestionnaireControls {...props} />;
  }
}

function SendButton({ busy, children }: { busy: boolean; children?: ReactNode }) {
  const p = useProgrammeText();
  return (
    <button type="submit" className="button" aria-disabled={busy || undefined}>
      {children ?? p('step.send')}
    </button>
  );
}

function InfoControls({ busy, submit }: ControlsProps) {
  const p = useProgrammeText();
  return (
    <div className="step-card__actions">
      <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void submit({})}>
        {p('step.next')}
      </button>
    </div>
  );
}

function TextControls({ step, busy, submit, onInvalid }: ControlsProps) {
  const p = useProgrammeText();
  const id = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const max = maxTextLength(step.kind);
  const length = codePoints(text.trim());
  const showCounter = length >= max * COUNTER_SHARE;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = textProblem(step.kind, text);
    setInvalid(problem !== null);
    if (problem) {
      onInvalid(p(problem));
      return;
    }
    void submit({ text: text.trim() });
  };

  return (
    <form className="step-card__form" onSubmit={onSubmit} noValidate>
      <label className="step-card__label" htmlFor={id}>
        {p('step.answerLabel')}
      </label>
      <textarea
        id={id}
        className={`field__input step-card__text${step.kind === 'JOURNAL' ? ' step-card__text--journal' : ''}`}
        rows={step.kind === 'JOURNAL' ? 8 : 3}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={showCounter ? `${id}-count` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (invalid) setInvalid(false);
        }}
      />
      {showCounter && (
        <p id={`${id}-count`} className="step-card__count" aria-live="polite">
          {length > max ? p('step.tooLong') : p('step.remaining', { count: max - length })}
        </p>
      )}
      <div className="step-card__actions">
        <SendButton busy={busy} />
      </div>
    </form>
  );
}

function SingleChoice({ step, busy, submit }: ControlsProps) {
  return (
    <div className="step-card__choices" role="group" aria-label={step.module || undefined}>
      {(step.options ?? []).map((option) => (
        <button
          key={option.id}
          type="button"
          className="button button--secondary step-card__choice"
          aria-disabled={busy || undefined}
          onClick={() => void submit({ option: option.id })}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

function MultipleChoice({ step, busy, submit, onInvalid }: ControlsProps) {
  const p = useProgrammeText();
  const [chosen, setChosen] = useState<string[]>([]);
  const options = step.options ?? [];

  const toggle = (id: string, on: boolean) => {
    setChosen((current) => (on ? [...current.filter((c) => c !== id), id] : current.filter((c) => c !== id)));
    onInvalid(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      onInvalid(p('step.chooseAtLeastOne'));
      return;
    }
    // In the order the options are shown.
    void submit({ options: options.filter((o) => chosen.includes(o.id)).map((o) => o.id) });
  };

  return (
    <form className="step-card__form" onSubmit={onSubmit} noValidate>
      <fieldset className="step-card__fieldset">
        <legend className="visually-hidden">{p('step.answerLabel')}</legend>
        {options.map((option) => (
          <label key={option.id} className="step-card__option">
            <input type="checkbox" checked={chosen.includes(option.id)} onChange={(event) => toggle(option.id, event.target.checked)} />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <div className="step-card__actions">
        <SendButton busy={busy} />
      </div>
    </form>
  );
}

function ScaleControls({ step, busy, submit }: ControlsProps) {
  const p = useProgrammeText();
  const id = useId();
  const scale = step.scale ?? { min: 1, max: 10, minLabel: '', maxLabel: '' };
  const [value, setValue] = useState(Math.round((scale.min + scale.max) / 2));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit({ value });
  };

  const valueText = [String(value), value === scale.min ? scale.minLabel : value === scale.max ? scale.maxLabel : '']
    .filter(Boolean)
    .join(', ');

  return (
    <form className="step-card__form" onSubmit={onSubmit}>
      <label className="step-card__label" htmlFor={id}>
        {p('step.answerLabel')}
      </label>
      <div className="scale">
        <input
          id={id}
          type="range"
          className="scale__input"
          min={scale.min}
          max={scale.max}
          step={1}
          value={value}
          aria-valuetext={valueText}
          aria-describedby={`${id}-ends`}
          onChange={(event) => setValue(Number(event.target.value))}
        />
        <div className="scale__ends" id={`${id}-ends`}>
          <span>
            {scale.min} {scale.minLabel && `· ${scale.minLabel}`}
          </span>
          <span>
            {scale.max} {scale.maxLabel && `· ${scale.maxLabel}`}
          </span>
        </div>
        <output className="scale__value" htmlFor={id} aria-live="polite">
          {p('step.scaleValue', { value })}
        </output>
      </div>
      <div className="step-card__actions">
        <SendButton busy={busy} />
      </div>
    </form>
  );
}

type TimerPhase = 'idle' | 'running' | 'paused' | 'finished';

function TimerControls({ step, busy, submit }: ControlsProps) {
  const p = useProgrammeText();
  const seconds = Math.max(1, step.timer?.seconds ?? 60);
  const [phase, setPhase] = useState<TimerPhase>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const elapsedRef = useRef(0);

  useEffect(() => {
    if (phase !== 'running') return undefined;
    const timer = setInterval(() => {
      elapsedRef.current += 1;
      setElapsed(elapsedRef.current);
      if (elapsedRef.current >= seconds) {
        setPhase('finished');
        setAnnouncement(p('step.timerFinished'));
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [phase, seconds, p]);

  const left = Math.max(0, seconds - elapsed);
  const finish = (completed: boolean) => {
    if (phase === 'running') setPhase('paused');
    void submit({ completed, secondsSpent: elapsedRef.current });
  };

  return (
    <div className="timer">
      <p className="timer__clock" role="timer" aria-label={p('step.timerLabel')}>
        {formatSeconds(left)}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {phase === 'finished' && <p className="timer__finished">{p('step.timerFinished')}</p>}
      <div className="step-card__actions">
        {phase === 'idle' && (
          <button type="button" className="button" onClick={() => setPhase('running')}>
            {p('step.timerStart')}
          </button>
        )}
        {phase === 'running' && (
          <button type="button" className="button button--secondary" onClick={() => setPhase('paused')}>
            {p('step.timerPause')}
          </button>
        )}
        {phase === 'paused' && (
          <button type="button" className="button" onClick={() => setPhase('running')}>
            {p('step.timerResume')}
          </button>
        )}
        {phase === 'finished' && (
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => finish(true)}>
            {p('step.timerDone')}
          </button>
        )}
        {(phase === 'running' || phase === 'paused') && (
          <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => finish(false)}>
            {p('step.timerStop')}
          </button>
        )}
      </div>
    </div>
  );
}

function QuestionnaireControls({ step, busy, submit, onInvalid }: ControlsProps) {
  const p = useProgrammeText();
  const name = useId();
  const questionnaire = step.questionnaire ?? { id: '', name: '', instructions: '', items: [], options: [] };
  const [values, setValues] = useState<Record<string, number>>({});
  const open = questionnaire.items.filter((item) => values[item.id] === undefined).length;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (open > 0) {
      onInvalid(p('step.answerAll', { count: open }));
      return;
    }
    void submit({ items: questionnaire.items.map((item) => values[item.id] ?? 0) });
  };

  return (
    <form className="step-card__form" onSubmit={onSubmit} noValidate>
      {questionnaire.instructions && <p className="step-card__instructions">{questionnaire.instructions}</p>}
      <ol className="questionnaire">
        {questionnaire.items.map((item, index) => (
          <li key={item.id}>
            <fieldset className="step-card__fieldset questionnaire__item">
              <legend>
                {index + 1}. {item.text}
              </legend>
              <div className="questionnaire__options">
                {questionnaire.options.map((option) => (
                  <label key={option.value} className="step-card__option">
                    <input
                      type="radio"
                      name={`${name}-${item.id}`}
                      value={option.value}
                      checked={values[item.id] === option.value}
                      onChange={() => {
                        setValues((current) => ({ ...current, [item.id]: option.value }));
                        onInvalid(null);
                      }}
                    />
                    <span>{option.label}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="step-card__actions">
        <SendButton busy={busy} />
      </div>
    </form>
  );
}

