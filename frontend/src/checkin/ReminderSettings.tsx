import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { CheckboxField, TextField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../auth/problem';
import { useApiResource } from '../auth/useApiResource';
import { checkinApi, parseReminder, type Reminder } from './types';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The daily reminder in the chat: on or off, and at what local time. */
export function ReminderSettings() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const resource = useApiResource<unknown>(checkinApi.reminder);
  const loaded = resource.data === null ? null : parseReminder(resource.data);
  const [form, setForm] = useState<Reminder | null>(null);
  const [timeError, setTimeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<Reminder | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded && form === null) setForm(loaded);
  }, [loaded, form]);

  if (form === null) {
    if (resource.status === 'error') return <ErrorNotice error={resource.error} onRetry={resource.reload} />;
    return <Loading />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    setFailure(null);
    if (form.enabled && !TIME.test(form.time)) {
      setTimeError(t('checkin.reminder.timeInvalid'));
      return;
    }
    setBusy(true);
    try {
      const answer = parseReminder(await api.request<unknown>(checkinApi.reminder, { method: 'PUT', body: { enabled: form.enabled, time: form.time } }));
      if (answer) {
        setForm(answer);
        setSaved(answer);
      }
    } catch (error) {
      const timeProblem = error instanceof ApiError && error.fieldErrors.some((e) => e.field === 'time');
      if (timeProblem) setTimeError(t('checkin.reminder.timeInvalid'));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form reminder-form" onSubmit={(event) => void submit(event)} noValidate>
      <CheckboxField
        label={t('checkin.reminder.enabled')}
        checked={form.enabled}
        onChange={(event) => {
          setForm({ ...form, enabled: event.target.checked });
          setSaved(null);
        }}
      />
      <TextField
        type="time"
        label={t('checkin.reminder.time')}
        hint={form.timezone ? t('checkin.reminder.timeHint', { timezone: form.timezone }) : undefined}
        value={form.time}
        error={timeError ?? undefined}
        onChange={(event) => {
          setForm({ ...form, time: event.target.value });
          setTimeError(null);
          setSaved(null);
        }}
      />
      <div className="live" role="status">
        {saved && <p className="notice notice--success">{saved.enabled ? t('checkin.reminder.savedOn', { time: saved.time }) : t('checkin.reminder.savedOff')}</p>}
      </div>
      {failure !== null && <ErrorNotice error={failure} />}
      <div className="form__actions">
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {t('checkin.reminder.save')}
        </button>
      </div>
    </form>
  );
}
