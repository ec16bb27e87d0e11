import { useId, type Ref } from 'react';
import { FieldError } from '../app/forms';
import { SCALE_MAX, SCALE_MIN } from './types';
import './checkin.css';

interface ScaleFieldProps {
  name: string;
  legend: string;
  /** What the lowest and highest number mean, e.g. "very bad" / "very good". */
  lowLabel: string;
  highLabel: string;
  value: number | null;
  onChange: (value: number) => void;
  error?: string | undefined;
  /** The first option (to put focus on the field when it is invalid). */
  inputRef?: Ref<HTMLInputElement>;
}

const NUMBERS = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, index) => SCALE_MIN + index);

/**
 * A choice from 1 to 10 as a radio group: every number visible and a large touch target;
 * arrow keys move through the numbers, as in any radio group.
 */
export function ScaleField({ name, legend, lowLabel, highLabel, value, onChange, error, inputRef }: ScaleFieldProps) {
  const id = useId();
  // The two ends say what they mean in their name ("1 (very bad)").
  const end = (number: number) => (number === SCALE_MIN ? lowLabel : number === SCALE_MAX ? highLabel : null);
  const describedBy = [`${id}-ends`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset className={`scale-field${error ? ' scale-field--invalid' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      <p className="scale-field__ends" id={`${id}-ends`}>
        <span>
          {SCALE_MIN} = {lowLabel}
        </span>
        <span>
          {SCALE_MAX} = {highLabel}
        </span>
      </p>
      <div className="scale-field__options">
        {NUMBERS.map((number) => (
          <label key={number} className="scale-option">
            <input
              ref={number === SCALE_MIN ? inputRef : undefined}
              type="radio"
              name={name}
              value={number}
              checked={value === number}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(number)}
            />
            <span className="scale-option__number">
              {end(number) ? (
                <>
                  <span aria-hidden="true">{number}</span>
                  <span className="visually-hidden">{`${number} (${end(number)})`}</span>
                </>
              ) : (
                number
              )}
            </span>
          </label>
        ))}
      </div>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </fieldset>
  );
}
