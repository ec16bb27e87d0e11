import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  /** Shown between the control and the error, e.g. a character counter (id `<id>-after`). */
  after?: ReactNode | undefined;
  children: ReactNode;
}

function describedBy(id: string, hint: unknown, error: unknown, after?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, after ? `${id}-after` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Label, control, hint and error message, in that reading order. */
/** A field's error under it, marked with a "!" that screen readers skip; `id` is what the field's aria-describedby names. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field__error" id={id}>
      <span aria-hidden="true">! </span>
      {children}
    </p>
  );
}

function FieldShell({ id, label, hint, error, after, children }: FieldShellProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {after}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className' | 'aria-invalid' | 'aria-describedby'>;

interface TextAreaFieldProps extends TextAreaProps {
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  /**
   * Rendered after the text area and read with it (e.g. a character counter); give it
   * the id `<id>-after`.
   */
  after?: ReactNode | undefined;
  id?: string;
  textAreaRef?: Ref<HTMLTextAreaElement>;
}

/** A multi-line text field with label, hint, an optional counter and an error. */
export function TextAreaField({ label, hint, error, after, id: givenId, textAreaRef, rows = 3, ...textarea }: TextAreaFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} after={after}>
      <textarea
        {...textarea}
        ref={textAreaRef}
        id={id}
        rows={rows}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, after)}
      />
    </FieldShell>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'aria-invalid' | 'aria-describedby'>;

interface TextFieldProps extends InputProps {
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  id?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, id: givenId, inputRef, type = 'text', ...input }: TextFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        {...input}
        ref={inputRef}
        id={id}
        type={type}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldShell>
  );
}

/** A password input with a show/hide button (hidden by default). */
export function PasswordField({ label, hint, error, id: givenId, inputRef, ...input }: TextFieldProps) {
  const { t } = useTranslation();
  const generated = useId();
  const id = givenId ?? generated;
  const [visible, setVisible] = useState(false);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <div className="password">
        <input
          {...input}
          ref={inputRef}
          id={id}
          type={visible ? 'text' : 'password'}
          className="field__input password__input"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        {/* The label says what a press will do; the state is in the label, not in aria-pressed. */}
        <button type="button" className="password__toggle" aria-controls={id} onClick={() => setVisible((shown) => !shown)}>
          {visible ? t('password.hide') : t('password.show')}{' '}
          <span className="visually-hidden">{t('password.what')}</span>
        </button>
      </div>
    </FieldShell>
  );
}

interface CheckboxFieldProps extends Omit<InputProps, 'type'> {
  label: ReactNode;
  error?: string | undefined;
  id?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function CheckboxField({ label, error, id: givenId, inputRef, ...input }: CheckboxFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <div className="checkbox">
        <input
          {...input}
          ref={inputRef}
          id={id}
          type="checkbox"
          className="checkbox__input"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> {
  label: ReactNode;
  error?: string | undefined;
  id?: string;
  children: ReactNode;
  /** Keeps the label for screen readers only (e.g. inside a table row). */
  hideLabel?: boolean;
}

export function SelectField({ label, error, id: givenId, children, hideLabel = false, ...select }: SelectFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className={hideLabel ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      <select
        {...select}
        id={id}
        className="field__input field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {children}
      </select>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

interface RadioGroupFieldProps<T extends string> {
  /** The radios' shared name (unique on the page). */
  name: string;
  legend: ReactNode;
  hint?: ReactNode | undefined;
  options: readonly { value: T; label: ReactNode }[];
  /** The chosen value; null while nothing is chosen. */
  value: T | null;
  error?: string | undefined;
  onChange: (value: T) => void;
  /** The first radio, e.g. to put focus on it when the form opens. */
  firstRef?: Ref<HTMLInputElement>;
}

/** A required choice of one option: a fieldset with its legend, the radios, a hint and an error. */
export function RadioGroupField<T extends string>({ name, legend, hint, options, value, error, onChange, firstRef }: RadioGroupFieldProps<T>) {
  const id = useId();
  return (
    <fieldset
      role="radiogroup"
      className={`field radio-group${error ? ' field--invalid' : ''}`}
      aria-labelledby={`${id}-legend`}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      aria-required="true"
    >
      <legend id={`${id}-legend`} className="field__label radio-group__legend">
        {legend}
      </legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="radio-group__options">
        {options.map((option, index) => (
          <div key={option.value} className="checkbox radio-group__option">
            <input
              ref={index === 0 ? firstRef : undefined}
              id={`${id}-${index}`}
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              className="checkbox__input"
              onChange={() => onChange(option.value)}
            />
            <label className="checkbox__label radio-group__label" htmlFor={`${id}-${index}`}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </fieldset>
  );
}
