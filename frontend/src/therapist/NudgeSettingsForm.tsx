import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, useErrorText } from '../app/feedback';
import { CheckboxField, TextField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../auth/problem';
import { useApiResource } from '../auth/useApiResource';
import { nudgeApi, parseSettings, SETTINGS_FIELDS, type AdaptiveSettings, type SettingsField } from './nudges';

type Draft = Omit<AdaptiveSettings, 'inactiveDays' | 'stalledDays' | 'missedCheckinDays' | 'minHoursBetween'> & {
  inactiveDays: string;
  stalledDays: string;
  missedCheckinDays: string;
  minHoursBetween: string;
};

function toDraft(settings: AdaptiveSettings): Draft {
  return {
    ...settings,
    inactiveDays: String(settings.inactiveDays),
    stalledDays: String(settings.stalledDays),
    missedCheckinDays: String(settings.missedCheckinDays),
    minHoursBetween: String(settings.minHoursBetween),
  };
}

/** A number as typed; what is not a whole number goes to the server as it is, which names the field. */
function whole(value: string): number | string {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}

/** The fields the server named in a refused `PUT` (`nudge.invalid-settings`). */
export function settingsErrors(error: unknown): SettingsField[] {
  if (!(error instanceof ApiError) || error.code !== 'nudge.invalid-settings') return [];
  return error.fieldErrors.map((e) => e.field).filter((field): field is SettingsField => (SETTINGS_FIELDS as readonly string[]).includes(field));
}

/** Adaptive nudges for one client: on or off, send or suggest, when, and how often at most. */
export function NudgeSettingsForm({ clientId, name }: { clientId: string; name: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const resource = useApiResource<unknown>(nudgeApi.settings(clientId));
  const loaded = resource.data === null ? null : parseSettings(resource.data);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalid, setInvalid] = useState<SettingsField[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (loaded && draft === null) setDraft(toDraft(loaded));
  }, [loaded, draft]);

  if (draft === null) {
    if (resource.status === 'error') return <ErrorNotice error={resource.error} onRetry={resource.reload} />;
    return <Loading />;
  }

  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
    setInvalid((fields) => fields.filter((field) => !(field in next)));
  };

  const errorFor = (field: SettingsField): string | undefined => {
    if (!invalid.includes(field)) return undefined;
    if (field === 'minHoursBetween') return t('nudge.settings.errors.hours');
    if (field === 'quietStart' || field === 'quietEnd') return t('nudge.settings.errors.time');
    return t('nudge.settings.errors.days');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setFailure(null);
    setInvalid([]);
    try {
      const body = {
        enabled: draft.enabled,
        mode: draft.mode,
        inactiveDays: whole(draft.inactiveDays),
        stalledDays: whole(draft.stalledDays),
        missedCheckinDays: whole(draft.missedCheckinDays),
        quietStart: draft.quietStart,
        quietEnd: draft.quietEnd,
        minHoursBetween: whole(draft.minHoursBetween),
      };
      const answer = parseSettings(await api.request<unknown>(nudgeApi.settings(clientId), { method: 'PUT', body }));
      if (answer) setDraft(toDraft(answer));
      setSaved(true);
    } catch (error) {
      const fields = settingsErrors(error);
      if (fields.length > 0) setInvalid(fields);
      else setFailure(error);
      summary.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const number = (field: 'inactiveDays' | 'stalledDays' | 'missedCheckinDays' | 'minHoursBetween', min: number, max: number) => (
    <TextField
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      label={t(`nudge.settings.${field}`)}
      hint={t(field === 'minHoursBetween' ? 'nudge.settings.hoursHint' : 'nudge.settings.daysHint', { min, max })}
      value={draft[field]}
      error={errorFor(field)}
      onChange={(event) => change({ [field]: event.target.value })}
    />
  );

  return (
    <form className="form nudge-settings" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
      <div ref={summary} tabIndex={-1} className="form-summary">
        {invalid.length > 0 && (
          <div className="notice notice--error" role="alert">
            <p>{t('form.checkFields', { count: invalid.length })}</p>
          </div>
        )}
        {failure !== null && (
          <div className="notice notice--error" role="alert">
            <p>{errorText(failure)}</p>
          </div>
        )}
      </div>
      <CheckboxField label={t('nudge.settings.enabled', { name })} checked={draft.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
      <fieldset className="choice-group">
        <legend className="field__label">{t('nudge.settings.mode')}</legend>
        <div className="choice-row">
          {(['SUGGEST', 'SEND'] as const).map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" name={`mode-${clientId}`} checked={draft.mode === mode} onChange={() => change({ mode })} />
              <span>{t(`nudge.settings.modes.${mode}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="settings-grid">
        {number('inactiveDays', 1, 30)}
        {number('stalledDays', 1, 30)}
        {number('missedCheckinDays', 1, 30)}
        {number('minHoursBetween', 12, 336)}
        <TextField
          type="time"
          label={t('nudge.settings.quietStart')}
          hint={t('nudge.settings.quietHint', { name })}
          value={draft.quietStart}
          error={errorFor('quietStart')}
          onChange={(event) => change({ quietStart: event.target.value })}
        />
        <TextField
          type="time"
          label={t('nudge.settings.quietEnd')}
          hint={t('nudge.settings.quietHint', { name })}
          value={draft.quietEnd}
          error={errorFor('quietEnd')}
          onChange={(event) => change({ quietEnd: event.target.value })}
        />
      </div>
      <div className="live" role="status">
        {saved && <p className="notice notice--success">{t('nudge.settings.saved')}</p>}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {t('nudge.settings.save')}
        </button>
      </div>
    </form>
  );
}
