import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../app/feedback';
import { FieldError, SelectField, TextAreaField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../auth/problem';
import { characterCount } from '../chat/chatStore';
import { isPast, MAX_NUDGE, nextFullHour, nudgeApi, parseNudge, sendAtValue, type LocalDateTime, type Nudge, type Template } from './nudges';

type When = 'now' | 'later';

interface ComposerErrors {
  text?: string;
  sendAt?: string;
}

interface NudgeComposerProps {
  clientId: string;
  name: string;
  /** The client's time zone (IANA), or null while unknown. */
  timezone: string | null;
  templates: Template[];
  onCreated: (nudge: Nudge) => void;
  /** For tests: the current time. */
  now?: () => Date;
}

/**
 * Writes a nudge (or takes a template) and sends it now or at a planned moment in the
 * client's local time; the server refuses a moment that has passed there.
 */
export function NudgeComposer({ clientId, name, timezone, templates, onCreated, now = () => new Date() }: NudgeComposerProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const textId = useId();
  const [text, setText] = useState('');
  const [when, setWhen] = useState<When>('now');
  const [local, setLocal] = useState<LocalDateTime>({ date: '', time: '' });
  const [errors, setErrors] = useState<ComposerErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const dateField = useRef<HTMLInputElement>(null);
  const zone = timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const length = characterCount(text.trim());

  const chooseWhen = (value: When) => {
    setWhen(value);
    setErrors((current) => ({ ...(current.text ? { text: current.text } : {}) }));
    if (value === 'later' && (!local.date || !local.time)) setLocal(nextFullHour(now(), zone));
  };

  const changeMoment = (change: Partial<LocalDateTime>) => {
    setLocal((current) => ({ ...current, ...change }));
    setErrors((current) => ({ ...(current.text ? { text: current.text } : {}) }));
  };

  const validate = (): ComposerErrors => {
    const found: ComposerErrors = {};
    if (length === 0) found.text = t('nudge.errors.textEmpty');
    else if (length > MAX_NUDGE) found.text = t('nudge.errors.textTooLong', { max: MAX_NUDGE });
    if (when === 'later') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(local.date) || !/^\d{2}:\d{2}$/.test(local.time)) found.sendAt = t('nudge.errors.sendAtMissing');
      else if (isPast(local, now(), zone)) found.sendAt = t('nudge.errors.inThePast', { name });
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (found.text) return field.current?.focus();
    if (found.sendAt) return dateField.current?.focus();
    setBusy(true);
    try {
      const body = { text: text.trim(), ...(when === 'later' ? { sendAt: sendAtValue(local) } : {}) };
      const created = parseNudge(await api.request<unknown>(nudgeApi.ofClient(clientId), { method: 'POST', body }));
      setText('');
      setWhen('now');
      setLocal({ date: '', time: '' });
      if (created) onCreated(created);
    } catch (error) {
      const problem = problemText(error);
      if (problem) {
        setErrors(problem);
        if (problem.text) field.current?.focus();
        else dateField.current?.focus();
      } else {
        setFormError(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  /** Field errors the server gave (by code, and by field for `nudge.invalid`). */
  const problemText = (error: unknown): ComposerErrors | null => {
    if (!(error instanceof ApiError) || error.status !== 400) return null;
    if (error.code === 'nudge.in-the-past') return { sendAt: t('nudge.errors.inThePast', { name }) };
    if (error.code === 'nudge.too-far-ahead') return { sendAt: t('nudge.errors.tooFarAhead') };
    if (error.code !== 'nudge.invalid') return null;
    const fields = error.fieldErrors.map((e) => e.field);
    if (fields.includes('sendAt')) return { sendAt: t('nudge.errors.sendAtInvalid') };
    return { text: t('nudge.errors.textInvalid', { max: MAX_NUDGE }) };
  };

  return (
    <form className="form nudge-composer" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
      {templates.length > 0 && (
        <SelectField
          label={t('nudge.template')}
          value=""
          onChange={(event) => {
            const chosen = templates.find((template) => template.id === event.target.value);
            if (chosen) {
              setText(chosen.text);
              setErrors((current) => ({ ...(current.sendAt ? { sendAt: current.sendAt } : {}) }));
            }
          }}
        >
          <option value="">{t('nudge.templateChoose')}</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.title}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField
        id={textId}
        textAreaRef={field}
        label={t('nudge.text', { name })}
        hint={t('nudge.textHint')}
        value={text}
        error={errors.text}
        after={
          <p id={`${textId}-after`} className={`note-count${length > MAX_NUDGE ? ' note-count--over' : ''}`}>
            {t('checkin.noteCount', { count: length, max: MAX_NUDGE })}
          </p>
        }
        onChange={(event) => {
          setText(event.target.value);
          setErrors((current) => ({ ...(current.sendAt ? { sendAt: current.sendAt } : {}) }));
        }}
      />

      <fieldset className="choice-group nudge-when">
        <legend className="field__label">{t('nudge.when')}</legend>
        <div className="choice-row">
          <label className="choice">
            <input type="radio" name={`${textId}-when`} checked={when === 'now'} onChange={() => chooseWhen('now')} />
            <span>{t('nudge.now')}</span>
          </label>
          <label className="choice">
            <input type="radio" name={`${textId}-when`} checked={when === 'later'} onChange={() => chooseWhen('later')} />
            <span>{t('nudge.later')}</span>
          </label>
        </div>
        {when === 'later' && (
          <div className="nudge-when__moment">
            <p className="field__hint nudge-when__zone" id={`${textId}-zone`} data-timezone={zone}>
              {timezone ? t('nudge.zone', { name, timezone }) : t('nudge.zoneUnknown', { name, timezone: zone })}
            </p>
            <div className="nudge-when__fields">
              <div className="field">
                <label className="field__label" htmlFor={`${textId}-date`}>
                  {t('nudge.date', { name })}
                </label>
                <input
                  ref={dateField}
                  id={`${textId}-date`}
                  type="date"
                  className="field__input"
                  value={local.date}
                  aria-invalid={errors.sendAt ? true : undefined}
                  aria-describedby={`${textId}-zone${errors.sendAt ? ` ${textId}-when-error` : ''}`}
                  onChange={(event) => changeMoment({ date: event.target.value })}
                />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${textId}-time`}>
                  {t('nudge.time', { name })}
                </label>
                <input
                  id={`${textId}-time`}
                  type="time"
                  className="field__input"
                  value={local.time}
                  aria-invalid={errors.sendAt ? true : undefined}
                  aria-describedby={`${textId}-zone${errors.sendAt ? ` ${textId}-when-error` : ''}`}
                  onChange={(event) => changeMoment({ time: event.target.value })}
                />
              </div>
            </div>
            {errors.sendAt && <FieldError id={`${textId}-when-error`}>{errors.sendAt}</FieldError>}
          </div>
        )}
      </fieldset>

      {formError && (
        <div className="notice notice--error" role="alert">
          <p>{formError}</p>
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {when === 'now' ? t('nudge.sendNow') : t('nudge.schedule')}
        </button>
      </div>
    </form>
  );
}
